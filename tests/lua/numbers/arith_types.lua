-- Result types of arithmetic: + - * // % on integers give integers, / and ^ always floats.
print(1 + 2, 1 + 2.0, 1.5 + 1.5, 3 - 1, 3 - 1.0)
--> 3	3.0	3.0	2	2.0
print(2 * 3, 2 * 3.0, 6 / 3, 7 / 2, 2 ^ 2, 2 ^ 0.5)
--> 6	6.0	2.0	3.5	4.0	1.4142135623731
print(7 // 2, 7 // 2.0, 7 % 2, 7 % 2.0)
--> 3	3.0	1	1.0
print(-(3), -(3.0), -(-0.0), 0 - 0.0)
--> -3	-3.0	0.0	0.0
print(1e15 + 1, 2 ^ 53 + 1, 9007199254740992 + 1)
--> 1e+15	9.007199254741e+15	9007199254740993
print(3 == 3.0, 1 / 2 == 0.5, 10 // 3 * 3 + 10 % 3)
--> true	true	10
print(pcall(function() return nil + 1 end))
--> false	tests/lua/numbers/arith_types.lua:14: attempt to perform arithmetic on a nil value
print(pcall(function() return {} * 2 end))
--> false	tests/lua/numbers/arith_types.lua:16: attempt to perform arithmetic on a table value
print(pcall(function() return true - 1 end))
--> false	tests/lua/numbers/arith_types.lua:18: attempt to perform arithmetic on a boolean value
print(pcall(function() local t = {}; return -t end))
--> false	tests/lua/numbers/arith_types.lua:20: attempt to perform arithmetic on a table value (local 't')
