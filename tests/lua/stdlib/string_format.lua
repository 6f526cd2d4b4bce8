-- string.format: every conversion, flags, width, precision, %q, and the errors of lstrlib 5.4.
local function p(...) print(pcall(...)) end
local F = string.format
local mininteger, maxinteger = -0x7fffffffffffffff - 1, 0x7fffffffffffffff
print(F("%d %i %u", 42, -42, 42), F("%5d|%-5d|%05d|%+d|% d", 1, 2, 3, 4, 5))
--> 42 -42 42	    1|2    |00003|+4| 5
print(F("%.3d|%.0d|%8.3d|%-8.3d|%+.2d", 5, 0, 7, 7, 3))
--> 005||     007|007     |+03
print(F("%x %X %o %#x %#X %#o", 255, 255, 8, 255, 255, 8), F("%#x %#o", 0, 0))
--> ff FF 10 0xff 0XFF 010	0 0
print(F("%x", -1), F("%u", -1), F("%d", mininteger), F("%d", maxinteger))
--> ffffffffffffffff	18446744073709551615	-9223372036854775808	9223372036854775807
print(F("%d", 3.0), F("%d", "10"), F("%x", "0x10"), F("%5.2s|", "abc"), F("%-5s|%5s|", "ab", "cd"))
--> 3	10	10	   ab|	ab   |   cd|
print(F("%c%c%c", 76, 117, 97), F("%-3c|%3c|", 65, 66), #F("%c", 0), F("%c", 256 + 65))
--> Lua	A  |  B|	1	A
print(F("%f %f %e %E %g %G", 1.5, 2.5, 12345.678, 0.000123, 1e20, 1e-20))
--> 1.500000 2.500000 1.234568e+04 1.230000E-04 1e+20 1E-20
print(F("%.0f %.0f %.0f %.0f %.1f %.2f", 0.5, 1.5, 2.5, 3.5, 0.25, 1.005))
--> 0 2 2 4 0.2 1.00
print(F("%.3f %10.3f|%-10.3f|%010.3f|%+.3f|% .3f", 3.14159, 3.14159, 3.14159, -3.14159, 3.14159, 3.14159))
--> 3.142      3.142|3.142     |-00003.142|+3.142| 3.142
print(F("%e %.0e %#.0e %.10e %E", 0, 9.5, 9.5, 1 / 3, 1e-300))
--> 0.000000e+00 1e+01 1.e+01 3.3333333333e-01 1.000000E-300
print(F("%g %g %g %g %g %g", 100000, 1000000, 0.0001, 0.00001, 123456789, 0.1))
--> 100000 1e+06 0.0001 1e-05 1.23457e+08 0.1
print(F("%.14g %.17g %.20g %#g %#.3g %.0g", 0.1, 0.1, 0.1, 1, 2, 123))
--> 0.1 0.10000000000000001 0.10000000000000000555 1.00000 2.00 1e+02
print(F("%a %A %a %a %.3a %.0a %.1a", 1, 1, 0.1, -0.5, 1, 1.5, 1.96875))
--> 0x1p+0 0X1P+0 0x1.999999999999ap-4 -0x1p-1 0x1.000p+0 0x2p+0 0x2.0p+0
print(F("%a %a %a", 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308))
--> 0x0.0000000000001p-1022 0x1p-1022 0x1.fffffffffffffp+1023
print(F("%f %e %g %a", 1 / 0, -1 / 0, 1 / 0, -1 / 0), F("%5.1f|%-6g|%G", 1 / 0, -1 / 0, 1 / 0))
--> inf -inf inf -inf	  inf|-inf  |INF
print(F("%.99f", 1 / 3))
--> 0.333333333333333314829616256247390992939472198486328125000000000000000000000000000000000000000000000
print(F("%99.2f|", 1e300 / 1e300))
-->                                                                                                1.00|
print(F("%.3f", 1e300):sub(1, 20), #F("%.3f", 1e300), #F("%f", 1.7976931348623157e308))
--> 10000000000000000525	305	316
print(F("%5.3s|%.0s|%s", "abcdef", "xyz", "plain"), F("%s %s %s", nil, true, 12.0))
-->   abc||plain	nil true 12.0
print(F("%s", setmetatable({}, {__tostring = function() return "OBJ" end})))
--> OBJ
print(F("%10s|", setmetatable({}, {__tostring = function() return "obj" end})))
-->        obj|
print(F("%s", setmetatable({}, {__tostring = function() return 42 end})))
--> 42
print(F("%s", string.rep("x", 120)) == string.rep("x", 120), #F("%5s", string.rep("y", 150)))
--> true	150
p(F, "%%|%5%|")
--> false	bad argument #2 to 'string.format' (no value)
print(F("%q", "a\0b\r\n\"\\\1272\200"))
--> "a\0b\13\
--> \"\\\1272È"
print(F("%q", "\1\0012\t9\0"))
--> "\1\0012\0099\0"
print(F("%q %q %q %q %q", 1, -1, 0.1, 1.0, -0.0))
--> 1 -1 0x1.999999999999ap-4 0x1p+0 -0x0p+0
print(F("%q %q %q %q", 1 / 0, -1 / 0, mininteger, maxinteger))
--> 1e9999 -1e9999 0x8000000000000000 9223372036854775807
print(F("%q", 0 / 0):match("^%(0/0%)$") ~= nil, F("%q %q", nil, false))
--> true	nil false
print(F("%q", 2 ^ 63), F("%q", 1e100), F("%q", 5e-324))
--> 0x1p+63	0x1.249ad2594c37dp+332	0x0.0000000000001p-1022
print(F("%-5d|%-5x|%-#8o|%-+6d|", 1, 255, 8, 7))
--> 1    |ff   |010     |+7    |
print(F("%i|%5i|%-5i|", 10, 20, 30), F("%20.10a|%-20a|%020a", 1, 2, 3))
--> 10|   20|30   |	   0x1.0000000000p+0|0x1p+1              |0x0000000000001.8p+1
print(F("%s=%d", "x", 1), F("no args"), F(""), F("%s", ""))
--> x=1	no args		
print(F("%.3g|%.3G|%g", 1e-5, 1e-5, 1e15), F("%g %g", 2 ^ 53, -2 ^ 63))
--> 1e-05|1E-05|1e+15	9.0072e+15 -9.22337e+18
print(F("%5c|", 0):len(), F("%.20f", 0.1), F("%.15e", 2 / 3))
--> 6	0.10000000000000000555	6.666666666666666e-01
-- errors
p(F, "%10.123d", 1)
--> false	invalid conversion specification: '%10.123d'
p(F, "%y", 1)
--> false	invalid conversion '%y' to 'format'
p(F, "%F", 1)
--> false	invalid conversion '%F' to 'format'
p(F, "%123d", 1)
--> false	invalid conversion specification: '%123d'
p(F, "%#d", 1)
--> false	invalid conversion specification: '%#d'
p(F, "%05s", "a")
--> false	invalid conversion specification: '%05s'
p(F, "%5q", "a")
--> false	specifier '%q' cannot have modifiers
p(F, "%.3c", 65)
--> false	invalid conversion specification: '%.3c'
p(F, "%.3p", 1)
--> false	invalid conversion specification: '%.3p'
p(F, "%+x", 1)
--> false	invalid conversion specification: '%+x'
p(F, "% u", 1)
--> false	invalid conversion specification: '% u'
p(F, "%0100d", 1)
--> false	invalid conversion specification: '%0100d'
p(F, "%1.1.1d", 1)
--> false	invalid conversion specification: '%1.1.1d'
p(F, "%ld", 1)
--> false	invalid conversion '%l' to 'format'
p(F, "%", 1)
--> false	invalid conversion '%' to 'format'
p(F, "%d")
--> false	bad argument #2 to 'string.format' (no value)
p(F, "%d %d", 1)
--> false	bad argument #3 to 'string.format' (no value)
p(F, "%y")
--> false	bad argument #2 to 'string.format' (no value)
p(F, "%d", "x")
--> false	bad argument #2 to 'string.format' (number expected, got string)
p(F, "%d", 1.5)
--> false	bad argument #2 to 'string.format' (number has no integer representation)
p(F, "%d", 2 ^ 63)
--> false	bad argument #2 to 'string.format' (number has no integer representation)
p(F, "%c", "x")
--> false	bad argument #2 to 'string.format' (number expected, got string)
p(F, "%f", "x")
--> false	bad argument #2 to 'string.format' (number expected, got string)
p(F, "%f", {})
--> false	bad argument #2 to 'string.format' (number expected, got table)
p(F, "%a", nil)
--> false	bad argument #2 to 'string.format' (number expected, got nil)
p(F, "%x", 1e100)
--> false	bad argument #2 to 'string.format' (number has no integer representation)
p(F, "%q", {})
--> false	bad argument #2 to 'string.format' (value has no literal form)
p(F, "%q", print)
--> false	bad argument #2 to 'string.format' (value has no literal form)
p(F, "%5s", "a\0b")
--> false	bad argument #2 to 'string.format' (string contains zeros)
p(F, "%s", setmetatable({}, {__tostring = function() return {} end}))
--> false	'__tostring' must return a string
p(F, "%------------------------d", 1)
--> false	invalid format (too long)
p(F)
--> false	bad argument #1 to 'string.format' (string expected, got no value)
p(F, {})
--> false	bad argument #1 to 'string.format' (string expected, got table)
print(F("%p", 1), F("%p", nil), F("%10p|", true), F("%-8p|", 2.5))
--> (null)	(null)	    (null)|	(null)  |
local t1, t2 = {}, {}
print(F("%p", t1) == F("%p", t2), F("%p", t1) == F("%p", t1), F("%p", print) == F("%p", print), F("%p", "s"):match("^0x%x+$") ~= nil)
--> false	true	true	true
print(F("%s %d", "10", "10"), ("%5.1f"):format(3.14159))
--> 10 10	  3.1
