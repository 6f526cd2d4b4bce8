-- Moderately deep nesting through pcall, metamethods, coroutines and tostring (each level
-- crosses a host-function boundary in PUC-Lua); 100 levels are well within every limit.
local function via_pcall(n) if n == 0 then return "bottom" end local ok, v = pcall(via_pcall, n - 1) return v end
print(via_pcall(100))
--> bottom
local depth = 0
local chain = setmetatable({}, {__index = function(t, k)
  if k == 0 then return "index bottom" end
  return t[k - 1]
end})
print(chain[100])
--> index bottom
local function via_coroutines(n)
  if n == 0 then return "coroutine bottom" end
  return coroutine.wrap(function() return via_coroutines(n - 1) end)()
end
print(via_coroutines(100))
--> coroutine bottom
local obj
obj = setmetatable({n = 100}, {__tostring = function(o)
  if o.n == 0 then return "tostring bottom" end
  return tostring(setmetatable({n = o.n - 1}, getmetatable(o)))
end})
print(tostring(obj))
--> tostring bottom
local adder = setmetatable({}, {__add = function(a, b) if b == 0 then return "add bottom" end return a + (b - 1) end})
print(adder + 100)
--> add bottom
local function via_load(n) if n == 0 then return "load bottom" end return load("return ...")(via_load(n - 1)) end
print(via_load(100))
--> load bottom
local function via_xpcall(n) if n == 0 then error("xpcall bottom", 0) end
  local ok, v = xpcall(via_xpcall, function(m) return m end, n - 1) return v end
print(via_xpcall(100))
--> xpcall bottom
