-- table library and raw-access/base functions: error messages and edge results
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
t(table.sort, {3,1,2,5,4,7,6,9,8,10,11,12,13,14,15,16}, function(a,b) return true end)
--> false "invalid order function for sorting"
t(table.sort, {1,2,3}, function(a,b) return true end) t(table.sort, {1,"x"}) t(table.sort, {1,2}, 3) t(table.sort, {{}, {}})
--> true
--> false "attempt to compare string with number"
--> false "bad argument #2 to 'table.sort' (function expected, got number)"
--> false "attempt to compare two table values"
t(table.concat, {1, {}, 3}) t(table.concat, {1, 2, 3}, ", ", 2, 5) t(table.concat, {}, "x", 1, 0) t(table.concat, {1,2}, {}) t(table.concat, {true}) t(table.concat, {1.5, 2, "a"}, "-")
--> false "invalid value (table) at index 2 in table for 'concat'"
--> false "invalid value (nil) at index 4 in table for 'concat'"
--> true ""
--> false "bad argument #2 to 'table.concat' (string expected, got table)"
--> false "invalid value (boolean) at index 1 in table for 'concat'"
--> true "1.5-2-a"
t(table.concat, {}, "", math.maxinteger - 1, math.maxinteger) t(table.concat, setmetatable({}, {__index=function(t,k) return k end}), ",", 1, 3)
--> false "invalid value (nil) at index 9223372036854775806 in table for 'concat'"
--> true "1,2,3"
t(table.insert, {}, 1, 2, 3) t(table.insert, {}, 5, 1) t(table.insert, {}, 0, 1) t(table.insert, {1}, 3, 1) t(table.insert, {1}, 2, 1) t(table.insert, nil, 1) t(table.insert, {}) t(table.insert, {}, "x", 1)
--> false "wrong number of arguments to 'insert'"
--> false "bad argument #2 to 'table.insert' (position out of bounds)"
--> false "bad argument #2 to 'table.insert' (position out of bounds)"
--> false "bad argument #2 to 'table.insert' (position out of bounds)"
--> true
--> false "bad argument #1 to 'table.insert' (table expected, got nil)"
--> false "wrong number of arguments to 'insert'"
--> false "bad argument #2 to 'table.insert' (number expected, got string)"
t(table.remove, {}) t(table.remove, {}, 0) t(table.remove, {}, 1) t(table.remove, {}, 2) t(table.remove, {1,2,3}, 5) t(table.remove, {1,2,3}, 4) t(table.remove, {1,2,3}, -1) t(table.remove, {[0]=5}, 0)
--> true nil
--> true nil
--> true nil
--> false "bad argument #1 to 'table.remove' (position out of bounds)"
--> false "bad argument #1 to 'table.remove' (position out of bounds)"
--> true nil
--> false "bad argument #1 to 'table.remove' (position out of bounds)"
--> true 5
t(table.move, {1,2,3}, 1, 3, 2) t(table.move, {1,2,3}, 1, math.maxinteger, 2) t(table.move, {1,2,3}, -1, 2, 1) t(table.move, {1}, 1, 1, math.maxinteger) t(table.move, {}, 0, math.maxinteger, 1)
--> true table
--> false "bad argument #4 to 'table.move' (destination wrap around)"
--> true table
--> true table
--> false "bad argument #3 to 'table.move' (too many elements to move)"
t(table.move, {1,2}, 1, 2, 1, nil) t(table.move, {1,2}, 1, 2, 1, 5)
--> true table
--> false "bad argument #5 to 'table.move' (table expected, got number)"
t(table.unpack, {1,2,3}, 2) t(table.unpack, {1,2,3}, -1, 1) t(table.unpack, {}, 1, 1e8) t(table.unpack, {}, math.mininteger, math.maxinteger) t(table.unpack, {}, 1.5) t(table.unpack, "abc")
--> true 2 3
--> true nil nil 1
--> false "too many results to unpack"
--> false "too many results to unpack"
--> false "bad argument #2 to 'table.unpack' (number has no integer representation)"
--> true nil nil nil
print(select('#', table.unpack({}, 3, 2))) print(table.pack().n, table.pack(nil, nil).n)
--> 0
--> 0	2
local tt = setmetatable({}, {__len = function() return 2.5 end}) t(table.insert, tt, 1) t(table.concat, tt) t(table.unpack, tt)
--> false "object length is not an integer"
--> false "object length is not an integer"
--> false "object length is not an integer"
local tt = setmetatable({}, {__len = function() return "3" end}) t(table.concat, tt) t(table.unpack, tt) t(table.insert, tt, 1)
--> false "invalid value (nil) at index 1 in table for 'concat'"
--> true nil nil nil
--> true
t(table.sort, setmetatable({}, {__len = function() return math.maxinteger end}))
--> false "bad argument #1 to 'table.sort' (array too big)"
t(next, {}, "nokey") t(ipairs) t(pairs) t(rawlen, 5) t(rawget, 1) t(rawset, {}, nil, 1) t(rawset, {}, 0/0, 1) t(rawequal, 1) t(select, 0) t(select, -5, 1) t(select, "#") t(select, "x")
--> false "invalid key to 'next'"
--> false "bad argument #1 to 'ipairs' (value expected)"
--> false "bad argument #1 to 'pairs' (value expected)"
--> false "bad argument #1 to 'rawlen' (table or string expected, got number)"
--> false "bad argument #1 to 'rawget' (table expected, got number)"
--> false "table index is nil"
--> false "table index is NaN"
--> false "bad argument #2 to 'rawequal' (value expected)"
--> false "bad argument #1 to 'select' (index out of range)"
--> false "bad argument #1 to 'select' (index out of range)"
--> true 0
--> false "bad argument #1 to 'select' (number expected, got string)"
t(setmetatable, 1, {}) t(setmetatable, {}, 1) t(setmetatable, setmetatable({}, {__metatable=1}), {}) t(getmetatable, setmetatable({}, {__metatable="P"}))
--> false "bad argument #1 to 'setmetatable' (table expected, got number)"
--> false "bad argument #2 to 'setmetatable' (nil or table expected, got number)"
--> false "cannot change a protected metatable"
--> true "P"
t(tonumber, "10", 99) t(tonumber, "10", 1) t(tonumber, 10, 16) t(tonumber, "z", 36) t(tonumber, "  ff  ", 16) t(tonumber, "1e1", 10) t(tonumber, "", 10) t(tonumber) t(tonumber, "0x", 16) t(tonumber, "-ff", 16) t(tonumber, "8", 8)
--> false "bad argument #2 to 'tonumber' (base out of range)"
--> false "bad argument #2 to 'tonumber' (base out of range)"
--> false "bad argument #1 to 'tonumber' (string expected, got number)"
--> true 35
--> true 255
--> true nil
--> true nil
--> false "bad argument #1 to 'tonumber' (value expected)"
--> true nil
--> true -255
--> true nil
t(tostring) t(type) t(assert, false) t(assert, nil, "m") t(assert, false, {}) t(assert, 1, 2) t(error) t(error, nil) t(error, "x", 3) t(error, {}, 1) t(xpcall) t(xpcall, print) t(pcall)
--> false "bad argument #1 to 'tostring' (value expected)"
--> false "bad argument #1 to 'type' (value expected)"
--> false "assertion failed!"
--> false "m"
--> false table
--> true 1 2
--> false nil
--> false nil
--> false "tests/lua/stdlib/table_errors.lua:109: x"
--> false table
--> false "bad argument #2 to 'xpcall' (function expected, got no value)"
--> false "bad argument #2 to 'xpcall' (function expected, got no value)"
--> false "bad argument #1 to 'pcall' (value expected)"
t(collectgarbage, "bogus") t(collectgarbage, "isrunning") t(collectgarbage, "step", "x") t(collectgarbage, "incremental", 1, 1, 1) t(collectgarbage, "generational") t(collectgarbage, "incremental") t(collectgarbage, 1)
--> false "bad argument #1 to 'collectgarbage' (invalid option 'bogus')"
--> true true
--> false "bad argument #2 to 'collectgarbage' (number expected, got string)"
--> true "generational"
--> true "incremental"
--> true "generational"
--> false "bad argument #1 to 'collectgarbage' (invalid option '1')"
