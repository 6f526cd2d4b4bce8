-- math: constants, integer/float results, conversions and lmathlib's error messages.
local function p(...) print(pcall(...)) end
print(math.pi, math.huge, -math.huge, math.maxinteger, math.mininteger)
--> 3.1415926535898	inf	-inf	9223372036854775807	-9223372036854775808
print(math.type(math.pi), math.type(math.maxinteger), math.maxinteger + 1 == math.mininteger)
--> float	integer	true
-- abs
print(math.abs(-5), math.abs(5), math.abs(-5.5), math.abs(-0.0), math.abs(math.mininteger), math.abs("-3"), math.abs(-1/0))
--> 5	5	5.5	0.0	-9223372036854775808	3.0	inf
p(math.abs)
--> false	bad argument #1 to 'math.abs' (number expected, got no value)
p(math.abs, "x")
--> false	bad argument #1 to 'math.abs' (number expected, got string)
-- floor / ceil
print(math.floor(3.7), math.floor(-3.7), math.floor(5), math.floor(-0.0), math.floor("3.7"), math.floor("4"))
--> 3	-4	5	0	3	4
print(math.ceil(3.2), math.ceil(-3.2), math.ceil(5), math.ceil(-0.5), math.ceil("1e2"))
--> 4	-3	5	0	100
print(math.floor(2^62), math.floor(2^63), math.floor(-2^63), math.ceil(1e300), math.floor(-1/0), math.floor(0/0) ~= math.floor(0/0))
--> 4611686018427387904	9.2233720368548e+18	-9223372036854775808	1e+300	-inf	true
print(math.type(math.floor(2^63)), math.type(math.floor(-2^63)), math.type(math.ceil(2.5)))
--> float	integer	integer
p(math.floor, {})
--> false	bad argument #1 to 'math.floor' (number expected, got table)
p(math.ceil)
--> false	bad argument #1 to 'math.ceil' (number expected, got no value)
-- fmod
print(math.fmod(7, 3), math.fmod(-7, 3), math.fmod(7, -3), math.fmod(-7, -3))
--> 1	-1	1	-1
print(math.fmod(7.5, 2), math.fmod(-7.5, 2), math.fmod(7, 2.5), math.fmod(-6.0, 3), math.fmod(1, 1/0))
--> 1.5	-1.5	2.0	-0.0	1.0
print(math.fmod(math.mininteger, -1), math.fmod(math.maxinteger, -1), math.fmod(math.mininteger, math.maxinteger))
--> 0	0	-1
print(math.fmod(5, 0.0), math.fmod(1/0, 2), math.fmod("7", "3"), math.type(math.fmod("7", 3)))
--> -nan	-nan	1.0	float
p(math.fmod, 1, 0)
--> false	bad argument #2 to 'math.fmod' (zero)
p(math.fmod, 1)
--> false	bad argument #2 to 'math.fmod' (number expected, got no value)
p(math.fmod, nil, 1)
--> false	bad argument #1 to 'math.fmod' (number expected, got nil)
-- modf
print(math.modf(3.7), math.modf(-3.7))
--> 3	-3	-0.7
print(math.modf(5), math.modf(-0.0), math.modf(1/0), math.modf(-1/0))
--> 5	0	inf	-inf	0.0
print(math.modf(2^53 + 0.0), math.modf(1e100), math.modf("2.5"))
--> 9007199254740992	1e+100	2	0.5
print(math.type((math.modf(3.7))), math.type((math.modf(5))), math.type(select(2, math.modf(5))))
--> integer	integer	float
p(math.modf)
--> false	bad argument #1 to 'math.modf' (number expected, got no value)
-- sqrt exp log
print(math.sqrt(16), math.sqrt(2), math.sqrt(-1) ~= math.sqrt(-1), math.sqrt(1/0), math.sqrt(4))
--> 4.0	1.4142135623731	true	inf	2.0
print(math.exp(0), math.exp(1), math.exp(-1/0), math.exp(710))
--> 1.0	2.718281828459	0.0	inf
print(math.log(1), math.log(math.exp(2)), math.log(0), math.log(-1) ~= math.log(-1))
--> 0.0	2.0	-inf	true
print(math.log(8, 2), math.log(1024, 2), math.log(1000, 10), math.log(1e15, 10), math.log(81, 3), math.log(2, 4))
--> 3.0	10.0	3.0	15.0	4.0	0.5
print(math.log(10, 10.0), math.log(0, 2), math.log(100, 1), math.log(8, "2"))
--> 1.0	-inf	inf	3.0
p(math.log)
--> false	bad argument #1 to 'math.log' (number expected, got no value)
p(math.log, 1, {})
--> false	bad argument #2 to 'math.log' (number expected, got table)
-- trig
print(math.sin(0), math.sin(math.pi / 2), math.cos(0), math.cos(math.pi), math.tan(0), math.tan(1))
--> 0.0	1.0	1.0	-1.0	0.0	1.5574077246549
print(math.asin(1), math.acos(0), math.acos(1), math.atan(1), math.atan(1, -1), math.atan(-0.0, -1), math.atan(0, -1))
--> 1.5707963267949	1.5707963267949	0.0	0.78539816339745	2.3561944901923	-3.1415926535898	3.1415926535898
print(math.atan(1, 0), math.atan(-1, 0), math.atan(0.5, nil), math.asin(2) ~= math.asin(2))
--> 1.5707963267949	-1.5707963267949	0.46364760900081	true
p(math.sin)
--> false	bad argument #1 to 'math.sin' (number expected, got no value)
print(pcall(function() return math.atan(1, "x") end))
--> false	tests/lua/stdlib/math_basic.lua:77: bad argument #2 to 'atan' (number expected, got string)
-- tointeger
print(math.tointeger(3), math.tointeger(3.0), math.tointeger(3.5), math.tointeger("8"), math.tointeger("8.0"), math.tointeger("x"))
--> 3	3	nil	8	8	nil
print(math.tointeger(2^63), math.tointeger(-2^63), math.tointeger({}), math.tointeger(nil), math.tointeger(1/0))
--> nil	-9223372036854775808	nil	nil	nil
p(math.tointeger)
--> false	bad argument #1 to 'math.tointeger' (value expected)
-- type
print(math.type(1), math.type(1.0), math.type("1"), math.type(nil), math.type({}))
--> integer	float	nil	nil	nil
p(math.type)
--> false	bad argument #1 to 'math.type' (value expected)
-- ult
print(math.ult(1, 2), math.ult(-1, 2), math.ult(2, -1), math.ult(math.maxinteger, math.mininteger), math.ult(3.0, 4))
--> true	false	true	true	true
p(math.ult, 1.5, 2)
--> false	bad argument #1 to 'math.ult' (number has no integer representation)
p(math.ult, 1)
--> false	bad argument #2 to 'math.ult' (number expected, got no value)
-- max / min
print(math.max(1), math.max(1, 2, 3), math.max(3, 2, 1), math.max(1, 2.0, 2), math.max(-0.0, 0), math.max(0, -0.0))
--> 1	3	3	2.0	-0.0	0
print(math.min(1), math.min(1, 2, 3), math.min(3, 2, 1), math.min(1.0, 1), math.min(1, 1.0), math.min(-1/0, 5))
--> 1	1	1	1.0	1	-inf
print(math.max("a", "b"), math.min("10", "9"), math.max(2^53, 2^53 + 1), math.type(math.max(1, 1.5)))
--> b	10	9.007199254741e+15	float
p(math.max)
--> false	bad argument #1 to 'math.max' (value expected)
p(math.min)
--> false	bad argument #1 to 'math.min' (value expected)
p(math.max, 1, "2")
--> false	attempt to compare number with string
p(math.min, {}, {})
--> false	attempt to compare two table values
local mt = {__lt = function(a, b) return a.v < b.v end}
local x, y = setmetatable({v = 1}, mt), setmetatable({v = 2}, mt)
print(math.max(x, y).v, math.min(x, y).v)
--> 2	1
-- integer/float printing of results
print(math.floor(-0.5), math.ceil(-0.5), 1 // 1, math.huge // 1)
--> -1	0	1	inf
-- deg/rad and the LUA_COMPAT_MATHLIB functions of Debian's lua5.4
print(math.deg(math.pi), math.rad(180), math.deg(1), math.rad("90"))
--> 180.0	3.1415926535898	57.295779513082	1.5707963267949
print(math.pow(2, 10), math.pow(2, 0.5), math.pow(-8, 1/3) ~= math.pow(-8, 1/3), math.log10(1000), math.log10(2))
--> 1024.0	1.4142135623731	true	3.0	0.30102999566398
print(math.cosh(0), math.sinh(0), math.tanh(0), math.cosh(1), math.sinh(-1), math.tanh(100))
--> 1.0	0.0	0.0	1.5430806348152	-1.1752011936438	1.0
print(math.frexp(8), math.frexp(-3), math.frexp(0), math.frexp(0.1), math.frexp(5e-324), math.frexp(1/0))
--> 0.5	-0.75	0.0	0.8	0.5	inf	0
print(math.ldexp(1, 10), math.ldexp(0.75, -1074), math.ldexp(1, 1024), math.ldexp(3, -2), math.ldexp(1, (1 << 32) + 3))
--> 1024.0	4.9406564584125e-324	inf	0.75	8.0
print(pcall(function() return math.ldexp(1, 1.5) end))
--> false	tests/lua/stdlib/math_basic.lua:131: bad argument #2 to 'ldexp' (number has no integer representation)
print(pcall(function() return math.pow("x", 1) end))
--> false	tests/lua/stdlib/math_basic.lua:133: bad argument #1 to 'pow' (number expected, got string)
