-- os.exit(code, true) closes the state as lua_close does before exiting: first the main
-- thread's pending to-be-closed variables (innermost first, with a nil error), then every
-- object's __gc finalizer, newest first. A coroutine's pending variables are not closed
-- (lua_close closes only the main thread). Without `true`, os.exit just exits (see
-- os_exit_no_close.lua). (An error raised by a __close there reaches the next ones with
-- lua.c's traceback appended, a detail Aqua does not copy, so it is not tested.)
local outer <close> = setmetatable({}, {__close = function(_, e) print("close outer", e) end})
local inner <close> = setmetatable({}, {__close = function(_, e) print("close inner", e) end})
local first = setmetatable({}, {__gc = function() print("gc first") end})
local second = setmetatable({}, {__gc = function() print("gc second") end})
io.write("buffered ")
coroutine.wrap(function()
  local co <close> = setmetatable({}, {__close = function() print("close co") end})
  os.exit(0, true)
end)()
print("not reached")
--> buffered close inner	nil
--> close outer	nil
--> gc second
--> gc first
