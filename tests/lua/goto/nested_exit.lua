-- goto out of several nested loops and blocks.
local function find(target)
  for i = 1, 5 do
    for j = 1, 5 do
      do
        if i + j == target then
          print("found", i, j)
          goto done
        end
      end
    end
  end
  print("not found")
  ::done::
  return target
end
print(find(7))
--> found	2	5
--> 7
print(find(100))
--> not found
--> 100
