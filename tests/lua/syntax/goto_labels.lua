-- goto and labels: continue, leaving nested loops, backward jumps, labels at block ends.
for i = 1, 5 do
  if i % 2 == 0 then goto continue end
  print("odd", i)
--> odd	1
--> odd	3
--> odd	5
  ::continue::
end
for i = 1, 3 do
  for j = 1, 3 do
    if i * j == 4 then goto out end
    print(i, j)
--> 1	1
--> 1	2
--> 1	3
--> 2	1
  end
end
::out::
print("out")
--> out
do
  local n = 0
  ::top::
  n = n + 1
  if n < 4 then goto top end
  print("n", n)
--> n	4
end
-- each backward goto iteration creates a fresh local for closures
do
  local fs = {}
  local i = 1
  ::again::
  local x = i * 10
  fs[i] = function() return x end
  i = i + 1
  if i <= 3 then goto again end
  print(fs[1](), fs[2](), fs[3]())
--> 10	20	30
end
-- a label may be repeated in different (non-nested) blocks
do goto a; print("skipped"); ::a:: end
do goto a; ::a:: print("second block") end
--> second block
-- goto to a label at the end of the enclosing block
while true do
  do goto done end
  ::done::
  break
end
print("end")
--> end
