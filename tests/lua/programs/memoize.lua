-- Memoization with closures and tables; big Fibonacci numbers wrap around as integers.
local function memoize(f)
  local cache = {}
  return function(n)
    local v = cache[n]
    if v == nil then v = f(n); cache[n] = v end
    return v
  end
end
local fib
fib = memoize(function(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end)
print(fib(50), fib(90), fib(92))
--> 12586269025	2880067194370816120	7540113804746346429
print(fib(93), fib(100))
--> -6246583658587674878	3736710778780434371
local calls = 0
local sq = memoize(function(n) calls = calls + 1; return n * n end)
for _ = 1, 3 do for i = 1, 10 do sq(i) end end
print(calls, sq(10))
--> 10	100
