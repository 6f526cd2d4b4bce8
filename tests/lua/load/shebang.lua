-- loadfile/dofile skip a first line starting with '#'; load() of a string does not.
print(dofile("tests/lua/load/fixtures/shebang.txt"))
--> the first line was skipped
print(load("#!/usr/bin/lua\nreturn 1"))
--> nil	[string "#!/usr/bin/lua..."]:1: unexpected symbol near '#'
print(load("\n#\nreturn 1"))
--> nil	[string "..."]:2: unexpected symbol near '#'
