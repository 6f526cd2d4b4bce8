-- the opcodes ops.lua does not produce
local a, b = ...
local f = false
g = 1
g2 = a
local x = a - 1.5
x = a & b; x = a ~ b; x = a << b; x = a % b; x = a ^ b; x = a / b; x = a // b
x = a - b * 2 + b % 3.5
return f, x
