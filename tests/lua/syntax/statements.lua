-- Statement forms: empty statements, do blocks, call statements with string and table arguments,
-- parenthesised prefixes, chained calls and indexing.
;;; local a = 1; ; print(a);
--> 1
do local a = 2; print(a) end
--> 2
print(a)
--> 1
local function id(...) return ... end
print(id"str", id[[long]], #id{1, 2, 3})
--> str	long	3
local t = {f = function(self, x) return self.n + x end, n = 10}
print(t:f(5), t.f(t, 6), t["f"](t, 7))
--> 15	16	17
local function mk() return function(x) return function(y) return x + y end end end
print(mk()(1)(2))
--> 3
print(("x"))
--> x
print(#("abc"), (id(1, 2)))
--> 3	1
local obj = {inner = {val = "deep"}}
print(obj.inner.val, obj["inner"]["val"], (obj).inner.val)
--> deep	deep	deep
local r = {id(1, 2, 3)}
print(#r)
--> 3
local s = {id(1, 2, 3), id(4, 5, 6)}
print(#s, s[1], s[2], s[4])
--> 4	1	4	6
