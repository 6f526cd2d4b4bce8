-- What getinfo, getlocal and traceback report from inside a hook: the hook is named "?" with
-- namewhat "hook", the hooked function is level 2, and call/return hooks see the transferred
-- values (option 'r').
local function tb(msg)
  local s = debug.traceback(msg, 2)
  return (s:gsub("\n\t%[C%]: in %?$", ""))
end

local function f(a, b) return a + b, a - b end
local out = {}
debug.sethook(function(ev, line)
  local i = debug.getinfo(1, "nSr")
  local j = debug.getinfo(2, "nSlrt")
  if j.short_src:find("info_in_hooks") and j.name == "f" then
    out[#out + 1] = string.format("%s: hook %s/%s %s | %s/%s line %d r=%d,%d tail=%s",
      ev, tostring(i.name), i.namewhat, i.what, tostring(j.name), j.namewhat, j.currentline,
      j.ftransfer, j.ntransfer, tostring(j.istailcall))
    if ev == "call" then
      for k = 1, 2 do
        local n, v = debug.getlocal(2, k)
        out[#out + 1] = "  " .. n .. "=" .. tostring(v)
      end
    else
      for k = j.ftransfer, j.ftransfer + j.ntransfer - 1 do
        local n, v = debug.getlocal(2, k)
        out[#out + 1] = "  " .. n .. "=" .. tostring(v)
      end
    end
  end
end, "cr")
f(7, 2)
debug.sethook()
for _, l in ipairs(out) do print(l) end

-- outside a hook the transfer fields are zero
local r = debug.getinfo(1, "r")
print(r.ftransfer, r.ntransfer)

-- a traceback taken in a line hook
debug.sethook(function(ev, line)
  debug.sethook()
  print(tb("in hook at line " .. line))
end, "l")
local x = 1

--> call: hook ?/hook Lua | f/local line 9 r=1,2 tail=false
-->   a=7
-->   b=2
--> return: hook ?/hook Lua | f/local line 9 r=3,2 tail=false
-->   (temporary)=9
-->   (temporary)=5
--> 0	0
--> in hook at line 44
--> stack traceback:
--> 	tests/lua/debug/info_in_hooks.lua:42: in hook '?'
--> 	tests/lua/debug/info_in_hooks.lua:44: in main chunk
