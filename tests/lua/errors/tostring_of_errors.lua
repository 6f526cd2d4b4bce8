-- Error objects that are tables keep identity through nested pcalls and coroutines.
local E = {}
local ok, e = pcall(function()
  local ok2, e2 = pcall(error, E)
  error(e2)
end)
print(ok, e == E)
--> false	true
local co = coroutine.create(function() error(E) end)
local ok3, e3 = coroutine.resume(co)
print(ok3, e3 == E)
--> false	true
print(pcall(error, setmetatable({}, {__tostring = function() return "pretty" end})))
--> false	pretty
