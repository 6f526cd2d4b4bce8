-- __call makes tables (and other values) callable; the object is the first argument.
local callable = setmetatable({name = "obj"}, {__call = function(self, a, b)
  return self.name, a, b
end})
print(callable(1, 2))
--> obj	1	2
print(pcall(callable, "p"))
--> true	obj	p	nil
local counter = setmetatable({n = 0}, {__call = function(self) self.n = self.n + 1; return self.n end})
counter(); counter()
print(counter())
--> 3
-- a callable object as a generic-for iterator
local it = setmetatable({i = 0}, {__call = function(self)
  self.i = self.i + 1
  if self.i <= 3 then return self.i end
end})
for v in it do print("iter", v) end
--> iter	1
--> iter	2
--> iter	3
-- __call chains: the __call value may itself be a callable table
local inner = setmetatable({}, {__call = function(self, x, y) return "inner", x == callable, y end})
local outer = setmetatable({}, {__call = inner})
print(pcall(outer, "arg"))
--> true	inner	false	arg
print(select("#", callable()))
--> 3
