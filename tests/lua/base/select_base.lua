-- select with '#' and indices (see also varargs/select.lua).
print(select("#", 1, 2, 3), select(2, "a", "b", "c"))
--> 3	b	c
print(select(-2, "a", "b", "c"))
--> b	c
local function last(...) return (select(select("#", ...), ...)) end
print(last(1, 2, 3), last("only"))
--> 3	only
