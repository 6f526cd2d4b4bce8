-- Larger tables: many integer and string keys, growth and shrinking.
--# slow (skipped under gc-stress)
local t = {}
for i = 1, 200000 do t[i] = i * 2 end
local s = 0
for i = 1, #t do s = s + t[i] end
print(#t, s)
--> 200000	40000200000
local h = {}
for i = 1, 50000 do h["k" .. i] = i end
local n, sum = 0, 0
for _, v in pairs(h) do n = n + 1; sum = sum + v end
print(n, sum)
--> 50000	1250025000
for i = 1, 50000, 2 do h["k" .. i] = nil end
n = 0
for _ in pairs(h) do n = n + 1 end
print(n, h.k2, h.k3)
--> 25000	2	nil
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
