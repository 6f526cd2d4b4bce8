-- Generators: permutations (the classic PiL example) and a producer/consumer pipeline.
local function permgen(a, n)
  n = n or #a
  if n <= 1 then
    coroutine.yield(a)
  else
    for i = 1, n do
      a[n], a[i] = a[i], a[n]
      permgen(a, n - 1)
      a[n], a[i] = a[i], a[n]
    end
  end
end
local function permutations(a)
  return coroutine.wrap(function() permgen(a) end)
end
for p in permutations({"a", "b", "c"}) do print(p[1] .. p[2] .. p[3]) end
--> bca
--> cba
--> cab
--> acb
--> bac
--> abc
local function producer(n)
  return coroutine.create(function()
    for i = 1, n do coroutine.yield(i) end
  end)
end
local function filter(prod)
  return coroutine.create(function()
    while true do
      local ok, v = coroutine.resume(prod)
      if not v then return end
      if v % 2 == 0 then coroutine.yield(v * 10) end
    end
  end)
end
local f = filter(producer(10))
while true do
  local ok, v = coroutine.resume(f)
  if not v then break end
  print("consumed", v)
--> consumed	20
--> consumed	40
--> consumed	60
--> consumed	80
--> consumed	100
end
