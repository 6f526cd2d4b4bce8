-- Upvalues are closed when their scope ends (block exit, break, return), keeping the last value.
local fs = {}
do
  local x = "before"
  fs[1] = function() return x end
  x = "after"
end
print(fs[1]())
--> after
for i = 1, 10 do
  local y = i
  fs[2] = function() return y end
  if i == 4 then break end
end
print(fs[2]())
--> 4
local function make()
  local z = 1
  local f = function() return z end
  z = 2
  return f
end
print(make()())
--> 2
