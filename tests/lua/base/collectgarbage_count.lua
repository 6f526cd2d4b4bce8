-- collectgarbage("count") grows with allocation and shrinks after collection.
--# slow (skipped under gc-stress)
collectgarbage()
local before = collectgarbage("count")
local hold = {}
for i = 1, 100000 do hold[i] = {i} end
local during = collectgarbage("count")
hold = nil
collectgarbage()
local after = collectgarbage("count")
print(during > before, after < during, math_type_free == nil)
--> true	true	true
