-- Long constructors (flushed in batches of 50) with multiple results at the end.
local function many(n) if n == 0 then return end return n, many(n - 1) end
local t = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25,
  26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50,
  51, 52, many(300)}
print(#t, t[50], t[51], t[52], t[53], t[352])
--> 352	50	51	52	300	1
local u = {many(5), many(5)}
print(#u, u[1], u[2], u[6])
--> 6	5	5	1
local v = {x = 1, many(120), y = 2}
print(#v, v[1], v.x, v.y)
--> 1	120	1	2
local w = {(many(3))}
print(#w)
--> 1
local src = "return {"
for i = 1, 1000 do src = src .. i .. "," end
local big = load(src .. "...}")
local bt = big("a", "b")
print(#bt, bt[1000], bt[1001], bt[1002])
--> 1002	1000	a	b
