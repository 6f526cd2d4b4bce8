-- Coroutine ping-pong: resume/yield switches passing values.
local co = coroutine.wrap(function(x)
  while true do x = coroutine.yield(x + 1) end
end)
local v = 0
for _ = 1, 3000000 do v = co(v) end
local gen = coroutine.create(function()
  for i = 1, 1000000 do coroutine.yield(i) end
end)
local s = 0
while true do
  local ok, x = coroutine.resume(gen)
  if not x then break end
  s = s + x
end
print(v, s)
