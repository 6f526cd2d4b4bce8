-- Floats with integral values behave like integers as keys and in loops' arithmetic.
local t = {}
for i = 1, 5 do t[i] = i * i end
print(t[2.0], t[4 / 2], t[2 ^ 1], #t)
--> 4	4	4	5
t[3.0] = nil
print(t[3], rawget(t, 3.0))
--> nil	nil
local acc = 0.0
for i = 1, 10 do acc = acc + 0.1 end
print(acc, acc == 1.0, acc < 1.0)
--> 1.0	false	true
local n = 0
for x = 0.5, 2.5, 0.5 do n = n + x end
print(n)
--> 7.5
