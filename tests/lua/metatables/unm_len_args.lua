-- Unary metamethods (__unm, __len, __bnot) get the operand as both arguments.
local mt = {
  __unm = function(a, b) return rawequal(a, b) end,
  __len = function(a, b) return rawequal(a, b) end,
  __bnot = function(a, b) return rawequal(a, b) end,
}
local t = setmetatable({}, mt)
print(-t, #t, ~t)
--> true	true	true
