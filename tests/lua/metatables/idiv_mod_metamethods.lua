-- __idiv and __mod dispatch, plus __div when operands are strings that are not numbers.
local mt = {__idiv = function(a, b) return "idiv" end, __mod = function(a, b) return "mod" end,
            __div = function(a, b) return "div" end}
local t = setmetatable({}, mt)
print(t // 1, 1 // t, t % 2, 2 % t, t / 1, 1 / t)
--> idiv	idiv	mod	mod	div	div
print(pcall(function() return "a" // t end))
--> true	idiv
