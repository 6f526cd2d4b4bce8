-- A local assigned before its scope starts (`local a, b = x, y` writes both, then opens both
-- scopes) and captured by a closure: CLOSURE reads its register, so nothing may take it between
-- the assignment and the CLOSURE (`--alloc=linear-live` once printed 1 here).
local g1, g2, g4 = 2.5, 1, 1
local function f() return g1 end
print(f())
--> 2.5
local a, b, c = {1}, "two", 3
local get = function() return a[1], b, c end
print(get())
--> 1	two	3
for i = 1, 2 do
  local x, y = i * 10, i * 100
  local h = function() return x + y end
  print(h())
end
--> 110
--> 220
