-- A message handler runs for a "C stack overflow" too: lua5.4 keeps C levels above
-- LUAI_MAXCCALLS (200) for error handling, up to 220 ("error in error handling" past them).
local function f() string.gsub("x", "x", f) end
local ok, m = xpcall(f, debug.traceback)
print(ok, (m:gsub("\n.*", "")), select(2, m:gsub("\n", "")))
--> false	C stack overflow	23
print(xpcall(f, function(m) return "H:" .. m end))
--> false	H:C stack overflow
print(pcall(coroutine.wrap(function() f() end)))
--> false	C stack overflow
print(xpcall(f, function(m) error(m) end))
--> false	error in error handling
print(xpcall(f, function(m) return select(2, pcall(error, "in handler")) end))
--> false	in handler
print(xpcall(f, function(m) return tostring(setmetatable({}, {__tostring = function() return "ts" end})) end))
--> false	ts
local n = 0
local function h(m) n = n + 1 if n < 50 then error(m) end return "n=" .. n end
print(xpcall(function() error("plain") end, h), n)
--> false	50
print(select('#', xpcall(f, function(m) return table.unpack({1, 2, 3}) end)))
--> 2
local mt = {} mt.__index = function(t, k) return setmetatable({}, mt)[k] end
print(xpcall(function() return setmetatable({}, mt).x end, function(m) return "H " .. m end))
--> false	H tests/lua/errors/handler_at_c_overflow.lua:23: C stack overflow
print(pcall(function() return setmetatable({}, mt).x end))
--> false	tests/lua/errors/handler_at_c_overflow.lua:23: C stack overflow
