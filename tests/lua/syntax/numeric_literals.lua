-- Every form of numeric literal: decimal, exponent, hexadecimal integer and float.
print(0, 42, 007, 1000000)
--> 0	42	7	1000000
print(3.0, 3., .5, 0.5e1, 5e-1, 5E+2, 1e0)
--> 3.0	3.0	0.5	5.0	0.5	500.0	1.0
print(0x10, 0XfF, 0xA, 0x0)
--> 16	255	10	0
print(0x.8, 0x1p4, 0x1P-1, 0xA.8p0, 0x.1p4, 0x1.8)
--> 0.5	16.0	0.5	10.5	1.0	1.5
-- hexadecimal integers wrap around modulo 2^64
print(0xffffffffffffffff, 0x7fffffffffffffff, 0x8000000000000000, 0x10000000000000000)
--> -1	9223372036854775807	-9223372036854775808	0
-- decimal integers that overflow become floats
print(9223372036854775807, 9223372036854775808, 18446744073709551616)
--> 9223372036854775807	9.2233720368548e+18	1.844674407371e+19
print(1e308, 1e309, 2e-324)
--> 1e+308	inf	0.0
print(123456789012345678)
--> 123456789012345678
-- integer vs float distinction survives
print(1 == 1.0, 0x10 == 16, 1e2 == 100)
--> true	true	true
