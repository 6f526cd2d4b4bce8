-- 'local function' is visible in its own body; closures can be mutually recursive via upvalues.
local function fact(n) if n <= 1 then return 1 end return n * fact(n - 1) end
print(fact(20))
--> 2432902008176640000
local is_even, is_odd
function is_even(n) if n == 0 then return true end return is_odd(n - 1) end
function is_odd(n) if n == 0 then return false end return is_even(n - 1) end
print(is_even(10), is_odd(7), is_even(7))
--> true	true	false
local fib
fib = function(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
print(fib(20))
--> 6765
