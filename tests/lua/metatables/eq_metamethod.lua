-- __eq: only for two tables (or two userdata) that are not primitively equal; result is a boolean.
local calls = 0
local mt = {__eq = function(a, b) calls = calls + 1; return a.v == b.v end}
local a = setmetatable({v = 1}, mt)
local b = setmetatable({v = 1}, mt)
local c = setmetatable({v = 2}, mt)
print(a == b, a == c, a ~= b, a == a, calls)
--> true	false	false	true	3
print(a == 1, a == "x", a == nil, calls)
--> false	false	false	3
local plain = {v = 1}
print(a == plain, plain == a, calls)
--> true	true	5
local truthy = setmetatable({}, {__eq = function() return "yes" end})
print(truthy == {}, truthy ~= {})
--> true	false
local nothing = setmetatable({}, {__eq = function() return nil end})
print(nothing == {})
--> false
