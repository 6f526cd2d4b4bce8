local t = {1,2,3; x=1, ["y"]=2, [10]=3, f(), ...}
local a, b, c = ...
local s = a .. b .. c .. "x" .. 1
local o = obj:method(1, 2):other "s" {3}
t.x.y.z = t[a][b]
a, b = b, a
t[a], a = 1, 2
local u <const> = 42
local v <const> = "str"
print(u + 1, v, u * 2.5, 1 // 0, 1 / 0, -0.0, 3 % -2, 2^53, 1 << 63, ~5, -(-9223372036854775807 - 1))
if a == 1 and b ~= "x" or c < 3 then print(1) elseif a >= 10 then print(2) else print(3) end
while a < 10 do a = a + 1; if a == 5 then break end end
repeat local z = a; a = a - 1; local fz = function() return z end until z < 0
local x = not a
local y = a and b or c
local w = (a == b)
local q = a > 1.5, a <= -3, 1 < a, 2.0 >= a
for i = 10, 1, -1 do local k = i * 2; goto cont; ::cont:: end
do local r <close> = setmetatable({}, {__close=print}); print(r) end
local function rec(n) if n <= 0 then return 0 end return rec(n - 1) + n end
return rec(10), ...
