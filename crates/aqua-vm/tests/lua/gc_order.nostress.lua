local order = {}
for i = 1, 3 do
  setmetatable({}, {__gc = function() order[#order + 1] = i end})
end
collectgarbage()
print(#order, order[1], order[2], order[3])
