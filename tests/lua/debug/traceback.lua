-- debug.traceback: message, level, thread argument, non-string messages.
-- (The main thread's bottom level "[C]: in ?" is lua.c's pmain; it is cut here so that the
-- script does not depend on how the host starts it.)
local function tb(...)
  local s = debug.traceback(...)
  if type(s) ~= "string" then return s end
  return (s:gsub("\n\t%[C%]: in %?$", ""))
end

print(tb())
print(tb("message"))
print(tb("message", 1))
print(tb("message", 2))
print(tb(nil, 1))
print(tb(42))
print(tb(4.5, 1))
print(tb("x", -1))
print(tb("x", 100))
print(tb("with\0zero"))
print(debug.traceback({}) == nil, type(debug.traceback({})))
local t = {}
print(debug.traceback(t) == t, debug.traceback(true), debug.traceback(print) == print)

local function inner(level) return tb("inner", level) end
local function middle(level) return (inner(level)) end
local function outer(level) return (middle(level)) end
print(outer())
print(outer(0))
print(outer(2))
print(outer(3))

-- names of functions in the traceback
local obj = setmetatable({}, {__index = function(_, k) return tb("in index " .. k) end})
print(obj.key)
print(select(2, pcall(tb, "through pcall")))
print(string.gsub("a", "a", function() return tb("in gsub") end))

-- tail calls
local function tailee() return tb("tail") end
local function tailer() return tailee() end
print(tailer())

-- a coroutine: level defaults to 0, and the thread's own levels are shown
local co = coroutine.create(function(a)
  local function deep() coroutine.yield(tb("inside")) end
  deep()
  error("boom")
end)
print(select(2, coroutine.resume(co)))
print(debug.traceback(co))
print(debug.traceback(co, "msg"))
print(debug.traceback(co, "msg", 1))
print(debug.traceback(co, nil, 2))
print(debug.traceback(co, 12, 0))
print(coroutine.resume(co))
print(debug.traceback(co, "dead"))
print(debug.traceback(coroutine.create(print), "fresh"))

-- deep stacks are elided with the skipping line
local deep = coroutine.wrap(function()
  local function rec(n)
    if n == 0 then return debug.traceback("deep", 0) end
    return (rec(n - 1))
  end
  return rec(30)
end)
print(deep())
local deep2 = coroutine.wrap(function()
  local function rec(n)
    if n == 0 then return debug.traceback("deep2", 5) end
    return (rec(n - 1))
  end
  return rec(25)
end)
print(deep2())

--> stack traceback:
--> 	tests/lua/debug/traceback.lua:5: in local 'tb'
--> 	tests/lua/debug/traceback.lua:10: in main chunk
--> message
--> stack traceback:
--> 	tests/lua/debug/traceback.lua:5: in local 'tb'
--> 	tests/lua/debug/traceback.lua:11: in main chunk
--> message
--> stack traceback:
--> 	tests/lua/debug/traceback.lua:5: in local 'tb'
--> 	tests/lua/debug/traceback.lua:12: in main chunk
--> message
--> stack traceback:
--> 	tests/lua/debug/traceback.lua:13: in main chunk
--> stack traceback:
--> 	tests/lua/debug/traceback.lua:5: in local 'tb'
--> 	tests/lua/debug/traceback.lua:14: in main chunk
--> 42
--> stack traceback:
--> 	tests/lua/debug/traceback.lua:5: in local 'tb'
--> 	tests/lua/debug/traceback.lua:15: in main chunk
--> 4.5
--> stack traceback:
--> 	tests/lua/debug/traceback.lua:5: in local 'tb'
--> 	tests/lua/debug/traceback.lua:16: in main chunk
--> x
--> stack traceback:
--> x
--> stack traceback:
--> with
--> stack traceback:
--> 	tests/lua/debug/traceback.lua:5: in local 'tb'
--> 	tests/lua/debug/traceback.lua:19: in main chunk
--> false	table
--> true	true	true
--> inner
--> stack traceback:
--> 	tests/lua/debug/traceback.lua:5: in function <tests/lua/debug/traceback.lua:4>
--> 	(...tail calls...)
--> 	tests/lua/debug/traceback.lua:25: in upvalue 'middle'
--> 	tests/lua/debug/traceback.lua:26: in local 'outer'
--> 	tests/lua/debug/traceback.lua:27: in main chunk
--> inner
--> stack traceback:
--> 	[C]: in function 'debug.traceback'
--> 	tests/lua/debug/traceback.lua:5: in function <tests/lua/debug/traceback.lua:4>
--> 	(...tail calls...)
--> 	tests/lua/debug/traceback.lua:25: in upvalue 'middle'
--> 	tests/lua/debug/traceback.lua:26: in local 'outer'
--> 	tests/lua/debug/traceback.lua:28: in main chunk
--> inner
--> stack traceback:
--> 	tests/lua/debug/traceback.lua:25: in upvalue 'middle'
--> 	tests/lua/debug/traceback.lua:26: in local 'outer'
--> 	tests/lua/debug/traceback.lua:29: in main chunk
--> inner
--> stack traceback:
--> 	tests/lua/debug/traceback.lua:26: in local 'outer'
--> 	tests/lua/debug/traceback.lua:30: in main chunk
--> in index key
--> stack traceback:
--> 	tests/lua/debug/traceback.lua:5: in function <tests/lua/debug/traceback.lua:4>
--> 	(...tail calls...)
--> 	tests/lua/debug/traceback.lua:34: in main chunk
--> through pcall
--> stack traceback:
--> 	tests/lua/debug/traceback.lua:5: in function <tests/lua/debug/traceback.lua:4>
--> 	[C]: in function 'pcall'
--> 	tests/lua/debug/traceback.lua:35: in main chunk
--> in gsub
--> stack traceback:
--> 	tests/lua/debug/traceback.lua:5: in function <tests/lua/debug/traceback.lua:4>
--> 	(...tail calls...)
--> 	[C]: in function 'string.gsub'
--> 	tests/lua/debug/traceback.lua:36: in main chunk	1
--> tail
--> stack traceback:
--> 	tests/lua/debug/traceback.lua:5: in function <tests/lua/debug/traceback.lua:4>
--> 	(...tail calls...)
--> 	tests/lua/debug/traceback.lua:41: in main chunk
--> inside
--> stack traceback:
--> 	tests/lua/debug/traceback.lua:5: in upvalue 'tb'
--> 	tests/lua/debug/traceback.lua:45: in local 'deep'
--> 	tests/lua/debug/traceback.lua:46: in function <tests/lua/debug/traceback.lua:44>
--> stack traceback:
--> 	[C]: in function 'coroutine.yield'
--> 	tests/lua/debug/traceback.lua:45: in local 'deep'
--> 	tests/lua/debug/traceback.lua:46: in function <tests/lua/debug/traceback.lua:44>
--> msg
--> stack traceback:
--> 	[C]: in function 'coroutine.yield'
--> 	tests/lua/debug/traceback.lua:45: in local 'deep'
--> 	tests/lua/debug/traceback.lua:46: in function <tests/lua/debug/traceback.lua:44>
--> msg
--> stack traceback:
--> 	tests/lua/debug/traceback.lua:45: in local 'deep'
--> 	tests/lua/debug/traceback.lua:46: in function <tests/lua/debug/traceback.lua:44>
--> stack traceback:
--> 	tests/lua/debug/traceback.lua:46: in function <tests/lua/debug/traceback.lua:44>
--> 12
--> stack traceback:
--> 	[C]: in function 'coroutine.yield'
--> 	tests/lua/debug/traceback.lua:45: in local 'deep'
--> 	tests/lua/debug/traceback.lua:46: in function <tests/lua/debug/traceback.lua:44>
--> false	tests/lua/debug/traceback.lua:47: boom
--> dead
--> stack traceback:
--> 	[C]: in function 'error'
--> 	tests/lua/debug/traceback.lua:47: in function <tests/lua/debug/traceback.lua:44>
--> fresh
--> stack traceback:
--> deep
--> stack traceback:
--> 	[C]: in function 'debug.traceback'
--> 	tests/lua/debug/traceback.lua:62: in upvalue 'rec'
--> 	tests/lua/debug/traceback.lua:63: in upvalue 'rec'
--> 	tests/lua/debug/traceback.lua:63: in upvalue 'rec'
--> 	tests/lua/debug/traceback.lua:63: in upvalue 'rec'
--> 	tests/lua/debug/traceback.lua:63: in upvalue 'rec'
--> 	tests/lua/debug/traceback.lua:63: in upvalue 'rec'
--> 	tests/lua/debug/traceback.lua:63: in upvalue 'rec'
--> 	tests/lua/debug/traceback.lua:63: in upvalue 'rec'
--> 	tests/lua/debug/traceback.lua:63: in upvalue 'rec'
--> 	...	(skipping 10 levels)
--> 	tests/lua/debug/traceback.lua:63: in upvalue 'rec'
--> 	tests/lua/debug/traceback.lua:63: in upvalue 'rec'
--> 	tests/lua/debug/traceback.lua:63: in upvalue 'rec'
--> 	tests/lua/debug/traceback.lua:63: in upvalue 'rec'
--> 	tests/lua/debug/traceback.lua:63: in upvalue 'rec'
--> 	tests/lua/debug/traceback.lua:63: in upvalue 'rec'
--> 	tests/lua/debug/traceback.lua:63: in upvalue 'rec'
--> 	tests/lua/debug/traceback.lua:63: in upvalue 'rec'
--> 	tests/lua/debug/traceback.lua:63: in upvalue 'rec'
--> 	tests/lua/debug/traceback.lua:63: in upvalue 'rec'
--> 	tests/lua/debug/traceback.lua:63: in function <tests/lua/debug/traceback.lua:61>
--> 	(...tail calls...)
--> deep2
--> stack traceback:
--> 	tests/lua/debug/traceback.lua:71: in upvalue 'rec'
--> 	tests/lua/debug/traceback.lua:71: in upvalue 'rec'
--> 	tests/lua/debug/traceback.lua:71: in upvalue 'rec'
--> 	tests/lua/debug/traceback.lua:71: in upvalue 'rec'
--> 	tests/lua/debug/traceback.lua:71: in upvalue 'rec'
--> 	tests/lua/debug/traceback.lua:71: in upvalue 'rec'
--> 	tests/lua/debug/traceback.lua:71: in upvalue 'rec'
--> 	tests/lua/debug/traceback.lua:71: in upvalue 'rec'
--> 	tests/lua/debug/traceback.lua:71: in upvalue 'rec'
--> 	tests/lua/debug/traceback.lua:71: in upvalue 'rec'
--> 	tests/lua/debug/traceback.lua:71: in upvalue 'rec'
--> 	tests/lua/debug/traceback.lua:71: in upvalue 'rec'
--> 	tests/lua/debug/traceback.lua:71: in upvalue 'rec'
--> 	tests/lua/debug/traceback.lua:71: in upvalue 'rec'
--> 	tests/lua/debug/traceback.lua:71: in upvalue 'rec'
--> 	tests/lua/debug/traceback.lua:71: in upvalue 'rec'
--> 	tests/lua/debug/traceback.lua:71: in upvalue 'rec'
--> 	tests/lua/debug/traceback.lua:71: in upvalue 'rec'
--> 	tests/lua/debug/traceback.lua:71: in upvalue 'rec'
--> 	tests/lua/debug/traceback.lua:71: in upvalue 'rec'
--> 	tests/lua/debug/traceback.lua:71: in upvalue 'rec'
--> 	tests/lua/debug/traceback.lua:71: in function <tests/lua/debug/traceback.lua:69>
--> 	(...tail calls...)
