-- Multiple values, nils and counts pass intact through resume/yield/return.
local co = coroutine.create(function(...)
  print("start", select("#", ...), ...)
  local n = select("#", coroutine.yield(nil, nil, 3))
  print("resumed with", n)
  return nil, nil
end)
local function count(...) return select("#", ...), ... end
print(count(coroutine.resume(co, nil, 2, nil)))
--> start	3	nil	2	nil
--> 4	true	nil	nil	3
print(count(coroutine.resume(co, 1, nil, nil, nil)))
--> resumed with	4
--> 3	true	nil	nil
local w = coroutine.wrap(function() coroutine.yield() return end)
print(select("#", w()), select("#", w()))
--> 0	0
