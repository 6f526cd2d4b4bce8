-- To-be-closed variables in coroutines: closed at normal end, by coroutine.close, on error.
local function closer(name)
  return setmetatable({}, {__close = function(_, err) print("close", name, err) end})
end
local co = coroutine.create(function()
  local a <close> = closer("co-a")
  coroutine.yield(1)
  return "done"
end)
print(coroutine.resume(co))
--> true	1
print(coroutine.resume(co))
--> close	co-a	nil
--> true	done
local co2 = coroutine.create(function()
  local a <close> = closer("co2-a")
  local b <close> = closer("co2-b")
  coroutine.yield()
end)
coroutine.resume(co2)
print(coroutine.status(co2))
--> suspended
print(coroutine.close(co2), coroutine.status(co2))
--> close	co2-b	nil
--> close	co2-a	nil
--> true	dead
local co3 = coroutine.create(function()
  local a <close> = closer("co3-a")
  error("co3 failed", 0)
end)
print(coroutine.resume(co3))
--> false	co3 failed
-- after an error the variables stay pending until coroutine.close
print(coroutine.close(co3))
--> close	co3-a	co3 failed
--> false	co3 failed
local co4 = coroutine.wrap(function()
  local a <close> = closer("wrapped")
  coroutine.yield("y")
end)
print(co4())
--> y
print(co4())
--> close	wrapped	nil
-->
