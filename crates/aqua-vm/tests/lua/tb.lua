local function lvl3() print(traceback("msg")) end
local function lvl2() lvl3() end
local t = {f = function() lvl2() end}
function t:m() t.f() end
local function tc() return t:m() end
tc()
print(traceback())
local co = coroutine.create(function() coroutine.yield() end)
coroutine.resume(co)
print(traceback(co))
print(pcall(function() print(traceback("in pcall", 1)) end))
local function rec(n) if n == 0 then print(traceback()) else rec(n - 1) end end
rec(30)
