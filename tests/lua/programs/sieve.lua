-- Sieve of Eratosthenes: count and a few primes.
local function sieve(n)
  local is = {}
  for i = 2, n do is[i] = true end
  for i = 2, n do
    if is[i] and i * i <= n then
      for j = i * i, n, i do is[j] = false end
    end
  end
  local primes = {}
  for i = 2, n do if is[i] then primes[#primes + 1] = i end end
  return primes
end
local p = sieve(100000)
print(#p, p[1], p[10], p[#p])
--> 9592	2	29	99991
