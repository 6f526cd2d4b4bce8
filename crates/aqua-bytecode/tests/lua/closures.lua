local function counter()
  local n = 0
  return function()
    n = n + 1
    return function() return n end
  end
end
local c = counter()
local obj = {}
function obj:method(x) return self, x end
function obj.static(y) return y end
obj:method(1)
local t = setmetatable({}, {__index = function(t, k) return k end})
print(t.foo, t[1], t[1.5])
while true do
  if c()() > 3 then break end
end
local x = 0
repeat
  local y = x
  x = x + 1
until y > 3
return counter
