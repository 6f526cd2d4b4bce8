-- A runtime error (not a call to error) in a nested call: no "[C]: in function 'error'" line.
--# full-stderr
local function inner(t) return t.field.subfield end
local function outer() return inner({}) + 1 end
print("before")
--> before
outer()

--! lua: tests/lua/tracebacks/runtime_error.lua:3: attempt to index a nil value (field 'field')
--! stack traceback:
--! 	tests/lua/tracebacks/runtime_error.lua:3: in upvalue 'inner'
--! 	tests/lua/tracebacks/runtime_error.lua:4: in local 'outer'
--! 	tests/lua/tracebacks/runtime_error.lua:7: in main chunk
--! 	[C]: in ?
