-- control-flow and codegen corners
local t = {}
t["a key that is definitely longer than forty bytes!!"] = 1
local v = t["a key that is definitely longer than forty bytes!!"]
local obj = {}
function obj:m(...) return ... end
obj["a method name that is longer than forty bytes......"] = function() end
obj:m(1, 2, 3)
for i = 1, 3 do
  for j = 1, 3 do
    local x <close> = nil
    local f = function() return i + j end
    if j == 2 then break end
    if i == 2 then goto continue end
  end
  ::continue::
end
while true do
  local y = 1
  local g = function() return y end
  if g() then break end
end
repeat
  local z = 2
  local h = function() return z end
until h()
local a, b, c = (function(...) return ... end)(1, 2, 3)
local tt = {..., 1, 2}
local tu = {1, 2, ...}
local tv = {f = 1, ..., g = 2}
local n = #{...}
local s = select("#", ...)
local x, y = ..., 2
local function rec(n) if n <= 0 then return 0 end return rec(n - 1) + 1 end
local cmp = a < 1.5 or a > 2.5 or a <= -1 or a >= 100000 or a == 3.0 or 1 < a
local bits = a & 0xff | b ~ 0x7fffffffffffffff
local mi = math.mininteger // -1
local fl = 3 // 0.0
local s2 = a .. b .. c
if not (a and b) then a = nil elseif a or b then b = nil end
local k = t.x and t.y or t.z
return rec, cmp, bits, mi, fl, s2, k, tt, tu, tv, n, s, x, y, v
