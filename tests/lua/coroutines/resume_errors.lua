-- Resuming what cannot be resumed.
local co = coroutine.create(function() return 1 end)
coroutine.resume(co)
print(coroutine.resume(co))
--> false	cannot resume dead coroutine
local self_resume
self_resume = coroutine.create(function() return coroutine.resume(self_resume) end)
print(coroutine.resume(self_resume))
--> true	false	cannot resume non-suspended coroutine
print(pcall(coroutine.resume, 42))
--> false	bad argument #1 to 'coroutine.resume' (thread expected, got number)
print(pcall(coroutine.create, 42))
--> false	bad argument #1 to 'coroutine.create' (function expected, got number)
print(pcall(coroutine.wrap, nil))
--> false	bad argument #1 to 'coroutine.wrap' (function expected, got nil)
local outer
outer = coroutine.create(function()
  local inner = coroutine.create(function() return coroutine.resume(outer) end)
  return coroutine.resume(inner)
end)
print(coroutine.resume(outer))
--> true	true	false	cannot resume non-suspended coroutine
