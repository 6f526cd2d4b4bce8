-- An uncaught error ends the script: message on stderr (with position), exit status 1.
print("before")
--> before
local function fail() error("something went wrong") end
fail()
print("never printed")

--! lua: tests/lua/errors/uncaught_string.lua:4: something went wrong
