-- A key set to nil is absent again: the next assignment goes to __newindex.
local log = {}
local t = setmetatable({}, {__newindex = function(tb, k, v) log[#log + 1] = k; rawset(tb, k, v) end})
t.a = 1
t.a = 2
t.a = nil
t.a = 3
print(#log, log[1], log[2], t.a)
--> 2	a	a	3
-- __eq is taken from either operand
local eq = {__eq = function(x, y) return true end}
local p, q, r = setmetatable({}, eq), {}, setmetatable({}, {})
print(p == q, q == p, r == p, p == r)
--> true	true	true	true
