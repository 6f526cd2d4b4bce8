-- math library edge results and error messages; random with fixed seeds
-- t(f, ...): pcall f and print every result; references (functions, tables, threads, files)
-- print as their type, strings quoted, so the output has no addresses.
local function show(v)
  local tv = type(v)
  if tv == "string" then return (string.format("%q", v):gsub("\n", "n")) end
  if tv == "function" or tv == "table" or tv == "thread" or tv == "userdata" then return tv end
  return tostring(v)
end
local function t(f, ...)
  local r = table.pack(pcall(f, ...))
  for i = 1, r.n do r[i] = show(r[i]) end
  print(table.concat(r, " ", 1, r.n))
end
math.randomseed(1) t(math.random, 0) t(math.random, 2, 1) t(math.random, 1, 2, 3) t(math.random, 1.5) print(math.type(math.random(math.mininteger, math.maxinteger))) t(math.random, "x") t(math.random, 3, "1")
--> true -3401804370673955427
--> false "bad argument #1 to 'math.random' (interval is empty)"
--> false "wrong number of arguments"
--> false "bad argument #1 to 'math.random' (number has no integer representation)"
--> integer
--> false "bad argument #1 to 'math.random' (number expected, got string)"
--> false "bad argument #1 to 'math.random' (interval is empty)"
math.randomseed(42) t(math.random, 1, 100) t(math.random) t(math.random, 10) t(math.random, 0) print(math.randomseed(7)) print(math.randomseed(7, 8)) t(math.randomseed, 1.5) t(math.randomseed, "x") t(math.randomseed, 1, 2.5)
--> true 50
--> true 0.54688311243421
--> true 6
--> true -7059243630996204619
--> 7	0
--> 7	8
--> false "bad argument #1 to 'math.randomseed' (number has no integer representation)"
--> false "bad argument #1 to 'math.randomseed' (number expected, got string)"
--> false "bad argument #2 to 'math.randomseed' (number has no integer representation)"
print(math.randomseed(-1)) print(math.randomseed(0x7fffffffffffffff, math.mininteger)) print(math.random(1,6), math.random(-3, 3), math.random(math.maxinteger))
--> -1	0
--> 9223372036854775807	-9223372036854775808
--> 3	-2	5233550574294566966
local a, b = math.randomseed() print(math.type(a), math.type(b))
--> integer	integer
t(math.floor, "3.7") t(math.floor, 2^70) t(math.ceil, -0.5) t(math.floor, 0/0) t(math.fmod, 5, 0) t(math.fmod, 5.0, 0) t(math.fmod, math.mininteger, -1) t(math.fmod, -6, 4) t(math.fmod, 6, -4) t(math.fmod, "6", "4") t(math.fmod, 1)
--> true 3
--> true 1.1805916207174e+21
--> true 0
--> true -nan
--> false "bad argument #2 to 'math.fmod' (zero)"
--> true -nan
--> true 0
--> true -2
--> true 2
--> true 2.0
--> false "bad argument #2 to 'math.fmod' (number expected, got no value)"
t(math.tointeger, "8") t(math.tointeger, 3.5) t(math.tointeger, 2^63) t(math.tointeger, {}) t(math.tointeger) t(math.abs, math.mininteger) t(math.abs, -0.0) t(math.ult, 1, -1) t(math.ult, 1.0, 2) t(math.ult, 1.5, 2)
--> true 8
--> true nil
--> true nil
--> true nil
--> false "bad argument #1 to 'math.tointeger' (value expected)"
--> true -9223372036854775808
--> true 0.0
--> true true
--> true true
--> false "bad argument #1 to 'math.ult' (number has no integer representation)"
t(math.max) t(math.min) t(math.max, 1, "2") t(math.max, 1, 2.0) t(math.min, 0.0, -0.0) t(math.max, 0/0, 1) t(math.max, 1, 0/0) t(math.log, 8, 2) t(math.log, 100, 10) t(math.log, 27, 3) t(math.log, 0) t(math.log, -1) t(math.log, 8, 2.0)
--> false "bad argument #1 to 'math.max' (value expected)"
--> false "bad argument #1 to 'math.min' (value expected)"
--> false "attempt to compare number with string"
--> true 2.0
--> true 0.0
--> true -nan
--> true 1
--> true 3.0
--> true 2.0
--> true 3.0
--> true -inf
--> true -nan
--> true 3.0
t(math.sqrt, -1) t(math.exp, 710) t(math.atan, 1, 0) t(math.atan, 1, -0.0) t(math.modf, 3.7) t(math.modf, -3.7) t(math.modf, 1/0) t(math.modf, 5) t(math.modf, 0/0) t(math.modf, -0.0)
--> true -nan
--> true inf
--> true 1.5707963267949
--> true 1.5707963267949
--> true 3 0.7
--> true -3 -0.7
--> true inf 0.0
--> true 5 0.0
--> true -nan -nan
--> true 0 0.0
t(math.type, 1) t(math.type, 1.0) t(math.type, "1") t(math.type) t(math.pi) print(math.huge, -math.huge, math.maxinteger, math.mininteger, math.pi)
--> true "integer"
--> true "float"
--> true nil
--> false "bad argument #1 to 'math.type' (value expected)"
--> false "attempt to call a number value"
--> inf	-inf	9223372036854775807	-9223372036854775808	3.1415926535898
t(math.sin, "x") t(math.cos, nil) t(math.deg, math.pi) t(math.rad, 180) t(math.floor, -0.0) t(math.ceil, 1e308) t(math.floor, -2^63) t(math.ceil, 2^63 - 1024)
--> false "bad argument #1 to 'math.sin' (number expected, got string)"
--> false "bad argument #1 to 'math.cos' (number expected, got nil)"
--> true 180.0
--> true 3.1415926535898
--> true 0
--> true 1e+308
--> true -9223372036854775808
--> true 9223372036854774784
t(math.pow, 2, 3) t(math.ldexp, 1, 3) t(math.frexp, 8) t(math.cosh, 0) t(math.log10, 100) t(math.atan2, 1, 1)
--> true 8.0
--> true 8.0
--> true 0.5 4
--> true 1.0
--> true 2.0
--> true 0.78539816339745
print(8 // 0.0, -8 // 0.0, 0/0 ~= 0/0, pcall(function() return 1 // 0 end)) print(pcall(function() return 1 % 0 end)) print(math.mininteger // -1, math.mininteger % -1, 5 % -0.0, -5 % 3.0, 5.5 % -2)
--> inf	-inf	true	false	tests/lua/stdlib/math_errors.lua:110: attempt to divide by zero
--> false	tests/lua/stdlib/math_errors.lua:110: attempt to perform 'n%0'
--> -9223372036854775808	0	-nan	1.0	-0.5
print(3 | 0, pcall(function() return 1.5 | 0 end)) print(pcall(function() return "1.5" | 0 end)) print(pcall(function() return {} | 0 end)) print("0x10" + 0, "1e2" * 1, " 10 " + 0, pcall(function() return "abc" + 1 end))
--> 3	false	tests/lua/stdlib/math_errors.lua:114: number has no integer representation
--> false	tests/lua/stdlib/math_errors.lua:114: attempt to perform bitwise operation on a string value (constant '1.5')
--> false	tests/lua/stdlib/math_errors.lua:114: attempt to perform bitwise operation on a table value
--> 16	100.0	10	false	tests/lua/stdlib/math_errors.lua:114: attempt to add a 'string' with a 'number'
print(2^63 == math.mininteger, math.maxinteger + 0.0, math.maxinteger // 1.0, 1e308 * 10, -(0/0)) print(string.format("%.17g", 0.1), 1e100, 123456789012345678)
--> false	9.2233720368548e+18	9.2233720368548e+18	inf	nan
--> 0.10000000000000001	1e+100	123456789012345678
print(tostring(1e15), 1e16, 2^53, -2^63, 0.1 + 0.2, 100 / 3, 1/3, -1e-300 * 1e-300)
--> 1e+15	1e+16	9.007199254741e+15	-9.2233720368548e+18	0.3	33.333333333333	0.33333333333333	-0.0
