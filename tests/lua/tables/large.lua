-- Larger tables: many integer and string keys, growth and shrinking.
--# slow (heavy under gc-stress)
local t = {}
for i = 1, 200000 do t[i] = i * 2 end
local s = 0
for i = 1, #t do s = s + t[i] end
print(#t, s)
--> 200000	40000200000
-- A new string per key: under gc-stress (AQUA_GC_STRESS, a full collection per allocation)
-- 50000 live strings are quadratic, so 6000 keys there.
local nh = os.getenv("AQUA_GC_STRESS") and 6000 or 50000
local h = {}
for i = 1, nh do h["k" .. i] = i end
local n, sum = 0, 0
for _, v in pairs(h) do n = n + 1; sum = sum + v end
print(n == nh, sum == nh * (nh + 1) // 2)
--> true	true
for i = 1, nh, 2 do h["k" .. i] = nil end
n = 0
for _ in pairs(h) do n = n + 1 end
print(n == nh // 2, h.k2, h.k3)
--> true	2	nil
local sparse = {}
for i = 1, 1000 do sparse[i * 1000] = i end
n = 0
for _ in pairs(sparse) do n = n + 1 end
print(n, sparse[500000])
--> 1000	500
local neg = {}
for i = -10, 10 do neg[i] = i end
n = 0
for _ in pairs(neg) do n = n + 1 end
print(n, neg[-10], neg[0])
--> 21	-10	0
