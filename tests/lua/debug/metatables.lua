-- debug.getmetatable / setmetatable (any type, nil resets, __metatable ignored), getregistry.
local t = setmetatable({}, {__metatable = "locked", __index = {k = "v"}})
print(getmetatable(t), type(debug.getmetatable(t)), debug.getmetatable(t).__metatable)
print(debug.getmetatable(1), debug.getmetatable(nil), debug.getmetatable(print))
print(debug.getmetatable("s").__index == string)

-- set on a protected table
local mt2 = {__index = function(_, k) return k .. "!" end}
print(debug.setmetatable(t, mt2) == t, t.x)
print(debug.setmetatable(t, nil) == t, getmetatable(t), t.x)

-- numbers
print(debug.setmetatable(10, {__index = function(n, k) return n * 2 end}))
print((5).anything, (2.5).x)
print(debug.getmetatable(7) ~= nil)
debug.setmetatable(0, nil)
print(debug.getmetatable(7), pcall(function() return (5).x end))

-- booleans, nil, functions
debug.setmetatable(true, {__tostring = function(b) return b and "yes" or "no" end,
  __len = function() return 42 end})
print(tostring(true), tostring(false), #true)
debug.setmetatable(false, nil)
print(tostring(true))
debug.setmetatable(nil, {__index = function() return "nil indexed" end})
local nothing
print(nothing.field)
debug.setmetatable(nil, nil)
print(pcall(function() return nothing.field end))
debug.setmetatable(print, {__index = {name = "a function"}, __concat = function(a, b) return "cat" end})
print(print.name, (function() end).name, print .. 1)
debug.setmetatable(print, nil)

-- threads
local co = coroutine.create(print)
debug.setmetatable(co, {__index = {kind = "thread!"}})
print(co.kind, coroutine.running().kind)
debug.setmetatable(co, nil)

-- strings: replacing the string metatable
local smt = debug.getmetatable("")
debug.setmetatable("", {__index = {shout = function(s) return s:upper() end}})
print(pcall(function() return ("abc"):shout() end))
debug.setmetatable("x", smt)
print(("abc"):upper())

-- argument errors
print(pcall(debug.getmetatable))
print(pcall(debug.setmetatable, {}))
print(pcall(debug.setmetatable, {}, 1))
print(pcall(debug.setmetatable, {}, "x"))
print(select("#", debug.setmetatable({}, nil)))

-- registry
local reg = debug.getregistry()
print(type(reg), reg == debug.getregistry())
print(reg._LOADED == package.loaded, reg[2] == _G, type(reg[1]))
print(reg[1] == coroutine.running())
reg.mykey = "stored"
print(debug.getregistry().mykey)


-- setcstacklimit is deprecated in 5.4.4: it only reports the C-stack limit
print(debug.setcstacklimit(1000), debug.setcstacklimit(0))
print(pcall(debug.setcstacklimit))
print(pcall(debug.setcstacklimit, "x"))

-- the library table
local names = {}
for k in pairs(debug) do names[#names + 1] = k end
table.sort(names)
print(table.concat(names, " "))

--> locked	table	locked
--> nil	nil	nil
--> true
--> true	x!
--> true	nil	nil
--> 10
--> 10	5.0
--> true
--> nil	false	tests/lua/debug/metatables.lua:17: attempt to index a number value
--> yes	no	42
--> true
--> nil indexed
--> false	tests/lua/debug/metatables.lua:29: attempt to index a nil value (upvalue 'nothing')
--> a function	a function	cat
--> thread!	thread!
--> false	tests/lua/debug/metatables.lua:42: attempt to call a nil value (method 'upper')
--> ABC
--> false	bad argument #1 to 'debug.getmetatable' (value expected)
--> false	bad argument #2 to 'debug.setmetatable' (nil or table expected, got no value)
--> false	bad argument #2 to 'debug.setmetatable' (nil or table expected, got number)
--> false	bad argument #2 to 'debug.setmetatable' (nil or table expected, got string)
--> 1
--> table	true
--> true	true	thread
--> true
--> stored
--> 200	200
--> false	bad argument #1 to 'debug.setcstacklimit' (number expected, got no value)
--> false	bad argument #1 to 'debug.setcstacklimit' (number expected, got string)
--> debug gethook getinfo getlocal getmetatable getregistry getupvalue getuservalue setcstacklimit sethook setlocal setmetatable setupvalue setuservalue traceback upvalueid upvaluejoin
