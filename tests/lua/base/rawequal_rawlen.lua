-- rawequal and rawlen.
print(rawequal(1, 1), rawequal(1, 1.0), rawequal("a", "a"), rawequal({}, {}), rawequal(nil, nil))
--> true	true	true	false	true
print(rawlen({1, 2, 3}), rawlen(""), rawlen("abc"), rawlen({n = 1}))
--> 3	0	3	0
local mt = {__eq = function() return true end, __len = function() return 99 end}
local a, b = setmetatable({}, mt), setmetatable({}, mt)
print(a == b, rawequal(a, b), #a, rawlen(a))
--> true	false	99	0
