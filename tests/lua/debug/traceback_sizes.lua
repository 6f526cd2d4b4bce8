-- Traceback elision (db.lua's "testing traceback sizes"): at most 10 levels, "...\t(skipping N
-- levels)", then the last 11, for every depth and starting level.
local function countlines(s) return select(2, string.gsub(s, "\n", "")) end

local function deep(lvl, n)
  if lvl == 0 then return (debug.traceback("message", n))
  else return (deep(lvl - 1, n)) end
end

local summary = {}
local function checkdeep(total, start)
  local s = deep(total, start)
  local rest = string.match(s, "^message\nstack traceback:\n(.*)$")
  local cl = countlines(rest)
  assert(cl <= 10 + 11 + 1)
  local brk = string.find(rest, "%.%.%.\t%(skip")
  local skipped = rest:match("skipping (%d+) levels") or "-"
  if brk then
    local rest1 = string.sub(rest, 1, brk)
    local rest2 = string.sub(rest, brk, #rest)
    assert(countlines(rest1) == 10 and countlines(rest2) == 11)
  else
    assert(cl == total - start + 2)
  end
  summary[#summary + 1] = total .. "/" .. start .. ":" .. cl .. ":" .. skipped
end

for d = 1, 51, 10 do
  for l = 1, d do
    coroutine.wrap(checkdeep)(d, l)
  end
end
print(#summary)
--> 156
for i = 1, #summary, 12 do print(table.concat(summary, " ", i, math.min(i + 11, #summary))) end
--> 1/1:2:- 11/1:12:- 11/2:11:- 11/3:10:- 11/4:9:- 11/5:8:- 11/6:7:- 11/7:6:- 11/8:5:- 11/9:4:- 11/10:3:- 11/11:2:-
--> 21/1:21:1 21/2:21:- 21/3:20:- 21/4:19:- 21/5:18:- 21/6:17:- 21/7:16:- 21/8:15:- 21/9:14:- 21/10:13:- 21/11:12:- 21/12:11:-
--> 21/13:10:- 21/14:9:- 21/15:8:- 21/16:7:- 21/17:6:- 21/18:5:- 21/19:4:- 21/20:3:- 21/21:2:- 31/1:21:11 31/2:21:10 31/3:21:9
--> 31/4:21:8 31/5:21:7 31/6:21:6 31/7:21:5 31/8:21:4 31/9:21:3 31/10:21:2 31/11:21:1 31/12:21:- 31/13:20:- 31/14:19:- 31/15:18:-
--> 31/16:17:- 31/17:16:- 31/18:15:- 31/19:14:- 31/20:13:- 31/21:12:- 31/22:11:- 31/23:10:- 31/24:9:- 31/25:8:- 31/26:7:- 31/27:6:-
--> 31/28:5:- 31/29:4:- 31/30:3:- 31/31:2:- 41/1:21:21 41/2:21:20 41/3:21:19 41/4:21:18 41/5:21:17 41/6:21:16 41/7:21:15 41/8:21:14
--> 41/9:21:13 41/10:21:12 41/11:21:11 41/12:21:10 41/13:21:9 41/14:21:8 41/15:21:7 41/16:21:6 41/17:21:5 41/18:21:4 41/19:21:3 41/20:21:2
--> 41/21:21:1 41/22:21:- 41/23:20:- 41/24:19:- 41/25:18:- 41/26:17:- 41/27:16:- 41/28:15:- 41/29:14:- 41/30:13:- 41/31:12:- 41/32:11:-
--> 41/33:10:- 41/34:9:- 41/35:8:- 41/36:7:- 41/37:6:- 41/38:5:- 41/39:4:- 41/40:3:- 41/41:2:- 51/1:21:31 51/2:21:30 51/3:21:29
--> 51/4:21:28 51/5:21:27 51/6:21:26 51/7:21:25 51/8:21:24 51/9:21:23 51/10:21:22 51/11:21:21 51/12:21:20 51/13:21:19 51/14:21:18 51/15:21:17
--> 51/16:21:16 51/17:21:15 51/18:21:14 51/19:21:13 51/20:21:12 51/21:21:11 51/22:21:10 51/23:21:9 51/24:21:8 51/25:21:7 51/26:21:6 51/27:21:5
--> 51/28:21:4 51/29:21:3 51/30:21:2 51/31:21:1 51/32:21:- 51/33:20:- 51/34:19:- 51/35:18:- 51/36:17:- 51/37:16:- 51/38:15:- 51/39:14:-
--> 51/40:13:- 51/41:12:- 51/42:11:- 51/43:10:- 51/44:9:- 51/45:8:- 51/46:7:- 51/47:6:- 51/48:5:- 51/49:4:- 51/50:3:- 51/51:2:-

-- the same from the main thread (the last level is the host's, so only the top is printed)
local s = deep(30, 1)
print((s:gsub("\n.*", "")), countlines(s) >= 21, s:match("skipping %d+ levels") ~= nil)
--> message	true	true
