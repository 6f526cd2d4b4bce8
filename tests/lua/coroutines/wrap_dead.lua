-- Calling a finished wrap function is an error with position information.
local w = coroutine.wrap(function() return 1 end)
print(w())
--> 1
print(pcall(w))
--> false	cannot resume dead coroutine
local e = coroutine.wrap(function() error("first error") end)
print(pcall(e))
--> false	tests/lua/coroutines/wrap_dead.lua:7: first error
print(pcall(e))
--> false	cannot resume dead coroutine
