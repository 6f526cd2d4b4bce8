-- Identifiers and keywords: keywords are reserved as names but fine as string keys.
local t = {}
t["end"] = 1; t["while"] = 2; t["nil"] = 3
print(t["end"], t["while"], t["nil"])
--> 1	2	3
local _ = 1; local _x1, __, A_b = 2, 3, 4
print(_, _x1, __, A_b)
--> 1	2	3	4
local And, NIL, True = "And", "NIL", "True"
print(And, NIL, True)
--> And	NIL	True
print(load("local end = 1"))
--> nil	[string "local end = 1"]:1: <name> expected near 'end'
print(load("t.end = 1"))
--> nil	[string "t.end = 1"]:1: <name> expected near 'end'
print(load("local goto = 1"))
--> nil	[string "local goto = 1"]:1: <name> expected near 'goto'
print(load("return t.goto"))
--> nil	[string "return t.goto"]:1: <name> expected near 'goto'
print(load("local é = 1"))
--> nil	[string "local é = 1"]:1: <name> expected near '<\195>'
local function f(local_, end_) return local_ + end_ end
print(f(1, 2))
--> 3
