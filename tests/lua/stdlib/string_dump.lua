-- string.dump: binary chunks that load back (stripped or not), natives rejected, and the
-- string arithmetic metamethods (coercion, division by zero, error messages).
local function add(a, b) return a + b end
local d = string.dump(add)
print(type(d), d:sub(1, 4) == "\27Lua", #d > 20)
local f = load(d, "dumped", "b")
print(f(2, 3))
local ds = string.dump(add, true)
print(#ds < #d, load(ds)(4, 5))
local up = 10
local function g() return up end
local gg = load(string.dump(g))
print(type(gg()))
print(pcall(string.dump, print))
print(pcall(string.dump, 1))
print(pcall(string.dump))
print(pcall(string.dump, string.gmatch("a", "a")))
local function err() error("x") end
print(pcall(load(string.dump(err))))
print(pcall(load(string.dump(err, true))))
local main = load("local a = {...} return #a, ...")
print(load(string.dump(main))(1, 2, 3))
print(string.dump(add) == string.dump(add), string.dump(add, true) == string.dump(add, true))
local nested = function() local function inner(x) return x * 2 end return inner(21) end
print(load(string.dump(nested))())
print(pcall(function() return "10" // "0" end))
print(pcall(function() return "10" % "0" end))
print(pcall(function() return 1 // "0" end))
print("10" + 1, "3" * "4", -"2", "10" // "3", "2" ^ 2, "7" % "2", 10 - "2")
print(pcall(function() return "abc" + 1 end))
print(pcall(function() return {} + "abc" end))
print(pcall(function() return -"abc" end))
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x", c:byte()) end)) end
local function sample(a, b) return a + b * 2, "str", 1.5 end
print(hex(string.dump(sample, true)))

--> string	true	true
--> 5
--> true	9
--> table
--> false	unable to dump given function
--> false	bad argument #1 to 'string.dump' (function expected, got number)
--> false	bad argument #1 to 'string.dump' (function expected, got no value)
--> false	unable to dump given function
--> false	tests/lua/stdlib/string_dump.lua:18: x
--> false	x
--> 3	1	2	3
--> true	true
--> 42
--> false	attempt to divide by zero
--> false	attempt to perform 'n%0'
--> false	attempt to divide by zero
--> 11	12	-2	3	4.0	1	8
--> false	tests/lua/stdlib/string_dump.lua:30: attempt to add a 'string' with a 'number'
--> false	tests/lua/stdlib/string_dump.lua:31: attempt to add a 'table' with a 'string'
--> false	tests/lua/stdlib/string_dump.lua:32: attempt to unm a 'string' with a 'string'
--> 1b4c7561540019930d0a1a0a040808785600000000000000000000002877400080a2a20200058818010100b0000008220100022e0002068381000003020100460104004701010083030200000000000000048473747213000000000000f83f808080808080
