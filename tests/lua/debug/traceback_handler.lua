-- debug.traceback as an xpcall message handler: it runs at the raise point, so the traceback
-- shows the frames that raised (natives, metamethods, nested native re-entries).
local function cut(s)
  if type(s) ~= "string" then return s end
  return (s:gsub("\n\t%[C%]: in %?$", ""))
end
local function handler(m) return cut(debug.traceback(m, 2)) end

local function lvl3() error("deep error") end
local function lvl2() lvl3() end
print(xpcall(lvl2, handler))
print(xpcall(function() local x = nil; return x.y end, handler))
print(xpcall(function() table.sort({3, 2, 1}, function(a, b) error("in cmp") end) end, handler))
print(xpcall(function() return ("x"):rep(-1, {}) end, handler))
print(select("#", xpcall(error, handler, {})), type(select(2, xpcall(error, handler, {}))))
print(xpcall(error, handler))
print(xpcall(function()
  local t = setmetatable({}, {__index = function(t, k) error("no field " .. k) end})
  return t.missing
end, handler))
print(xpcall(function()
  local t = setmetatable({}, {__add = function(a, b) return a.x.y end})
  return t + 1
end, handler))
local co = coroutine.wrap(function() print(xpcall(lvl2, handler)) end)
co()
-- error with a level: the position changes, the traceback does not
print(xpcall(function() error("level 2", 2) end, handler))

--> false	tests/lua/debug/traceback_handler.lua:9: deep error
--> stack traceback:
--> 	[C]: in function 'error'
--> 	tests/lua/debug/traceback_handler.lua:9: in upvalue 'lvl3'
--> 	tests/lua/debug/traceback_handler.lua:10: in function <tests/lua/debug/traceback_handler.lua:10>
--> 	[C]: in function 'xpcall'
--> 	tests/lua/debug/traceback_handler.lua:11: in main chunk
--> false	tests/lua/debug/traceback_handler.lua:12: attempt to index a nil value (local 'x')
--> stack traceback:
--> 	tests/lua/debug/traceback_handler.lua:12: in function <tests/lua/debug/traceback_handler.lua:12>
--> 	[C]: in function 'xpcall'
--> 	tests/lua/debug/traceback_handler.lua:12: in main chunk
--> false	tests/lua/debug/traceback_handler.lua:13: in cmp
--> stack traceback:
--> 	[C]: in function 'error'
--> 	tests/lua/debug/traceback_handler.lua:13: in function <tests/lua/debug/traceback_handler.lua:13>
--> 	[C]: in function 'table.sort'
--> 	tests/lua/debug/traceback_handler.lua:13: in function <tests/lua/debug/traceback_handler.lua:13>
--> 	[C]: in function 'xpcall'
--> 	tests/lua/debug/traceback_handler.lua:13: in main chunk
--> false	tests/lua/debug/traceback_handler.lua:14: bad argument #2 to 'rep' (string expected, got table)
--> stack traceback:
--> 	[C]: in function 'string.rep'
--> 	tests/lua/debug/traceback_handler.lua:14: in function <tests/lua/debug/traceback_handler.lua:14>
--> 	[C]: in function 'xpcall'
--> 	tests/lua/debug/traceback_handler.lua:14: in main chunk
--> 2	table
--> false	stack traceback:
--> 	[C]: in function 'error'
--> 	[C]: in function 'xpcall'
--> 	tests/lua/debug/traceback_handler.lua:16: in main chunk
--> false	tests/lua/debug/traceback_handler.lua:18: no field missing
--> stack traceback:
--> 	[C]: in function 'error'
--> 	tests/lua/debug/traceback_handler.lua:18: in metamethod 'index'
--> 	tests/lua/debug/traceback_handler.lua:19: in function <tests/lua/debug/traceback_handler.lua:17>
--> 	[C]: in function 'xpcall'
--> 	tests/lua/debug/traceback_handler.lua:17: in main chunk
--> false	tests/lua/debug/traceback_handler.lua:22: attempt to index a nil value (field 'x')
--> stack traceback:
--> 	tests/lua/debug/traceback_handler.lua:22: in metamethod 'add'
--> 	tests/lua/debug/traceback_handler.lua:23: in function <tests/lua/debug/traceback_handler.lua:21>
--> 	[C]: in function 'xpcall'
--> 	tests/lua/debug/traceback_handler.lua:21: in main chunk
--> false	tests/lua/debug/traceback_handler.lua:9: deep error
--> stack traceback:
--> 	[C]: in function 'error'
--> 	tests/lua/debug/traceback_handler.lua:9: in upvalue 'lvl3'
--> 	tests/lua/debug/traceback_handler.lua:10: in function <tests/lua/debug/traceback_handler.lua:10>
--> 	[C]: in function 'xpcall'
--> 	tests/lua/debug/traceback_handler.lua:25: in function <tests/lua/debug/traceback_handler.lua:25>
--> false	level 2
--> stack traceback:
--> 	[C]: in function 'error'
--> 	tests/lua/debug/traceback_handler.lua:28: in function <tests/lua/debug/traceback_handler.lua:28>
--> 	[C]: in function 'xpcall'
--> 	tests/lua/debug/traceback_handler.lua:28: in main chunk
