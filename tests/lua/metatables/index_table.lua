-- __index as a table: lookups fall through to it only for absent keys.
local base = {x = "base x", y = "base y"}
local t = setmetatable({x = "own x"}, {__index = base})
print(t.x, t.y, t.z)
--> own x	base y	nil
t.y = "own y"
print(t.y, base.y)
--> own y	base y
t.y = nil
print(t.y)
--> base y
base.z = "late"
print(t.z)
--> late
print(rawget(t, "y"), getmetatable(t).__index == base)
--> nil	true
