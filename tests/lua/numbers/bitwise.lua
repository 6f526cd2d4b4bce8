-- Bitwise operators on 64-bit integers; shifts are logical; shifts >= 64 give 0.
print(5 & 3, 5 | 3, 5 ~ 3, ~5, ~0)
--> 1	7	6	-6	-1
print(1 << 62, 1 << 63, 1 << 64, 1 << -1, 2 >> 1, -1 >> 1, -1 >> 63, -1 >> 64)
--> 4611686018427387904	-9223372036854775808	0	0	1	9223372036854775807	1	0
print(-1 << 1, 3 << 0, 3 >> -2, 1 << 100, 8 >> -100)
--> -2	3	12	0	0
print(0xff & -1, 0xf0 | 0x0f, 0xff ~ 0xf0, 0x7fffffffffffffff ~ -1)
--> 255	255	15	-9223372036854775808
print(1.0 & 3, 2 ^ 4 | 1, 6.0 >> 1)
--> 1	17	3
print(pcall(function() return 1.5 & 1 end))
--> false	tests/lua/numbers/bitwise.lua:12: number has no integer representation
print(pcall(function() return {} & 1 end))
--> false	tests/lua/numbers/bitwise.lua:14: attempt to perform bitwise operation on a table value
print(pcall(function() return "3" & 1 end))
--> false	tests/lua/numbers/bitwise.lua:16: attempt to perform bitwise operation on a string value (constant '3')
print(pcall(function() local x = nil; return ~x end))
--> false	tests/lua/numbers/bitwise.lua:18: attempt to perform bitwise operation on a nil value (local 'x')
print(5 // 1 | 0, ~~7, ~-1)
--> 5	7	0
