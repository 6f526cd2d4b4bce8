-- Runaway recursion is a catchable "stack overflow" error, and the program continues.
local function runaway(n) return 1 + runaway(n + 1) end
local ok, err = pcall(runaway, 1)
print(ok, err)
--> false	tests/lua/calls/stack_overflow.lua:2: stack overflow
local function deep_ok(n) if n == 0 then return 0 end return 1 + deep_ok(n - 1) end
print(deep_ok(1000))
--> 1000
local t = setmetatable({}, {__index = function(t, k) return t[k + 1] end})
ok, err = pcall(function() return t[1] end)
print(ok)
--> false
print(pcall(runaway, 1))
--> false	tests/lua/calls/stack_overflow.lua:2: stack overflow
