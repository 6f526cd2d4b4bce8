-- Yielding from the main thread is an error.
print(pcall(coroutine.yield, "x"))
--> false	attempt to yield from outside a coroutine
print(pcall(function() coroutine.yield() end))
--> false	attempt to yield from outside a coroutine
