-- Nested tables and chained field access/assignment.
local t = {a = {b = {c = {d = "deep"}}}}
print(t.a.b.c.d, t["a"]["b"].c["d"])
--> deep	deep
t.a.b.c.e = "new"
print(t.a.b.c.e)
--> new
local grid = {}
for i = 1, 3 do
  grid[i] = {}
  for j = 1, 3 do grid[i][j] = i * 10 + j end
end
print(grid[1][1], grid[2][3], grid[3][2], #grid, #grid[1])
--> 11	23	32	3	3
local matrix = {{1, 2}, {3, 4}}
matrix[1], matrix[2] = matrix[2], matrix[1]
print(matrix[1][1], matrix[2][2])
--> 3	2
