-- 10 million short-lived tables and closures: allocation rate and GC (peak RSS matters here).
local sum = 0
for i = 1, 10000000 do
  local t = {i, i + 1, x = i}
  local f = function() return t[2] - t[1] end
  sum = sum + f() + t.x % 3
end
print(sum)
