-- An error inside coroutine.wrap propagates out of the whole script.
local w = coroutine.wrap(function() print("in coroutine"); error("from coroutine") end)
w()
--> in coroutine

--! lua: tests/lua/errors/uncaught_in_coroutine_wrap.lua:3: tests/lua/errors/uncaught_in_coroutine_wrap.lua:2: from coroutine
