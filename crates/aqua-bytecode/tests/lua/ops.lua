-- exercise many opcodes
local a, b, c = ...
local t = {}
t[1] = a; t.x = b; t[a] = c; t["long key"] = 1.5
local u = t[1] + t.x - t[a] * t[b] / 2 % 3 ^ 4 // 5
u = u & 1 | 2 ~ 3 << 4 >> 5
u = 1 + u; u = u - 1; u = 2.5 * u; u = u / 0.5
u = 3 << u; u = u >> 1; u = 1 >> u
local f1, f2 = 1.0, -0.0
local big = 9007199254740993
local huge = 1e308 * 10
local s = "quote\"back\\nl\ntab\tbell\a\0\255"
local v = not a
v = a == b; v = a ~= b; v = a < b; v = a <= b; v = a > b; v = a >= b
v = a == 1; v = a == "x"; v = a < 2; v = a <= 3; v = a > 4; v = a >= 5; v = a == 1.5
v = a and b or c
if a then b = 1 end
if not a then b = 2 end
local function va(...) return ... end
local function tc(x) return va(x, x) end
local function r1(x) return x end
local function r0() end
local n = select('#', va(1, 2, 3))
local big_t = {1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,
  31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60, va(1)}
for i = 10, 1, -1 do local j = i end
for i = 1.0, 2.0, 0.5 do local j = i end
do
  local x <close> = setmetatable({}, {__close = function() end})
  local y = function() return x end
end
goto skip
::skip::
local str = "a" .. b .. "c" .. 1 .. 2.0
local neg = -a
local len = #str
local bn = ~a
return tc, r1, r0, str, neg, len, bn, big, huge, f1, f2, s, n, big_t, u
