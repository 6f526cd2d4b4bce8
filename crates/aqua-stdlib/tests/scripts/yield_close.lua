-- lua 5.4 lets a __close metamethod yield
local co = coroutine.wrap(function()
  do local c <close> = setmetatable({}, {__close = function() coroutine.yield("close") end}) end
  return "done"
end)
print(co())
print(co())
