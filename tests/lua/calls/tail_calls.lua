-- Proper tail calls: unbounded depth does not grow the stack.
local function loop(n, acc)
  if n == 0 then return acc end
  return loop(n - 1, acc + 1)
end
print(loop(1000000, 0))
--> 1000000
local even, odd
function even(n) if n == 0 then return "even" end return odd(n - 1) end
function odd(n) if n == 0 then return "odd" end return even(n - 1) end
print(even(1000001), even(1000000))
--> odd	even
local function va(n, ...)
  if n == 0 then return select("#", ...) end
  return va(n - 1, ...)
end
print(va(1000000, 1, 2, 3))
--> 3
-- a tail call through a method and through a callable table
local obj = {n = 0}
function obj:step(k) if k == 0 then return self.n end self.n = self.n + 1 return self:step(k - 1) end
print(obj:step(300000))
--> 300000
local ct = setmetatable({}, {__call = function(self, k) if k == 0 then return "done" end return self(k - 1) end})
print(ct(200000))
--> done
