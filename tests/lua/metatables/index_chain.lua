-- __index chains: tables whose metatables' __index are tables with metatables, to depth.
local root = {name = "root"}
local cur = root
for i = 1, 50 do
  cur = setmetatable({["level" .. i] = i}, {__index = cur})
end
print(cur.name, cur.level1, cur.level25, cur.level50, cur.missing)
--> root	1	25	50	nil
-- a string key on a number-indexed chain
local a = setmetatable({}, {__index = setmetatable({}, {__index = function(_, k) return k * 2 end})})
print(a[21])
--> 42
