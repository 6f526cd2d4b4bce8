-- A value without __close (other than nil/false) is an error at the declaration.
print(pcall(function() local x <close> = {} end))
--> false	tests/lua/tbc/non_closable.lua:2: variable 'x' got a non-closable value
print(pcall(function() local x <close> = 42 end))
--> false	tests/lua/tbc/non_closable.lua:4: variable 'x' got a non-closable value
print(pcall(function() local y <close> = "str" end))
--> false	tests/lua/tbc/non_closable.lua:6: variable 'y' got a non-closable value
local mt = {__close = function() print("closed") end}
local ok = pcall(function()
--> closed
  local a <close> = setmetatable({}, mt)
  local b <close> = {}
end)
print(ok)
--> false
-- __close is looked up when the variable is closed
local late = setmetatable({}, {__close = function() print("original") end})
do
  local z <close> = late
  getmetatable(late).__close = function() print("replaced") end
--> replaced
end
