-- Errors raised inside metamethods propagate with their own positions.
local t = setmetatable({}, {
  __index = function(_, k) error("no field " .. k) end,
  __add = function() error("cannot add", 2) end,
  __tostring = function() error("no tostring") end,
})
print(pcall(function() return t.x end))
--> false	tests/lua/errors/error_in_metamethod.lua:3: no field x
print(pcall(function() return t + 1 end))
--> false	tests/lua/errors/error_in_metamethod.lua:9: cannot add
print(pcall(tostring, t))
--> false	tests/lua/errors/error_in_metamethod.lua:5: no tostring
print(pcall(print, t))
--> false	tests/lua/errors/error_in_metamethod.lua:5: no tostring
