-- Integer arithmetic wraps around modulo 2^64 (two's complement), never overflows to float.
local maxi = 9223372036854775807
local mini = -9223372036854775807 - 1
print(maxi, mini)
--> 9223372036854775807	-9223372036854775808
print(maxi + 1 == mini, mini - 1 == maxi)
--> true	true
print(maxi * 2, mini * 2, maxi * maxi)
--> -2	0	1
print(-mini, -mini == mini, mini * -1)
--> -9223372036854775808	true	-9223372036854775808
print(mini // -1, mini % -1)
--> -9223372036854775808	0
print(maxi + 1.0, mini - 1.0)
--> 9.2233720368548e+18	-9.2233720368548e+18
print(0x7fffffffffffffff + 0x7fffffffffffffff)
--> -2
local x = 1
for _ = 1, 64 do x = x * 2 end
print(x)
--> 0
x = 1
for _ = 1, 63 do x = x * 2 end
print(x, x == mini)
--> -9223372036854775808	true
print(5000000000 * 5000000000)
--> 6553255926290448384
print(-(-9223372036854775807), 9223372036854775807 - -1)
--> 9223372036854775807	-9223372036854775808
