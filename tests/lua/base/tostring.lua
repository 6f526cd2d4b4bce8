-- tostring on non-reference values; reference values start with their type name.
print(tostring(nil), tostring(true), tostring(false))
--> nil	true	false
print(tostring(0), tostring(-0), tostring(1.0), tostring(-0.0), tostring(1e300), tostring(0.1))
--> 0	0	1.0	-0.0	1e+300	0.1
print(tostring("already a string"), tostring(""))
--> already a string	
local a, b = {}, {}
print(#tostring(a) > 7, tostring(a) ~= tostring(b))
--> true	true
local t = {}
print(tostring(t) == tostring(t))
--> true
print(tostring(12345678901234567890))
--> 1.2345678901235e+19
