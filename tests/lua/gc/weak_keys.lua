-- Weak-keyed tables: entries whose keys are collected disappear after a full collection.
-- (Objects are created inside helper functions, so no dead register of the main chunk can
-- keep one alive: the result does not depend on register allocation.)
local function count(t) local n = 0 for _ in pairs(t) do n = n + 1 end return n end
local cache = setmetatable({}, {__mode = "k"})
local keep = {}
local function fill()
  for i = 1, 10 do
    local k = {}
    cache[k] = i
    if i <= 3 then keep[i] = k end
  end
end
fill()
collectgarbage()
collectgarbage()
print(count(cache), cache[keep[1]], cache[keep[3]])
--> 3	1	3
-- non-collectable keys (numbers, strings, booleans) always stay
local w = setmetatable({}, {__mode = "k"})
local function fill2() w[1] = {}; w["s"] = {}; w[true] = {} end
fill2()
collectgarbage()
print(count(w))
--> 3
