-- coroutine.close reports an error raised by a __close metamethod.
local co = coroutine.create(function()
  local x <close> = setmetatable({}, {__close = function() error("close failed", 0) end})
  coroutine.yield()
end)
coroutine.resume(co)
print(coroutine.close(co))
--> false	close failed
print(coroutine.status(co))
--> dead
