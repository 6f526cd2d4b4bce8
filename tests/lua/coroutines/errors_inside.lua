-- Errors inside coroutines: resume returns false and the error; the coroutine is dead.
local co = coroutine.create(function() local x = nil; return x.field end)
print(coroutine.resume(co))
--> false	tests/lua/coroutines/errors_inside.lua:2: attempt to index a nil value (local 'x')
print(coroutine.status(co))
--> dead
print(coroutine.resume(co))
--> false	cannot resume dead coroutine
local tco = coroutine.create(function() error(setmetatable({}, {__tostring = function() return "custom" end})) end)
local ok, e = coroutine.resume(tco)
print(ok, tostring(e))
--> false	custom
local lco = coroutine.create(function() error("with level 2", 2) end)
print(coroutine.resume(lco))
--> false	with level 2
local nco = coroutine.create(function() error() end)
print(coroutine.resume(nco))
--> false	nil
print(pcall(coroutine.yield, 1))
--> false	attempt to yield from outside a coroutine
print(select("#", coroutine.resume(coroutine.create(function() error(nil) end))))
--> 2
