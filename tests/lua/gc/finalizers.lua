-- __gc finalizers run when an object becomes unreachable and a collection happens,
-- in reverse order of marking (setmetatable) for objects collected in the same cycle.
local log = {}
local function obj(name)
  return setmetatable({name = name}, {__gc = function(o) log[#log + 1] = o.name end})
end
local function make3() local a, b, c = obj("a"), obj("b"), obj("c") end
make3()
collectgarbage()
for i = 1, #log do print(i, log[i]) end
--> 1	c
--> 2	b
--> 3	a
local alive = obj("alive")
collectgarbage()
print(#log, alive.name)
--> 3	alive
-- __gc must be present when setmetatable is called
local function make_late()
  local mt = {}
  setmetatable({}, mt)
  mt.__gc = function() log[#log + 1] = "late" end
end
make_late()
collectgarbage()
print(#log)
--> 3
