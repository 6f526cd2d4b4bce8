-- The main chunk runs from C (lua.c's pmain calls it through lua_pcall): below it there is one
-- C level, `[C]: in ?`, and nothing else.
print(debug.traceback())
print(debug.traceback("msg", 2))
print(debug.traceback("msg", 3))
local i2 = debug.getinfo(2)
print(i2.what, i2.source, i2.short_src, i2.currentline, i2.linedefined, i2.lastlinedefined)
print(i2.name, i2.namewhat, i2.nups, i2.nparams, i2.isvararg, i2.istailcall, type(i2.func))
print(debug.getinfo(3))
print(debug.getinfo(1, "S").what, debug.getinfo(2, "S").what)
-- lua.c's pmain got (argc, argv): "locals" of a C function
local name, argc = debug.getlocal(2, 1)
print(name, math.type(argc), argc >= 2)
print(select("#", debug.getlocal(2, 1)))
local ok, n, v = pcall(debug.getlocal, 3, 1)
print(ok, n, math.type(v))
-- levels from functions
local function depth()
  local n = 1
  while debug.getinfo(n, "S") do n = n + 1 end
  return n - 1
end
print(depth())
local function f() return depth() end
print(f())
print((function() return f() end)())
-- xpcall with the traceback at different depths
local function lvl(n)
  if n == 0 then return xpcall(function() error("deep") end, debug.traceback) end
  local ok, m = lvl(n - 1)
  return ok, m
end
print(lvl(0))
print(lvl(3))
local function many(n)
  if n == 0 then return select(2, xpcall(error, debug.traceback, "x")) end
  local m = many(n - 1)
  return m
end
print(many(30))
-- a coroutine's stack has no C level below its body
local co = coroutine.create(function() print(debug.traceback("in co")) coroutine.yield() end)
coroutine.resume(co)
print(debug.traceback(co))
print(debug.traceback(co, "msg", 1))

--> stack traceback:
--> 	tests/lua/debug/main_c_level.lua:3: in main chunk
--> 	[C]: in ?
--> msg
--> stack traceback:
--> 	[C]: in ?
--> msg
--> stack traceback:
--> C	=[C]	[C]	-1	-1	-1
--> nil		0	0	true	false	function
--> nil
--> main	C
--> (C temporary)	integer	true
--> 2
--> true	(C temporary)	integer
--> 3
--> 3
--> 3
--> false	tests/lua/debug/main_c_level.lua:29: deep
--> stack traceback:
--> 	[C]: in function 'error'
--> 	tests/lua/debug/main_c_level.lua:29: in function <tests/lua/debug/main_c_level.lua:29>
--> 	[C]: in function 'xpcall'
--> 	tests/lua/debug/main_c_level.lua:29: in local 'lvl'
--> 	tests/lua/debug/main_c_level.lua:33: in main chunk
--> 	[C]: in ?
--> false	tests/lua/debug/main_c_level.lua:29: deep
--> stack traceback:
--> 	[C]: in function 'error'
--> 	tests/lua/debug/main_c_level.lua:29: in function <tests/lua/debug/main_c_level.lua:29>
--> 	[C]: in function 'xpcall'
--> 	tests/lua/debug/main_c_level.lua:29: in upvalue 'lvl'
--> 	tests/lua/debug/main_c_level.lua:30: in upvalue 'lvl'
--> 	tests/lua/debug/main_c_level.lua:30: in upvalue 'lvl'
--> 	tests/lua/debug/main_c_level.lua:30: in local 'lvl'
--> 	tests/lua/debug/main_c_level.lua:34: in main chunk
--> 	[C]: in ?
--> x
--> stack traceback:
--> 	[C]: in function 'error'
--> 	[C]: in function 'xpcall'
--> 	tests/lua/debug/main_c_level.lua:36: in upvalue 'many'
--> 	tests/lua/debug/main_c_level.lua:37: in upvalue 'many'
--> 	tests/lua/debug/main_c_level.lua:37: in upvalue 'many'
--> 	tests/lua/debug/main_c_level.lua:37: in upvalue 'many'
--> 	tests/lua/debug/main_c_level.lua:37: in upvalue 'many'
--> 	tests/lua/debug/main_c_level.lua:37: in upvalue 'many'
--> 	tests/lua/debug/main_c_level.lua:37: in upvalue 'many'
--> 	tests/lua/debug/main_c_level.lua:37: in upvalue 'many'
--> 	...	(skipping 13 levels)
--> 	tests/lua/debug/main_c_level.lua:37: in upvalue 'many'
--> 	tests/lua/debug/main_c_level.lua:37: in upvalue 'many'
--> 	tests/lua/debug/main_c_level.lua:37: in upvalue 'many'
--> 	tests/lua/debug/main_c_level.lua:37: in upvalue 'many'
--> 	tests/lua/debug/main_c_level.lua:37: in upvalue 'many'
--> 	tests/lua/debug/main_c_level.lua:37: in upvalue 'many'
--> 	tests/lua/debug/main_c_level.lua:37: in upvalue 'many'
--> 	tests/lua/debug/main_c_level.lua:37: in upvalue 'many'
--> 	tests/lua/debug/main_c_level.lua:37: in local 'many'
--> 	tests/lua/debug/main_c_level.lua:40: in main chunk
--> 	[C]: in ?
--> in co
--> stack traceback:
--> 	tests/lua/debug/main_c_level.lua:42: in function <tests/lua/debug/main_c_level.lua:42>
--> stack traceback:
--> 	[C]: in function 'coroutine.yield'
--> 	tests/lua/debug/main_c_level.lua:42: in function <tests/lua/debug/main_c_level.lua:42>
--> msg
--> stack traceback:
--> 	tests/lua/debug/main_c_level.lua:42: in function <tests/lua/debug/main_c_level.lua:42>
