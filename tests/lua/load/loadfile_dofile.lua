-- loadfile and dofile on files (paths relative to the repository root).
local f = loadfile("tests/lua/load/fixtures/chunk.txt")
print(type(f))
--> function
print(f("A", "B"))
--> from chunk	A	B	1
print(dofile("tests/lua/load/fixtures/chunk.txt"))
--> from chunk	nil	nil	2
print(counter)
--> 2
print(loadfile("tests/lua/load/fixtures/bad_syntax.txt"))
--> nil	tests/lua/load/fixtures/bad_syntax.txt:3: unexpected symbol near '='
print(loadfile("tests/lua/load/fixtures/no_such_file.txt"))
--> nil	cannot open tests/lua/load/fixtures/no_such_file.txt: No such file or directory
print(pcall(dofile, "tests/lua/load/fixtures/runtime_error.txt"))
--> false	tests/lua/load/fixtures/runtime_error.txt:3: attempt to index a nil value (local 't')
print(pcall(dofile, "tests/lua/load/fixtures/bad_syntax.txt"))
--> false	tests/lua/load/fixtures/bad_syntax.txt:3: unexpected symbol near '='
local env = {}
local g = loadfile("tests/lua/load/fixtures/chunk.txt", "t", env)
print(g(1, 2))
--> from chunk	1	2	1
print(env.counter, counter)
--> 1	2
print(loadfile("tests/lua/load/fixtures/chunk.txt", "b"))
--> nil	attempt to load a text chunk (mode is 'b')
