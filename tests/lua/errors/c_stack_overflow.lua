-- Runaway recursion through the host (pcall, metamethods, tostring, coroutines) is a catchable
--# slow (heavy: 125000 levels with a `load` each)
-- error, never a crash; only stable facts are printed (the exact message differs by path).
local function through_pcall(n) local ok, e = pcall(through_pcall, n + 1); if not ok then error(e, 0) end end
local ok, e = pcall(through_pcall, 1)
print("pcall", ok, type(e))
--> pcall	false	string
local t = setmetatable({}, {__index = function(t, k) return t[k + 1] end})
ok, e = pcall(function() return t[1] end)
print("__index", ok, type(e))
--> __index	false	string
local obj = setmetatable({}, {__tostring = function(o) return tostring(o) end})
ok, e = pcall(tostring, obj)
print("__tostring", ok, type(e))
--> __tostring	false	string
local function nest(n)
  local co = coroutine.wrap(function() return nest(n + 1) end)
  return co()
end
ok, e = pcall(nest, 1)
print("coroutines", ok, type(e))
--> coroutines	false	string
local adder = setmetatable({}, {})
getmetatable(adder).__add = function(a, b) return a + b end
ok, e = pcall(function() return adder + 1 end)
print("__add", ok, type(e))
--> __add	false	string
-- A chunk loaded at every level until `stack overflow` (125000 levels). Under gc-stress
-- (AQUA_GC_STRESS, a full collection per allocation, each marking the whole stack) that is
-- quadratic, so there only the first 300 levels load a chunk and plain calls overflow the rest.
local load_levels = os.getenv("AQUA_GC_STRESS") and 300 or math.huge
local function plain(n) return 1 + plain(n + 1) end
local function via_load(n)
  if n > load_levels then return plain(n) end
  local r = load("local f, n = ... return 1 + f(n + 1)")(via_load, n) return r
end
ok, e = pcall(via_load, 1)
print("load", ok, type(e))
--> load	false	string
print("still running")
--> still running
