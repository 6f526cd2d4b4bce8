-- '...' cannot be an upvalue: capture it into locals or a table.
local function bind(f, ...)
  local args = {n = select("#", ...), ...}
  return function(...)
    local all = {}
    for i = 1, args.n do all[i] = args[i] end
    local extra = select("#", ...)
    for i = 1, extra do all[args.n + i] = (select(i, ...)) end
    return f(table_unpack(all, 1, args.n + extra))
  end
end
function table_unpack(t, i, j)
  if i > j then return end
  return t[i], table_unpack(t, i + 1, j)
end
local add3 = function(a, b, c) return a + b + c end
print(bind(add3, 1)(2, 3), bind(add3, 1, 2)(3), bind(add3, 1, 2, 3)())
--> 6	6	6
print(load("return function() return ... end"))
--> nil	[string "return function() return ... end"]:1: cannot use '...' outside a vararg function near '...'
