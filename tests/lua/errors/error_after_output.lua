-- Output printed before an uncaught error is all flushed to stdout.
for i = 1, 5 do print("line", i) end
--> line	1
--> line	2
--> line	3
--> line	4
--> line	5
local t = nil
t.x = 1

--! lua: tests/lua/errors/error_after_output.lua:9: attempt to index a nil value (local 't')
