-- Left-associative chains of any length compile and run (lua5.4's parser loops over them):
-- arithmetic, comparison, and/or, concatenation of left parts, index, call and method chains.
-- Right-associative chains (`..`, `^`) and parentheses nest: see *_chain_too_deep.lua.
--# slow
local function rep(s, n, sep)
  sep = sep or ""
  if n == 1 then return s end
  local half = n // 2
  return rep(s, half, sep) .. sep .. rep(s, n - half, sep)
end
local N = 100000
-- constant folding over the whole chain
print(load("return " .. rep("1", N, " + "))())
--> 100000
print(load("return 1" .. rep(" - 1", N))())
--> -99999
print(load("return 2.5" .. rep(" * 1", N) .. rep(" // 1", N))())
--> 2.0
-- one million operators
print(load("return " .. rep("1", 1000000, "+"))())
--> 1000000
-- variables: one instruction per operator
print(load("local a, b = ... return a" .. rep(" + b", N), "=chain")(1, 2))
--> 200001
print(load("local a = ... return a" .. rep(" - a * 2", N), "=chain")(3))
--> -599997
print(load("local a, b = ... return a" .. rep(" | b & a ~ b", 1000), "=chain")(5, 3))
--> 7
-- comparisons chain left to right: ((a == b) == c) ...
print(load("local a = ... return a" .. rep(" == a", N // 5))(1))
--> false
print(load("local a = ... return a" .. rep(" ~= a", N // 5))(1))
--> true
print(load("local a = ... return a" .. rep(" < a", 1))(1))
--> false
-- and/or chains go through jump lists (appending to a jump list walks it, in lua5.4 too, so
-- long pure and/or chains compile in quadratic time: keep them shorter)
local M = 5000
print(load("local a, b = ... return a" .. rep(" and b", M))(1, 2))
--> 2
print(load("local a, b = ... return a" .. rep(" or b", M))(false, "x"))
--> x
print(load("local a, b, c = ... return a" .. rep(" and b or c", M))(nil, 1, 2))
--> 1
print(load("local a, b = ... if a" .. rep(" and b", M) .. " then return 'yes' else return 'no' end")(1, false))
--> no
print(load("local a, b = ... while a" .. rep(" or b", M) .. " do return 'loop' end return 'none'")(nil, nil))
--> none
-- index chains
local t = {}
t.t = t
t[1] = t
print(load("local t = ... return t" .. rep(".t", N) .. " == t")(t))
--> true
print(load("local t = ... return t" .. rep("[1].t", N // 2) .. "[1] == t")(t))
--> true
load("local t = ... t" .. rep(".t", N) .. ".x = 42")(t)
print(t.x)
--> 42
-- call and method chains
local function f() return f end
print(load("local f = ... return f" .. rep("()", N) .. " == f")(f))
--> true
local calls = 0
local o = {}
function o:m(x) calls = calls + x return self end
print(load("local o = ... return o" .. rep(":m(1)", N) .. " == o")(o), calls)
--> true	100000
print(load("local f = ... return f" .. rep("'s'{}", N // 2) .. " == f")(f))
--> true
-- mixed spines: index, call, method and arithmetic
local acc = setmetatable({}, {__index = function(self, k) return self end, __call = function(self) return self end})
print(load("local o = ... return o" .. rep(".a[1]:m()()", N // 4) .. " == o")(setmetatable({m = function(s) return s end}, getmetatable(acc))))
--> true
print(load("local t = ... return " .. rep("t.n", N, " + "))({n = 1}))
--> 100000
-- evaluation order along a long chain: metamethods run left to right
local log = {}
local mt = {}
mt.__add = function(x, y) log[#log + 1] = y.v return x end
local function V(v) return setmetatable({v = v}, mt) end
local vs = {}
for i = 1, 1000 do vs[i] = V(i) end
load("local vs = ... return vs[1]" .. (function()
  local s = {}
  for i = 2, 1000 do s[#s + 1] = " + vs[" .. i .. "]" end
  return table.concat(s)
end)())(vs)
print(#log, log[1], log[500], log[999])
--> 999	2	501	1000
-- left parts of a concatenation chain: (a + b) .. (c + d) .. ... nests only one level per ..
print(#load("local a = ... return " .. rep("a + a", 150, " .. "))(1))
--> 150
