-- '%' takes the sign of the divisor: a - floor(a/b)*b, exact for integers, fmod-based for floats.
print(5 % 3, -5 % 3, 5 % -3, -5 % -3)
--> 2	1	-1	-2
print(5.5 % 2, -5.5 % 2, 5.5 % -2, -5.5 % -2)
--> 1.5	0.5	-0.5	-1.5
print(5 % 2.5, 5 % -2.5, 0 % 3, 0.0 % -3)
--> 0.0	0.0	0	0.0
print(6 % 3, -6 % 3, 6 % -3, 6.0 % -3)
--> 0	0	0	0.0
print(5 % 1e309, -5 % 1e309, 5 % -1e309, -5 % -1e309)
--> 5.0	inf	-inf	-5.0
print(1e309 % 2 ~= 1e309 % 2, 3 % (0/0) ~= 3 % (0/0))
--> true	true
print(pcall(function() return 1 % 0 end))
--> false	tests/lua/numbers/modulo.lua:14: attempt to perform 'n%0'
print(1 % 0.0 ~= 1 % 0.0, 5.25 % 1, -5.25 % 1)
--> true	0.25	0.75
print(-9223372036854775807 % 9223372036854775807, (-9223372036854775807 - 1) % -1)
--> 0	0
print(3 % -9223372036854775807, -3 % 9223372036854775807)
--> -9223372036854775804	9223372036854775804
