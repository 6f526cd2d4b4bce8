-- debug.debug() reads commands from stdin until "cont" or end of input; the test harness gives
-- an empty stdin, so it only prompts (on stderr) and returns nothing.
print(select("#", debug.debug()))
print("after")

--> 0
--> after
--! lua_debug> <no newline at end>
