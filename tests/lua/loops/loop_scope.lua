-- Loop variables are local to the loop; outer variables with the same name are untouched.
local i = "outer"
for i = 1, 2 do end
print(i)
--> outer
local k, v = "k", "v"
for k, v in ipairs({1}) do end
print(k, v)
--> k	v
for i = 1, 2 do local i = i * 10; print(i) end
--> 10
--> 20
