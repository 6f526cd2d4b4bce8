-- Hooks around protected calls: call/return events stay balanced when the protected function
-- fails (pcall, xpcall, errors through coroutine.wrap, __close handlers), and an error raised
-- by the return hook of a failing pcall goes to the enclosing pcall.
local t = {}
local function rec(e, l)
  local name = debug.getinfo(2, "n").name
  t[#t + 1] = e .. "(" .. tostring(name) .. ")" .. (l and (":" .. l) or "")
end
local function flush(label)
  print(label, table.concat(t, " "))
  t = {}
end

local function bad() error("x") end

debug.sethook(rec, "cr")
local ok = pcall(bad)
debug.sethook()
flush("pcall")

debug.sethook(rec, "cr")
ok = xpcall(bad, function(m) return m end)
debug.sethook()
flush("xpcall")

debug.sethook(rec, "cr")
ok = pcall(error)
debug.sethook()
flush("pcall(error)")

local co = coroutine.wrap(function() error("y") end)
debug.sethook(rec, "cr")
ok = pcall(co)
debug.sethook()
flush("wrap")

debug.sethook(rec, "lcr")
ok = pcall(function()
  local x <close> = setmetatable({}, {__close = function() end})
  error("z")
end)
debug.sethook()
flush("close")

-- the return hook of the inner (failing) pcall raises: the outer pcall gets that error
local depth = 0
local r = {pcall(function()
  local inner = {pcall(function()
    debug.sethook(function(e)
      local f = debug.getinfo(2, "f").func
      if e == "return" and f == pcall then
        debug.sethook()
        error("from the return hook", 0)
      end
    end, "r")
    error("inner")
  end)}
  return "not reached", inner[1]
end)}
print(r[1], r[2])
print(ok)

--> pcall	return(sethook) call(pcall) call(nil) call(error) return(pcall) call(sethook)
--> xpcall	return(sethook) call(xpcall) call(nil) call(error) call(nil) return(nil) return(xpcall) call(sethook)
--> pcall(error)	return(sethook) call(pcall) call(nil) return(pcall) call(sethook)
--> wrap	return(sethook) call(pcall) call(nil) return(pcall) call(sethook)
--> close	return(sethook) line(nil):38 line(nil):41 line(nil):38 call(pcall) call(nil) line(nil):39 call(setmetatable) return(setmetatable) line(nil):40 call(error) call(nil) line(nil):39 return(nil) return(pcall) line(nil):41 line(nil):42 call(sethook)
--> false	from the return hook
--> false
