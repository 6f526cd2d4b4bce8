-- string.pack/unpack/packsize limits and error messages
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
local s = string
t(s.pack, "i17", 1) t(s.pack, "i0", 1) t(s.pack, "i16", 1) t(s.pack, "i16", -1) t(s.unpack, "i16", s.rep("\255", 16)) t(s.unpack, "i16", s.rep("\255", 8) .. s.rep("\1", 8))
--> false "integral size (17) out of limits [1,16]"
--> false "integral size (0) out of limits [1,16]"
--> true "\1\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"
--> true "ÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿ"
--> true -1 17
--> false "16-byte integer does not fit into Lua Integer"
t(s.unpack, "i9", s.rep("\0", 8).."\1") t(s.unpack, "I9", s.rep("\0", 8).."\1") t(s.pack, "b", 200) t(s.pack, "B", 300) t(s.pack, "B", -1) t(s.pack, "i1", 128) t(s.pack, "i2", 40000)
--> false "9-byte integer does not fit into Lua Integer"
--> false "9-byte integer does not fit into Lua Integer"
--> false "bad argument #2 to 'string.pack' (integer overflow)"
--> false "bad argument #2 to 'string.pack' (unsigned overflow)"
--> false "bad argument #2 to 'string.pack' (unsigned overflow)"
--> false "bad argument #2 to 'string.pack' (integer overflow)"
--> false "bad argument #2 to 'string.pack' (integer overflow)"
t(s.pack, "d", "x") t(s.pack, "i", "1") t(s.pack, "i", 1.5) t(s.pack, "z", "a\0b") t(s.pack, "s1", s.rep("a", 256)) t(s.pack, "c3", "ab") t(s.pack, "c3", "abcd") t(s.pack, "c", "a") t(s.pack, "c0", "")
--> false "bad argument #2 to 'string.pack' (number expected, got string)"
--> true "\1\0\0\0"
--> false "bad argument #2 to 'string.pack' (number has no integer representation)"
--> false "bad argument #2 to 'string.pack' (string contains zeros)"
--> false "bad argument #2 to 'string.pack' (string length does not fit in given size)"
--> true "ab\0"
--> false "bad argument #2 to 'string.pack' (string longer than given size)"
--> false "missing size for format option 'c'"
--> true ""
t(s.pack, "!17i", 1) t(s.pack, "!3i", 1) t(s.pack, "Xi") t(s.pack, "X") t(s.pack, "Xz") t(s.pack, "i3X", 1) t(s.pack, "bXi4", 1) t(s.pack, "!4 i3 Xi4", 1) t(s.pack, "y") t(s.pack, "i", nil) t(s.pack, "i")
--> false "integral size (17) out of limits [1,16]"
--> false "bad argument #1 to 'string.pack' (format asks for alignment not power of 2)"
--> true ""
--> false "bad argument #1 to 'string.pack' (invalid next option for option 'X')"
--> false "bad argument #1 to 'string.pack' (invalid next option for option 'X')"
--> false "bad argument #1 to 'string.pack' (invalid next option for option 'X')"
--> true "\1"
--> false "bad argument #1 to 'string.pack' (format asks for alignment not power of 2)"
--> false "invalid format option 'y'"
--> false "bad argument #2 to 'string.pack' (number expected, got nil)"
--> false "bad argument #2 to 'string.pack' (number expected, got nil)"
t(s.unpack, "i4", "abc") t(s.unpack, "z", "abc") t(s.unpack, "s", "\5\0\0\0\0\0\0\0abc") t(s.unpack, "i4", "abcd", 5) t(s.unpack, "i4", "abcd", 6) t(s.unpack, "i4", "abcd", -1) t(s.unpack, "i4", "abcd", -10) t(s.unpack, "c2", "abc", 3)
--> false "bad argument #2 to 'string.unpack' (data string too short)"
--> false "bad argument #2 to 'string.unpack' (unfinished string for format 'z')"
--> false "bad argument #2 to 'string.unpack' (data string too short)"
--> false "bad argument #2 to 'string.unpack' (data string too short)"
--> false "bad argument #3 to 'string.unpack' (initial position out of string)"
--> false "bad argument #2 to 'string.unpack' (data string too short)"
--> true 1684234849 5
--> false "bad argument #2 to 'string.unpack' (data string too short)"
t(s.packsize, "z") t(s.packsize, "s") t(s.packsize, "i4i8!8d") t(s.packsize, s.rep("c2147483647", 2)) t(s.packsize, "c2147483648") t(s.packsize, "c9999999999999999999999")
--> false "bad argument #1 to 'string.packsize' (variable-length format)"
--> false "bad argument #1 to 'string.packsize' (variable-length format)"
--> true 24
--> false "invalid format option '7'"
--> false "invalid format option '8'"
--> false "invalid format option '9'"
t(s.pack, ">i4<i4=i4", 1, 2, 3) t(s.unpack, "<!4 b i4", s.pack("<!4 b i4", 1, 2)) t(s.pack, "j", math.mininteger) t(s.pack, "J", -1) t(s.pack, "T", -1) t(s.pack, "n f", 1.5, 2.5) t(s.unpack, "f", s.pack("f", 1/3))
--> true "\0\0\0\1\2\0\0\0\3\0\0\0"
--> true 1 2 9
--> true "\0\0\0\0\0\0\0€"
--> true "ÿÿÿÿÿÿÿÿ"
--> true "ÿÿÿÿÿÿÿÿ"
--> true "\0\0\0\0\0\0ø?\0\0 @"
--> true 0.33333334326744 5
t(s.pack, "i" .. 2, 1) t(s.pack, " ") t(s.unpack, "", "", 1) t(s.unpack, "", "", 2) t(s.unpack, "b", "") t(s.unpack, "I3", "\255\255\255") t(s.unpack, "i3", "\255\255\127") t(s.pack, "l L h H", 1, 2, 3, 4)
--> true "\1\0"
--> true ""
--> true 1
--> false "bad argument #3 to 'string.unpack' (initial position out of string)"
--> false "bad argument #2 to 'string.unpack' (data string too short)"
--> true 16777215 4
--> true 8388607 4
--> true "\1\0\0\0\0\0\0\0\2\0\0\0\0\0\0\0\3\0\4\0"
t(s.unpack, "!2 b h", "\1\0\2\0") t(s.pack, "!8 b Xd b", 1, 2) t(s.pack, "s0", "a") t(s.pack, "s", 5) t(s.unpack, "z", "") t(s.unpack, "s1", "\3ab")
--> true 1 2 5
--> true "\1\0\0\0\0\0\0\0\2"
--> false "integral size (0) out of limits [1,16]"
--> true "\1\0\0\0\0\0\0\0005"
--> false "bad argument #2 to 'string.unpack' (unfinished string for format 'z')"
--> false "bad argument #2 to 'string.unpack' (data string too short)"
