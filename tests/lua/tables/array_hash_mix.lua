-- Integer keys filled in various orders still form sequences.
local t = {}
for i = 10, 1, -1 do t[i] = i end
print(#t)
--> 10
local u = {}
u[3] = 3; u[1] = 1; u[2] = 2
print(#u, u[1] + u[2] + u[3])
--> 3	6
local v = {[1] = "a", [2] = "b", [3] = "c"}
print(#v, v[3])
--> 3	c
local w = {}
for i = 1, 20 do w[i] = i end
for i = 1, 20 do w["s" .. i] = i end
print(#w)
--> 20
local x = {n = 0}
for i = 1, 5 do x[i] = true end
x[6] = nil
print(#x)
--> 5
