-- Expressions on constants: folding at compile time must give exactly the run-time results,
-- and operations that raise errors or produce special values must not be folded wrongly.
print(1 + 2, 2 * 3.0, 7 // 2, 7 % 3, 2 ^ 2, 1 / 2, 3 - 5)
--> 3	6.0	3	1	4.0	0.5	-2
print(-0.0, 0.0 * -1, -(0.0), 0 * -1, -0)
--> -0.0	-0.0	-0.0	0	0
print(9223372036854775807 + 1, -9223372036854775807 - 2, 9223372036854775807 * 2)
--> -9223372036854775808	9223372036854775807	-2
print(-(-9223372036854775807 - 1), (-9223372036854775807 - 1) // -1)
--> -9223372036854775808	-9223372036854775808
print(1 / 0, -1 / 0, 0 / 0 ~= 0 / 0, 1 // 0.0, -1 // 0.0, 1 % 0.0 ~= 1 % 0.0)
--> inf	-inf	true	inf	-inf	true
print(pcall(function() return 1 // 0 end))
--> false	tests/lua/syntax/constant_folding.lua:13: attempt to divide by zero
print(pcall(function() return 1 % 0 end))
--> false	tests/lua/syntax/constant_folding.lua:15: attempt to perform 'n%0'
print(pcall(function() return 2 ^ 63 | 0 end))
--> false	tests/lua/syntax/constant_folding.lua:17: number has no integer representation
print(pcall(function() return 1.5 & 1 end))
--> false	tests/lua/syntax/constant_folding.lua:19: number has no integer representation
print(pcall(function() return "10" + 1 end))
--> true	11
print(3 & 5, 3 | 5, 3 ~ 5, ~0, 1 << 63, 1 << 64, -1 >> 1, 2.0 & 3)
--> 1	7	6	-1	-9223372036854775808	0	9223372036854775807	2
print(not nil, not 0, not not "", nil == false, 1 == 1.0, "a" .. "b" .. 1 .. 2.0)
--> true	false	true	false	true	ab12.0
print(1 < 2, 1.5 <= 1, "a" < "b", 2 ^ 53 == 2 ^ 53 + 1)
--> true	false	true	true
print(#"abc" * 2, -#"x", - -1, - - -1.5)
--> 6	-1	1	-1.5
local k <const> = 10
local s <const> = "str"
local f <const> = 2.5
print(k * 2, k // 3, s .. k, f * k, -k, k / 0, k % -3)
--> 20	3	str10	25.0	-10	inf	-2
print(k == 10.0, k << 1, ~k)
--> true	20	-11
print(pcall(function() return k // 0 end))
--> false	tests/lua/syntax/constant_folding.lua:38: attempt to divide by zero
