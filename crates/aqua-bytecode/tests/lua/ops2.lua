-- the opcodes ops.lua does not produce
local a, b = ...
local f = false
g = 1
g2 = a
local x = a - 1.5
x = a & b; x = a ~ b; x = a << b; x = a % b; x = a ^ b; x = a / b; x = a // b
x = a - b * 2 + b % 3.5
-- integral float constants that do not fit sC: luac sets C (isfloat) on EQK/LT/LE
local c1 = a == 1000.0
local c2 = a < 1000.0
local c3 = 1000.0 <= a
return f, x, c1, c2, c3
