-- break leaves only the innermost loop.
for i = 1, 3 do
  for j = 1, 3 do
    if j == 2 then break end
    print(i, j)
--> 1	1
--> 2	1
--> 3	1
  end
end
local found
for i = 1, 10 do
  for j = 1, 10 do
    if i * j == 42 then found = i .. "x" .. j; break end
  end
  if found then break end
end
print(found)
--> 6x7
