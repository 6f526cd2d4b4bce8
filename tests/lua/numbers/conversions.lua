-- Int/float conversions: exact float-to-int where needed (bitwise ops, table keys, for loops).
print(3.0 | 0, -3.0 | 0, 2 ^ 53 | 0, 1e15 | 0)
--> 3	-3	9007199254740992	1000000000000000
print(pcall(function() return 3.5 | 0 end))
--> false	tests/lua/numbers/conversions.lua:4: number has no integer representation
print(pcall(function() return 2 ^ 63 | 0 end))
--> false	tests/lua/numbers/conversions.lua:6: number has no integer representation
print(pcall(function() return (0/0) | 0 end))
--> false	tests/lua/numbers/conversions.lua:8: number has no integer representation
print(pcall(function() return (1/0) & 1 end))
--> false	tests/lua/numbers/conversions.lua:10: number has no integer representation
print(-2 ^ 63 | 0)
--> -9223372036854775808
local t = {}
t[1.0] = "one"; t[2] = "two"; t[2 ^ 53] = "big"
print(t[1], t[2.0], t[9007199254740992])
--> one	two	big
t[1.5] = "one and a half"
print(t[1.5], t[3 / 2])
--> one and a half	one and a half
print(1 + 1.0, 2 * 3.0, 6 / 2, 7 // 1.0, 2 ^ 2)
--> 2.0	6.0	3.0	7.0	4.0
print(tostring(3) == "3", tostring(3.0) == "3.0", 3 == 3.0)
--> true	true	true
print(10 // 3, 10.0 // 3, 10 % 3.0)
--> 3	3.0	1.0
print(-0.0 == 0, 0.0 | 0)
--> true	0
t[-0.0] = "zero"
print(t[0], t[0.0])
--> zero	zero
print(9007199254740993, 9007199254740993 + 0.0)
--> 9007199254740993	9.007199254741e+15
