-- Integer loops near the limits stop without wrapping around.
local maxi = 9223372036854775807
local mini = -9223372036854775807 - 1
for i = maxi - 2, maxi do print(i) end
--> 9223372036854775805
--> 9223372036854775806
--> 9223372036854775807
for i = mini + 2, mini, -1 do print(i) end
--> -9223372036854775806
--> -9223372036854775807
--> -9223372036854775808
for i = mini, mini + 2 do print(i) end
--> -9223372036854775808
--> -9223372036854775807
--> -9223372036854775806
for i = maxi - 1, maxi, 2 do print("step2", i) end
--> step2	9223372036854775806
local c = 0
for i = 1, maxi, maxi // 2 do c = c + 1 end
print("count", c)
--> count	3
c = 0
for i = maxi, 0, mini do c = c + 1; print("big step", i) end
--> big step	9223372036854775807
c = 0
for i = mini, maxi, maxi do c = c + 1 end
print("count", c)
--> count	3
for i = 1, 3, maxi do print("huge step", i) end
--> huge step	1
for i = -1, -3, mini do print("huge negative step", i) end
--> huge negative step	-1
