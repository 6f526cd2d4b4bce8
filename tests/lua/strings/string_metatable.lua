-- Strings share one metatable (installed by the string library) whose __index is a table, so
-- indexing a string with an absent key gives nil; its __add etc. implement string coercion.
local mt = getmetatable("")
print(type(mt), getmetatable("abc") == mt, type(mt.__index))
--> table	true	table
print(getmetatable(1), getmetatable(true), getmetatable(nil))
--> nil	nil	nil
print(("str").nosuchfield)
--> nil
print(pcall(function() local s = "str"; return s.x.y end))
--> false	tests/lua/strings/string_metatable.lua:10: attempt to index a nil value (field 'x')
print(type(mt.__add), type(mt.__unm), type(mt.__idiv), mt.__band, mt.__concat)
--> function	function	function	nil	nil
