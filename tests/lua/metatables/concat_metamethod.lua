-- __concat: called when an operand is not a string or number; works in chains.
local mt = {__concat = function(a, b)
  local function v(x) return type(x) == "table" and (x.name or "plain") or tostring(x) end
  return v(a) .. "+" .. v(b)
end}
local A = setmetatable({name = "A"}, mt)
local B = setmetatable({name = "B"}, mt)
print(A .. B, A .. "s", "s" .. A, 1 .. A, A .. 2.5)
--> A+B	A+s	s+A	1+A	A+2.5
print("x" .. "y" .. A .. "z")
--> xyA+z
print(pcall(function() return A .. nil end))
--> true	A+nil
print(pcall(function() return {} .. A end))
--> true	plain+A
local tostr = setmetatable({}, {__concat = function(a, b) return setmetatable({}, {__tostring = function() return "obj" end}) end})
print(tostring(tostr .. 1))
--> obj
