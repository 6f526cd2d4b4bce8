-- A bank-queue simulation with a deterministic linear congruential generator.
local seed = 12345
local function rand(n)
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed % n
end
local queue, head, tail = {}, 1, 0
local served, waited, maxlen = 0, 0, 0
for tick = 1, 10000 do
  if rand(10) < 4 then tail = tail + 1; queue[tail] = tick end
  if rand(10) < 4 and head <= tail then
    waited = waited + (tick - queue[head])
    queue[head] = nil
    head = head + 1
    served = served + 1
  end
  if tail - head + 1 > maxlen then maxlen = tail - head + 1 end
end
print(served, waited, maxlen, tail - head + 1)
--> 3932	267679	71	44
