-- __len overrides '#' for tables; strings ignore it; rawlen bypasses it.
local t = setmetatable({1, 2, 3}, {__len = function(self) return 10 end})
print(#t, rawlen(t))
--> 10	3
local weird = setmetatable({}, {__len = function() return "not a number" end})
print(#weird)
--> not a number
local counted = setmetatable({}, {__len = function(self, other) return rawequal(self, other) end})
print(#counted)
--> true
print(pcall(function() return #nil end))
--> false	tests/lua/metatables/len_metamethod.lua:11: attempt to get length of a nil value
print(pcall(function() local n = 5; return #n end))
--> false	tests/lua/metatables/len_metamethod.lua:13: attempt to get length of a number value (local 'n')
