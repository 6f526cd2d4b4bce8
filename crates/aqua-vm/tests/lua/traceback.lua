local function lvl3() error("deep") end
local function lvl2() lvl3() end
local function lvl1() lvl2() end
print(xpcall(lvl1, function(m) return m end))
local t = {}
function t.method(self) local x = nil; return x.y end
print(pcall(t.method, t))
print(pcall(function() t:method() end))
local function f(...) return select('#', ...) end
print(f(nil, nil, nil))
print(pcall(function() local a = {} ; a.b.c.d = 1 end))
print(pcall(function() return nil .. "x" end))
print(pcall((function() local up = {}; return function() return up.x.y end end)()))
local ok, e = pcall(function() error(setmetatable({}, {__tostring = function() return "custom" end})) end)
print(ok, tostring(e))
print(pcall(error, "x", 3))
