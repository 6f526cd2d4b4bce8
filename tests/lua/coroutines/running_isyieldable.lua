-- coroutine.running and coroutine.isyieldable in the main thread and in coroutines.
local main, ismain = coroutine.running()
print(type(main), ismain, coroutine.isyieldable())
--> thread	true	false
local co
co = coroutine.create(function()
  local me, ismain2 = coroutine.running()
  print(me == co, ismain2, coroutine.isyieldable())
  print(coroutine.isyieldable(main), coroutine.isyieldable(co))
end)
coroutine.resume(co)
--> true	false	true
--> false	true
print(coroutine.isyieldable(co))
--> true
