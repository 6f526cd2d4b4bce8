-- utf8: char, charpattern, codes, codepoint, len, offset, with lutf8lib's errors.
local function p(...) print(pcall(...)) end
local function hex(s) return (s:gsub(".", function(c) return string.format("%02X", c:byte()) end)) end
-- char
print(utf8.char(72, 228, 8364, 128512), utf8.char(), #utf8.char(0))
--> Hä€😀		1
print(hex(utf8.char(0x7F, 0x80, 0x7FF, 0x800, 0xFFFF, 0x10000, 0x10FFFF)))
--> 7FC280DFBFE0A080EFBFBFF0908080F48FBFBF
print(hex(utf8.char(0x110000)), hex(utf8.char(0x1FFFFF, 0x200000)), hex(utf8.char(0x3FFFFFF, 0x4000000, 0x7FFFFFFF)))
--> F4908080	F7BFBFBFF888808080	FBBFBFBFBFFC8480808080FDBFBFBFBFBF
print(hex(utf8.char(0xD800)), utf8.char("65", 66.0))
--> EDA080	AB
p(utf8.char, 0x80000000)
--> false	bad argument #1 to 'utf8.char' (value out of range)
p(utf8.char, -1)
--> false	bad argument #1 to 'utf8.char' (value out of range)
p(utf8.char, 65, "x")
--> false	bad argument #2 to 'utf8.char' (number expected, got string)
p(utf8.char, 1.5)
--> false	bad argument #1 to 'utf8.char' (number has no integer representation)
-- charpattern
print(hex(utf8.charpattern))
--> 5B002D7FC22DFD5D5B802DBF5D2A
local parts = {}
for c in ("héllo€"):gmatch(utf8.charpattern) do parts[#parts + 1] = hex(c) end
print(table.concat(parts, " "))
--> 68 C3A9 6C 6C 6F E282AC
-- codes
for pos, code in utf8.codes("aé€😀") do print(pos, code) end
--> 1	97
--> 2	233
--> 4	8364
--> 7	128512
for pos, code in utf8.codes("") do print(pos, code) end
print(pcall(function() for pos, code in utf8.codes("ab\xffc") do print(pos, code) end end))
--> 1	97
--> 2	98
--> false	tests/lua/stdlib/utf8_basic.lua:35: invalid UTF-8 code
print(pcall(function() for pos, code in utf8.codes("\xed\xa0\x80") do print(pos, code) end end))
--> false	tests/lua/stdlib/utf8_basic.lua:39: invalid UTF-8 code
for pos, code in utf8.codes("\xed\xa0\x80\xf4\x90\x80\x80", true) do print(pos, code) end
--> 1	55296
--> 4	1114112
print(pcall(function() for pos, code in utf8.codes("\xf4\x90\x80\x80") do print(pos, code) end end))
--> false	tests/lua/stdlib/utf8_basic.lua:44: invalid UTF-8 code
print(pcall(function() for pos, code in utf8.codes("a\x80b") do print(pos, code) end end))
--> 1	97
--> 3	98
--> true
print(pcall(function() for pos, code in utf8.codes("\x80") do print(pos, code) end end))
--> true
print(pcall(function() for pos, code in utf8.codes("\xc0\x80") do print(pos, code) end end))
--> false	tests/lua/stdlib/utf8_basic.lua:52: invalid UTF-8 code
print(pcall(function() for pos, code in utf8.codes("a\xe4") do print(pos, code) end end))
--> 1	97
--> false	tests/lua/stdlib/utf8_basic.lua:54: invalid UTF-8 code
p(utf8.codes)
--> false	bad argument #1 to 'utf8.codes' (string expected, got no value)
p(utf8.codes, {})
--> false	bad argument #1 to 'utf8.codes' (string expected, got table)
local f, s, i = utf8.codes("xy")
print(type(f), s, i, f(s, i), f(s, 1), f(s, 2), f(s, 10))
--> function	xy	0	1	2	nil
-- codepoint
print(utf8.codepoint("héllo"), utf8.codepoint("héllo", 2), utf8.codepoint("héllo", 1, -1))
--> 104	233	104	233	108	108	111
print(utf8.codepoint("abc", -1), utf8.codepoint("abc", 3, 2), select("#", utf8.codepoint("abc", 3, 2)))
--> 99	nil	0
print(utf8.codepoint("\u{7FFFFFFF}", 1, 1, true), utf8.codepoint("\xed\xa0\x80", 1, 1, true))
--> 2147483647	55296
p(utf8.codepoint, "abc", 0)
--> false	bad argument #2 to 'utf8.codepoint' (out of bounds)
p(utf8.codepoint, "abc", 1, 4)
--> false	bad argument #3 to 'utf8.codepoint' (out of bounds)
p(utf8.codepoint, "abc", 4)
--> false	bad argument #3 to 'utf8.codepoint' (out of bounds)
p(utf8.codepoint, "\xff")
--> false	invalid UTF-8 code
p(utf8.codepoint, "\u{7FFFFFFF}")
--> false	invalid UTF-8 code
p(utf8.codepoint, "\xed\xa0\x80")
--> false	invalid UTF-8 code
p(utf8.codepoint, "é", 2)
--> false	invalid UTF-8 code
p(utf8.codepoint, "aé", 1, 2)
--> true	97	233
p(utf8.codepoint)
--> false	bad argument #1 to 'utf8.codepoint' (string expected, got no value)
p(utf8.codepoint, "abc", "x")
--> false	bad argument #2 to 'utf8.codepoint' (number expected, got string)
print(pcall(function() return utf8.codepoint("abc", -10, 1) end))
--> false	tests/lua/stdlib/utf8_basic.lua:91: bad argument #2 to 'codepoint' (out of bounds)
-- len
print(utf8.len(""), utf8.len("abc"), utf8.len("héllo"), utf8.len("€😀"), utf8.len("héllo", 3), utf8.len("héllo", -2))
--> 0	3	5	2	nil	2
print(utf8.len("abc\xffdef"), utf8.len("\x80"), utf8.len("é", 2), utf8.len("abc", 4), utf8.len("abc", 2, 1))
--> nil	nil	nil	0	0
print(utf8.len("\xed\xa0\x80"), utf8.len("\xed\xa0\x80", 1, -1, true), utf8.len("\xf4\x90\x80\x80", 1, -1, true))
--> nil	1	1
print(utf8.len("abcdef", 2, 4), utf8.len("abc", 1, -4), utf8.len("\u{7FFFFFFF}x", 1, -1, true))
--> 3	0	2
p(utf8.len, "abc", 5)
--> false	bad argument #2 to 'utf8.len' (initial position out of bounds)
p(utf8.len, "abc", 0)
--> false	bad argument #2 to 'utf8.len' (initial position out of bounds)
p(utf8.len, "abc", 1, 4)
--> false	bad argument #3 to 'utf8.len' (final position out of bounds)
p(utf8.len, "abc", -5)
--> false	bad argument #2 to 'utf8.len' (initial position out of bounds)
p(utf8.len)
--> false	bad argument #1 to 'utf8.len' (string expected, got no value)
p(utf8.len, 123)
--> true	3
print(utf8.len(12345))
--> 5
-- offset
local s = "aé€😀b"
print(utf8.offset(s, 1), utf8.offset(s, 2), utf8.offset(s, 3), utf8.offset(s, 4), utf8.offset(s, 5), utf8.offset(s, 6), utf8.offset(s, 7))
--> 1	2	4	7	11	12	nil
print(utf8.offset(s, -1), utf8.offset(s, -2), utf8.offset(s, -5), utf8.offset(s, -6))
--> 11	7	1	nil
print(utf8.offset(s, 0, 3), utf8.offset(s, 0, 5), utf8.offset(s, 0, 1), utf8.offset(s, 0, #s + 1))
--> 2	4	1	12
print(utf8.offset(s, 1, 4), utf8.offset(s, 2, 4), utf8.offset(s, -1, 4), utf8.offset("", 1), utf8.offset("", -1), utf8.offset("abc", 0))
--> 4	7	2	1	nil	1
p(utf8.offset, s, 1, 3)
--> false	initial position is a continuation byte
p(utf8.offset, s, 1, 20)
--> false	bad argument #3 to 'utf8.offset' (position out of bounds)
p(utf8.offset, s, 1, 0)
--> false	bad argument #3 to 'utf8.offset' (position out of bounds)
p(utf8.offset, "abc", 1, -10)
--> false	bad argument #3 to 'utf8.offset' (position out of bounds)
p(utf8.offset, "abc")
--> false	bad argument #2 to 'utf8.offset' (number expected, got no value)
p(utf8.offset, "abc", 1.5)
--> false	bad argument #2 to 'utf8.offset' (number has no integer representation)
print(utf8.offset("\x80\x80", 0, 2), utf8.offset("abc", 4, 1), utf8.offset("abc", 3, 2), utf8.offset("abc", -3, 4))
--> 1	4	4	1
-- the codes iterator called by hand
local it = utf8.codes("aé")
print(it("aé", -1), it("aé", "1"), it("aé", 1.5), it("aé", 2), it("aé", math.mininteger))
--> nil	2	1	nil
p(it, nil, 0)
--> false	bad argument #1 to '?' (string expected, got nil)
print(select("#", it("", 0)), it("x", 0))
--> 0	1	120
print(pcall(function() utf8.codepoint("\xff") end))
--> false	tests/lua/stdlib/utf8_basic.lua:148: invalid UTF-8 code
print(pcall(function() utf8.offset("\x80", 1) end))
--> false	tests/lua/stdlib/utf8_basic.lua:150: initial position is a continuation byte
print(pcall(function() utf8.char(-5) end))
--> false	tests/lua/stdlib/utf8_basic.lua:152: bad argument #1 to 'char' (value out of range)
-- more code points than the stack can hold (luaL_checkstack's message)
print(pcall(utf8.codepoint, string.rep("a", 2000000), 1, -1))
--> false	stack overflow (string slice too long)
print(pcall(function() utf8.codepoint(string.rep("a", 2000000), 1, -1) end))
--> false	tests/lua/stdlib/utf8_basic.lua:157: stack overflow (string slice too long)
