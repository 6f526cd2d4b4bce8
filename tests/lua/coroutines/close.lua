-- coroutine.close: on suspended and dead coroutines; not on running or normal ones.
local co = coroutine.create(function() coroutine.yield() end)
coroutine.resume(co)
print(coroutine.close(co), coroutine.status(co))
--> true	dead
print(coroutine.close(co))
--> true
local errco = coroutine.create(function() error("failed", 0) end)
coroutine.resume(errco)
print(coroutine.close(errco))
--> false	failed
local tco = coroutine.create(function() error({code = 1}) end)
coroutine.resume(tco)
local ok, e = coroutine.close(tco)
print(ok, type(e), e.code)
--> false	table	1
print(pcall(coroutine.close, coroutine.running()))
--> false	cannot close a running coroutine
local outer
outer = coroutine.create(function()
  local inner = coroutine.create(function()
    print(pcall(coroutine.close, outer))
  end)
  coroutine.resume(inner)
  print(pcall(coroutine.close, coroutine.running()))
end)
coroutine.resume(outer)
--> false	cannot close a normal coroutine
--> false	cannot close a running coroutine
print(coroutine.close(coroutine.create(print)))
--> true
