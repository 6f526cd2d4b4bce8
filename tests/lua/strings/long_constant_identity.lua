-- Equal long-string constants of one chunk are one object (lua anchors a chunk's strings in one
-- table while compiling), even across functions; short strings are always interned.
local s1 = "01234567890123456789012345678901234567890123456789"
local function f() return "01234567890123456789012345678901234567890123456789" end
local function g() return function() return "01234567890123456789012345678901234567890123456789" end end
print(string.format("%p", s1) == string.format("%p", f()), string.format("%p", f()) == string.format("%p", g()()))
--> true	true
local built = string.rep("0123456789", 5)
print(built == s1, string.format("%p", built) == string.format("%p", s1))
--> true	false
