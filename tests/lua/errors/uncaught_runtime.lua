-- An uncaught runtime error (indexing nil) reports the variable.
print("start")
--> start
local config
print(config.value)

--! lua: tests/lua/errors/uncaught_runtime.lua:5: attempt to index a nil value (local 'config')
