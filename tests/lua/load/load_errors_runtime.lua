-- Runtime errors inside loaded chunks carry the chunk name and line.
local f = load("local t = nil\nreturn t.x", "=loaded")
print(pcall(f))
--> false	loaded:2: attempt to index a nil value (local 't')
local g = load("return 1 + {}", "@virtual.lua")
print(pcall(g))
--> false	virtual.lua:1: attempt to perform arithmetic on a table value
local h = load("error('custom', 1)", "code")
print(pcall(h))
--> false	[string "code"]:1: custom
