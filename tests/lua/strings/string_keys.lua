-- Strings of any length as table keys: equal contents are the same key.
local t = {}
local k1 = "key"
local k2 = "k" .. "e" .. "y"
t[k1] = 1
print(t[k2], t.key, rawequal(k1, k2))
--> 1	1	true
local long1 = "this is a rather long string that is not interned in most implementations"
local long2 = "this is a rather long string " .. "that is not interned in most implementations"
t[long1] = "long"
print(t[long2], long1 == long2)
--> long	true
t["10"] = "string ten"; t[10] = "integer ten"
print(t["10"], t[10], t[10.0])
--> string ten	integer ten	integer ten
