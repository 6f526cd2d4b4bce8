-- debug.sethook call / return / tail call events: Lua functions, natives, metamethods,
-- varargs, pcall, and the names the hooked functions get.
local out = {}
local function rec(ev, line)
  local info = debug.getinfo(2, "nS")
  out[#out + 1] = ev .. "(" .. tostring(info.name) .. "," .. info.what .. ")"
end
local function flush(label)
  print(label, table.concat(out, " "))
  out = {}
end

local function leaf(x) return x * 2 end
local function mid(x) return leaf(x) + 1 end
local function tail(x) return leaf(x) end
local function va(...) return select("#", ...) end

debug.sethook(rec, "cr")
mid(1)
debug.sethook()
flush("nested")

debug.sethook(rec, "cr")
tail(2)
debug.sethook()
flush("tail")

debug.sethook(rec, "cr")
va(1, 2, 3)
debug.sethook()
flush("vararg")

debug.sethook(rec, "c")
local s = math.max(1, 2)
debug.sethook()
flush("native")

local mt = {__index = function(t, k) return k end, __add = function(a, b) return 7 end}
local obj = setmetatable({}, mt)
debug.sethook(rec, "cr")
local v = obj.foo
local w = obj + 1
debug.sethook()
flush("metamethods")

debug.sethook(rec, "cr")
pcall(leaf, 3)
debug.sethook()
flush("pcall")

-- per-thread hooks: a coroutine has its own
local co = coroutine.create(function(a)
  local b = leaf(a)
  coroutine.yield(b)
  return b
end)
local evs = {}
debug.sethook(co, function(ev, line) evs[#evs + 1] = ev .. ":" .. tostring(line) end, "crl")
print(coroutine.resume(co, 5))
print(coroutine.resume(co))
print(table.concat(evs, " "))
print(debug.gethook())
print(select(2, debug.gethook(co)))

-- a coroutine created under a Lua hook inherits it, but the hook table has no function for it
local count = 0
debug.sethook(function() count = count + 1 end, "c")
local co2 = coroutine.create(function() return leaf(1) end)
local c0 = count
coroutine.resume(co2)
debug.sethook()
print(count - c0, debug.gethook(co2))
print(s, v, w)

--> nested	return(sethook,C) call(mid,Lua) call(leaf,Lua) return(leaf,Lua) return(mid,Lua) call(sethook,C)
--> tail	return(sethook,C) call(tail,Lua) tail call(nil,Lua) return(nil,Lua) call(sethook,C)
--> vararg	return(sethook,C) call(va,Lua) call(select,C) return(select,C) return(va,Lua) call(sethook,C)
--> native	call(max,C) call(sethook,C)
--> metamethods	return(sethook,C) call(index,Lua) return(index,Lua) call(add,Lua) return(add,Lua) call(sethook,C)
--> pcall	return(sethook,C) call(pcall,C) call(nil,Lua) return(nil,Lua) return(pcall,C) call(sethook,C)
--> true	10
--> true	10
--> call:nil line:53 call:nil line:13 return:nil line:54 call:nil return:nil line:55 return:nil
--> nil
--> crl	0
--> 2	nil	c	0
--> 2	foo	7
