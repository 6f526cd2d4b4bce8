-- Return values are computed before closing; __close cannot change them.
local function f()
  local v = {n = 1}
  local c <close> = setmetatable({}, {__close = function() v.n = 99; print("closing") end})
  return v.n, v
end
local n, v = f()
--> closing
print(n, v.n)
--> 1	99
local function g(...)
  local c <close> = setmetatable({}, {__close = function() print("close g") end})
  return ...
end
print(g(1, 2, 3))
--> close g
--> 1	2	3
-- a tail call in a function with a to-be-closed variable is not a tail call
local function h(k)
  local c <close> = setmetatable({}, {__close = function() print("close h", k) end})
  if k > 0 then return h(k - 1) end
  return "bottom"
end
print(h(2))
--> close h	0
--> close h	1
--> close h	2
--> bottom
