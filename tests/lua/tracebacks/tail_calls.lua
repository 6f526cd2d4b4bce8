-- Tail calls show as "(...tail calls...)" in a traceback.
--# full-stderr
local function last(n) if n == 0 then error("at the bottom") end return last(n - 1) end
local function start() return last(3) end
local t = {start()}

--! lua: tests/lua/tracebacks/tail_calls.lua:3: at the bottom
--! stack traceback:
--! 	[C]: in function 'error'
--! 	tests/lua/tracebacks/tail_calls.lua:3: in function <tests/lua/tracebacks/tail_calls.lua:3>
--! 	(...tail calls...)
--! 	tests/lua/tracebacks/tail_calls.lua:5: in main chunk
--! 	[C]: in ?
