-- The script itself does not compile: nothing runs, the syntax error is reported.
print("this is never printed")
local x = = 1

--! lua: tests/lua/errors/syntax_error_script.lua:3: unexpected symbol near '='
