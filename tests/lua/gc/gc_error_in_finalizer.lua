-- An error inside a finalizer becomes a warning (printed only when warnings are on).
warn("@on")
local function make()
  setmetatable({}, {__gc = function() error("finalizer failed") end})
end
make()
collectgarbage()
print("continues after the failing finalizer")
--> continues after the failing finalizer

--! Lua warning: error in __gc (tests/lua/gc/gc_error_in_finalizer.lua:4: finalizer failed)
