-- How NaNs print follows the C library on x86-64 Linux: 0/0 has the sign bit set ("-nan").
local nan = 0 / 0
print(nan, -nan)
--> -nan	nan
print(tostring(0 / 0), tostring(-(0 / 0)))
--> -nan	nan
print((1 / 0) - (1 / 0), (1 / 0) * 0)
--> -nan	-nan
print(nan .. "", (-nan) .. "")
--> -nan	nan
