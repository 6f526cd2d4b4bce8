-- Infinities and NaN: printing, comparisons, arithmetic.
local inf, nan = 1 / 0, 0 / 0
print(inf, -inf, 1e309, -1e309)
--> inf	-inf	inf	-inf
print(nan ~= nan, nan == nan, nan < 1, nan > 1, nan <= nan, 1 < nan)
--> true	false	false	false	false	false
print(inf > 9223372036854775807, -inf < -9223372036854775807 - 1, inf == inf, inf - inf ~= inf - inf)
--> true	true	true	true
print(inf + 1 == inf, inf * 0 ~= inf * 0, -inf * -1)
--> true	true	inf
print(1 / inf, -1 / inf, 1 / -inf)
--> 0.0	-0.0	-0.0
print(2 ^ 1024, -(2 ^ 1024))
--> inf	-inf
local t = {}
print(pcall(function() t[nan] = 1 end))
--> false	tests/lua/numbers/inf_nan.lua:16: table index is NaN
print(t[nan], rawget(t, nan))
--> nil	nil
t[inf] = "inf key"
print(t[1 / 0])
--> inf key
print(inf // 1, -inf // 1, inf % 2 ~= inf % 2)
--> inf	-inf	true
print(tostring(inf), tostring(-inf))
--> inf	-inf
