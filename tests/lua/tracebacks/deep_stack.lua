-- A deep stack is abbreviated: the first levels, "...(skipping N levels)", the last levels.
--# full-stderr
local function rec(n) if n == 0 then error("deep") end return 1 + rec(n - 1) end
rec(40)

--! lua: tests/lua/tracebacks/deep_stack.lua:3: deep
--! stack traceback:
--! 	[C]: in function 'error'
--! 	tests/lua/tracebacks/deep_stack.lua:3: in upvalue 'rec'
--! 	tests/lua/tracebacks/deep_stack.lua:3: in upvalue 'rec'
--! 	tests/lua/tracebacks/deep_stack.lua:3: in upvalue 'rec'
--! 	tests/lua/tracebacks/deep_stack.lua:3: in upvalue 'rec'
--! 	tests/lua/tracebacks/deep_stack.lua:3: in upvalue 'rec'
--! 	tests/lua/tracebacks/deep_stack.lua:3: in upvalue 'rec'
--! 	tests/lua/tracebacks/deep_stack.lua:3: in upvalue 'rec'
--! 	tests/lua/tracebacks/deep_stack.lua:3: in upvalue 'rec'
--! 	tests/lua/tracebacks/deep_stack.lua:3: in upvalue 'rec'
--! 	...	(skipping 22 levels)
--! 	tests/lua/tracebacks/deep_stack.lua:3: in upvalue 'rec'
--! 	tests/lua/tracebacks/deep_stack.lua:3: in upvalue 'rec'
--! 	tests/lua/tracebacks/deep_stack.lua:3: in upvalue 'rec'
--! 	tests/lua/tracebacks/deep_stack.lua:3: in upvalue 'rec'
--! 	tests/lua/tracebacks/deep_stack.lua:3: in upvalue 'rec'
--! 	tests/lua/tracebacks/deep_stack.lua:3: in upvalue 'rec'
--! 	tests/lua/tracebacks/deep_stack.lua:3: in upvalue 'rec'
--! 	tests/lua/tracebacks/deep_stack.lua:3: in upvalue 'rec'
--! 	tests/lua/tracebacks/deep_stack.lua:3: in local 'rec'
--! 	tests/lua/tracebacks/deep_stack.lua:4: in main chunk
--! 	[C]: in ?
