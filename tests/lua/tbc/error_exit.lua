-- An error closes pending variables, passing the error object; errors in __close replace it.
local function closer(name)
  return setmetatable({}, {__close = function(_, err) print("close", name, err) end})
end
print(pcall(function()
--> close	b	boom
--> close	a	boom
--> false	boom
  local a <close> = closer("a")
  local b <close> = closer("b")
  error("boom", 0)
end))
print(pcall(function()
--> close	a	in close: original
--> false	in close: original
  local a <close> = closer("a")
  local b <close> = setmetatable({}, {__close = function(_, err) error("in close: " .. tostring(err), 0) end})
  error("original", 0)
end))
print(pcall(function()
--> false	close error
  local a <close> = setmetatable({}, {__close = function() error("close error", 0) end})
  return "normal"
end))
