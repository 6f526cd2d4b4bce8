local a, b = 10, 3
print(a + b, a - b, a * b, a / b, a // b, a % b, a ^ 2, -a)
print(7 // -2, 7 % -2, -7 // 2, -7 % 2, 7.5 // 2, 7.5 % -2)
print(1 / 0, -1 / 0, math and 1 or 2)
print(3 & 5, 3 | 5, 3 ~ 5, ~0, 1 << 63, 1 << 64, -1 >> 1, 2^53)
print(1e15, 1e16, 0.1, 123456789012345678, 9007199254740993, -0.0)
print("10" + 1, "0x10" * 2, "3.5" * 2, 10 .. 20, 1.5 .. "")
print(1 < 2, 1 <= 1.0, "a" < "b", "abc" < "abd", 2^63 == math, 1 == 1.0)
print(math == nil, nil == false, not nil, not 0)
local t = {1, 2, 3, x = 4, [10] = 5}
print(#t, t[1], t.x, t[10], t[4])
t[4] = 4; t[5] = 5
print(#t)
local s = 0
for i = 1, 100 do s = s + i end
print(s)
for i = 10, 1, -3 do io_ = i end
print(io_)
for i = 1.0, 2.0, 0.5 do print(i) end
for i = math.maxinteger or 9223372036854775807 - 2, 9223372036854775807 do s = i end
print(s)
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
print(fib(20))
local function va(...) return select('#', ...), ... end
print(va(1, nil, 3))
print((va(1, 2)))
local function tail(n) if n == 0 then return "done" end return tail(n - 1) end
print(tail(100000))
local c = 0
local function counter() c = c + 1; return c end
counter(); counter()
print(c)
local function mk() local x = 0; return function() x = x + 1; return x end end
local f1, f2 = mk(), mk()
print(f1(), f1(), f2())
local str = "hello" .. " " .. "world" .. 1 .. 2.0
print(str, #str)
goto skip
print("not printed")
::skip::
while true do c = c + 1; if c > 10 then break end end
repeat c = c - 1 until c < 5
print(c)
print(type(nil), type(1), type("x"), type({}), type(print), type(true))
local t2 = {}
for i = 1, 10 do t2[i] = i * i end
local sum = 0
for i, v in ipairs(t2) do sum = sum + v end
print(sum)
local cnt = 0
for k, v in pairs({a = 1, b = 2, c = 3, 1, 2}) do cnt = cnt + 1 end
print(cnt)
print(select(2, "a", "b", "c"), select(-1, "a", "b", "c"))
print(2^31, 1 // 0.0, -1 // 0.0, 0/0 ~= 0/0)
print(8 // 3 * 3 + 8 % 3, 2^-1, 100000000000000 * 100000000000000)
print(math.huge, 5 // 0.0)
