-- An error inside a metamethod: the traceback shows the metamethod frame.
--# full-stderr
local mt = {__add = function(a, b) error("cannot add these") end,
            __index = function(t, k) return nil + k end}
local v = setmetatable({}, mt)
local function compute() return v + 1 end
print(pcall(compute))
--> false	tests/lua/tracebacks/metamethod.lua:3: cannot add these
local x = v.missing

--! lua: tests/lua/tracebacks/metamethod.lua:4: attempt to add a 'nil' with a 'string'
--! stack traceback:
--! 	[C]: in metamethod 'add'
--! 	tests/lua/tracebacks/metamethod.lua:4: in metamethod 'index'
--! 	tests/lua/tracebacks/metamethod.lua:9: in main chunk
--! 	[C]: in ?
