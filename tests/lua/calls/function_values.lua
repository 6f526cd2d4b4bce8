-- Functions are first-class values: stored, passed, returned, compared by identity.
local function apply(f, ...) return f(...) end
local function compose(f, g) return function(...) return f(g(...)) end end
local inc = function(x) return x + 1 end
local dbl = function(x) return x * 2 end
print(apply(inc, 1), compose(inc, dbl)(5), compose(dbl, inc)(5))
--> 2	11	12
local list = {inc, dbl, inc}
local v = 1
for _, f in ipairs(list) do v = f(v) end
print(v)
--> 5
print(inc == inc, inc == dbl, type(inc), type(print))
--> true	false	function	function
local function mk() return function() end end
print(mk() == mk())
--> false
