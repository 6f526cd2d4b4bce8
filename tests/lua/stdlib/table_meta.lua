-- table functions through __index/__newindex/__len (ltablib's checktab) and on proxies.
local function p(...) print(pcall(...)) end
local log = {}
local function proxy(store)
  return setmetatable({}, {
    __index = function(_, k) log[#log + 1] = "get" .. tostring(k); return store[k] end,
    __newindex = function(_, k, v) log[#log + 1] = "set" .. tostring(k); store[k] = v end,
    __len = function() log[#log + 1] = "len"; return #store end,
  })
end
local function flush() print(table.concat(log, " ")); log = {} end

local store = {"a", "b", "c"}
local pr = proxy(store)
print(table.concat(pr, ","))
--> a,b,c
flush()
--> len get1 get2 get3
table.insert(pr, "d")
flush()
--> len set4
table.insert(pr, 2, "x")
flush()
--> len get4 set5 get3 set4 get2 set3 set2
print(table.concat(store, ","))
--> a,x,b,c,d
print(table.remove(pr, 1))
--> a
flush()
--> len get1 get2 set1 get3 set2 get4 set3 get5 set4 set5
print(table.remove(pr))
--> d
flush()
--> len get4 set4
print(table.concat(store, ","))
--> x,b,c
print(table.unpack(pr))
--> x	b	c
flush()
--> len get1 get2 get3
table.move(pr, 1, 3, 2)
flush()
--> get3 set4 get2 set3 get1 set2
print(table.concat(store, ","))
--> x,x,b,c
table.sort(pr)
flush()
--> len get1 get4 set1 set4 get2 get1 get4 get2 get3 set2 set3 get2 get3 get2 set3 set3 get1 get2 set1 set2
print(table.concat(store, ","))
--> b,c,x,x

-- userdata-like: non-table values with a metatable
local mt = {__index = function(_, i) return i * 10 end, __len = function() return 3 end}
local u = setmetatable({}, mt)
print(table.concat(u, "+"), table.unpack(u))
--> 10+20+30	10	20	30
-- __len returning non-integers
p(table.insert, setmetatable({}, {__len = function() return 2.5 end}), 1)
--> false	object length is not an integer
p(table.insert, setmetatable({}, {__len = function() return "x" end}), 1)
--> false	object length is not an integer
print(pcall(table.concat, setmetatable({}, {__len = function() return "2" end, __index = function(_, i) return "v" .. i end})))
--> true	v1v2
print(table.concat(setmetatable({}, {__len = function() return 2.0 end, __index = function(_, i) return i end}), ","))
--> 1,2
-- strings: no __index fields needed for reading? ('string' metatable has __index)
p(table.concat, "abc")
--> false	bad argument #1 to 'table.concat' (table expected, got string)
p(table.insert, "abc", 1)
--> false	bad argument #1 to 'table.insert' (table expected, got string)
-- __newindex missing
p(table.insert, setmetatable({}, {__index = {}}), 1)
--> true
-- a table with __index still accepted (it's a table)
local t2 = setmetatable({}, {__index = function(_, k) return "D" .. k end})
print(table.concat(t2, ",", 1, 3))
--> D1,D2,D3
p(table.concat, setmetatable({}, {__index = function(_, k) return {} end}), ",", 1, 2)
--> false	invalid value (table) at index 1 in table for 'concat'
-- move into a proxy destination
local dst = {}
local pd = setmetatable({}, {__newindex = function(_, k, v) rawset(dst, k, v .. "!") end})
table.move({"p", "q"}, 1, 2, 1, pd)
print(dst[1], dst[2], rawget(pd, 1))
--> p!	q!	nil
-- move with __eq-equal tables: treated as same table (overlap order)
local eqmt = {__eq = function() return true end}
local m1 = setmetatable({1, 2, 3, 4}, eqmt)
local m2 = setmetatable({}, eqmt)
table.move(m1, 1, 3, 2, m2)
print(m2[1], m2[2], m2[3], m2[4])
--> nil	1	2	3
-- errors raised by metamethods propagate
p(table.insert, setmetatable({}, {__len = function() error("lenerr") end}), 1)
--> false	tests/lua/stdlib/table_meta.lua:94: lenerr
p(table.concat, setmetatable({}, {__index = function() error("idxerr") end}), ",", 1, 1)
--> false	tests/lua/stdlib/table_meta.lua:96: idxerr
p(table.unpack, setmetatable({}, {__index = function(_, k) error("unp" .. k) end}), 1, 2)
--> false	tests/lua/stdlib/table_meta.lua:98: unp1
