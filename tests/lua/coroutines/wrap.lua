-- coroutine.wrap: a function that resumes; errors propagate to the caller.
local gen = coroutine.wrap(function(n)
  for i = 1, n do coroutine.yield(i) end
  return "finished"
end)
print(gen(3), gen(), gen(), gen())
--> 1	2	3	finished
print(pcall(gen))
--> false	cannot resume dead coroutine
local failing = coroutine.wrap(function() error("inside wrap") end)
print(pcall(failing))
--> false	tests/lua/coroutines/wrap.lua:10: inside wrap
local failing_table = coroutine.wrap(function() error({code = 7}) end)
local ok, e = pcall(failing_table)
print(ok, type(e), e.code)
--> false	table	7
local nested = coroutine.wrap(function()
  local inner = coroutine.wrap(function() coroutine.yield("inner1"); coroutine.yield("inner2") end)
  coroutine.yield(inner())
  coroutine.yield(inner())
end)
print(nested(), nested())
--> inner1	inner2
