-- A binary heap used as a priority queue, and heap sort of pseudo-random numbers.
local Heap = {}
Heap.__index = Heap
function Heap.new(less) return setmetatable({n = 0, less = less or function(a, b) return a < b end}, Heap) end
function Heap:push(v)
  self.n = self.n + 1
  local i = self.n
  self[i] = v
  while i > 1 do
    local p = i // 2
    if self.less(self[i], self[p]) then self[i], self[p] = self[p], self[i]; i = p else break end
  end
end
function Heap:pop()
  if self.n == 0 then return nil end
  local top = self[1]
  self[1] = self[self.n]
  self[self.n] = nil
  self.n = self.n - 1
  local i = 1
  while true do
    local l, r, m = 2 * i, 2 * i + 1, i
    if l <= self.n and self.less(self[l], self[m]) then m = l end
    if r <= self.n and self.less(self[r], self[m]) then m = r end
    if m == i then break end
    self[i], self[m] = self[m], self[i]
    i = m
  end
  return top
end
local seed = 7
local function rand() seed = (seed * 48271) % 2147483647; return seed end
local h = Heap.new()
for _ = 1, 10000 do h:push(rand() % 100000) end
local prev, sorted, sum = -1, true, 0
for _ = 1, 10000 do
  local v = h:pop()
  if v < prev then sorted = false end
  prev = v
  sum = sum + v
end
print(sorted, sum, h:pop())
--> true	498434643	nil
local maxh = Heap.new(function(a, b) return a > b end)
for _, v in ipairs({5, 1, 9, 3, 7}) do maxh:push(v) end
print(maxh:pop(), maxh:pop(), maxh:pop())
--> 9	7	5
