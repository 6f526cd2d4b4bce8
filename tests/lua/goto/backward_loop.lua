-- Backward goto forms a loop; closures capture a fresh local per pass.
local i = 1
local fs = {}
::top::
do
  local x = i
  fs[i] = function() return x end
end
i = i + 1
if i <= 3 then goto top end
print(fs[1](), fs[2](), fs[3]())
--> 1	2	3
local n = 0
::again::
n = n + 1
if n < 1000 then goto again end
print(n)
--> 1000
