-- ipairs respects __index (it stops at the first nil).
local proxy = setmetatable({}, {__index = function(_, i) if i <= 4 then return i * 10 end end})
for i, v in ipairs(proxy) do print(i, v) end
--> 1	10
--> 2	20
--> 3	30
--> 4	40
local mixed = setmetatable({1, 2}, {__index = {nil, nil, 3, 4}})
for i, v in ipairs(mixed) do print(i, v) end
--> 1	1
--> 2	2
--> 3	3
--> 4	4
