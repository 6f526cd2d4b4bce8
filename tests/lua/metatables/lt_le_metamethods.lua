-- __lt and __le; '>' and '>=' swap operands.
local mt = {}
mt.__lt = function(a, b) return a.v < b.v end
mt.__le = function(a, b) return a.v <= b.v end
local function V(v) return setmetatable({v = v}, mt) end
local x, y = V(1), V(2)
print(x < y, x > y, x <= y, x >= y, x <= x, y < x)
--> true	false	true	false	true	false
local only_lt = {__lt = function(a, b) return true end}
local p, q = setmetatable({}, only_lt), setmetatable({}, only_lt)
print(p < q)
--> true
-- mixed types reach the metamethod
local num_mt = {__lt = function(a, b)
  local av = type(a) == "table" and a.v or a
  local bv = type(b) == "table" and b.v or b
  return av < bv
end}
local n = setmetatable({v = 5}, num_mt)
print(n < 10, 1 < n, n > 3)
--> true	true	true
local truthy = setmetatable({}, {__lt = function() return 0 end})
print(truthy < truthy, not (truthy < truthy))
--> true	false
