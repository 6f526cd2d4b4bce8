-- Errors and hooks: an error raised in a hook propagates from the hooked point; no hook
-- fires while a hook runs; argument errors of sethook/gethook.
local function f() return 1 end

-- an error inside a line hook (the hook removes itself first)
local ok, err = pcall(function()
  debug.sethook(function(ev, line) debug.sethook() error("hook failed at " .. line) end, "l")
  return f()
end)
print(ok, err)

-- a call hook raising an error object (not a string)
ok, err = pcall(function()
  debug.sethook(function(ev) debug.sethook() error({code = 42}) end, "c")
  return f()
end)
print(ok, type(err), err.code)

-- hooks do not fire inside a hook
local inner = 0
debug.sethook(function(ev, line)
  inner = inner + 1
  local function g() return 2 end
  g()
end, "lc")
f()
debug.sethook()
print("hook calls", inner)

-- the hook function errors with a traceback through xpcall
ok, err = xpcall(function()
  debug.sethook(function() debug.sethook() error("deep") end, "r")
end, function(m) return "handled: " .. m end)
print(ok, err)

-- after an error in a hook, hooks still work
local cnt = 0
print(pcall(function()
  debug.sethook(function() cnt = cnt + 1 if cnt == 1 then error("first") end end, "c")
  f()
end))
f()
debug.sethook()
print("cnt", cnt > 1)

-- argument errors
print(pcall(debug.sethook, print))
print(pcall(debug.sethook, 1, "l"))
print(pcall(debug.sethook, print, {}))
print(pcall(debug.sethook, print, "l", "x"))
print(pcall(debug.sethook, coroutine.create(f), 1, "l"))
print(debug.gethook(coroutine.create(f)))
print(pcall(debug.gethook, 1))

--> false	tests/lua/debug/hook_errors.lua:7: hook failed at 8
--> false	table	42
--> hook calls	5
--> false	handled: tests/lua/debug/hook_errors.lua:32: deep
--> false	tests/lua/debug/hook_errors.lua:39: first
--> cnt	true
--> false	bad argument #2 to 'debug.sethook' (string expected, got no value)
--> false	bad argument #1 to 'debug.sethook' (function expected, got number)
--> false	bad argument #2 to 'debug.sethook' (string expected, got table)
--> false	bad argument #3 to 'debug.sethook' (number expected, got string)
--> false	bad argument #2 to 'debug.sethook' (function expected, got number)
--> nil
--> true	nil
