-- Arithmetic on strings runs in the string metatable's metamethods (C functions in PUC-Lua),
-- so errors raised there carry no source position.
print(pcall(function() return "1" // 0 end))
--> false	attempt to divide by zero
print(pcall(function() return "1" % 0 end))
--> false	attempt to perform 'n%0'
print(pcall(function() return 1 % "0" end))
--> false	attempt to perform 'n%0'
print(pcall(function() return "10" // "0" end))
--> false	attempt to divide by zero
print(pcall(function() return "abc" + 1 end))
--> false	tests/lua/numbers/string_arith_errors.lua:11: attempt to add a 'string' with a 'number'
print(pcall(function() return {} + "1" end))
--> false	tests/lua/numbers/string_arith_errors.lua:13: attempt to add a 'table' with a 'string'
print(pcall(function() return "1" + {} end))
--> false	tests/lua/numbers/string_arith_errors.lua:15: attempt to add a 'string' with a 'table'
print(pcall(function() return -"x" end))
--> false	tests/lua/numbers/string_arith_errors.lua:17: attempt to unm a 'string' with a 'string'
print("7" // "2", "7.5" // 2, "7" % "-2", "2" ^ "10", -"3")
--> 3	3.0	-1	1024.0	-3
