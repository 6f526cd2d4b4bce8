-- Yield from deep inside nested Lua calls in a coroutine; the whole stack is kept.
local function dive(n)
  if n == 0 then return coroutine.yield("bottom") end
  return 1 + dive(n - 1)
end
local co = coroutine.create(function() return dive(10000) end)
print(coroutine.resume(co))
--> true	bottom
print(coroutine.resume(co, 5))
--> true	10005
local rec = coroutine.wrap(function()
  local function walk(n) if n > 0 then coroutine.yield(n); walk(n - 1) end end
  walk(5)
end)
for _ = 1, 5 do io_line = (io_line or "") .. rec() .. " " end
print(io_line)
--> 5 4 3 2 1 
