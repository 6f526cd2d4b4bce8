-- debug.getinfo: every option, levels and functions, printed in a fixed field order.
local KEYS = {"source", "short_src", "linedefined", "lastlinedefined", "what", "currentline",
  "name", "namewhat", "nups", "nparams", "isvararg", "istailcall", "ftransfer", "ntransfer"}

local function show(label, t)
  if t == nil then print(label, "nil") return end
  local out, n = {}, 0
  for _ in pairs(t) do n = n + 1 end
  for _, k in ipairs(KEYS) do
    if t[k] ~= nil then out[#out + 1] = k .. "=" .. tostring(t[k]) end
  end
  if t.func ~= nil then out[#out + 1] = "func=" .. type(t.func) end
  if t.activelines ~= nil then
    local lines = {}
    for l, v in pairs(t.activelines) do lines[#lines + 1] = l .. (v == true and "" or "?") end
    table.sort(lines, function(a, b) return tonumber(a) < tonumber(b) end)
    out[#out + 1] = "activelines={" .. table.concat(lines, ",") .. "}"
  end
  print(label, n .. " fields", table.concat(out, " "))
end

local function f(a, b, ...)
  local x = a
  return x
end

local function g()
end

-- functions
show("f", debug.getinfo(f))
--> f	14 fields	source=@tests/lua/debug/getinfo.lua short_src=tests/lua/debug/getinfo.lua linedefined=22 lastlinedefined=25 what=Lua currentline=-1 namewhat= nups=0 nparams=2 isvararg=true istailcall=false ftransfer=0 ntransfer=0 func=function
show("fS", debug.getinfo(f, "S"))
--> fS	5 fields	source=@tests/lua/debug/getinfo.lua short_src=tests/lua/debug/getinfo.lua linedefined=22 lastlinedefined=25 what=Lua
show("fL", debug.getinfo(f, "L"))
--> fL	1 fields	activelines={23,24,25}
show("gL", debug.getinfo(g, "L"))
--> gL	1 fields	activelines={28}
show("print", debug.getinfo(print))
--> print	14 fields	source==[C] short_src=[C] linedefined=-1 lastlinedefined=-1 what=C currentline=-1 namewhat= nups=0 nparams=0 isvararg=true istailcall=false ftransfer=0 ntransfer=0 func=function
show("printL", debug.getinfo(print, "L"))
--> printL	0 fields	
show("empty", debug.getinfo(f, ""))
--> empty	0 fields	
show("fu", debug.getinfo(f, "u"))
--> fu	3 fields	nups=0 nparams=2 isvararg=true
show("wrap", debug.getinfo(coroutine.wrap(print), "u"))
--> wrap	3 fields	nups=1 nparams=0 isvararg=true
print(debug.getinfo(f, "f").func == f)
--> true
print(debug.getinfo(print, "f").func == print)
--> true

-- levels
local function here(level, what)
  return debug.getinfo(level, what)
end
show("level1", here(1, "Slnt"))
--> level1	9 fields	source=@tests/lua/debug/getinfo.lua short_src=tests/lua/debug/getinfo.lua linedefined=55 lastlinedefined=57 what=Lua currentline=56 name=here namewhat=local istailcall=false
show("level2", here(2, "Slnt"))
--> level2	8 fields	source=@tests/lua/debug/getinfo.lua short_src=tests/lua/debug/getinfo.lua linedefined=0 lastlinedefined=0 what=main currentline=60 namewhat= istailcall=false
show("level0", debug.getinfo(0, "Slnt"))
--> level0	9 fields	source==[C] short_src=[C] linedefined=-1 lastlinedefined=-1 what=C currentline=-1 name=getinfo namewhat=field istailcall=false
print(debug.getinfo(0, "f").func == debug.getinfo)
--> true
show("toodeep", debug.getinfo(100))
--> toodeep	nil
show("negative", debug.getinfo(-1))
--> negative	nil
show("numstring", here("1", "l"))
--> numstring	1 fields	currentline=56

-- names as the caller sees them
local t = {}
function t.field() return debug.getinfo(1, "n") end
function t:method() return debug.getinfo(1, "n") end
local function loc() return debug.getinfo(1, "n") end
function glob() return debug.getinfo(1, "n") end
local up = loc
local function viaup() return up() end
show("field", t.field())
--> field	2 fields	name=field namewhat=field
show("method", t:method())
--> method	2 fields	name=method namewhat=method
show("local", loc())
--> local	2 fields	name=loc namewhat=local
show("global", glob())
--> global	2 fields	name=glob namewhat=global
show("upvalue", (viaup()))
--> upvalue	1 fields	namewhat=
show("pcalled", select(2, pcall(loc)))
--> pcalled	1 fields	namewhat=

-- metamethods and iterators
local mt = {__index = function(_, k) return debug.getinfo(1, "n") end,
  __add = function() return debug.getinfo(1, "n") end,
  __call = function() return debug.getinfo(1, "n") end}
local obj = setmetatable({}, mt)
show("index", obj.missing)
--> index	2 fields	name=index namewhat=metamethod
show("add", obj + 1)
--> add	2 fields	name=add namewhat=metamethod
show("call", obj())
--> call	2 fields	name=obj namewhat=local
for _, info in function(s, c) if c == nil then return 1, debug.getinfo(1, "n") end end do
  show("iter", info)
--> iter	2 fields	name=for iterator namewhat=for iterator
end

-- tail calls
local function tailee() return debug.getinfo(1, "nt") end
local function tailer() return tailee() end
show("tail", tailer())
--> tail	2 fields	namewhat= istailcall=true
show("nottail", (tailee()))
--> nottail	3 fields	name=tailee namewhat=local istailcall=false

-- current line changes while running
local function lines()
  local a = debug.getinfo(1, "l").currentline
  local b = debug.getinfo(1, "l").currentline
  return a, b
end
print(lines())
--> 120	121

-- main chunk
local m = debug.getinfo(1, "S")
print(m.what, m.short_src, m.linedefined, m.lastlinedefined, m.source)
--> main	tests/lua/debug/getinfo.lua	0	0	@tests/lua/debug/getinfo.lua

-- loaded chunks: source forms
local function src(chunk, name)
  local fn = load(chunk, name)
  local i = debug.getinfo(fn, "S")
  print(i.source, i.short_src, i.what)
end
src("return 1", "=custom")
--> =custom	custom	main
src("return 1", "@file.lua")
--> @file.lua	file.lua	main
src("return 1")
--> return 1	[string "return 1"]	main
src("local x = 1\nreturn x", nil)
--> local x = 1
--> return x	[string "local x = 1..."]	main
src("return 1", "a very long chunk name that goes on and on and on and on and on and on and on")
--> a very long chunk name that goes on and on and on and on and on and on and on	[string "a very long chunk name that goes on and on an..."]	main
src("return 1", "@" .. string.rep("d/", 40) .. "file.lua")
--> @d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/file.lua	...d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/file.lua	main

-- stripped functions
local dumped = load(string.dump(function(a, b) return a + b end, true))
show("stripped", debug.getinfo(dumped, "SluL"))
--> stripped	10 fields	source==? short_src=? linedefined=153 lastlinedefined=153 what=Lua currentline=-1 nups=0 nparams=2 isvararg=false activelines={}

-- default options include everything but L
local all = debug.getinfo(1)
print(all.activelines, all.func ~= nil, all.currentline, all.short_src)
--> nil	true	158	tests/lua/debug/getinfo.lua

-- active lines of a main chunk (vararg: its VARARGPREP line is not counted) and of nested code
show("chunkL", debug.getinfo(load("local a = 1\n\nif a then\n  a = 2\nend\nreturn a"), "L"))
--> chunkL	1 fields	activelines={1,3,4,6}
show("oneline", debug.getinfo(load("return 1"), "L"))
--> oneline	1 fields	activelines={1}
show("lastline", debug.getinfo(load("local function f()\nend\n\n\n", "=lastline"), "SL"))
--> lastline	6 fields	source==lastline short_src=lastline linedefined=0 lastlinedefined=0 what=main activelines={2}
