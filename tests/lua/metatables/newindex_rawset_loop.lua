-- A __newindex function that assigns through a different table; counting assignments.
local backing = {}
local count = 0
local t = setmetatable({}, {
  __index = backing,
  __newindex = function(_, k, v) count = count + 1; backing[k] = v end,
})
for i = 1, 100 do t[i] = i end
print(count, #backing, t[50], rawget(t, 50))
--> 100	100	50	nil
for i = 1, 100 do t[i] = i + 1 end
print(count, t[50])
--> 200	51
