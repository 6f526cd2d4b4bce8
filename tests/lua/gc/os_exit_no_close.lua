-- os.exit(code) without `close` exits at once: no __close, no __gc (as C's exit after lua.c
-- left the state open); output written so far is flushed.
local v <close> = setmetatable({}, {__close = function() print("closed") end})
setmetatable({}, {__gc = function() print("finalized") end})
io.write("before exit\n")
os.exit(0)
--> before exit
