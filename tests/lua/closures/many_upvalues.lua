-- A closure with many upvalues, and a long chain of closures.
local a1, a2, a3, a4, a5, a6, a7, a8, a9, a10 = 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
local b1, b2, b3, b4, b5, b6, b7, b8, b9, b10 = 11, 12, 13, 14, 15, 16, 17, 18, 19, 20
local function sum()
  return a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + b1 + b2 + b3 + b4 + b5 + b6 + b7 + b8 + b9 + b10
end
print(sum())
--> 210
a1, b10 = 100, 200
print(sum())
--> 489
local f = function(x) return x end
for i = 1, 1000 do
  local prev = f
  f = function(x) return prev(x) + 1 end
end
print(f(0))
--> 1000
