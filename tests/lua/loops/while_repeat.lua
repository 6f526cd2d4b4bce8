-- while and repeat loops; repeat's condition sees the body's locals.
local i = 0
while i < 5 do i = i + 1 end
print(i)
--> 5
local j = 10
repeat local k = j; j = j - 3 until k < 5
print(j)
--> 1
local n = 0
while true do
  n = n + 1
  if n == 7 then break end
end
print(n)
--> 7
local r = 0
repeat r = r + 1 until true
print(r)
--> 1
local outer = 0
while outer < 3 do
  outer = outer + 1
  local inner = 0
  while true do
    inner = inner + 1
    if inner >= outer then break end
  end
  print(outer, inner)
--> 1	1
--> 2	2
--> 3	3
end
