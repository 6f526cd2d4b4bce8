-- Yield from a metamethod called inside pcall inside another metamethod inside a coroutine.
local inner = setmetatable({}, {__index = function(_, k) return coroutine.yield("inner " .. k) end})
local outer = setmetatable({}, {__call = function(self, k)
  local ok, v = pcall(function() return inner[k] .. "!" end)
  return ok, v
end})
local co = coroutine.wrap(function() return outer("key") end)
print(co())
--> inner key
print(co("resumed"))
--> true	resumed!
