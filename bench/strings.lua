-- String building with '..': numbers to strings, many short strings, a rope joined pairwise.
local function join(parts, i, j)
  if i == j then return parts[i] end
  local m = (i + j - (i + j) % 2) / 2
  return join(parts, i, m) .. join(parts, m + 1, j)
end
local total = 0
for round = 1, 20 do
  local parts = {}
  for i = 1, 50000 do parts[i] = "item" .. i .. "," end
  local s = join(parts, 1, #parts)
  total = total + #s
  local small = ""
  for i = 1, 2000 do small = small .. "x" end
  total = total + #small
end
local keys = {}
for i = 1, 200000 do keys["k" .. i % 1000] = i end
print(total, keys.k999)
