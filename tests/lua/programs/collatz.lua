-- Longest Collatz chain under 100000 (integer arithmetic in tight loops, with a cache).
--# slow (heavy under gc-stress)
local cache = {[1] = 1}
local function len(n)
  local steps, m = 0, n
  local path = {}
  while not cache[m] do
    path[#path + 1] = m
    if m % 2 == 0 then m = m // 2 else m = 3 * m + 1 end
  end
  local base = cache[m]
  for i = #path, 1, -1 do base = base + 1; cache[path[i]] = base end
  return cache[n]
end
local best, arg = 0, 0
for i = 1, 100000 do
  local l = len(i)
  if l > best then best, arg = l, i end
end
print(arg, best)
--> 77031	351
