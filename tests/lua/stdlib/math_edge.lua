-- math edge cases: NaN in max/min/fmod, signed zeros, libm-exact results, tointeger conversions.
print(next({}), math.max(0/0, 1), math.max(1, 0/0), math.min(0/0, 1), math.min(1, 0/0))
--> nil	-nan	1	-nan	1
print(math.fmod(0/0, 1), math.fmod(1, 0/0), math.fmod(-1, math.huge), math.fmod(1, -0.0))
--> -nan	-nan	-1.0	-nan
print(math.ceil(-0.0), math.ceil(-0.1), 1/math.ceil(-0.1))
--> 0	0	inf
print(string.format("%.17g", math.sin(1e22)), string.format("%.17g", math.exp(0.5)), string.format("%.17g", math.log(3, 7)))
--> -0.85220084976718879	1.6487212707001282	0.56457503405357967
print(math.tointeger("0x10"), math.tointeger(" 5 "), math.tointeger("5e0"), math.tointeger(2^53))
--> 16	5	5	9007199254740992
