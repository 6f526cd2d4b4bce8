-- xpcall: the handler receives the error object and its return value becomes the result.
print(xpcall(function() return "ok", 2 end, print))
--> true	ok	2
print(xpcall(function() error("e1") end, function(m) return "handled: " .. m end))
--> false	handled: tests/lua/errors/xpcall.lua:4: e1
print(xpcall(function() error({1, 2, 3}) end, function(t) return #t end))
--> false	3
print(xpcall(function(a, b) return a + b end, print, 3, 4))
--> true	7
print(xpcall(function() local x = nil; return x() end, function(m) return m end))
--> false	tests/lua/errors/xpcall.lua:10: attempt to call a nil value (local 'x')
print(xpcall(error, function(m) return "h(" .. tostring(m) .. ")" end, "arg"))
--> false	h(arg)
print(pcall(xpcall))
--> false	bad argument #2 to 'xpcall' (function expected, got no value)
print(pcall(xpcall, print))
--> false	bad argument #2 to 'xpcall' (function expected, got no value)
local depth = 0
print(xpcall(function() error("outer") end, function(m)
--> false	tests/lua/errors/xpcall.lua:19: outer | inner | 1
  depth = depth + 1
  local ok, inner = pcall(error, "inner")
  return m .. " | " .. inner .. " | " .. depth
end))
-- an error inside the handler
print(xpcall(function() error("first") end, function(m) error("in handler") end))
--> false	error in error handling
