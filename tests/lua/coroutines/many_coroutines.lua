-- Many live coroutines at once, resumed round-robin.
--# slow (skipped under gc-stress)
local cos = {}
for i = 1, 10000 do
  cos[i] = coroutine.create(function(a)
    local s = a
    for k = 1, 3 do s = s + coroutine.yield(s) end
    return s
  end)
end
local total = 0
for round = 1, 4 do
  for i = 1, #cos do
    local ok, v = coroutine.resume(cos[i], i)
    total = total + v
  end
end
print(total, coroutine.status(cos[1]), coroutine.status(cos[10000]))
--> 500050000	dead	dead
