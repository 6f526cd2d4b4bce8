-- Errors caught by pcall leave no traceback; the final uncaught one through pcall'd code does.
--# full-stderr
print(pcall(error, "caught"))
--> false	caught
local function thrower() error("thrown", 2) end
local function caller() thrower() end
caller()

--! lua: tests/lua/tracebacks/pcall_and_error.lua:6: thrown
--! stack traceback:
--! 	[C]: in function 'error'
--! 	tests/lua/tracebacks/pcall_and_error.lua:5: in upvalue 'thrower'
--! 	tests/lua/tracebacks/pcall_and_error.lua:6: in local 'caller'
--! 	tests/lua/tracebacks/pcall_and_error.lua:7: in main chunk
--! 	[C]: in ?
