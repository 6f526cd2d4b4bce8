-- Float loops, and integer loops with float limits (the limit is floored/ceiled).
for x = 1.0, 2.0, 0.25 do print(x) end
--> 1.0
--> 1.25
--> 1.5
--> 1.75
--> 2.0
for i = 1, 2.5 do print("int with float limit", i) end
--> int with float limit	1
--> int with float limit	2
for i = 3, 0.5, -1 do print("down to float limit", i) end
--> down to float limit	3
--> down to float limit	2
--> down to float limit	1
for x = 1, 2, 0.5 do print("float step", x) end
--> float step	1.0
--> float step	1.5
--> float step	2.0
for x = 0.5, 1 do print("float start", x) end
--> float start	0.5
local n = 0
for x = 0.1, 1.0, 0.1 do n = n + 1 end
print("accumulated", n)
--> accumulated	10
for i = 1, 1e309 do if i > 3 then break end print("inf limit", i) end
--> inf limit	1
--> inf limit	2
--> inf limit	3
for i = 1, -1e309 do print("never") end
for i = 9223372036854775806, 1e100 do print("float limit beyond maxinteger", i) end
--> float limit beyond maxinteger	9223372036854775806
--> float limit beyond maxinteger	9223372036854775807
for i = 1, 0 / 0 do print("never") end
for x = 1.0, 3 do print("float loop", x) end
--> float loop	1.0
--> float loop	2.0
--> float loop	3.0
print(pcall(function() for i = 1, 2, 0.0 do end end))
--> false	tests/lua/loops/numeric_float.lua:38: 'for' step is zero
