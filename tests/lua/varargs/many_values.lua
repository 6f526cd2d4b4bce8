-- Functions returning and receiving many values (hundreds).
local function range(n, i)
  i = i or 1
  if i > n then return end
  return i, range(n, i + 1)
end
local function count(...) return select("#", ...) end
print(count(range(100)), count(range(250)))
--> 100	250
local t = {range(200)}
print(#t, t[1], t[200])
--> 200	1	200
local function sum(...)
  local s = 0
  for i = 1, select("#", ...) do s = s + (select(i, ...)) end
  return s
end
print(sum(range(200)))
--> 20100
print(select(150, range(150)))
--> 150
print(select(-1, range(180)))
--> 180
