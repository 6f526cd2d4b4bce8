local function through_pcall(n) local ok, e = pcall(through_pcall, n + 1); if not ok then error(e, 0) end end
print(pcall(through_pcall, 1))
local t = setmetatable({}, {__index = function(t, k) return t[k + 1] end})
print(pcall(function() return t[1] end))
local function nest(n) local co = coroutine.wrap(function() return nest(n + 1) end) return co() end
print((pcall(nest, 1)))
local function tail(n) if n == 0 then return "tail done" end return tail(n - 1) end
print(tail(1000000))
print(select('#', table and 1))
