-- Chunk names: "=name" is used verbatim, "@file" as a file name, other strings as [string "..."].
print(type(load("error('e')", "=custom")))
--> function
print(pcall(load("error('e')", "=custom")))
--> false	custom:1: e
print(pcall(load("error('e')", "@some/file.lua")))
--> false	some/file.lua:1: e
print(pcall(load("error('e')", "plain source text")))
--> false	[string "plain source text"]:1: e
print(pcall(load("error('e')")))
--> false	[string "error('e')"]:1: e
print(pcall(load("\n\nerror('line 3')")))
--> false	[string "..."]:3: line 3
print(load("x = ", "=short"))
--> nil	short:1: unexpected symbol near <eof>
print(load("return 1 +\n\n", "@multi.lua"))
--> nil	multi.lua:3: unexpected symbol near <eof>
print(load("x=", "a very long chunk name that will certainly be truncated somewhere in the middle"))
--> nil	[string "a very long chunk name that will certainly be..."]:1: unexpected symbol near <eof>
print(load("\nfirst line empty then =", nil))
--> nil	[string "..."]:2: syntax error near 'line'
print(load("local s = 'line one'\nx = = 2"))
--> nil	[string "local s = 'line one'..."]:2: unexpected symbol near '='
local long = ""
for _ = 1, 100 do long = long .. "a" end
print(pcall(load("error('e')", "=" .. long)))
--> false	aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa:1: e
print(pcall(load("error('e')", "@" .. long)))
--> false	...aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa:1: e
