-- base library: load/loadfile/dofile, select, tostring/tonumber, warn, error levels, collectgarbage options
-- t(f, ...): pcall f and print every result; references (functions, tables, threads, files)
-- print as their type, strings quoted, so the output has no addresses.
local function show(v)
  local tv = type(v)
  if tv == "string" then return (string.format("%q", v):gsub("\n", "n")) end
  if tv == "function" or tv == "table" or tv == "thread" or tv == "userdata" then return tv end
  return tostring(v)
end
local function t(f, ...)
  local r = table.pack(pcall(f, ...))
  for i = 1, r.n do r[i] = show(r[i]) end
  print(table.concat(r, " ", 1, r.n))
end
t(load, "return 1") t(load, "x x") t(load, "return 1", "=name", "t") t(load, "return 1", "name", "b") t(load, string.dump(function() return 1 end), "d", "t") t(load, 5) t(load, "return ...", nil, nil, 1)
--> true function
--> true nil "[string \"x x\"]:1: syntax error near 'x'"
--> true function
--> true nil "attempt to load a text chunk (mode is 'b')"
--> true nil "attempt to load a binary chunk (mode is 't')"
--> true nil "[string \"5\"]:1: unexpected symbol near '5'"
--> true function
t(load, function() return nil end) local parts = {"return ", "1", "+1"} local i = 0 t(load, function() i = i + 1 return parts[i] end) t(load, function() return {} end) t(load, function() error("E") end)
--> true function
--> true function
--> true nil "reader function must return a string"
--> true nil "tests/lua/stdlib/base_lib.lua:23: E"
t(load, "return 1", "c", "x") t(load, "return _ENV", "c", "t", 42) t(loadstring) t(dofile, "/nonexistent") t(loadfile, "/nonexistent") t(loadfile, "/nonexistent", "t") t(loadfile, nil, "x")
--> true nil "attempt to load a text chunk (mode is 'x')"
--> true function
--> false "attempt to call a nil value"
--> false "cannot open /nonexistent: No such file or directory"
--> true nil "cannot open /nonexistent: No such file or directory"
--> true nil "cannot open /nonexistent: No such file or directory"
--> true nil "attempt to load a text chunk (mode is 'x')"
t(load, "\27Lua") t(load, "\27Lua\84\0") t(load, "return 1", "=" .. string.rep("x", 100)) t(load, "x=", "@" .. string.rep("y", 100)) t(load, "x=", string.rep("z", 100)) t(load, "x=", "a\nb")
--> true nil "binary string: bad binary format (truncated chunk)"
--> true nil "binary string: bad binary format (truncated chunk)"
--> true function
--> true nil "...yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy:1: unexpected symbol near <eof>"
--> true nil "[string \"zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz...\"]:1: unexpected symbol near <eof>"
--> true nil "[string \"a...\"]:1: unexpected symbol near <eof>"
t(select, 2, "a", "b", "c") t(select, -1, "a", "b") t(select, 1.5) t(select, math.mininteger, 1)
--> true "b" "c"
--> true "b"
--> false "bad argument #1 to 'select' (number has no integer representation)"
--> false "bad argument #1 to 'select' (index out of range)"
t(ipairs, nil) for i, v in ipairs(setmetatable({}, {__index = function(t, i) if i < 4 then return i * 10 end end})) do io.write(i, ":", v, " ") end print()
--> true function nil 0
--> 1:10 2:20 3:30 
t(tostring, nil) t(tostring, 1.5) t(tostring, -0.0) t(tostring, setmetatable({}, {__tostring = function() return 42 end})) t(tostring, setmetatable({}, {__tostring = function() return true end})) print((tostring(setmetatable({}, {__name = 42})):gsub("0x%x+", "ADDR")))
--> true "nil"
--> true "1.5"
--> true "-0.0"
--> true "42"
--> false "'__tostring' must return a string"
--> table: ADDR
t(print, setmetatable({}, {__tostring = function() error("in ts") end}))
--> false "tests/lua/stdlib/base_lib.lua:58: in ts"
t(rawequal, 1, 1.0) t(rawequal, "a", "a") t(rawlen, {1,2}) t(rawlen, "abc") t(rawget, {}, nil) t(rawset, {}, 1) t(rawget, setmetatable({}, {__index = function() return 1 end}), 1)
--> true true
--> true true
--> true 2
--> true 3
--> true nil
--> false "bad argument #3 to 'rawset' (value expected)"
--> true nil
t(next, {}, 1) t(next, {1}, 1) t(next, nil) t(type, nil) t(getmetatable, "x") t(getmetatable, 1)
--> false "invalid key to 'next'"
--> true nil
--> false "bad argument #1 to 'next' (table expected, got nil)"
--> true "nil"
--> true table
--> true nil
t(warn) t(warn, 1) t(warn, "a", {}) warn("@on") warn("x", "y") warn("@off") warn("z") warn("@on") t(warn, "m", nil)
--> false "bad argument #1 to 'warn' (string expected, got no value)"
--> true
--> false "bad argument #2 to 'warn' (string expected, got table)"
--> false "bad argument #2 to 'warn' (string expected, got nil)"
t(collectgarbage, "step", 0) t(collectgarbage, "stop") t(collectgarbage, "isrunning") t(collectgarbage, "restart") t(collectgarbage, "isrunning") t(collectgarbage, "setpause", 100) t(collectgarbage, "setstepmul", 100)
--> true false
--> true 0
--> true false
--> true 0
--> true true
--> true 200
--> true 100
t(collectgarbage, "collect") t(collectgarbage, "incremental", 200, 100, 13)
--> true 0
--> true "generational"
t(xpcall, error, function(m) return "H:" .. tostring(m) end, "msg") t(xpcall, error, nil, "m") t(xpcall, function() return 1, 2 end, print) t(pcall, error) t(pcall, error, nil) t(pcall, error, setmetatable({}, {__tostring = function() return "obj" end}))
--> true false "H:msg"
--> false "bad argument #2 to 'xpcall' (function expected, got nil)"
--> true true 1 2
--> true false nil
--> true false nil
--> true false table
t(error, "lvl2", 2) t(function() error("lvl1", 1) end) t(function() error("lvl2", 2) end) t(function() error("lvl0", 0) end) t(function() local x = nil; return x.y end) t(function() return #5 end) t(function() return {} < {} end)
--> false "tests/lua/stdlib/base_lib.lua:11: lvl2"
--> false "tests/lua/stdlib/base_lib.lua:98: lvl1"
--> false "lvl2"
--> false "lvl0"
--> false "tests/lua/stdlib/base_lib.lua:98: attempt to index a nil value (local 'x')"
--> false "tests/lua/stdlib/base_lib.lua:98: attempt to get length of a number value"
--> false "tests/lua/stdlib/base_lib.lua:98: attempt to compare two table values"
t(assert, 1, 2, 3) t(assert) t(assert, false, nil) t(assert, nil, 42)
--> true 1 2 3
--> false "bad argument #1 to 'assert' (value expected)"
--> false nil
--> false 42
t(tonumber, "0x1p4") t(tonumber, "1e") t(tonumber, " 0x ") t(tonumber, "inf") t(tonumber, "nan") t(tonumber, "1 2") t(tonumber, "10", 2.0) t(tonumber, "10", 2.5) t(tonumber, "7fffffffffffffff", 16) t(tonumber, "ffffffffffffffffff", 16) t(tonumber, "-10", 2) t(tonumber, {}, 10) t(tonumber, nil) t(tonumber, "1", nil)
--> true 16.0
--> true nil
--> true nil
--> true nil
--> true nil
--> true nil
--> true 2
--> false "bad argument #2 to 'tonumber' (number has no integer representation)"
--> true 9223372036854775807
--> true -1
--> true -2
--> false "bad argument #1 to 'tonumber' (string expected, got table)"
--> true nil
--> true 1
t(tonumber, "\t10\n") t(tonumber, "10\0") t(tonumber, "9223372036854775808") t(tonumber, "-9223372036854775808") t(tonumber, "0x8000000000000000") t(tonumber, "1" .. string.rep("0", 400)) t(tonumber, ".") t(tonumber, "1.") t(tonumber, ".e1")
--> true 10
--> true nil
--> true 9.2233720368548e+18
--> true -9223372036854775808
--> true -9223372036854775808
--> true inf
--> true nil
--> true 1.0
--> true nil
print(_VERSION, _G._G == _G)
--> Lua 5.4	true
local df = os.tmpname()
local h = io.open(df, "w") h:write('print("in dofile", ...) return 1, 2') h:close()
t(dofile, df) t(loadfile(df), "x") t(loadfile, df, "b") t(loadfile, df, "t", {print = function(...) print("env print", ...) end})
--> in dofile
--> true 1 2
--> in dofile	x
--> true 1 2
--> true nil "attempt to load a text chunk (mode is 'b')"
--> true function
os.remove(df)

--! Lua warning: xy
