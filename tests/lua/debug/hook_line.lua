-- debug.sethook line events: new lines, loops on one line (backward jumps), multi-line
-- statements, nested functions; gethook results.
local events = {}
local function rec(ev, line)
  events[#events + 1] = ev .. ":" .. tostring(line)
end

local function flush(label)
  print(label, table.concat(events, " "))
  events = {}
end

local function add(a, b)
  local c = a + b
  return c
end

debug.sethook(rec, "l")
local s = 0
for i = 1, 3 do s = s + i end
debug.sethook()
flush("for one line")

debug.sethook(rec, "l")
for i = 1, 2 do
  s = s + i
end
debug.sethook()
flush("for lines")

debug.sethook(rec, "l")
local n = 0
while n < 3 do n = n + 1 end
debug.sethook()
flush("while")

debug.sethook(rec, "l")
repeat n = n - 1 until n == 0
debug.sethook()
flush("repeat")

debug.sethook(rec, "l")
local t = {
  1,
  2,
  add(1,
    2),
}
debug.sethook()
flush("table")

debug.sethook(rec, "l")
local r = add(3, 4)
debug.sethook()
flush("call")

-- goto backwards on the same line
debug.sethook(rec, "l")
do local k = 0 ::top:: k = k + 1 if k < 3 then goto top end end
debug.sethook()
flush("goto")

-- the hook sees the hooked function at level 2
local seen = {}
debug.sethook(function(ev, line)
  local info = debug.getinfo(2, "Sl")
  seen[#seen + 1] = info.short_src .. ":" .. info.currentline .. "=" .. line
end, "l")
add(1, 1)
debug.sethook()
print(table.concat(seen, " "))

-- gethook
print(debug.gethook())
debug.sethook(rec, "lrc", 5)
local h, m, c = debug.gethook()
debug.sethook()
print(h == rec, m, c)
debug.sethook(rec, "", 0)
print(debug.gethook())
debug.sethook(rec, "", 3)
h, m, c = debug.gethook()
debug.sethook()
print(h == rec, m, c)
print(s, n, #t, r)

--> for one line	line:19 line:20 line:20 line:20 line:21
--> for lines	line:25 line:26 line:25 line:26 line:25 line:28
--> while	line:32 line:33 line:33 line:33 line:33 line:34
--> repeat	line:38 line:38 line:38 line:39
--> table	line:43 line:44 line:45 line:46 line:47 line:46 line:14 line:15 line:48 line:49
--> call	line:53 line:14 line:15 line:54
--> goto	line:59 line:59 line:59 line:60
--> tests/lua/debug/hook_line.lua:69=69 tests/lua/debug/hook_line.lua:14=14 tests/lua/debug/hook_line.lua:15=15 tests/lua/debug/hook_line.lua:70=70
--> nil
--> true	crl	5
--> nil
--> true		3
--> 9	0	3	7
