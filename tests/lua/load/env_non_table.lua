-- The env of a loaded chunk may be any value: global access indexes it (and fails for numbers).
print(pcall(load("return x", "=c", "t", 5)))
--> false	c:1: attempt to index a number value (upvalue '_ENV')
print(pcall(load("x = 1", "=c", "t", true)))
--> false	c:1: attempt to index a boolean value (upvalue '_ENV')
local proxy = setmetatable({}, {__index = function(_, k) return "global " .. k end})
print(load("return anything, other", "=c", "t", proxy)())
--> global anything	global other
print(pcall(load("return x", "=c", "t", "a string env")))
--> true	nil
