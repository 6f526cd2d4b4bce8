-- coroutine.status: suspended, running, normal, dead.
local main = coroutine.running()
local co1, co2
co1 = coroutine.create(function()
  print("co1 sees itself", coroutine.status(co1))
  coroutine.resume(co2)
  coroutine.yield()
end)
co2 = coroutine.create(function()
  print("co2 sees co1", coroutine.status(co1))
  print("co2 sees itself", coroutine.status(co2))
end)
print(coroutine.status(co1))
--> suspended
coroutine.resume(co1)
--> co1 sees itself	running
--> co2 sees co1	normal
--> co2 sees itself	running
print(coroutine.status(co1), coroutine.status(co2))
--> suspended	dead
coroutine.resume(co1)
print(coroutine.status(co1))
--> dead
print(coroutine.status(main))
--> running
print(pcall(coroutine.status, nil))
--> false	bad argument #1 to 'coroutine.status' (thread expected, got nil)
