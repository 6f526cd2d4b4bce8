-- Ephemeron tables: a value that refers only to its own key does not keep the key alive.
-- (Objects are created inside helper functions: see weak_keys.lua.)
local function count(t) local n = 0 for _ in pairs(t) do n = n + 1 end return n end
local eph = setmetatable({}, {__mode = "k"})
local kept = {}
local function fill()
  for i = 1, 5 do
    local k = {}
    eph[k] = {owner = k, i = i}
  end
  eph[kept] = {owner = kept}
end
fill()
collectgarbage()
print(count(eph), eph[kept].owner == kept)
--> 1	true
-- a chain: value of one key is the key of the next
local chain = setmetatable({}, {__mode = "k"})
local holder = {}
local function fill_chain()
  local first = {}
  local k = first
  for i = 1, 5 do local nk = {}; chain[k] = nk; k = nk end
  holder.first = first
end
fill_chain()
collectgarbage()
print(count(chain))
--> 5
holder.first = nil
collectgarbage()
print(count(chain))
--> 0
