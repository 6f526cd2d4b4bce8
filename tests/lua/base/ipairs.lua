-- ipairs iterates 1..n until the first nil, returning index and value.
for i, v in ipairs({"a", "b", "c"}) do print(i, v) end
--> 1	a
--> 2	b
--> 3	c
for i, v in ipairs({}) do print("never") end
for i, v in ipairs({1, 2, nil, 4}) do print(i, v) end
--> 1	1
--> 2	2
local t = {[1] = "one", [2] = "two", [4] = "four", x = "x"}
for i, v in ipairs(t) do print(i, v) end
--> 1	one
--> 2	two
local f, s, c = ipairs(t)
print(type(f), s == t, c)
--> function	true	0
print(f(t, 0))
--> 1	one
print(f(t, 2))
--> nil
print(pcall(ipairs))
--> false	bad argument #1 to 'ipairs' (value expected)
