-- assert returns all its arguments on success; on failure raises the message (any value).
print(assert(1, 2, 3))
--> 1	2	3
print(assert("v"))
--> v
print(pcall(assert, false))
--> false	assertion failed!
print(pcall(assert, nil, "custom message"))
--> false	custom message
print(pcall(assert, false, 42))
--> false	42
local t = {}
local ok, e = pcall(assert, false, t)
print(ok, e == t)
--> false	true
print(pcall(assert))
--> false	bad argument #1 to 'assert' (value expected)
print(pcall(assert, 1 == 2, "math is broken"))
--> false	math is broken
print(select("#", assert(true, nil, nil)))
--> 3
