-- A loop creating many short-lived tables and closures runs in bounded memory.
--# slow (heavy under gc-stress)
collectgarbage()
local base = collectgarbage("count")
local peak = 0
local sum = 0
for i = 1, 1000000 do
  local t = {i, i + 1, name = "x"}
  local f = function() return t[1] end
  sum = sum + f()
  if i % 100000 == 0 then
    local c = collectgarbage("count")
    if c > peak then peak = c end
  end
end
print(sum)
--> 500000500000
print(peak - base < 100 * 1024)
--> true
