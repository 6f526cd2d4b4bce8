-- Function definition forms: global, local, fields, methods, anonymous, local function recursion.
function g1(a, b) return a + b end
local function l1(n) if n == 0 then return 0 end return n + l1(n - 1) end
local obj = {a = {b = {}}}
function obj.a.b.f(x) return "field " .. x end
function obj.a.b:m(x) return self == obj.a.b, x end
print(g1(1, 2), l1(10), obj.a.b.f(1), obj.a.b:m(2))
--> 3	55	field 1	true	2
local anon = function(...) return select("#", ...) end
print(anon(), anon(nil), anon(1, nil, nil))
--> 0	1	3
-- 'local f = function' does not see itself: inside, 'f' is the global
f = function() return "global f" end
local f = function(n) if n then return f() end return "local f" end
print(f(true), f())
--> global f	local f
local function noret() end
print(noret(), select("#", noret()))
--> nil	0
print((function(x) return x * 2 end)(21))
--> 42
