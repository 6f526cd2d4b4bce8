-- A generic for driven by a coroutine.wrap iterator, with nested loops in the coroutine.
local function pairs_gen(n)
  return coroutine.wrap(function()
    for i = 1, n do
      for j = i + 1, n do coroutine.yield(i, j) end
    end
  end)
end
local c = 0
for i, j in pairs_gen(5) do c = c + 1; if c <= 3 then print(i, j) end end
--> 1	2
--> 1	3
--> 1	4
print("pairs", c)
--> pairs	10
