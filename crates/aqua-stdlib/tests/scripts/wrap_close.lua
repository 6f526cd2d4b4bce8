-- coroutine.wrap closes the coroutine's pending to-be-closed variables on error
local w4 = coroutine.wrap(function() local x <close> = setmetatable({}, {__close=function() print("closed") end}); error("e4") end)
print(pcall(function() w4() end))
