-- Iterators implemented as closures.
local function range(n, step)
  local i = 0
  return function()
    i = i + (step or 1)
    if i <= n then return i end
  end
end
local s = 0
for v in range(10) do s = s + v end
print(s)
--> 55
for v in range(10, 3) do print(v) end
--> 3
--> 6
--> 9
local function chars(str)
  local i = 0
  return function()
    i = i + 1
    if i <= #str then return i end
  end
end
local c = 0
for _ in chars("hello") do c = c + 1 end
print(c)
--> 5
