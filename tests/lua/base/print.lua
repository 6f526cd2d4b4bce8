-- print separates arguments with tabs, ends with a newline, uses __tostring and __name.
print("a", "b", "c")
--> a	b	c
print(nil, false, 0)
--> nil	false	0
print()
-->
print("", "")
--> 	
print(setmetatable({}, {__tostring = function() return "custom!" end}))
--> custom!
-- print does not call the global 'tostring'
local saved = tostring
tostring = function() return "replaced" end
print(1, "x")
--> 1	x
tostring = saved
print(1.5, -0.0, 1e100, 2^63)
--> 1.5	-0.0	1e+100	9.2233720368548e+18
