-- The thread argument of getinfo, getlocal, setlocal and traceback.
local co = coroutine.create(function(a, ...)
  local inside = "local of co"
  local function nested(x)
    local y = x * 2
    coroutine.yield(y)
    return y
  end
  local r = nested(a)
  coroutine.yield(inside, r)
  return "done"
end)

-- not started: no levels
print(debug.getinfo(co, 0), debug.getinfo(co, 1))
--> nil	nil
print(pcall(debug.getlocal, co, 0, 1))
--> false	bad argument #2 to 'debug.getlocal' (level out of range)
print(debug.traceback(co))
--> stack traceback:

print(coroutine.resume(co, 21, "va1", "va2"))
--> true	42
-- level 0 is coroutine.yield (a native), 1 is nested, 2 the body
local i0 = debug.getinfo(co, 0, "Sln")
print(i0.what, i0.short_src, i0.currentline, i0.name, i0.namewhat)
--> C	[C]	-1	yield	field
local i1 = debug.getinfo(co, 1, "Slnf")
print(i1.what, i1.currentline, i1.name, i1.namewhat, i1.linedefined, type(i1.func))
--> Lua	6	nested	local	4	function
local i2 = debug.getinfo(co, 2, "Sln")
print(i2.what, i2.currentline, i2.name, i2.namewhat, i2.linedefined)
--> Lua	9	nil		2
print(debug.getinfo(co, 3))
--> nil

print(debug.getlocal(co, 1, 1))
--> x	21
print(debug.getlocal(co, 1, 2))
--> y	42
print(debug.getlocal(co, 2, 1))
--> a	21
print(debug.getlocal(co, 2, 2))
--> inside	local of co
print(debug.getlocal(co, 2, -1))
--> (vararg)	va1
print(debug.getlocal(co, 2, -2))
--> (vararg)	va2
print(debug.getlocal(co, 2, -3))
--> nil
print(debug.getlocal(co, 0, 1))
--> nil

-- change y in the suspended coroutine: nested returns the new value
print(debug.setlocal(co, 1, 2, 1000))
--> y
print(debug.setlocal(co, 2, -1, "VA"))
--> (vararg)
print(pcall(debug.setlocal, co, 5, 1, 0))
--> false	bad argument #2 to 'debug.setlocal' (level out of range)
print(coroutine.resume(co))
--> true	local of co	1000
local n3, v3 = debug.getlocal(co, 1, 3)
print(n3, type(v3))
--> nested	function

-- traceback of the suspended coroutine, with message and level
print(debug.traceback(co, "suspended"))
--> suspended
--> stack traceback:
--> 	[C]: in function 'coroutine.yield'
--> 	tests/lua/debug/threads.lua:10: in function <tests/lua/debug/threads.lua:2>
print(debug.traceback(co, "from level 1", 1))
--> from level 1
--> stack traceback:
--> 	tests/lua/debug/threads.lua:10: in function <tests/lua/debug/threads.lua:2>

print(coroutine.resume(co))
--> true	done
print(coroutine.status(co), debug.getinfo(co, 0))
--> dead	nil
print(debug.traceback(co, "finished"))
--> finished
--> stack traceback:

-- the running coroutine as an explicit thread argument
local co2 = coroutine.wrap(function()
  local me = coroutine.running()
  local here = debug.getinfo(me, 0, "n")
  local caller = debug.getinfo(me, 1, "l")
  print(here.name, caller.currentline, (debug.getlocal(me, 1, 1)))
  return debug.traceback(me, "self")
end)
print(co2())
--> getinfo	90	me
--> self
--> stack traceback:
--> 	tests/lua/debug/threads.lua:92: in function <tests/lua/debug/threads.lua:87>

-- a coroutine that resumed another is "normal": its top level is coroutine.resume
local outer
outer = coroutine.create(function()
  local inner = coroutine.create(function()
    local i = debug.getinfo(outer, 0, "Sn")
    print("outer top:", i.what, i.name)
    print(debug.traceback(outer, "outer"))
  end)
  coroutine.resume(inner)
end)
coroutine.resume(outer)
--> outer top:	C	resume
--> outer
--> stack traceback:
--> 	[C]: in function 'coroutine.resume'
--> 	tests/lua/debug/threads.lua:108: in function <tests/lua/debug/threads.lua:102>

-- the main thread seen from a coroutine
local main = coroutine.running()
coroutine.wrap(function()
--> main top:	C	nil	
--> main	119
  local i = debug.getinfo(main, 0, "Sn")
  print("main top:", i.what, i.name, i.namewhat)
  local j = debug.getinfo(main, 1, "Sl")
  print(j.what, j.currentline)
end)()
