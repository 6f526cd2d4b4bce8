-- Cyclic structures are collected; memory returns to about where it was.
collectgarbage()
local before = collectgarbage("count")
for round = 1, 20 do
  local nodes = {}
  for i = 1, 1000 do nodes[i] = {id = i} end
  for i = 1, 1000 do nodes[i].next = nodes[i % 1000 + 1]; nodes[i].self = nodes[i] end
  nodes = nil
end
collectgarbage()
collectgarbage()
local after = collectgarbage("count")
print(after < before + 200)
--> true
local fin = 0
local function make_cycle()
  local a = setmetatable({}, {__gc = function() fin = fin + 1 end})
  local b = setmetatable({a = a}, {__gc = function() fin = fin + 1 end})
  a.b = b
end
make_cycle()
collectgarbage()
print(fin)
--> 2
