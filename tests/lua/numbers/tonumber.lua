-- tonumber: decimal and hexadecimal syntax, and explicit bases 2..36.
print(tonumber("10"), tonumber("10.0"), tonumber("  0x1p4  "), tonumber("1e1"), tonumber(".5"), tonumber("5."))
--> 10	10.0	16.0	10.0	0.5	5.0
print(tonumber("0x"), tonumber("1e"), tonumber(""), tonumber(" "), tonumber("1 0"), tonumber("abc"))
--> nil	nil	nil	nil	nil	nil
print(tonumber("inf"), tonumber("nan"), tonumber("0x1.8"), tonumber("-0x10"), tonumber("- 1"))
--> nil	nil	1.5	-16	nil
print(tonumber("9223372036854775807"), tonumber("9223372036854775808"), tonumber("-9223372036854775808"))
--> 9223372036854775807	9.2233720368548e+18	-9223372036854775808
print(tonumber(42), tonumber(4.5), tonumber(nil), tonumber(true), tonumber({}))
--> 42	4.5	nil	nil	nil
print(tonumber("10", 2), tonumber("ff", 16), tonumber("FF", 16), tonumber("zz", 36), tonumber("ZZ", 36))
--> 2	255	255	1295	1295
print(tonumber("777", 8), tonumber("8", 8), tonumber("-ff", 16), tonumber("  11  ", 2), tonumber("1.0", 10))
--> 511	nil	-255	3	nil
print(tonumber("7fffffffffffffff", 16), tonumber("ffffffffffffffff", 16), tonumber("10000000000000000", 16))
--> 9223372036854775807	-1	0
print(tonumber("", 10), tonumber("-", 10), tonumber("z", 35), tonumber("0x10", 16))
--> nil	nil	nil	nil
print(pcall(tonumber))
--> false	bad argument #1 to 'tonumber' (value expected)
print(pcall(tonumber, "10", 99))
--> false	bad argument #2 to 'tonumber' (base out of range)
print(pcall(tonumber, "10", 1))
--> false	bad argument #2 to 'tonumber' (base out of range)
print(pcall(tonumber, 10, 16))
--> false	bad argument #1 to 'tonumber' (string expected, got number)
print(tonumber("1e500"), tonumber("-1e500"), tonumber("0x.1"), tonumber("1E+2"))
--> inf	-inf	0.0625	100.0
print(tonumber("10", 36), tonumber("Aqua", 36), tonumber("\t12\n", 10))
--> 36	501346	12
