-- string odds and ends: rep limits and separators, byte/sub index clamping, coercions in arithmetic and comparison, %q/%f of nan/inf, gsub replacement values, empty matches in gmatch
local function t(f, ...) local r = table.pack(pcall(f, ...)) for i = 1, r.n do local v = r[i] r[i] = type(v) == "string" and ("%q"):format(v):gsub("\n", "n") or (type(v) == "function" and "function" or tostring(v)) end print(table.concat(r, " ", 1, r.n)) end
t(string.rep, "x", -1) t(string.rep, "ab", 3, ",") t(string.rep, "x", 2^31) t(string.rep, "x", 0, "sep") t(string.rep, "x", 1, "sep") t(string.rep, "ab", 2^30, "cd")
--> true ""
--> true "ab,ab,ab"
--> false "resulting string too large"
--> true ""
--> true "x"
--> false "resulting string too large"
t(string.char, 256) t(string.char, -1) t(string.char) t(string.char, "65") t(string.byte, "abc", -2, -1) t(string.byte, "abc", 0) t(string.byte, "abc", 10) t(string.byte, "", 1) t(string.byte, "abc", 1, 0)
--> false "bad argument #1 to 'string.char' (value out of range)"
--> false "bad argument #1 to 'string.char' (value out of range)"
--> true ""
--> true "A"
--> true 98 99
--> true
--> true
--> true
--> true
t(string.sub, "hello", 2) t(string.sub, "hello", -3, -2) t(string.sub, "hello", 0) t(string.sub, "hello", math.mininteger, math.maxinteger) t(string.sub, "hello", 4, 2) t(string.sub, "hello", 2.0, 3) t(string.sub, "hello", 2.5)
--> true "ello"
--> true "ll"
--> true "hello"
--> true "hello"
--> true ""
--> true "el"
--> false "bad argument #2 to 'string.sub' (number has no integer representation)"
t(function() return "10" + 1, "0x10" * 1, "1e1" // 1, "10" % "3", -"2", "2" ^ "3", "7" // "2.0" end) t(function() return "abc" + 1 end) t(function() return {} .. "x" end) t(function() return 1 .. 2 end)
--> true 11 16 10.0 1 -2 8.0 3.0
--> false "tests/lua/stdlib/string_misc.lua:28: attempt to add a 'string' with a 'number'"
--> false "tests/lua/stdlib/string_misc.lua:28: attempt to concatenate a table value"
--> true "12"
t(function() return "a\0b" < "a\0c", "a" < "a\0", "" < "\0", "Z" < "a" end) t(function() return "10" < 5 end) t(function() return 1 < "x" end)
--> true true true true true
--> false "tests/lua/stdlib/string_misc.lua:33: attempt to compare string with number"
--> false "tests/lua/stdlib/string_misc.lua:33: attempt to compare number with string"
t(function() return ("x"):upper(), ("%d"):format(3), #"abc", ("abc"):len(), ("a,b"):find(",", 1, true) end)
--> true "X" "3" 3 3 2 2
t(string.upper, "áé\0x") t(string.lower, "ÀB\0C") t(string.reverse, "a\0b") t(string.len, "a\0b")
--> true "áé\0X"
--> true "Àb\0c"
--> true "b\0a"
--> true 3
t(string.format, "%s|%s|%s", 1, 1.0, -0.0) t(string.format, "%5s|%-5s|", 1, 2) t(string.format, "%.3s", 1.2345) t(string.format, "%x", -0.0) t(string.format, "%d", -0.0) t(string.format, "%a", 0.0)
--> true "1|1.0|-0.0"
--> true "    1|2    |"
--> true "1.2"
--> true "0"
--> true "0"
--> true "0x0p+0"
t(tostring, 1e300 * 1e10) t(tostring, -(1e300 * 1e10)) t(tostring, 0/0) t(tostring, -(0/0)) t(string.format, "%f", 0/0) t(string.format, "%.1f", -(0/0)) t(string.format, "%5.1f", 1/0) t(string.format, "%-8g|", -1/0) t(string.format, "%+g", 0/0)
--> true "inf"
--> true "-inf"
--> true "-nan"
--> true "nan"
--> true "-nan"
--> true "nan"
--> true "  inf"
--> true "-inf    |"
--> true "-nan"
t(string.format, "%q", 0/0) t(string.format, "%q", -(0/0)) t(string.format, "%q", "\u{10FFFF}\xff") t(string.format, "%q", "\r\t\v\f\a\b")
--> true "(0/0)"
--> true "(0/0)"
--> true "\"􏿿�\""
--> true "\"\\13\\9\\11\\12\\7\\8\""
t(("x"):rep(3, nil)) t(string.gsub, "hello", "", "-", 3) t(string.gsub, "abc", "%w", {a = 1, b = 2.5}) t(string.gsub, "abc", "%w", function(c) if c == "b" then return false end return nil end)
--> false "attempt to call a string value"
--> true "-h-e-llo" 3
--> true "12.5c" 3
--> true "abc" 3
t(string.find, "abc", "b", 2^53) t(string.find, "abc", "b", -2^53) t(string.match, "abc", "((a)(b))") t(string.match, "abc", "()(b)()") t(string.gmatch("abc", "(x*)")) 
--> true nil
--> true 2 2
--> true "ab" "a" "b"
--> true 2 "b" 3
--> true ""
for k, v in string.gmatch("a=1,b=2", "(%w)=(%w)") do io.write(k, v, ";") end print()
--> a1;b2;
for m in string.gmatch("abc", "") do io.write("[", m, "]") end print()
--> [][][][]
for a, b in string.gmatch("abab", "()a()") do io.write(a, b, ";") end print()
--> 12;34;
t(string.gsub, "abc", ".", {a = {}}) t(string.gsub, "abc", "(.)", "%2") t(string.gsub, "a.b", "%.", "%%") t(string.gsub, "abc", "b", "%") t(string.gsub, "x", "x", "%a")
--> false "invalid replacement value (a table)"
--> false "invalid capture index %2"
--> true "a%b" 1
--> false "invalid use of '%' in replacement string"
--> false "invalid use of '%' in replacement string"
