-- '//' rounds towards minus infinity; integer operands give an integer, any float a float.
print(7 // 2, -7 // 2, 7 // -2, -7 // -2)
--> 3	-4	-4	3
print(7.0 // 2, -7.0 // 2, 7 // -2.0, -7.5 // 2)
--> 3.0	-4.0	-4.0	-4.0
print(6 // 3, -6 // 3, 0 // 5, 0 // -5)
--> 2	-2	0	0
print(7 // 0.0, -7 // 0.0, 0 // 0.0 ~= 0 // 0.0)
--> inf	-inf	true
print(1e308 // 1e-308, 5.5 // 1e309, -5.5 // 1e309)
--> inf	0.0	-0.0
print(pcall(function() return 1 // 0 end))
--> false	tests/lua/numbers/floor_division.lua:12: attempt to divide by zero
print(pcall(function() local z = 0; return 5 // z end))
--> false	tests/lua/numbers/floor_division.lua:14: attempt to divide by zero
print(3 // 0.5, 3.5 // 0.5, -0.0 // 1)
--> 6.0	7.0	-0.0
print(9223372036854775807 // 2, (-9223372036854775807 - 1) // 2)
--> 4611686018427387903	-4611686018427387904
