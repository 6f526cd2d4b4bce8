-- The main chunk is a vararg function: with no script arguments, '...' is empty.
print(select("#", ...))
--> 0
local a = ...
print(a)
--> nil
local f = load("return select('#', ...), ...")
print(f(1, nil, 3))
--> 3	1	nil	3
