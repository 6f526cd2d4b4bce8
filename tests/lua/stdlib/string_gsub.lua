-- string.gsub: string, table and function replacements, %0-%9, %%, max n, anchors, errors.
local function p(...) print(pcall(...)) end
print(string.gsub("hello world", "o", "0"))
--> hell0 w0rld	2
print(string.gsub("hello world", "o", "0", 1))
--> hell0 world	1
print(string.gsub("hello world", "o", "0", 0))
--> hello world	0
print(string.gsub("hello world", "o", "0", -1))
--> hello world	0
print(string.gsub("hello world", "(o)", "[%1]"))
--> hell[o] w[o]rld	2
print(string.gsub("hello world", "%w+", "<%0>"))
--> <hello> <world>	2
print(string.gsub("hello world", "(%w+) (%w+)", "%2 %1"))
--> world hello	1
print(string.gsub("abc", "%w", "%%"))
--> %%%	3
print(string.gsub("abc", "", "-"))
--> -a-b-c-	4
print(string.gsub("abc", "b*", "-"))
--> -a-c-	3
print(string.gsub("abc", "()", "%1"))
--> 1a2b3c4	4
print(string.gsub("abc", "^a", "X"))
--> Xbc	1
print(string.gsub("aaa", "^a", "X"))
--> Xaa	1
print(string.gsub("abc", "x*$", "!"))
--> abc!	1
print(string.gsub("abc", ".", {a = 1, b = "B"}))
--> 1Bc	3
p(string.gsub, "abc", ".", {a = 1, b = true})
--> false	invalid replacement value (a boolean)
print(string.gsub("abc", ".", {a = "A", b = false}))
--> Abc	3
print(string.gsub("abc", "(.)(.)", {ab = "X"}))
--> abc	1
print(string.gsub("abc", ".", function(c) return c:upper() .. "." end))
--> A.B.C.	3
print(string.gsub("abc", ".", function(c) if c == "b" then return nil end return 1.5 end))
--> 1.5b1.5	3
print(string.gsub("abc", "(.)()", function(c, pos) return c .. pos end))
--> a2b3c4	3
print(string.gsub("x = 1, y = 2", "(%w+) = (%w+)", "%2 = %1"))
--> 1 = x, 2 = y	2
print(string.gsub("abc", "b", 42))
--> a42c	1
print(string.gsub("abc", "b", 4.5))
--> a4.5c	1
print(string.gsub("hello", "l", "%0%0"))
--> hellllo	2
print(string.gsub("", "", "x"))
--> x	1
print(string.gsub("abc", "c", "%%1"))
--> ab%1	1
print(string.gsub("a.b.c", "%.", "/"))
--> a/b/c	2
print(string.gsub("a b c", " ", "", 1))
--> ab c	1
print(string.gsub("abc", "b", "%1"))
--> abc	1
print(string.gsub("$1,000", "[$,]", ""))
--> 1000	2
print(string.gsub("one two", "(%w+)", "<%1>", 1.0))
--> <one> two	1
local t = setmetatable({}, {__index = function(_, k) return "<" .. k .. ">" end})
print(string.gsub("ab", ".", t))
--> <a><b>	2
-- errors
p(string.gsub, "abc", "a", "%2")
--> false	invalid capture index %2
p(string.gsub, "abc", "(a)", "%2")
--> false	invalid capture index %2
p(string.gsub, "abc", "a", "%x")
--> false	invalid use of '%' in replacement string
p(string.gsub, "abc", "a", "%")
--> false	invalid use of '%' in replacement string
p(string.gsub, "abc", "(a)", {a = {}})
--> false	invalid replacement value (a table)
p(string.gsub, "abc", "(a)", function() return {} end)
--> false	invalid replacement value (a table)
p(string.gsub, "abc", "a", true)
--> false	bad argument #3 to 'string.gsub' (string/function/table expected, got boolean)
p(string.gsub, "abc", "a")
--> false	bad argument #3 to 'string.gsub' (string/function/table expected, got no value)
p(string.gsub, "abc", "a", "x", "y")
--> false	bad argument #4 to 'string.gsub' (number expected, got string)
p(string.gsub, "abc", "a", "x", 1.5)
--> false	bad argument #4 to 'string.gsub' (number has no integer representation)
p(string.gsub, "abc", "(", "x")
--> true	xaxbxcx	4
p(string.gsub, "abc", ".", function() error("boom") end)
--> false	tests/lua/stdlib/string_gsub.lua:93: boom
print(select("#", pcall(string.gsub, "abc", ".", function() error({}) end)))
--> 2
print(string.gsub(string.rep("ab", 1000), "b", ""):len())
--> 1000
