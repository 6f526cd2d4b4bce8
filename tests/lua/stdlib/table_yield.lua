-- table functions inside coroutines: Lua code they call cannot yield (C-call boundary); unpack limits.
print(pcall(coroutine.wrap(function() table.sort({3,2,1}, function(a,b) coroutine.yield() end) end)))
--> false	attempt to yield across a C-call boundary
print(pcall(coroutine.wrap(function() return table.concat(setmetatable({}, {__index = function() coroutine.yield() end}), ",", 1, 2) end)))
--> false	attempt to yield across a C-call boundary
local co = coroutine.wrap(function() local t = setmetatable({}, {__index = function(_, k) return k * 2 end}); return table.unpack(t, 1, 3) end)
print(co())
--> 2	4	6
print(#table.pack(table.unpack({}, 1, 250)))
--> 0
print(select('#', table.unpack({1,2,3}, 2, 3)))
--> 2
local t = setmetatable({}, {__len = function() return 3 end, __index = function(_, k) return k end})
print(table.unpack(t))
--> 1	2	3
