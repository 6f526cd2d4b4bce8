-- Arguments and table constructor items are evaluated left to right;
-- in assignments all expressions are evaluated before assigning.
local log = {}
local function v(x) log[#log + 1] = tostring(x); return x end
local function f(...) return select("#", ...) end
f(v(1), v(2), v(3))
local t = {v("a"), v("b"), k = v("c"), v("d")}
local s = v(1) + v(2) * v(3)
local c = v("x") .. v("y") .. v("z")
print(#log)
--> 13
for i = 1, #log do io_line = (io_line or "") .. log[i] .. " " end
print(io_line)
--> 1 2 3 a b c d 1 2 3 x y z 
local a = {1, 2, 3}
local i = 1
i, a[i] = i + 1, "changed"
print(i, a[1], a[2])
--> 2	changed	2
local p, q = 1, 2
p, q = q, p
print(p, q)
--> 2	1
