-- __metatable protects a metatable: getmetatable returns it, setmetatable refuses to change it.
local t = setmetatable({}, {__metatable = "locked"})
print(getmetatable(t))
--> locked
print(pcall(setmetatable, t, {}))
--> false	cannot change a protected metatable
print(pcall(setmetatable, t, nil))
--> false	cannot change a protected metatable
local u = setmetatable({}, {__metatable = false})
print(getmetatable(u))
--> false
local mt = {}
local v = setmetatable({}, mt)
print(getmetatable(v) == mt, setmetatable(v, nil) == v, getmetatable(v))
--> true	true	nil
print(getmetatable(1), getmetatable(nil), getmetatable(print), getmetatable({}))
--> nil	nil	nil	nil
print(pcall(setmetatable, 1, {}))
--> false	bad argument #1 to 'setmetatable' (table expected, got number)
print(pcall(setmetatable, {}, 1))
--> false	bad argument #2 to 'setmetatable' (nil or table expected, got number)
print(pcall(setmetatable, {}))
--> false	bad argument #2 to 'setmetatable' (nil or table expected, got no value)
