-- math.random for many seeds and ranges (rejection loop of 'project' included): digests of the
-- drawn values compared with lua5.4.
local h = 0
local function fold(v)
  local s = tostring(v)
  for i = 1, #s do h = (h * 31 + s:byte(i)) % 4294967296 end
end
local ranges = {{1, 2}, {1, 3}, {0, 5}, {-7, 7}, {1, 100}, {1, 1000}, {0, (1 << 31) - 1}, {0, 1 << 31},
  {math.mininteger, -1}, {0, math.maxinteger}, {math.mininteger, math.maxinteger}, {-3, (1 << 62) + 5},
  {1, 6}, {10, 20}, {0, 0}, {-1, 0}}
for seed = -50, 200 do
  math.randomseed(seed, seed * 7)
  for _, r in ipairs(ranges) do
    for _ = 1, 5 do fold(math.random(r[1], r[2])) end
  end
  fold(math.random()); fold(math.random(0)); fold(math.random(17))
end
print(h)
--> 3073502284
math.randomseed(1)
local floats = {}
for i = 1, 10 do floats[i] = math.random() end
print(table.concat(floats, " "))
--> 0.81558781554723 0.98657750643458 0.079330719590026 0.49864849323369 0.59181018547899 0.83396886864931 0.15454780904609 0.26419587508692 0.25820899503021 0.78060111857169
