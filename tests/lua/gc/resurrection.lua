-- A finalizer may store its object somewhere reachable; it is not finalized twice.
local saved
local count = 0
local function make()
  setmetatable({v = "resurrected"}, {__gc = function(o) count = count + 1; saved = o end})
end
make()
collectgarbage()
print(saved and saved.v, count)
--> resurrected	1
saved = nil
collectgarbage()
collectgarbage()
print(count)
--> 1
