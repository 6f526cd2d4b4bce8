-- Method calls through __index chains (class and superclass).
local Point = {}
Point.__index = Point
function Point.new(x, y) return setmetatable({x = x, y = y}, Point) end
function Point:add(o) self.x = self.x + o.x; self.y = self.y + o.y; return self end
function Point:norm1() return (self.x < 0 and -self.x or self.x) + (self.y < 0 and -self.y or self.y) end
local Point3 = setmetatable({}, {__index = Point})
Point3.__index = Point3
function Point3.new(x, y, z) local p = Point.new(x, y); p.z = z; return setmetatable(p, Point3) end
function Point3:norm1() return Point.norm1(self) + (self.z < 0 and -self.z or self.z) end
local p = Point.new(0, 0)
local d = Point.new(1, -2)
local q = Point3.new(0, 0, 1)
local acc = 0
for i = 1, 5000000 do
  p:add(d)
  q:add(d)
  acc = acc + p:norm1() % 13 + q:norm1() % 7
end
print(acc)
