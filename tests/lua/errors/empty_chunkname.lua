-- An empty chunk name is a name: positions and short_src show [string ""].
print(pcall(load("error('x')", "")))
--> false	[string ""]:1: x
local f = load("return debug.getinfo(1, 'S')", "")
local i = f()
print(i.source == "", i.short_src)
--> true	[string ""]
print(pcall(load("local t = nil; return t.x", "")))
--> false	[string ""]:1: attempt to index a nil value (local 't')
