-- Edge cases around math.maxinteger / math.mininteger, written as literals.
local maxi = 9223372036854775807
local mini = -9223372036854775807 - 1
print(maxi, mini, -9223372036854775808, 0x8000000000000000)
--> 9223372036854775807	-9223372036854775808	-9.2233720368548e+18	-9223372036854775808
print(maxi // -1, mini // 1, mini % 2, maxi % 2, maxi % -2)
--> -9223372036854775807	-9223372036854775808	0	1	-1
print(maxi + 0.0, mini + 0.0, (maxi + 0.0) == (mini + 0.0) * -1)
--> 9.2233720368548e+18	-9.2233720368548e+18	true
print(maxi // 10, mini // 10, maxi % 10, mini % 10)
--> 922337203685477580	-922337203685477581	7	2
print(mini < maxi, mini + maxi, maxi - mini)
--> true	-1	-1
print(maxi >> 1, mini >> 1, mini >> 63, maxi << 1)
--> 4611686018427387903	4611686018427387904	1	-2
print(-maxi, mini + 1, ~maxi == mini)
--> -9223372036854775807	-9223372036854775807	true
print(maxi / 1, mini / -1, maxi * 1.0)
--> 9.2233720368548e+18	9.2233720368548e+18	9.2233720368548e+18
print(tostring(mini), tonumber(tostring(mini)) == mini, tonumber(tostring(maxi)) == maxi)
--> -9223372036854775808	true	true
