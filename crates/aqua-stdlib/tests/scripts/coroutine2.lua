local main = coroutine.running()
local co = coroutine.create(function()
  print("main status from co:", coroutine.status(main))
  print(pcall(coroutine.close, main))
  local inner = coroutine.create(function(outer) print("outer from inner:", coroutine.status(outer)); print(pcall(coroutine.close, outer)); print(coroutine.resume(outer)) end)
  coroutine.resume(inner, coroutine.running())
  return "done"
end)
print(coroutine.resume(co))
-- close with pending tbc
local log = {}
local c2 = coroutine.create(function()
  local a <close> = setmetatable({}, {__close = function(_, e) print("close a", e) end})
  local b <close> = setmetatable({}, {__close = function(_, e) print("close b", e); error("berr") end})
  coroutine.yield(1)
end)
print(coroutine.resume(c2))
print(coroutine.close(c2))
print(coroutine.status(c2), coroutine.close(c2))
print(coroutine.resume(c2))
-- resume values
local c3 = coroutine.create(function(...) print("args", ...); while true do print("got", coroutine.yield()) end end)
coroutine.resume(c3, 1, nil, 3)
coroutine.resume(c3)
coroutine.resume(c3, nil)
coroutine.resume(c3, "a", "b")
-- deep recursion inside coroutine then yield
local function rec(n) if n == 0 then return coroutine.yield("bottom") end return rec(n - 1) end
local c4 = coroutine.wrap(function() return rec(1000) end)
print(c4())
print(c4("back"))
-- error with non-string in coroutine
local c5 = coroutine.create(function() error(setmetatable({}, {__tostring = function() return "custom" end})) end)
local ok, e = coroutine.resume(c5)
print(ok, tostring(e))
-- error with level in coroutine
local c6 = coroutine.create(function() local function f() error("lvl2", 2) end f() end)
print(coroutine.resume(c6))
-- wrap as iterator generator with state
local function range(n) return coroutine.wrap(function() for i = 1, n do coroutine.yield(i, i * i) end end) end
for i, sq in range(4) do print(i, sq) end
-- yield across pcall inside wrap with error after
local c7 = coroutine.wrap(function() print(pcall(function() coroutine.yield("y"); error("after yield") end)); return "fin" end)
print(c7()); print(c7())
-- isyieldable inside pcall inside coroutine
print(coroutine.wrap(function() return pcall(coroutine.isyieldable) end)())
-- status inside itself
local c8; c8 = coroutine.create(function() return coroutine.status(c8) end)
print(coroutine.resume(c8))
-- resume itself
local c9; c9 = coroutine.create(function() return coroutine.resume(c9) end)
print(coroutine.resume(c9))
-- wrap non-suspended
local w; w = coroutine.wrap(function() return w() end)
print(pcall(w))
print(select('#', coroutine.resume(coroutine.create(function() return end))))
print(coroutine.resume(coroutine.create(function() return nil, nil end)))
