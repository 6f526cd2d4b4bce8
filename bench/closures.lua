-- Creating and calling closures with upvalues.
local function make_adder(n)
  return function(x) return x + n end
end
local function compose(f, g)
  return function(x) return f(g(x)) end
end
local total = 0
for i = 1, 2000000 do
  local add = make_adder(i % 10)
  local both = compose(add, make_adder(1))
  total = total + both(i)
end
local counter = 0
local function inc() counter = counter + 1 end
for _ = 1, 10000000 do inc() end
print(total, counter)
