-- tonumber with bases: digits and letters up to the base, case-insensitive, whitespace allowed.
for base = 2, 36, 17 do print(base, tonumber("11", base), tonumber("1z", base)) end
--> 2	3	nil
--> 19	20	nil
--> 36	37	71
print(tonumber("0", 2), tonumber("-0", 2), tonumber("102", 2), tonumber("  -7  ", 8))
--> 0	0	nil	-7
print(tonumber("zZ", 36), tonumber("10", 36), tonumber("1.5", 10), tonumber("1e2", 10))
--> 1295	36	nil	nil
print(tonumber("99999999999999999999", 10), tonumber("8000000000000000", 16))
--> 7766279631452241919	-9223372036854775808
