-- table.sort over many pseudo-random arrays (< 128 elements, so lua never randomizes its pivot)
-- with strict, non-strict and erratic comparators: the final arrays, the number of comparator
-- calls and the errors must be exactly lua5.4's.
local seed = 4242
local function rnd(n) seed = (seed * 6364136223846793005 + 1442695040888963407); return (seed >> 33) % n end
local h = 0
local function fold(s)
  s = tostring(s)
  for i = 1, #s do h = (h * 31 + s:byte(i)) % 4294967296 end
end
local comps = {
  function(a, b) return a < b end,
  function(a, b) return a <= b end,
  function(a, b) return a > b end,
  function(a, b) return a >= b end,
  function(a, b) return rnd(2) == 0 end,
  function(a, b) return (a % 3) < (b % 3) end,
  false,
}
for round = 1, 300 do
  local n = rnd(127) + 1
  local t = {}
  local range = ({3, 10, 1000})[rnd(3) + 1]
  for i = 1, n do t[i] = rnd(range) end
  local c = comps[rnd(#comps) + 1]
  local calls = 0
  local ok, err
  if c then
    ok, err = pcall(table.sort, t, function(a, b) calls = calls + 1; return c(a, b) end)
  else
    ok, err = pcall(table.sort, t)
  end
  fold(n); fold(calls); fold(ok); fold(err); fold(table.concat(t, ","))
end
print(h)
--> 2694410844
-- big arrays with a proper order: result only (pivot randomisation cannot change a total order)
local t = {}
for i = 1, 20000 do t[i] = rnd(100000) end
table.sort(t)
local sorted = true
for i = 2, #t do if t[i - 1] > t[i] then sorted = false end end
print(sorted, #t)
--> true	20000
t = {}
for i = 1, 5000 do t[i] = tostring(rnd(100000)) end
table.sort(t, function(a, b) return a > b end)
sorted = true
for i = 2, #t do if t[i - 1] < t[i] then sorted = false end end
print(sorted, t[1] >= t[#t])
--> true	true
