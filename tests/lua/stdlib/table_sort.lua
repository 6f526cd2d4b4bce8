-- table.sort: lua's quicksort (same comparison sequence), comparators, errors.
local function p(...) print(pcall(...)) end
local function show(t) print(table.concat(t, " ")) end

local t = {5, 3, 8, 1, 9, 2, 7, 4, 6, 0}
table.sort(t); show(t)
--> 0 1 2 3 4 5 6 7 8 9
table.sort(t, function(a, b) return a > b end); show(t)
--> 9 8 7 6 5 4 3 2 1 0
t = {"banana", "apple", "Cherry", "date", "apple"}
table.sort(t); show(t)
--> Cherry apple apple banana date
t = {3.5, 1, -2, 2^53, -1/0, 1/0, 0, -0.0 + 1}
table.sort(t); show(t)
--> -inf -2 0 1 1.0 3.5 9.007199254741e+15 inf
t = {}; table.sort(t); show(t)
-->
t = {1}; table.sort(t); show(t)
--> 1
t = {2, 1}; table.sort(t); show(t)
--> 1 2
t = {3, 1, 2}; table.sort(t); show(t)
--> 1 2 3

-- the sequence of comparisons made
local calls = {}
t = {4, 2, 7, 1, 3, 6, 5}
table.sort(t, function(a, b) calls[#calls + 1] = a .. "<" .. b; return a < b end)
show(t); print(#calls); print(table.concat(calls, " "))
--> 1 2 3 4 5 6 7
--> 14
--> 5<4 1<4 2<4 7<4 4<3 6<4 4<6 4<3 5<7 6<5 7<6 3<1 2<1 3<2

-- non-strict comparator (<=): same result as lua
t = {3, 1, 2, 3, 1, 2, 3, 1, 2, 5, 5, 5}
print(pcall(table.sort, t, function(a, b) return a <= b end)); show(t)
--> false	invalid order function for sorting
--> 1 2 1 1 2 2 3 3 3 5 5 5
t = {1, 1, 1, 1, 1}
print(pcall(table.sort, t, function(a, b) return true end)); show(t)
--> false	invalid order function for sorting
--> 1 1 1 1 1
t = {5, 4, 3, 2, 1, 0}
print(pcall(table.sort, t, function(a, b) return true end)); show(t)
--> false	invalid order function for sorting
--> 3 4 1 2 0 5
-- inconsistent comparator: stable result
local seed = 7
local function lcg() seed = (seed * 1103515245 + 12345) % 2147483648; return seed end
t = {}
for i = 1, 60 do t[i] = lcg() % 20 end
print(pcall(table.sort, t, function(a, b) return lcg() % 3 == 0 end)); show(t)
--> false	invalid order function for sorting
--> 9 12 9 11 4 14 11 7 9 17 10 7 15 5 14 4 0 11 9 7 8 19 14 7 18 16 6 7 2 0 6 19 13 13 0 1 12 6 6 5 7 13 6 0 12 16 18 2 16 1 1 15 0 18 6 15 13 1 16 15

-- larger arrays
t = {}
for i = 1, 500 do t[i] = (i * 7919) % 503 end
table.sort(t)
local ok = true
for i = 2, #t do if t[i - 1] > t[i] then ok = false end end
print(ok, t[1], t[250], t[500])
--> true	1	251	502
t = {}
for i = 1, 300 do t[i] = i % 2 == 0 and i or -i end
table.sort(t, function(a, b) return math.abs(a) > math.abs(b) end)
print(t[1], t[2], t[299], t[300])
--> 300	-299	2	-1
-- already sorted and reversed
t = {}
for i = 1, 1000 do t[i] = 1001 - i end
table.sort(t); print(t[1], t[1000])
--> 1	1000

-- errors
p(table.sort, {3, 1, "x"})
--> false	attempt to compare string with number
p(table.sort, {{}, {}})
--> false	attempt to compare two table values
p(table.sort, {1, 2, 3}, 4)
--> false	bad argument #2 to 'table.sort' (function expected, got number)
p(table.sort, {1, 2, 3}, "x")
--> false	bad argument #2 to 'table.sort' (function expected, got string)
p(table.sort, nil)
--> false	bad argument #1 to 'table.sort' (table expected, got nil)
p(table.sort, {3, 2, 1}, function(a, b) error("cmp " .. a .. b) end)
--> false	tests/lua/stdlib/table_sort.lua:86: cmp 13
print(type(select(2, pcall(table.sort, {3, 2, 1}, function(a, b) error({}) end))))
--> table
print(select(2, pcall(table.sort, {3, 2, 1}, function() error(setmetatable({}, {__tostring = function() return "E" end})) end)) ~= nil)
--> true
p(table.sort, setmetatable({}, {__len = function() return math.maxinteger end}))
--> false	bad argument #1 to 'table.sort' (array too big)
p(table.sort, setmetatable({}, {__len = function() return 2^31 end}))
--> false	bad argument #1 to 'table.sort' (array too big)
p(table.sort, {1, nil, 3})
--> false	attempt to compare nil with number
-- a 2nd argument nil is the default order; one-element tables skip the check
t = {2, 1}; table.sort(t, nil); show(t)
--> 1 2
p(table.sort, {1}, 4)
--> true
-- __lt metamethod
local mt = {__lt = function(a, b) return a.v < b.v end}
t = {}
for i, v in ipairs({5, 2, 8, 1}) do t[i] = setmetatable({v = v}, mt) end
table.sort(t)
print(t[1].v, t[2].v, t[3].v, t[4].v)
--> 1	2	5	8
-- invalid order function detection
local big = {}
for i = 1, 100 do big[i] = i % 10 end
p(table.sort, big, function(a, b) return true end)
--> false	invalid order function for sorting
big = {}
for i = 1, 100 do big[i] = i % 10 end
p(table.sort, big, function(a, b) return a <= b end)
--> false	invalid order function for sorting
print(table.concat(big, ""))
--> 0234567890123456789012345678901234567890123456789912345678901234567890123456789012345678901234567801
-- comparator that modifies the table
t = {5, 4, 3, 2, 1}
print(pcall(table.sort, t, function(a, b) t[3] = nil; return (a or 0) < (b or 0) end))
--> true
