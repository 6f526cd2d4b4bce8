-- What a hook sees of the stack: itself at level 1 (name "?", namewhat "hook"), the hooked
-- function at level 2 (its current line, its transfer values for call/return events), and
-- the traceback through a hook.
local function add(a, b)
  local s = a + b
  return s, a
end

local function va(...)
  return ...
end

local log = {}
debug.sethook(function(ev, line)
  local me = debug.getinfo(1, "n")
  local it = debug.getinfo(2, "nlr")
  local vals = {}
  for i = it.ftransfer, it.ftransfer + it.ntransfer - 1 do
    local name, v = debug.getlocal(2, i)
    vals[#vals + 1] = tostring(name) .. "=" .. tostring(v)
  end
  log[#log + 1] = string.format("%s %s/%s %s line=%s ft=%d nt=%d [%s]", ev, tostring(me.name),
    me.namewhat, tostring(it.name), tostring(it.currentline), it.ftransfer, it.ntransfer,
    table.concat(vals, " "))
end, "cr")
add(3, 4)
va(7, 8, 9)
debug.sethook()
for _, l in ipairs(log) do print(l) end

-- a traceback taken inside a line hook
local tb
local function target()
  local x = 1
  return x
end
debug.sethook(function(ev, line)
  if debug.getinfo(2, "f").func == target then
    tb = debug.traceback("in hook", 1)
    debug.sethook()
  end
end, "l")
target()
debug.sethook()
print((tb:gsub("\n[^\n]*%[C%]: in %?$", "")))

--> return ?/hook sethook line=-1 ft=0 nt=0 []
--> call ?/hook add line=5 ft=1 nt=2 [a=3 b=4]
--> return ?/hook add line=6 ft=4 nt=2 [(temporary)=7 (temporary)=3]
--> call ?/hook va line=10 ft=0 nt=0 []
--> return ?/hook va line=10 ft=1 nt=3 [(temporary)=7 (temporary)=8 (temporary)=9]
--> call ?/hook sethook line=-1 ft=0 nt=0 []
--> in hook
--> stack traceback:
--> 	tests/lua/debug/hook_frames.lua:39: in hook '?'
--> 	tests/lua/debug/hook_frames.lua:34: in local 'target'
--> 	tests/lua/debug/hook_frames.lua:43: in main chunk
