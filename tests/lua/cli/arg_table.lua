-- The standalone interpreter sets 'arg': arg[0] is the script path, no further arguments here.
print(type(arg), arg[0], #arg, arg[1])
print(select("#", ...))

--> table	tests/lua/cli/arg_table.lua	0	nil
--> 0
