-- '#' of constructor-built sequences and of tables cleared from the end.
print(#{1, 2, 3}, #{"a", "b"}, #{n = 3}, #{{}, {}, {}})
--> 3	2	0	3
local function seq(n) local t = {} for i = 1, n do t[i] = i end return t end
for _, n in ipairs({0, 1, 2, 7, 8, 9, 16, 17, 1000}) do
  local t = seq(n)
  print(n, #t)
--> 0	0
--> 1	1
--> 2	2
--> 7	7
--> 8	8
--> 9	9
--> 16	16
--> 17	17
--> 1000	1000
end
