-- An error inside coroutine.wrap propagates through the resume.
--# full-stderr
local gen = coroutine.wrap(function(a)
  local b = coroutine.yield(a)
  error("generator failed with " .. b)
end)
gen(1)
gen(2)

--! lua: tests/lua/tracebacks/in_coroutine.lua:8: tests/lua/tracebacks/in_coroutine.lua:5: generator failed with 2
--! stack traceback:
--! 	[C]: in local 'gen'
--! 	tests/lua/tracebacks/in_coroutine.lua:8: in main chunk
--! 	[C]: in ?
