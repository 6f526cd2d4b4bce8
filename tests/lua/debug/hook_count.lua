-- debug.sethook count events: every N instructions, combined with line events, and the
-- sandbox use: a count hook that stops a runaway loop with an error.
local n = 0
debug.sethook(function(ev) n = n + 1 end, "", 1)
local x = 0
for i = 1, 10 do x = x + i end
debug.sethook()
print("count=1", n)

n = 0
debug.sethook(function(ev) n = n + 1 end, "", 7)
for i = 1, 100 do x = x + i end
debug.sethook()
print("count=7", n)

-- count and line together: the count event comes first
local evs = {}
debug.sethook(function(ev, line) evs[#evs + 1] = ev .. ":" .. tostring(line) end, "l", 2)
local a = 1
local b = 2
debug.sethook()
print(table.concat(evs, " "))

-- stop a runaway loop
local steps = 0
debug.sethook(function()
  steps = steps + 1
  if steps >= 5 then error("too many steps") end
end, "", 1000)
local ok, err = pcall(function() while true do end end)
debug.sethook()
print(ok, err, steps)

-- the hook is off again: this loop ends by itself
local k = 0
while k < 100000 do k = k + 1 end
print(k, x, a, b)

--> count=1	28
--> count=7	67
--> line:19 count:nil line:20 line:21 count:nil line:21
--> false	tests/lua/debug/hook_count.lua:28: too many steps	5
--> 100000	5105	1	2
