local a, b = 1, 2.5
print("hello", a + b, a // 3, b ^ 2)
local t = {1, 2, 3, x = 4, ["y z"] = 5}
for i = 1, 10 do t[i] = i * 2 end
for k, v in pairs(t) do print(k, v) end
local function f(x, ...)
  local s = select('#', ...)
  return x and s or -x, ...
end
t.x = f(3, 4, 5)
local up = 0
local function g() up = up + 1; return up end
while up < 5 do g() end
repeat up = up - 1 until up == 0
if a < b then print(a) elseif a == 3 then print(b) else print(nil) end
local s = "a" .. "b" .. a
print(#t, not a, -b, ~a, a & 3, a | 4, a ~ 5, a << 1, a >> 2)
t:foo(1)
local x <const> = 10
local y <close> = nil
return f(1,2)
