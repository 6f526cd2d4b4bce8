-- __index as a function receives the table and the key.
local calls = 0
local t = setmetatable({present = 1}, {__index = function(tbl, k)
  calls = calls + 1
  return k .. "!"
end})
print(t.present, t.absent, t[1], calls)
--> 1	absent!	1!	2
local defaults = setmetatable({}, {__index = function() return 0 end})
defaults.a = defaults.a + 5
print(defaults.a, defaults.b)
--> 5	0
local self_check = setmetatable({}, {__index = function(tbl, k) return tbl end})
print(self_check.anything == self_check)
--> true
