-- The '..' operator: strings and numbers, right associativity, long chains, errors.
print("a" .. "b", "a" .. 1, 1 .. "a", 1 .. 2, 1.0 .. "", -1 .. "")
--> ab	a1	1a	12	1.0	-1
print("x" .. "y" .. "z" .. 1 .. 2.5)
--> xyz12.5
local parts = ""
for i = 1, 10 do parts = parts .. i .. "," end
print(parts)
--> 1,2,3,4,5,6,7,8,9,10,
local a, b, c, d, e = "1", "2", "3", "4", "5"
print(a .. b .. c .. d .. e .. a .. b .. c .. d .. e)
--> 1234512345
print(pcall(function() return "a" .. nil end))
--> false	tests/lua/strings/concat.lua:13: attempt to concatenate a nil value
print(pcall(function() return "a" .. {} end))
--> false	tests/lua/strings/concat.lua:15: attempt to concatenate a table value
print(pcall(function() return true .. "a" end))
--> false	tests/lua/strings/concat.lua:17: attempt to concatenate a boolean value
print(pcall(function() local t = {}; return "a" .. t end))
--> false	tests/lua/strings/concat.lua:19: attempt to concatenate a table value (local 't')
print(pcall(function() return "a" .. undefinedglobal end))
--> false	tests/lua/strings/concat.lua:21: attempt to concatenate a nil value (global 'undefinedglobal')
print(pcall(function() local t = {}; return t.field .. "a" end))
--> false	tests/lua/strings/concat.lua:23: attempt to concatenate a nil value (field 'field')
local long = ""
for i = 1, 1000 do long = long .. "x" end
print(#long, #(long .. long))
--> 1000	2000
print("" .. "", #("" .. ""))
--> 	0
print(2^63 .. "|" .. 9223372036854775807 .. "|" .. 0.1)
--> 9.2233720368548e+18|9223372036854775807|0.1
