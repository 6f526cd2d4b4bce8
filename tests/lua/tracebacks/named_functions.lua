-- The traceback of an uncaught error names each function the way lua.c's traceback does:
-- global, local, upvalue, method, field, and functions known only by their line.
--# full-stderr
local M = {}
function M.field_fn(x) error("deep error: " .. x) end
function M:method(x) M.field_fn(x) end
local function local_fn(x) M:method(x) end
function global_fn(x) local_fn(x) end
local function uses_upvalue(x) global_fn(x) end
local anon = function(x) uses_upvalue(x) end
anon("boom")

--! lua: tests/lua/tracebacks/named_functions.lua:5: deep error: boom
--! stack traceback:
--! 	[C]: in function 'error'
--! 	tests/lua/tracebacks/named_functions.lua:5: in field 'field_fn'
--! 	tests/lua/tracebacks/named_functions.lua:6: in method 'method'
--! 	tests/lua/tracebacks/named_functions.lua:7: in upvalue 'local_fn'
--! 	tests/lua/tracebacks/named_functions.lua:8: in function 'global_fn'
--! 	tests/lua/tracebacks/named_functions.lua:9: in upvalue 'uses_upvalue'
--! 	tests/lua/tracebacks/named_functions.lua:10: in local 'anon'
--! 	tests/lua/tracebacks/named_functions.lua:11: in main chunk
--! 	[C]: in ?
