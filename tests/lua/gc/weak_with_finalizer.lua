-- Finalized objects are removed from weak values before the finalizer runs,
-- and the object is still usable inside the finalizer.
local wv = setmetatable({}, {__mode = "v"})
local seen
local function make()
  local o = setmetatable({tag = "T"}, {__gc = function(o) seen = o.tag .. tostring(wv[1] == nil) end})
  wv[1] = o
end
make()
collectgarbage()
print(seen, wv[1])
--> Ttrue	nil
