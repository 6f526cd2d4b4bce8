-- A hook installed by native code that returns straight into the running Lua frame (a native
-- metamethod: no Lua frame in between) is seen by the loop that follows, on either VM target.
local lines = {}
local function hook(ev, l) lines[#lines + 1] = l end
debug.setmetatable(hook, {__concat = debug.sethook, __index = debug.sethook})

-- CONCAT calls debug.sethook(hook, "l")
local x = hook .. "l"
local n = 0
while n < 3 do
  n = n + 1
end
debug.sethook()
print(table.concat(lines, " "))

-- GETFIELD calls debug.sethook(hook, "l")
lines = {}
local y = hook["l"]
for i = 1, 2 do
  n = n + i
end
debug.sethook()
print(table.concat(lines, " "))
debug.setmetatable(hook, nil)

-- resuming a dead coroutine is a native return too: its return hook fires
local co = coroutine.create(function() end)
coroutine.resume(co)
local evs = {}
debug.sethook(function(e) evs[#evs + 1] = e .. " " .. tostring(debug.getinfo(2, "n").name) end, "r")
local a, b = coroutine.resume(co)
debug.sethook()
print(table.concat(evs, ", "))
print(a, b)

--> 9 10 11 10 11 10 11 10 13
--> 19 20 19 20 19 22
--> return sethook, return resume
--> false	cannot resume dead coroutine
