-- __newindex is used only for absent keys; as a table it redirects the assignment.
local log = {}
local t = setmetatable({existing = 1}, {__newindex = function(tbl, k, v)
  log[#log + 1] = k .. "=" .. tostring(v)
  rawset(tbl, k, v)
end})
t.existing = 2
t.new = 3
t.new = 4
print(#log, log[1], t.existing, t.new)
--> 1	new=3	2	4
local store = {}
local proxy = setmetatable({}, {__newindex = store, __index = store})
proxy.a = "A"
print(rawget(proxy, "a"), store.a, proxy.a)
--> nil	A	A
local ro = setmetatable({}, {__newindex = function(_, k) error("read-only field " .. k, 2) end})
print(pcall(function() ro.x = 1 end))
--> false	tests/lua/metatables/newindex.lua:18: read-only field x
-- chained __newindex tables
local final = {}
local mid = setmetatable({}, {__newindex = final})
local top = setmetatable({}, {__newindex = mid})
top.v = "chained"
print(rawget(top, "v"), rawget(mid, "v"), final.v)
--> nil	nil	chained
