-- string.pack / string.unpack / string.packsize: every option, endianness, alignment, errors.
local function p(...) print(pcall(...)) end
local function hex(s) return (string.gsub(s, ".", function(c) return string.format("%02x", string.byte(c)) end)) end
local pack, unpack, packsize = string.pack, string.unpack, string.packsize
print(hex(pack("b B h H", 1, 2, 3, 4)), hex(pack("<i4 >i4 =i4", 1, 1, 1)))
--> 010203000400	010000000000000101000000
print(hex(pack("<l >L j J T", -1, 2, -3, 4, 5)))
--> ffffffffffffffff0000000000000002fffffffffffffffd00000000000000040000000000000005
print(hex(pack("<i1 i2 i3 i5 i6 i7 i8 i9 i16", -1, -2, -3, -5, -6, -7, -8, -9, -16)))
--> fffefffdfffffbfffffffffafffffffffff9fffffffffffff8fffffffffffffff7fffffffffffffffff0ffffffffffffffffffffffffffffff
print(hex(pack(">I1 I2 I3 I9 I16", 1, 2, 3, 9, 16)))
--> 01000200000300000000000000000900000000000000000000000000000010
print(hex(pack("<f d n", 1.5, -2.25, 1 / 0)), hex(pack(">f d", 0.1, 0.1)))
--> 0000c03f00000000000002c0000000000000f07f	3dcccccd3fb999999999999a
print(hex(pack("c5", "ab")), hex(pack("z", "hi")), hex(pack("s1 s2 <s4", "a", "bc", "def")))
--> 6162000000	686900	01610200626303000000646566
print(hex(pack("!4 b i4", 1, 2)), hex(pack("!8 b d", 1, 2)), hex(pack("!2 b h b i8", 1, 2, 3, 4)))
--> 0100000002000000	01000000000000000000000000000040	0100020003000400000000000000
print(hex(pack("b x h Xi4 b", 1, 2, 3)), hex(pack("!4 b Xi4 b", 1, 2)), hex(pack(" < b > h ", 1, 2)))
--> 0100020003	0100000002	010002
print(hex(pack("!b h", 1, 2)), hex(pack("! b i", 1, 2)), hex(pack("i", 7)))
--> 01000200	0100000002000000	07000000
print(packsize("b B h H l L j J T f d n"), packsize("i1 i2 i16 I3"), packsize("!8 b d"), packsize("!4 b d"))
--> 66	22	16	12
print(packsize("c10 x Xi4"), packsize(""), packsize("!2 b Xh b Xh"), packsize("b Xb"))
--> 11	0	4	1
print(unpack("b B h H", pack("b B h H", -1, 255, -300, 60000)))
--> -1	255	-300	60000	7
print(unpack("<i3 >i3 <I3", pack("<i3 >i3 <I3", -100, 100, 70000)))
--> -100	100	70000	10
print(unpack("i16 I9 i9", pack("i16 I9 i9", -2, 9, -9)))
--> -2	9	-9	35
print(unpack("<f d n", pack("<f d n", 1.5, 0.1, -1 / 0)))
--> 1.5	0.1	-inf	21
print(unpack(">f", pack(">f", 0.1)) == 0.1, unpack(">f", pack(">f", 0.5)))
--> false	0.5	5
print(unpack("c3 z s1 s2", pack("c3 z s1 s2", "abc", "zero", "x", "yy")))
--> abc	zero	x	yy	15
print(unpack("!4 b i4 b", pack("!4 b i4 b", 1, 2, 3)))
--> 1	2	3	10
print(unpack("b", "\1\2\3", 2), unpack("b", "\1\2\3", -1), unpack("b b", "\1\2\3", -2))
--> 2	3	2	3	4
print(unpack("", "abc"), unpack("", "abc", 4), unpack("z", "a\0b\0", 3))
--> 1	4	b	5
print(unpack("<i8", pack("<j", -0x7fffffffffffffff - 1)), unpack("<J", pack("<J", -1)))
--> -9223372036854775808	-1	9
print(unpack("<I16", pack("<i16", 12345)), unpack(">i12", pack(">i12", -12345)))
--> 12345	-12345	13
print(unpack("c0 c2", "ab"), unpack("s1", "\0"), unpack("xxb", "\1\2\3"))
--> 		3	4
print(pack("i4", "12") == pack("i4", 12), pack("d", "1.5") == pack("d", 1.5), pack("i4", 3.0) == pack("i4", 3))
--> true	true	true
print(#pack("c200", ""), #pack("s", string.rep("a", 300)), select("#", unpack(string.rep("b", 50), string.rep("\0", 50))))
--> 200	308	51
-- errors
p(pack, "i17", 1)
--> false	integral size (17) out of limits [1,16]
p(pack, "i0", 1)
--> false	integral size (0) out of limits [1,16]
p(pack, "!17")
--> false	integral size (17) out of limits [1,16]
p(pack, "y")
--> false	invalid format option 'y'
p(pack, "i3", 1 << 23)
--> false	bad argument #2 to 'string.pack' (integer overflow)
p(pack, "i3", -(1 << 23) - 1)
--> false	bad argument #2 to 'string.pack' (integer overflow)
p(pack, "I1", 256)
--> false	bad argument #2 to 'string.pack' (unsigned overflow)
p(pack, "I1", -1)
--> false	bad argument #2 to 'string.pack' (unsigned overflow)
p(pack, "b", 128)
--> false	bad argument #2 to 'string.pack' (integer overflow)
p(pack, "c2", "abc")
--> false	bad argument #2 to 'string.pack' (string longer than given size)
p(pack, "s1", string.rep("x", 256))
--> false	bad argument #2 to 'string.pack' (string length does not fit in given size)
p(pack, "z", "a\0b")
--> false	bad argument #2 to 'string.pack' (string contains zeros)
p(pack, "c", "a")
--> false	missing size for format option 'c'
p(pack, "!3 i3", 1)
--> false	bad argument #1 to 'string.pack' (format asks for alignment not power of 2)
p(pack, "Xc1", 1)
--> false	bad argument #1 to 'string.pack' (invalid next option for option 'X')
p(pack, "X", 1)
--> false	bad argument #1 to 'string.pack' (invalid next option for option 'X')
p(pack, "Xz", 1)
--> false	bad argument #1 to 'string.pack' (invalid next option for option 'X')
p(pack, "i4")
--> false	bad argument #2 to 'string.pack' (number expected, got nil)
p(pack, "i4", "x")
--> false	bad argument #2 to 'string.pack' (number expected, got string)
p(pack, "i4", 1.5)
--> false	bad argument #2 to 'string.pack' (number has no integer representation)
p(pack, "d", {})
--> false	bad argument #2 to 'string.pack' (number expected, got table)
p(pack, "j", 2 ^ 63)
--> false	bad argument #2 to 'string.pack' (number has no integer representation)
p(packsize, "s")
--> false	bad argument #1 to 'string.packsize' (variable-length format)
p(packsize, "z")
--> false	bad argument #1 to 'string.packsize' (variable-length format)
p(packsize, "i17")
--> false	integral size (17) out of limits [1,16]
p(packsize, "c2147483647 c2")
--> false	invalid format option '7'
p(packsize, "c99999999999")
--> false	invalid format option '9'
p(unpack, "i4", "abc")
--> false	bad argument #2 to 'string.unpack' (data string too short)
p(unpack, "b", "")
--> false	bad argument #2 to 'string.unpack' (data string too short)
p(unpack, "z", "abc")
--> false	bad argument #2 to 'string.unpack' (unfinished string for format 'z')
p(unpack, "s1", "\5abc")
--> false	bad argument #2 to 'string.unpack' (data string too short)
p(unpack, "i9", "\0\0\0\0\0\0\0\0\1")
--> false	9-byte integer does not fit into Lua Integer
p(unpack, "i9", "\255\255\255\255\255\255\255\127\255")
--> false	9-byte integer does not fit into Lua Integer
p(unpack, "I9", "\255\255\255\255\255\255\255\255\255")
--> false	9-byte integer does not fit into Lua Integer
p(unpack, ">i16", string.rep("\255", 8) .. string.rep("\0", 8))
--> false	16-byte integer does not fit into Lua Integer
p(unpack, "b", "a", 3)
--> false	bad argument #3 to 'string.unpack' (initial position out of string)
p(unpack, "b", "a", -5)
--> true	97	2
p(unpack, "b", "a", 2)
--> false	bad argument #2 to 'string.unpack' (data string too short)
p(unpack, "c3", "ab")
--> false	bad argument #2 to 'string.unpack' (data string too short)
p(unpack, "i4", "abcd", 1.5)
--> false	bad argument #3 to 'string.unpack' (number has no integer representation)
p(unpack, 1, "\1")
--> false	invalid format option '1'
p(pack)
--> false	bad argument #1 to 'string.pack' (string expected, got no value)
