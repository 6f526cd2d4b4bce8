-- error() accepts any value; pcall returns it unchanged (strings get a position at level 1).
print(pcall(error, "msg"))
--> false	msg
print(pcall(error, "msg", 0))
--> false	msg
print(pcall(function() error("msg") end))
--> false	tests/lua/errors/error_values.lua:6: msg
print(pcall(function() error("msg", 0) end))
--> false	msg
print(pcall(function() error(42) end))
--> false	42
print(pcall(function() error(nil) end))
--> false	nil
print(pcall(function() error() end))
--> false	nil
print(pcall(function() error(true) end))
--> false	true
local t = {code = 404}
local ok, e = pcall(function() error(t) end)
print(ok, e == t, e.code)
--> false	true	404
print(pcall(function() error(12.5, 1) end))
--> false	12.5
print(select("#", pcall(error)))
--> 2
