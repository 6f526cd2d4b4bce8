-- pcall returns true plus all results on success; errors in the called value itself are caught.
print(pcall(function(...) return ... end, 1, nil, 3))
--> true	1	nil	3
print(select("#", pcall(function() end)))
--> 1
print(pcall(nil))
--> false	attempt to call a nil value
print(pcall({}))
--> false	attempt to call a table value
print(pcall(pcall))
--> false	bad argument #1 to 'pcall' (value expected)
print(pcall(pcall, error, "nested"))
--> true	false	nested
print(pcall(error))
--> false	nil
local ok, a, b = pcall(function() return "a", "b" end)
print(ok, a, b)
--> true	a	b
print(pcall(setmetatable({}, {__call = function(_, x) return "callable", x end}), 5))
--> true	callable	5
