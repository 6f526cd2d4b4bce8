-- collectgarbage("count") grows with allocation and shrinks after collection.
collectgarbage()
local before = collectgarbage("count")
local hold = {}
-- Under gc-stress (AQUA_GC_STRESS, a full collection per allocation) 100000 live tables are
-- quadratic; 3000 show the same.
for i = 1, os.getenv("AQUA_GC_STRESS") and 3000 or 100000 do hold[i] = {i} end
local during = collectgarbage("count")
hold = nil
collectgarbage()
local after = collectgarbage("count")
print(during > before, after < during, math_type_free == nil)
--> true	true	true
