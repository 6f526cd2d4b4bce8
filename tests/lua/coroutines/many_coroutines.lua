-- Many live coroutines at once, resumed round-robin.
--# slow (heavy under gc-stress)
-- Under gc-stress (AQUA_GC_STRESS, a full collection per allocation, each visiting every live
-- coroutine) 10000 coroutines are quadratic, so 2000 there.
local n = os.getenv("AQUA_GC_STRESS") and 2000 or 10000
local cos = {}
for i = 1, n do
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
print(total == 5 * n * (n + 1), coroutine.status(cos[1]), coroutine.status(cos[n]))
--> true	dead	dead
