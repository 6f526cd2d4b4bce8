-- Class-style inheritance through __index chains and method calls.
local Animal = {}
Animal.__index = Animal
function Animal.new(name, sound)
  return setmetatable({name = name, sound = sound}, Animal)
end
function Animal:speak() return self.name .. " says " .. self.sound end
function Animal:kind() return "animal" end
local Dog = setmetatable({}, {__index = Animal})
Dog.__index = Dog
function Dog.new(name)
  local d = Animal.new(name, "woof")
  return setmetatable(d, Dog)
end
function Dog:kind() return "dog, which is an " .. Animal.kind(self) end
function Dog:fetch() return self.name .. " fetches" end
local a, d = Animal.new("cat", "meow"), Dog.new("rex")
print(a:speak(), d:speak())
--> cat says meow	rex says woof
print(a:kind(), d:kind())
--> animal	dog, which is an animal
print(d:fetch(), a.fetch)
--> rex fetches	nil
print(getmetatable(d) == Dog, getmetatable(Dog).__index == Animal)
--> true	true
