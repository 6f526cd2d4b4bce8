local V = {}
V.__index = V
V.__add = function(a, b) return setmetatable({x = a.x + b.x}, V) end
V.__eq = function(a, b) return a.x == b.x end
V.__lt = function(a, b) return a.x < b.x end
V.__le = function(a, b) return a.x <= b.x end
V.__tostring = function(a) return "V(" .. a.x .. ")" end
V.__len = function(a) return a.x end
V.__concat = function(a, b) return "cat" end
V.__unm = function(a) return setmetatable({x = -a.x}, V) end
V.__call = function(self, y) return self.x + y end
V.__close = function() print("closed") end
function V.new(x) return setmetatable({x = x}, V) end
function V:get() return self.x end
local a, b = V.new(1), V.new(2)
print(tostring(a + b), a == b, a < b, a <= b, #a, a .. b, a .. "s", "s" .. a, tostring(-a), a(10), a:get())
print(a ~= b, V.new(1) == V.new(1))
local t = setmetatable({}, {__index = function(t, k) return k .. "!" end})
print(t.foo, t[1])
local log = {}
local p = setmetatable({}, {__newindex = function(t, k, v) rawset(t, k, v * 2) end})
p.a = 5
print(p.a)
local chain = setmetatable({}, {__index = setmetatable({y = 7}, {__index = {z = 9}})})
print(chain.y, chain.z, chain.w)
do local c <close> = V.new(0) print("in scope") end
local mt = {__index = function(t, k) return k * 2 end}
local d = setmetatable({}, mt)
local s = 0
for i = 1, 10 do s = s + d[i] end
print(s)
local arith = setmetatable({}, {__add = function(a, b) return 100 end, __sub = function() return 200 end,
  __mul = function() return 300 end, __div = function() return 400 end, __mod = function() return 500 end,
  __idiv = function() return 600 end, __pow = function() return 700 end, __band = function() return 1 end,
  __bor = function() return 2 end, __bxor = function() return 3 end, __shl = function() return 4 end,
  __shr = function() return 5 end, __bnot = function() return 6 end})
print(arith + 1, 1 - arith, arith * 2, arith / 2, arith % 2, arith // 2, arith ^ 2, arith & 1, 1 | arith, arith ~ 1, arith << 1, arith >> 1, ~arith)
print(2 + arith, arith + arith)
local cnt = 0
local it = setmetatable({}, {__index = function(t, i) cnt = cnt + 1; if i <= 3 then return i end end})
for i, v in ipairs(it) do io_ = v end
print(cnt)
print(rawequal(a, a), rawequal(a, b), rawlen({1, 2}), rawget(V, "new") == V.new)
local obj = setmetatable({}, {__name = "MyType"})
print(pcall(function() return obj + 1 end))
print(pcall(function() return #setmetatable({}, {__len = function() error("in len") end}) end))
-- LUA_COMPAT_LT_LE: '<=' falls back to 'not (b < a)' through __lt
local lt = setmetatable({}, {__lt = function(a, b) return false end})
print(lt <= 1, 1 <= lt, lt >= 1)
local function tcmp(a, b) return a < b end
local lt2 = setmetatable({}, {__lt = function(a, b) return tcmp(1, 2) end})
print(lt2 <= lt2)
