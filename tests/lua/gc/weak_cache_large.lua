-- A large weak-valued cache: after the strong references go away and a full collection,
-- only the entries still referenced remain.
local cache = setmetatable({}, {__mode = "v"})
local keep = {}
local function fill()
  for i = 1, 100000 do
    local v = {i}
    cache[i] = v
    if i % 1000 == 0 then keep[#keep + 1] = v end
  end
end
fill()
collectgarbage()
collectgarbage()
local n = 0
for _ in pairs(cache) do n = n + 1 end
print(n, cache[1000][1], cache[100000][1], cache[999])
--> 100	1000	100000	nil
