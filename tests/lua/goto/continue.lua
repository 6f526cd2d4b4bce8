-- The "continue" idiom with goto.
for i = 1, 10 do
  if i % 3 ~= 0 then goto continue end
  print(i)
--> 3
--> 6
--> 9
  ::continue::
end
local i = 0
while i < 6 do
  i = i + 1
  if i % 2 == 0 then goto next end
  print("odd", i)
--> odd	1
--> odd	3
--> odd	5
  ::next::
end
