-- select: '#' counts all arguments including trailing nils; negative indices count from the end.
print(select("#"), select("#", nil), select("#", nil, nil), select("#", 1, nil, 3))
--> 0	1	2	3
print(select(1, "a", "b", "c"))
--> a	b	c
print(select(2, "a", "b", "c"))
--> b	c
print(select(3, "a", "b", "c"))
--> c
print(select(4, "a", "b", "c"))
-->
print(select(-1, "a", "b", "c"))
--> c
print(select(-3, "a", "b", "c"))
--> a	b	c
print(pcall(select, -4, "a", "b", "c"))
--> false	bad argument #1 to 'select' (index out of range)
print(pcall(select, 0, "a"))
--> false	bad argument #1 to 'select' (index out of range)
print(pcall(select, "x"))
--> false	bad argument #1 to 'select' (number expected, got string)
print(select("2", "a", "b"))
--> b
print(select(2.0, "a", "b"))
--> b
print(pcall(select, 1.5, "a"))
--> false	bad argument #1 to 'select' (number has no integer representation)
