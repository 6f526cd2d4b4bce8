-- Each loop iteration has fresh local variables: closures capture distinct values.
local fs = {}
for i = 1, 3 do fs[i] = function() return i end end
print(fs[1](), fs[2](), fs[3]())
--> 1	2	3
local gs = {}
for _, v in ipairs({"a", "b", "c"}) do gs[#gs + 1] = function() return v end end
print(gs[1](), gs[2](), gs[3]())
--> a	b	c
local hs = {}
local j = 0
while j < 3 do
  j = j + 1
  local k = j * 10
  hs[j] = function() k = k + 1; return k end
end
print(hs[1](), hs[1](), hs[2](), hs[3]())
--> 11	12	21	31
local rs = {}
local n = 0
repeat
  n = n + 1
  local m = n
  rs[n] = function() return m end
until m >= 3
print(rs[1](), rs[2](), rs[3]())
--> 1	2	3
-- modifying the loop variable's copy inside the body does not change iteration
for i = 1, 3 do
  local f = function() i = i * 100; return i end
  print(i, f(), i)
--> 1	100	100
--> 2	200	200
--> 3	300	300
end
