-- Command-line arguments reach the script as '...' and in the global 'arg' table.
--# args one 2 three
print(select("#", ...), ...)
--> 3	one	2	three
print(#arg, arg[0], arg[1], arg[2], arg[3], arg[4])
--> 3	tests/lua/cli/script_args.lua	one	2	three	nil
local a, b = ...
print(type(a), type(b), b + 1)
--> string	string	3
for i, v in ipairs(arg) do print(i, v) end
--> 1	one
--> 2	2
--> 3	three
