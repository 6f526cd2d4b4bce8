-- Uncaught non-string error objects: the message names the type, the traceback follows.
--# full-stderr
local function f() error({code = 42}) end
f()

--! lua: (error object is a table value)
--! stack traceback:
--! 	[C]: in function 'error'
--! 	tests/lua/tracebacks/error_table_value.lua:3: in local 'f'
--! 	tests/lua/tracebacks/error_table_value.lua:4: in main chunk
--! 	[C]: in ?
