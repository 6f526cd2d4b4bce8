-- Upvalues shared between the main thread and a coroutine.
local shared = 0
local co = coroutine.wrap(function()
  while true do
    shared = shared + 1
    coroutine.yield(shared)
  end
end)
print(co(), co())
--> 1	2
shared = 100
print(co(), shared)
--> 101	101
