-- Local attributes: <const> and <close>; errors for misuse are compile-time errors.
local x <const> = 10
local y <const>, z = 20, 30
print(x, y, z)
--> 10	20	30
z = 31
print(z)
--> 31
print(load("local a <const> = 1; a = 2"))
--> nil	[string "local a <const> = 1; a = 2"]:1: attempt to assign to const variable 'a'
print(load("local a <const> = 1; return function() a = 2 end"))
--> nil	[string "local a <const> = 1; return function() a = 2 ..."]:1: attempt to assign to const variable 'a'
print(load("local a <foo> = 1"))
--> nil	[string "local a <foo> = 1"]:1: unknown attribute 'foo'
print(load("local a <close>, b <close> = 1, 2"))
--> nil	[string "local a <close>, b <close> = 1, 2"]:1: multiple to-be-closed variables in local list
print(load("local a <close> = nil; a = 1"))
--> nil	[string "local a <close> = nil; a = 1"]:1: attempt to assign to const variable 'a'
local k <const> = "constant string"
local function f() return k end
print(f())
--> constant string
local t <const> = {}
t.field = "tables stay mutable"
print(t.field)
--> tables stay mutable
