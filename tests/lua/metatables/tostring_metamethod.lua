-- __tostring is used by tostring and print; __name names the type in messages.
local P = setmetatable({x = 1, y = 2}, {__tostring = function(p) return "(" .. p.x .. ", " .. p.y .. ")" end})
print(P, tostring(P))
--> (1, 2)	(1, 2)
print(pcall(tostring, setmetatable({}, {__tostring = function() return 42 end})))
--> true	42
print(pcall(print, setmetatable({}, {__tostring = function() return nil end})))
--> false	'__tostring' must return a string
local named = setmetatable({}, {__name = "MyType"})
print(pcall(function() return named + 1 end))
--> false	tests/lua/metatables/tostring_metamethod.lua:10: attempt to perform arithmetic on a MyType value (upvalue 'named')
print(pcall(function() return #named < 1, named < 1 end))
--> false	tests/lua/metatables/tostring_metamethod.lua:12: attempt to compare MyType with number
print(pcall(function() local obj = named; return obj.x.y end))
--> false	tests/lua/metatables/tostring_metamethod.lua:14: attempt to index a nil value (field 'x')
local errs = setmetatable({}, {__tostring = function() error("tostring failed") end})
print(pcall(tostring, errs))
--> false	tests/lua/metatables/tostring_metamethod.lua:16: tostring failed
print(tostring(setmetatable({}, {__tostring = function() return "" end})) == "")
--> true
