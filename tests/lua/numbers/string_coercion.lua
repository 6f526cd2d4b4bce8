-- Strings are converted to numbers in arithmetic; numbers to strings in concatenation.
print("10" + 1, "10.0" + 1, "0x10" + 0, " 10 " + 0, "1e2" + 0)
--> 11	11.0	16	10	100.0
print("3" * "4", "2" ^ "2", "7" // "2", "7" % "2", "7" / "2", -"2", - "-2.0")
--> 12	4.0	3	1	3.5	-2	2.0
print(10 .. 20, 1.5 .. "", -0.0 .. "", 2 ^ 63 .. "", 1e100 .. "x")
--> 1020	1.5	-0.0	9.2233720368548e+18	1e+100x
print(9223372036854775807 .. "", (-9223372036854775807 - 1) .. "")
--> 9223372036854775807	-9223372036854775808
print("9223372036854775807" + 0, "9223372036854775808" + 0)
--> 9223372036854775807	9.2233720368548e+18
print(pcall(function() return "abc" + 1 end))
--> false	tests/lua/numbers/string_coercion.lua:12: attempt to add a 'string' with a 'number'
print(pcall(function() return {} .. "" end))
--> false	tests/lua/numbers/string_coercion.lua:14: attempt to concatenate a table value
print(pcall(function() return 1 + "" end))
--> false	tests/lua/numbers/string_coercion.lua:16: attempt to add a 'number' with a 'string'
print(pcall(function() return "1" + "x" end))
--> false	tests/lua/numbers/string_coercion.lua:18: attempt to add a 'string' with a 'string'
print(#(1 .. ""), #(12.5 .. ""))
--> 1	4
print("0x7fffffffffffffff" + 0, "0xffffffffffffffff" + 0)
--> 9223372036854775807	-1
print(" 0x1p4 " + 0, "1 " + 1, "\t5\n" * 2)
--> 16.0	2	10
