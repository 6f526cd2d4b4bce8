-- An error inside a generic-for iterator function.
--# full-stderr
local function iter(s, i)
  if i >= 2 then error("iterator exhausted badly") end
  return i + 1
end
for i in iter, nil, 0 do print(i) end
--> 1
--> 2

--! lua: tests/lua/tracebacks/for_iterator.lua:4: iterator exhausted badly
--! stack traceback:
--! 	[C]: in function 'error'
--! 	tests/lua/tracebacks/for_iterator.lua:4: in for iterator 'for iterator'
--! 	tests/lua/tracebacks/for_iterator.lua:7: in main chunk
--! 	[C]: in ?
