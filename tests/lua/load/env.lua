-- load's env argument becomes the chunk's _ENV: globals resolve in it.
local env = {y = 5}
local f = load("x = 1; return y", "chunk", "t", env)
print(f(), env.x, x)
--> 5	1	nil
local sandbox = load("return print", "c", "t", {})
print(sandbox())
--> nil
local g = load("return undefined_thing.field", "=sandboxed", "t", {})
print(pcall(g))
--> false	sandboxed:1: attempt to index a nil value (global 'undefined_thing')
local h = load("x = 1", "=nilenv", "t", nil)
print(pcall(h))
--> false	nilenv:1: attempt to index a nil value (upvalue '_ENV')
local shared = {counter = 0}
local inc = load("counter = counter + 1; return counter", "inc", "t", shared)
inc(); inc()
print(shared.counter, inc())
--> 2	3
local t = setmetatable({}, {__index = _G})
load("newvar = 'in t'; print(type(print))", "c", "t", t)()
--> function
print(t.newvar, newvar)
--> in t	nil
