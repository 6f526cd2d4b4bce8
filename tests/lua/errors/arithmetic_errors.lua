-- Arithmetic on non-numbers and integer-only failures.
print(pcall(function() return nil + 1 end))
--> false	tests/lua/errors/arithmetic_errors.lua:2: attempt to perform arithmetic on a nil value
print(pcall(function() return 1 + {} end))
--> false	tests/lua/errors/arithmetic_errors.lua:4: attempt to perform arithmetic on a table value
print(pcall(function() return "a" * 2 end))
--> false	tests/lua/errors/arithmetic_errors.lua:6: attempt to mul a 'string' with a 'number'
print(pcall(function() return 2 ^ "x" end))
--> false	tests/lua/errors/arithmetic_errors.lua:8: attempt to pow a 'number' with a 'string'
print(pcall(function() return true % 1 end))
--> false	tests/lua/errors/arithmetic_errors.lua:10: attempt to perform arithmetic on a boolean value
print(pcall(function() return 1 // 0 end))
--> false	tests/lua/errors/arithmetic_errors.lua:12: attempt to divide by zero
print(pcall(function() return 1 % 0 end))
--> false	tests/lua/errors/arithmetic_errors.lua:14: attempt to perform 'n%0'
print(pcall(function() return 1.0 // 0, 1 % 0.0 ~= 1 % 0.0 end))
--> true	inf	true
print(pcall(function() return 2 ^ 63 | 0 end))
--> false	tests/lua/errors/arithmetic_errors.lua:18: number has no integer representation
print(pcall(function() return "1.5" | 0 end))
--> false	tests/lua/errors/arithmetic_errors.lua:20: attempt to perform bitwise operation on a string value (constant '1.5')
print(pcall(function() return -{} end))
--> false	tests/lua/errors/arithmetic_errors.lua:22: attempt to perform arithmetic on a table value
print(pcall(function() return ~1.5 end))
--> false	tests/lua/errors/arithmetic_errors.lua:24: number has no integer representation
