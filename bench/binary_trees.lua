-- Binary trees (benchmarks game): allocation of many small tables, recursion.
local function bottom_up(depth)
  if depth == 0 then return {} end
  depth = depth - 1
  return {bottom_up(depth), bottom_up(depth)}
end
local function check(tree)
  if tree[1] then return 1 + check(tree[1]) + check(tree[2]) end
  return 1
end
local N = 15
local maxdepth = N
local stretch = maxdepth + 1
local out = {}
out[#out + 1] = "stretch tree of depth " .. stretch .. "\t check: " .. check(bottom_up(stretch))
local long_lived = bottom_up(maxdepth)
for depth = 4, maxdepth, 2 do
  local iters = 1
  for _ = 1, maxdepth - depth + 4 do iters = iters * 2 end
  local c = 0
  for _ = 1, iters do c = c + check(bottom_up(depth)) end
  out[#out + 1] = iters .. "\t trees of depth " .. depth .. "\t check: " .. c
end
out[#out + 1] = "long lived tree of depth " .. maxdepth .. "\t check: " .. check(long_lived)
for i = 1, #out do print(out[i]) end
