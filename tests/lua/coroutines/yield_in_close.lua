-- A __close metamethod may yield (5.4.3+): the coroutine suspends while closing and resumes there.
local co = coroutine.wrap(function()
  local x <close> = setmetatable({}, {__close = function()
    print("closing, yielding")
    coroutine.yield("from close")
    print("close resumed")
  end})
  return "body done"
end)
print(co())
--> closing, yielding
--> from close
print(co())
--> close resumed
--> body done
local co2 = coroutine.create(function()
  do
    local y <close> = setmetatable({}, {__close = function(_, e) coroutine.yield("yield in close after " .. tostring(e)) end})
    error("err", 0)
  end
end)
print(coroutine.resume(co2))
--> false	err
print(coroutine.resume(co2))
--> false	cannot resume dead coroutine
print(coroutine.status(co2))
--> dead
