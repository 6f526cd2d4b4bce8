-- pairs returns next, t, nil; next traverses all keys (printed sorted).
local t = {1, 2, 3, a = "A", b = "B"}
local f, s, c = pairs(t)
print(f == next, s == t, c)
--> true	true	nil
local keys = {}
for k, v in pairs(t) do keys[#keys + 1] = tostring(k) .. "=" .. tostring(v) end
for i = 2, #keys do
  local v, j = keys[i], i - 1
  while j >= 1 and keys[j] > v do keys[j + 1] = keys[j]; j = j - 1 end
  keys[j + 1] = v
end
for _, k in ipairs(keys) do print(k) end
--> 1=1
--> 2=2
--> 3=3
--> a=A
--> b=B
print(next({}))
--> nil
print(next({"only"}))
--> 1	only
print(next({"only"}, 1))
--> nil
print(pcall(next))
--> false	bad argument #1 to 'next' (table expected, got no value)
print(pcall(next, {}, "absent"))
--> false	invalid key to 'next'
