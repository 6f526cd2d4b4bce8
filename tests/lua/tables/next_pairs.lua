-- next/pairs: iteration visits every key exactly once; order of hash keys is unspecified,
-- so keys are sorted before printing.
local function sorted_keys(t)
  local ks = {}
  for k in pairs(t) do ks[#ks + 1] = k end
  for i = 2, #ks do
    local v, j = ks[i], i - 1
    while j >= 1 and tostring(ks[j]) > tostring(v) do ks[j + 1] = ks[j]; j = j - 1 end
    ks[j + 1] = v
  end
  return ks
end
local t = {10, 20, 30, x = 1, y = 2, z = 3, [100] = "h"}
local ks = sorted_keys(t)
for _, k in ipairs(ks) do print(k, t[k]) end
--> 1	10
--> 100	h
--> 2	20
--> 3	30
--> x	1
--> y	2
--> z	3
print(next({}), next({}, nil))
--> nil	nil
local one = {only = "value"}
print(next(one))
--> only	value
print(next(one, "only"))
--> nil
print(pcall(next, one, "missing"))
--> false	invalid key to 'next'
-- assigning to existing fields during traversal is allowed; clearing them too
local m = {a = 1, b = 2, c = 3, d = 4}
for k in pairs(m) do m[k] = nil end
print(next(m))
--> nil
local n = {a = 1, b = 2, c = 3}
for k, v in pairs(n) do n[k] = v * 10 end
local sum = 0
for _, v in pairs(n) do sum = sum + v end
print(sum)
--> 60
local count = 0
for _ in pairs({1, 2, 3, nil, 5, x = nil, y = 1}) do count = count + 1 end
print(count)
--> 5
