-- An error raised by a native that another native called directly (the comparator of
-- table.sort, the replacement of string.gsub is `error` itself) gets its message handler where
-- it is raised: the traceback shows the `error` frame.
print(select(2, xpcall(table.sort, debug.traceback, {1, 2, 3}, error)))
print(select(2, xpcall(string.gsub, debug.traceback, "x", "x", error)))
print(select(2, xpcall(string.gsub, function(m) return "H:" .. tostring(m) end, "x", "x", error)))
-- uncaught: lua.c's message handler is a C function, which hooks see being called
--# full-stderr
debug.sethook(function(e) local i = debug.getinfo(2, "S") print(e, i.what, i.short_src) end, "cr")
table.sort({1, 2, 3}, error)

--> 3
--> stack traceback:
--> 	[C]: in function 'error'
--> 	[C]: in function 'table.sort'
--> 	[C]: in function 'xpcall'
--> 	tests/lua/tracebacks/native_raise.lua:4: in main chunk
--> 	[C]: in ?
--> x
--> stack traceback:
--> 	[C]: in function 'error'
--> 	[C]: in function 'string.gsub'
--> 	[C]: in function 'xpcall'
--> 	tests/lua/tracebacks/native_raise.lua:5: in main chunk
--> 	[C]: in ?
--> H:x
--> return	C	[C]
--> call	C	[C]
--> call	C	[C]
--> call	C	[C]
--> return	C	[C]
--> return	C	[C]
--! lua: 3
--! stack traceback:
--! 	[C]: in function 'error'
--! 	[C]: in function 'table.sort'
--! 	tests/lua/tracebacks/native_raise.lua:10: in main chunk
--! 	[C]: in ?
