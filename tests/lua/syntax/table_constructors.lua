-- Table constructors: positional, named, bracketed keys, separators, multi-value expansion.
local function three() return 1, 2, 3 end
local t = {10, 20, 30; x = "x", ["y"] = "y", [2 + 3] = "five", 40,}
print(t[1], t[2], t[3], t[4], t[5], t.x, t.y)
--> 10	20	30	40	five	x	y
local a = {three()}
local b = {three(), three()}
local c = {(three())}
local d = {three(), 10}
print(#a, #b, #c, #d, b[1], b[2], b[4], d[2])
--> 3	4	1	2	1	1	3	10
local e = {[3] = "c", "a", "b"}
print(e[1], e[2], e[3])
--> a	b	c
local n = {{1, 2}, {3, {4, 5}}}
print(n[1][2], n[2][2][1], #n[2][2])
--> 2	4	2
local empty = {}
print(#empty, next(empty))
--> 0	nil
local big = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
  21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40,
  41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60}
print(#big, big[50], big[60])
--> 60	50	60
local function va(...) return {n = select("#", ...), ...} end
local v = va(nil, 2, nil)
print(v.n, v[1], v[2], v[3])
--> 3	nil	2	nil
print(#{n = 1}, #{nil}, #{1, 2, 3, nil})
--> 0	0	3
