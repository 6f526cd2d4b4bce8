-- a native call that reallocates the CallInfo vector while a Lua frame is suspended in CALL
local function f(n) if n == 0 then return 0 end local x = type(n) return 1 + f(n - 1) end
print(f(50000))
local function g(n) if n == 0 then return 0 end local t = setmetatable({}, {__index = function() return 1 end}) return t.x + g(n - 1) end
print(g(20000))
local function via_load(n) local r = load("local f, n = ... return 1 + f(n + 1)")(via_load, n) return r end
local ok, e = pcall(via_load, 1)
print("load", ok, type(e))
