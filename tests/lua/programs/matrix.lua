-- Matrix multiplication and determinant with integer and float entries.
local function matmul(a, b)
  local n, m, p = #a, #b, #b[1]
  local c = {}
  for i = 1, n do
    c[i] = {}
    for j = 1, p do
      local s = 0
      for k = 1, m do s = s + a[i][k] * b[k][j] end
      c[i][j] = s
    end
  end
  return c
end
local function det(m)
  local n = #m
  if n == 1 then return m[1][1] end
  local d = 0
  for c = 1, n do
    local sub = {}
    for i = 2, n do
      local row = {}
      for j = 1, n do if j ~= c then row[#row + 1] = m[i][j] end end
      sub[#sub + 1] = row
    end
    d = d + (c % 2 == 1 and 1 or -1) * m[1][c] * det(sub)
  end
  return d
end
local a = {{1, 2, 3}, {4, 5, 6}, {7, 8, 10}}
local b = {{1, 0, 0}, {0, 2, 0}, {0, 0, 0.5}}
local c = matmul(a, b)
for i = 1, 3 do print(c[i][1], c[i][2], c[i][3]) end
--> 1	4	1.5
--> 4	10	3.0
--> 7	16	5.0
print(det(a), det(b), det(c))
--> -3	1.0	-3.0
