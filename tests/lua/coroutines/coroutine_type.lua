-- Coroutines are values of type "thread", compared by identity, usable as keys.
local a = coroutine.create(function() end)
local b = coroutine.create(function() end)
print(type(a), a == a, a == b)
--> thread	true	false
local t = {[a] = "a", [b] = "b"}
print(t[a], t[b])
--> a	b
print(type(coroutine.running()))
--> thread
print(coroutine.resume(a))
--> true
