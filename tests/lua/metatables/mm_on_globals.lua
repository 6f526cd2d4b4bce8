-- A metatable on _G: detecting undefined globals.
local seen = {}
setmetatable(_G, {
  __index = function(_, k) seen[#seen + 1] = "read " .. k; return nil end,
  __newindex = function(t, k, v) seen[#seen + 1] = "write " .. k; rawset(t, k, v) end,
})
local a = some_undefined_name
newglobal = 1
newglobal = 2
local b = newglobal
for _, s in ipairs(seen) do print(s) end
--> read some_undefined_name
--> write newglobal
setmetatable(_G, nil)
print(newglobal)
--> 2
