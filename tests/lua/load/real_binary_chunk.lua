-- A real binary chunk (made by `luac5.4 -s` from the source below, written with decimal escapes)
-- loads and runs:
--   local a, b = ...
--   return 42, "str", 2.5, a, b, function(x) return x * 2 end
local chunk =
  "\027LuaT\000\025\147\013\010\026\010\004\008\008xV\000\000\000\000\000\000\000\000\000" ..
  "\000\000(w@\001\128\128\128\000\001\008\138Q\000\000\000P\000\000\003\001\129\020\128" ..
  "\131\001\000\000\003\130\000\000\128\002\000\000\000\003\001\000\207\003\000\000F\001" ..
  "\007\001F\001\001\001\130\004\132str\019\000\000\000\000\000\000\004@\129\001\000\000" ..
  "\129\128\130\130\001\000\002\132\152\000\000\0000\000\000\008\200\000\002\000\199\000" ..
  "\001\000\129\003\002\000\000\000\000\000\000\000\128\128\128\128\128\128\128\128\128\128"

print(#chunk)
--> 142
local f = assert(load(chunk, "=bin", "b"))
local i, s, n, a, b, g = f("A", "B")
print(i, s, n, a, b, g(21))
--> 42	str	2.5	A	B	42
print(load(chunk, "=bin", "t"))
--> nil	attempt to load a binary chunk (mode is 't')
print(type(load(chunk)))
--> function
-- stripped chunks have no debug information: errors carry "?:-1:" as position and no names
--   local t = nil
--   return t.x
local stripped =
  "\027LuaT\000\025\147\013\010\026\010\004\008\008xV\000\000\000\000\000\000\000\000\000" ..
  "\000\000(w@\001\128\128\128\000\001\002\133Q\000\000\000\008\000\000\000\142\000\000\000" ..
  "\198\000\002\001\198\000\001\001\129\004\130x\129\001\000\000\128\128\128\128\128"
print(pcall(load(stripped, "=bin", "b")))
--> false	?:-1: attempt to index a nil value
