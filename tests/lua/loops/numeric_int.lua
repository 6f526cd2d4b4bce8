-- Integer numeric for: bounds evaluated once, loop variable is a copy, empty ranges.
for i = 1, 3 do print(i) end
--> 1
--> 2
--> 3
for i = 3, 1, -1 do print(i) end
--> 3
--> 2
--> 1
for i = 1, 10, 4 do print(i) end
--> 1
--> 5
--> 9
for i = 1, 0 do print("never") end
for i = 0, -5, 2 do print("never") end
local n = 3
for i = 1, n do n = 10; print("n", i) end
--> n	1
--> n	2
--> n	3
for i = 1, 3 do local j = i; i = i * 10; print(j, i) end
--> 1	10
--> 2	20
--> 3	30
print(pcall(function() for i = 1, 10, 0 do end end))
--> false	tests/lua/loops/numeric_int.lua:25: 'for' step is zero
local count = 0
for i = -5, 5 do count = count + 1 end
print(count)
--> 11
