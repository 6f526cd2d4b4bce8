-- A to-be-closed variable replaced (debug.setlocal) by a value without __close: lua5.4 still
-- calls its __close, i.e. nil: an error on a normal exit, and one replacing the error on an
-- error exit; a value with __close is closed instead of the original.
local function f()
  local x <close> = setmetatable({}, {__close = function() print("closed") end})
  print(debug.setlocal(1, 1, 42))
end
print(pcall(f))
--> x
--> false	tests/lua/tbc/setlocal_nonclosable.lua:7: attempt to call a nil value (metamethod 'close')
local function g()
  local x <close> = setmetatable({}, {__close = function() print("closed") end})
  debug.setlocal(1, 1, nil)
end
print(pcall(g))
--> false	tests/lua/tbc/setlocal_nonclosable.lua:14: attempt to call a nil value (metamethod 'close')
local function h()
  local x <close> = setmetatable({}, {__close = function() print("closed") end})
  debug.setlocal(1, 1, false)
end
print(pcall(h))
--> false	tests/lua/tbc/setlocal_nonclosable.lua:20: attempt to call a nil value (metamethod 'close')
local function k()
  local x <close> = setmetatable({}, {__close = function() print("closed") end})
  debug.setlocal(1, 1, setmetatable({}, {__close = function() print("other closed") end}))
end
print(pcall(k))
--> other closed
--> true
local function m()
  local x <close> = setmetatable({}, {__close = function() print("closed") end})
  debug.setlocal(1, 1, 42)
  error("boom")
end
print(pcall(m))
--> false	attempt to call a nil value
local co = coroutine.wrap(function()
  local x <close> = setmetatable({}, {__close = function() print("closed") end})
  debug.setlocal(1, 1, "str")
  coroutine.yield(1)
end)
print(co())
--> 1
