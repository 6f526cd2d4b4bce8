-- Multiple results are adjusted: to one in expressions, all at the end of lists.
local function mr() return 1, 2, 3 end
local function none() end
local a, b, c, d = mr()
print(a, b, c, d)
--> 1	2	3	nil
a, b, c, d = mr(), 10
print(a, b, c, d)
--> 1	10	nil	nil
print(mr(), mr())
--> 1	1	2	3
print((mr()))
--> 1
print(mr() + 10, -mr())
--> 11	-1
local t = {mr(), mr()}
print(#t)
--> 4
print(none(), (none()), select("#", none()), select("#", (none())))
--> nil	nil	0	1
local x, y = none()
print(x, y)
--> nil	nil
print(#{mr(), nil}, #{mr(), mr(), nil})
--> 1	2
local function ret() return mr() end
local function retp() return (mr()) end
print(ret())
--> 1	2	3
print(retp())
--> 1
