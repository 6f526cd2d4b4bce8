-- Errors raised inside load (a reader function's error, the parser's C stack overflow) go
-- through the message handler in force, as luaG_errormsg does: lua.c's traceback when load is
-- not protected, the xpcall handler's result inside xpcall, nothing under pcall.
print(load(function() error("x") end))
print(load(function() error({}) end))
print(load(function() return {} end))
print(xpcall(function() return load(function() error("y") end) end, function(m) return "H:"..tostring(m) end))
print(xpcall(function() return load(string.rep("(", 300).."1"..string.rep(")", 300)) end, function(m) return "H:"..tostring(m) end))
print(load(string.rep("(", 300).."1"..string.rep(")", 300)))
print(load("x x"))
print(load(function() local t = nil; return t.x end))
print(pcall(load, function() error("p") end))
print(pcall(load, string.rep("(", 300)))

--> nil	tests/lua/load/load_errfunc.lua:4: x
--> stack traceback:
--> 	[C]: in function 'error'
--> 	tests/lua/load/load_errfunc.lua:4: in function <tests/lua/load/load_errfunc.lua:4>
--> 	[C]: in function 'load'
--> 	tests/lua/load/load_errfunc.lua:4: in main chunk
--> 	[C]: in ?
--> nil	(error object is a table value)
--> stack traceback:
--> 	[C]: in function 'error'
--> 	tests/lua/load/load_errfunc.lua:5: in function <tests/lua/load/load_errfunc.lua:5>
--> 	[C]: in function 'load'
--> 	tests/lua/load/load_errfunc.lua:5: in main chunk
--> 	[C]: in ?
--> nil	tests/lua/load/load_errfunc.lua:6: reader function must return a string
--> stack traceback:
--> 	[C]: in function 'load'
--> 	tests/lua/load/load_errfunc.lua:6: in main chunk
--> 	[C]: in ?
--> true	nil	H:tests/lua/load/load_errfunc.lua:7: y
--> true	nil	H:C stack overflow
--> nil	C stack overflow
--> stack traceback:
--> 	[C]: in function 'load'
--> 	tests/lua/load/load_errfunc.lua:9: in main chunk
--> 	[C]: in ?
--> nil	[string "x x"]:1: syntax error near 'x'
--> nil	tests/lua/load/load_errfunc.lua:11: attempt to index a nil value (local 't')
--> stack traceback:
--> 	tests/lua/load/load_errfunc.lua:11: in function <tests/lua/load/load_errfunc.lua:11>
--> 	[C]: in function 'load'
--> 	tests/lua/load/load_errfunc.lua:11: in main chunk
--> 	[C]: in ?
--> true	nil	tests/lua/load/load_errfunc.lua:12: p
--> true	nil	C stack overflow
