-- Multiple assignment: all expressions are evaluated before any assignment.
local a, b, c = 1, 2
print(a, b, c)
--> 1	2	nil
a, b = b, a
print(a, b)
--> 2	1
local x, y = 1, 2, 3
print(x, y)
--> 1	2
local i = 3
local t = {}
i, t[i] = i + 1, 20
print(i, t[3], t[4])
--> 4	20	nil
local function two() return "a", "b" end
local p, q, r = two()
print(p, q, r)
--> a	b	nil
p, q, r = two(), "c"
print(p, q, r)
--> a	c	nil
p, q, r = "z", two()
print(p, q, r)
--> z	a	b
local u = {}
u.x, u.y, u.x = 1, 2, 3
print(u.y)
--> 2
