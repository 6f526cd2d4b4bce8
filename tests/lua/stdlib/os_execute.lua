-- os.execute: results of system(); the command writes to our stdout directly, so pending
-- output is flushed first (C's system() does not flush either)
print(os.execute())
print(os.execute("exit 0"))
print(os.execute("exit 5"))
io.stdout:flush()
print(os.execute("echo from the shell"))
print(os.execute("kill -9 $$"))
print(os.execute("true", "ignored"))
print(pcall(os.execute, {}))
local p = io.popen("echo hi; exit 2")
print(p:read("a"), p:close())
p = io.popen("cat", "w")
print(p:write("through cat\n") == p)
io.stdout:flush()
print(p:close())

--> true
--> true	exit	0
--> nil	exit	5
--> from the shell
--> true	exit	0
--> nil	signal	9
--> true	exit	0
--> false	bad argument #1 to 'os.execute' (string expected, got table)
--> hi
--> 	nil	exit	2
--> true
--> through cat
--> true	exit	0
