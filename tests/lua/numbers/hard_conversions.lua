-- Hard cases of string<->number conversion, compared bit for bit with lua5.4 through %a:
-- long hexadecimal mantissas (correct rounding, not 1 ulp off), hex exponents, decimal halfway
-- cases, overflow to inf, underflow to subnormals/zero, and what tonumber rejects.
local function show(s)
  local v = tonumber(s)
  if v == nil then return "nil" end
  if math.type(v) == "integer" then return "int " .. string.format("%d", v) end
  return "float " .. string.format("%a", v)
end
local cases = {
  "0x1.fffffffffffffffffffp0", "0x1.fffffffffffff8p0", "0x1.fffffffffffff7ffffffffp0",
  "0x1.00000000000008p0", "0x1.000000000000080000000001p0", "0x1.00000000000018p0",
  "0x123456789abcdef0123p0", "0x.00000000000000000001p0", "0xfffffffffffffffff.8p-4",
  "0x1p-1074", "0x1p-1075", "0x1.0000000000001p-1075", "0x1.8p-1075", "0x1p1023", "0x1p1024",
  "0x1.fffffffffffff8p1023", "0x1.fffffffffffff7p1023", "0x1P+4", "0xA.8p-1", "0x.8", "0x8.",
  "0x1p99999999999", "0x1p-99999999999", "0x1000000000000000000000000000000000000000p-100",
  "0x1.23456789abcdef0123456789p+10",
  "2.2250738585072011e-308", "2.2250738585072012e-308", "9007199254740993.0",
  "9007199254740992.5", "1.00000000000000011102230246251565404236316680908203125",
  "1.00000000000000011102230246251565404236316680908203126", "1e400", "-1e400", "1e-400",
  "2.4703282292062327e-324", "2.4703282292062328e-324", "1.7976931348623158e308",
  "1.7976931348623159e308", "123456789012345678901234567890", "-0.0", "-0x0p0", ".5e1", "3.",
  -- integers: decimal overflow becomes float, hex wraps around
  "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
  "0xffffffffffffffff", "0x10000000000000000", "0x8000000000000000", "00012", "-0", "0x1e",
  -- whitespace is allowed around, nothing else
  "  0x10  ", " 1.5 ", "\t\n12\v\f\r", "+0x10", "-0x10",
  -- rejected
  "0x", "0x.", "0xp1", "0x1p", "0x1p+", ".", "1e", "1e+", "", " ", "1\0", "\0", "1 2", "inf",
  "-inf", "nan", "infinity", "INF", "NaN", "- 1", "--1", "1e1.5", "1..2", "0x1.2.3", "1_000",
  "0x1e+1",
}
for _, s in ipairs(cases) do
  print(string.format("%q", s), show(s))
--> "0x1.fffffffffffffffffffp0"	float 0x1p+1
--> "0x1.fffffffffffff8p0"	float 0x1p+1
--> "0x1.fffffffffffff7ffffffffp0"	float 0x1.fffffffffffffp+0
--> "0x1.00000000000008p0"	float 0x1p+0
--> "0x1.000000000000080000000001p0"	float 0x1.0000000000001p+0
--> "0x1.00000000000018p0"	float 0x1.0000000000002p+0
--> "0x123456789abcdef0123p0"	float 0x1.23456789abcdfp+72
--> "0x.00000000000000000001p0"	float 0x1p-80
--> "0xfffffffffffffffff.8p-4"	float 0x1p+64
--> "0x1p-1074"	float 0x0.0000000000001p-1022
--> "0x1p-1075"	float 0x0p+0
--> "0x1.0000000000001p-1075"	float 0x0.0000000000001p-1022
--> "0x1.8p-1075"	float 0x0.0000000000001p-1022
--> "0x1p1023"	float 0x1p+1023
--> "0x1p1024"	float inf
--> "0x1.fffffffffffff8p1023"	float inf
--> "0x1.fffffffffffff7p1023"	float 0x1.fffffffffffffp+1023
--> "0x1P+4"	float 0x1p+4
--> "0xA.8p-1"	float 0x1.5p+2
--> "0x.8"	float 0x1p-1
--> "0x8."	float 0x1p+3
--> "0x1p99999999999"	float inf
--> "0x1p-99999999999"	float 0x0p+0
--> "0x1000000000000000000000000000000000000000p-100"	float 0x1p+56
--> "0x1.23456789abcdef0123456789p+10"	float 0x1.23456789abcdfp+10
--> "2.2250738585072011e-308"	float 0x0.fffffffffffffp-1022
--> "2.2250738585072012e-308"	float 0x1p-1022
--> "9007199254740993.0"	float 0x1p+53
--> "9007199254740992.5"	float 0x1p+53
--> "1.00000000000000011102230246251565404236316680908203125"	float 0x1p+0
--> "1.00000000000000011102230246251565404236316680908203126"	float 0x1.0000000000001p+0
--> "1e400"	float inf
--> "-1e400"	float -inf
--> "1e-400"	float 0x0p+0
--> "2.4703282292062327e-324"	float 0x0p+0
--> "2.4703282292062328e-324"	float 0x0.0000000000001p-1022
--> "1.7976931348623158e308"	float 0x1.fffffffffffffp+1023
--> "1.7976931348623159e308"	float inf
--> "123456789012345678901234567890"	float 0x1.8ee90ff6c373ep+96
--> "-0.0"	float -0x0p+0
--> "-0x0p0"	float -0x0p+0
--> ".5e1"	float 0x1.4p+2
--> "3."	float 0x1.8p+1
--> "9223372036854775807"	int 9223372036854775807
--> "9223372036854775808"	float 0x1p+63
--> "-9223372036854775808"	int -9223372036854775808
--> "-9223372036854775809"	float -0x1p+63
--> "0xffffffffffffffff"	int -1
--> "0x10000000000000000"	int 0
--> "0x8000000000000000"	int -9223372036854775808
--> "00012"	int 12
--> "-0"	int 0
--> "0x1e"	int 30
--> "  0x10  "	int 16
--> " 1.5 "	float 0x1.8p+0
--> "\9\
--> 12\11\12\13"	int 12
--> "+0x10"	int 16
--> "-0x10"	int -16
--> "0x"	nil
--> "0x."	nil
--> "0xp1"	nil
--> "0x1p"	nil
--> "0x1p+"	nil
--> "."	nil
--> "1e"	nil
--> "1e+"	nil
--> ""	nil
--> " "	nil
--> "1\0"	nil
--> "\0"	nil
--> "1 2"	nil
--> "inf"	nil
--> "-inf"	nil
--> "nan"	nil
--> "infinity"	nil
--> "INF"	nil
--> "NaN"	nil
--> "- 1"	nil
--> "--1"	nil
--> "1e1.5"	nil
--> "1..2"	nil
--> "0x1.2.3"	nil
--> "1_000"	nil
--> "0x1e+1"	nil
end

-- The same numerals as source literals go through the lexer's conversion.
local a, b, c = 0x1.fffffffffffffffffffp0, 0x1.000000000000080000000001p0, 0x123456789abcdef0123p0
print(string.format("%a %a %a", a, b, c))
--> 0x1p+1 0x1.0000000000001p+0 0x1.23456789abcdfp+72
print(0x1p-1074, 0x1p1024, 1e400, -1e400, 9223372036854775808, 0xffffffffffffffff)
--> 4.9406564584125e-324	inf	inf	-inf	9.2233720368548e+18	-1

-- String arithmetic coerces with the same conversion.
print(string.format("%a", "0x1.fffffffffffffffffffp0" + 0), "0x10" + 0, " 10 " * 2, "1e1" // 1)
--> 0x1p+1	16	20	10.0
print(pcall(function() return "inf" + 0 end))
--> false	tests/lua/numbers/hard_conversions.lua:132: attempt to add a 'string' with a 'number'
print(pcall(function() return "0x" + 0 end))
--> false	tests/lua/numbers/hard_conversions.lua:134: attempt to add a 'string' with a 'number'

-- tostring of floats (%.14g, ".0" appended to integral-looking results)
local xs = {1e100, -0.0, 0.0, 1/0, -1/0, 0.1, 1e15, 1e14, 123456789012345.0, 12345678901234.0,
  2^53, 2^63, -2^63, 1e-5, 1e-4, 5e-324, 1.7976931348623157e308, 2.2250738585072014e-308, 1/3,
  -1.5e300, 99999999999999.5, 999999999999995.0, 0.30000000000000004, 100.0, -3.0, 1e16,
  123456.789, 1e21, 1e22, math.pi, -math.pi, 1e-310, 2^24, 2^-10, 1e-300 * 1e-300}
for _, x in ipairs(xs) do
  print(tostring(x), x .. "", string.format("%.14g", x))
--> 1e+100	1e+100	1e+100
--> -0.0	-0.0	-0
--> 0.0	0.0	0
--> inf	inf	inf
--> -inf	-inf	-inf
--> 0.1	0.1	0.1
--> 1e+15	1e+15	1e+15
--> 1e+14	1e+14	1e+14
--> 1.2345678901234e+14	1.2345678901234e+14	1.2345678901234e+14
--> 12345678901234.0	12345678901234.0	12345678901234
--> 9.007199254741e+15	9.007199254741e+15	9.007199254741e+15
--> 9.2233720368548e+18	9.2233720368548e+18	9.2233720368548e+18
--> -9.2233720368548e+18	-9.2233720368548e+18	-9.2233720368548e+18
--> 1e-05	1e-05	1e-05
--> 0.0001	0.0001	0.0001
--> 4.9406564584125e-324	4.9406564584125e-324	4.9406564584125e-324
--> 1.7976931348623e+308	1.7976931348623e+308	1.7976931348623e+308
--> 2.2250738585072e-308	2.2250738585072e-308	2.2250738585072e-308
--> 0.33333333333333	0.33333333333333	0.33333333333333
--> -1.5e+300	-1.5e+300	-1.5e+300
--> 1e+14	1e+14	1e+14
--> 1e+15	1e+15	1e+15
--> 0.3	0.3	0.3
--> 100.0	100.0	100
--> -3.0	-3.0	-3
--> 1e+16	1e+16	1e+16
--> 123456.789	123456.789	123456.789
--> 1e+21	1e+21	1e+21
--> 1e+22	1e+22	1e+22
--> 3.1415926535898	3.1415926535898	3.1415926535898
--> -3.1415926535898	-3.1415926535898	-3.1415926535898
--> 1e-310	1e-310	1e-310
--> 16777216.0	16777216.0	16777216
--> 0.0009765625	0.0009765625	0.0009765625
--> 0.0	0.0	0
end
print(-(0/0) ~= -(0/0), math.huge, -math.huge, math.mininteger + 0.0, math.maxinteger + 0.0)
--> true	inf	-inf	-9.2233720368548e+18	9.2233720368548e+18

-- Concatenation coerces numbers with the same formatting; integers print as integers.
print(1 .. 2, 1.0 .. "", -0.0 .. "|", 2^63 .. "", math.mininteger .. "", 1e100 .. "x")
--> 12	1.0	-0.0|	9.2233720368548e+18	-9223372036854775808	1e+100x

-- tostring keeps 14 digits: it reads back equal only where 14 digits suffice ("inf" is not a
-- numeral); %.17g reads back exactly for every finite float.
local back = {}
for _, x in ipairs(xs) do back[#back + 1] = tostring(tonumber(tostring(x)) == x) end
print(table.concat(back, " "))
--> true true true false false true true true false true false false false true true true false false false true false false false true true true true true true false false true true true true
back = {}
for _, x in ipairs(xs) do back[#back + 1] = tostring(tonumber(string.format("%.17g", x)) == x) end
print(table.concat(back, " "))
--> true true true false false true true true true true true true true true true true true true true true true true true true true true true true true true true true true true true
-- math.tointeger converts strings with the same conversion
print(math.tointeger("0x7fffffffffffffff"), math.tointeger(tonumber("2^53")), tonumber("1e2"))
--> 9223372036854775807	nil	100.0
