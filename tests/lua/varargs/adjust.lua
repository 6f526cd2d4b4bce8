-- '...' expands to all values at the end of a list and is truncated to one elsewhere.
local function f(...) return ... end
local function count(...) return select("#", ...) end
print(count(f(1, 2, 3)), count(f(1, 2, 3), 4), count((f(1, 2, 3))))
--> 3	2	1
print(count(f()), count(f(), f()), count(nil, f()))
--> 0	1	1
local function g(...)
  local a, b = ...
  local t = {...}
  local u = {..., "last"}
  return a, b, #t, u[1], u[2], u[3]
end
print(g(10, 20, 30))
--> 10	20	3	10	last	nil
print(g())
--> nil	nil	0	nil	last	nil
local function h(...) return select("#", ...), ... end
print(h(nil, nil))
--> 2	nil	nil
