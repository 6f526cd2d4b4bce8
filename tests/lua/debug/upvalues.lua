-- debug.getupvalue / setupvalue / upvalueid / upvaluejoin.
local a, b = 1, "two"
local function f() return a, b end
local function g() return b end

print(debug.getupvalue(f, 1))
print(debug.getupvalue(f, 2))
print(select("#", debug.getupvalue(f, 3)))
print(select("#", debug.getupvalue(f, 0)))
print(select("#", debug.getupvalue(f, -1)))
print(debug.setupvalue(f, 1, 10), a)
print(f())
print(select("#", debug.setupvalue(f, 3, 0)))

-- the main chunk's _ENV
local main = load("return x")
print(debug.getupvalue(main, 1) == "_ENV", select(2, debug.getupvalue(main, 1)) == _G)
debug.setupvalue(main, 1, {x = "from env"})
print(main())

-- native closures have unnamed upvalues; plain natives have none
local w = coroutine.wrap(function() end)
local name, th = debug.getupvalue(w, 1)
print(name == "", type(th))
print(select("#", debug.getupvalue(print, 1)))
print(debug.setupvalue(w, 1, th) == "")

-- stripped functions: "(no name)"
local dumped = load(string.dump(f, true))
print(debug.getupvalue(dumped, 1), (debug.getupvalue(dumped, 2)))

-- ids: shared upvalues have the same id
print(debug.upvalueid(f, 2) == debug.upvalueid(g, 1))
print(debug.upvalueid(f, 1) == debug.upvalueid(g, 1))
print(type(debug.upvalueid(f, 1)))
print(debug.upvalueid(f, 5), debug.upvalueid(print, 1))
print(type(debug.upvalueid(w, 1)), debug.upvalueid(w, 1) == debug.upvalueid(w, 1))

-- join: f's first upvalue becomes g's first (b)
debug.upvaluejoin(f, 1, g, 1)
print(f())
print(debug.upvalueid(f, 1) == debug.upvalueid(g, 1))
b = "changed"
print(f())

-- closures made by the same function get distinct upvalues for distinct calls
local function counter()
  local n = 0
  return function() n = n + 1; return n end
end
local c1, c2 = counter(), counter()
print(debug.upvalueid(c1, 1) == debug.upvalueid(c2, 1))
debug.upvaluejoin(c1, 1, c2, 1)
c1(); c1()
print(c2())

-- argument errors
local function err(...) print(select(2, pcall(...))) end
err(debug.getupvalue, f)
err(debug.getupvalue, {}, 1)
err(debug.getupvalue, f, "x")
err(debug.setupvalue, f, 1)
err(debug.setupvalue, 1, 1, 1)
err(debug.upvalueid, f)
err(debug.upvalueid, 1, 1)
err(debug.upvaluejoin, f, 1, g)
err(debug.upvaluejoin, f, 9, g, 1)
err(debug.upvaluejoin, f, 1, g, 9)
err(debug.upvaluejoin, print, 1, g, 1)
err(debug.upvaluejoin, w, 1, g, 1)
err(debug.upvaluejoin, f, 1, w, 1)
err(debug.upvaluejoin, f, 1, "g", 1)

--> a	1
--> b	two
--> 0
--> 0
--> 0
--> a	10
--> 10	two
--> 0
--> true	true
--> from env
--> true	thread
--> 0
--> true
--> (no name)	(no name)
--> true
--> false
--> userdata
--> nil	nil
--> userdata	true
--> two	two
--> true
--> changed	changed
--> false
--> 3
--> bad argument #2 to 'debug.getupvalue' (number expected, got no value)
--> bad argument #1 to 'debug.getupvalue' (function expected, got table)
--> bad argument #2 to 'debug.getupvalue' (number expected, got string)
--> bad argument #3 to 'debug.setupvalue' (value expected)
--> bad argument #1 to 'debug.setupvalue' (function expected, got number)
--> bad argument #2 to 'debug.upvalueid' (number expected, got no value)
--> bad argument #1 to 'debug.upvalueid' (function expected, got number)
--> bad argument #4 to 'debug.upvaluejoin' (number expected, got no value)
--> bad argument #2 to 'debug.upvaluejoin' (invalid upvalue index)
--> bad argument #4 to 'debug.upvaluejoin' (invalid upvalue index)
--> bad argument #2 to 'debug.upvaluejoin' (invalid upvalue index)
--> bad argument #1 to 'debug.upvaluejoin' (Lua function expected)
--> bad argument #3 to 'debug.upvaluejoin' (Lua function expected)
--> bad argument #3 to 'debug.upvaluejoin' (function expected, got string)
