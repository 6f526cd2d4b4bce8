-- The traceback of an uncaught error is taken where it is raised, before the native frames
-- between (table.sort calling the comparator) unwind.
--# full-stderr
table.sort({3,2,1}, function(a, b) error("cmp") end)

--! lua: tests/lua/tracebacks/raise_point.lua:4: cmp
--! stack traceback:
--! 	[C]: in function 'error'
--! 	tests/lua/tracebacks/raise_point.lua:4: in function <tests/lua/tracebacks/raise_point.lua:4>
--! 	[C]: in function 'table.sort'
--! 	tests/lua/tracebacks/raise_point.lua:4: in main chunk
--! 	[C]: in ?
