-- __pairs: pairs(t) calls it and uses the three values it returns.
local t = setmetatable({}, {__pairs = function(self)
  local i = 0
  return function(_, k)
    i = i + 1
    if i <= 3 then return i, i * i end
  end, self, nil
end})
for k, v in pairs(t) do print(k, v) end
--> 1	1
--> 2	4
--> 3	9
-- next ignores __pairs
print(next(t))
--> nil
-- __index does not affect pairs
local u = setmetatable({a = 1}, {__index = {b = 2}})
local n = 0
for _ in pairs(u) do n = n + 1 end
print(n)
--> 1
