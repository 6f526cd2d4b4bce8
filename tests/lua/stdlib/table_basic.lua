-- table.concat/insert/remove/pack/unpack/move: results and lauxlib/ltablib error messages.
local function p(...) print(pcall(...)) end
local function show(t, n)
  local parts = {}
  for i = 1, n or #t do parts[#parts + 1] = tostring(t[i]) end
  print("{" .. table.concat(parts, ",") .. "}", #t)
end

-- concat
print(table.concat({}), table.concat({}, ","), table.concat({1, 2, 3}))
--> 		123
print(table.concat({1, 2.5, "x", -0.0, 1e100, 2^63, math.mininteger}, " "))
--> 1 2.5 x -0.0 1e+100 9.2233720368548e+18 -9223372036854775808
print(table.concat({"a", "b", "c"}, ", ", 2), table.concat({"a", "b", "c"}, "-", 1, 2))
--> b, c	a-b
print(table.concat({"a", "b", "c"}, "-", 3, 2), table.concat({"a", "b", "c"}, "-", 3, 3))
--> 	c
print(table.concat({"a", "b"}, 1), table.concat({[-1] = "m", [0] = "z", "a"}, "|", -1, 1))
--> a1b	m|z|a
p(table.concat, {1, {}, 3})
--> false	invalid value (table) at index 2 in table for 'concat'
p(table.concat, {1, 2}, "", 1, 3)
--> false	invalid value (nil) at index 3 in table for 'concat'
p(table.concat, {true})
--> false	invalid value (boolean) at index 1 in table for 'concat'
p(table.concat, {1, 2, 3}, {})
--> false	bad argument #2 to 'table.concat' (string expected, got table)
p(table.concat, {1, 2, 3}, ",", "x")
--> false	bad argument #3 to 'table.concat' (number expected, got string)
p(table.concat, {1, 2, 3}, ",", 1, 2.5)
--> false	bad argument #4 to 'table.concat' (number has no integer representation)
p(table.concat, nil)
--> false	bad argument #1 to 'table.concat' (table expected, got nil)
p(table.concat, "abc")
--> false	bad argument #1 to 'table.concat' (table expected, got string)
p(table.concat)
--> false	bad argument #1 to 'table.concat' (table expected, got no value)

-- insert
local t = {}
table.insert(t, "a"); table.insert(t, "b"); table.insert(t, 1, "c"); table.insert(t, 4, "d")
show(t)
--> {c,a,b,d}	4
table.insert(t, 2, "e")
show(t)
--> {c,e,a,b,d}	5
table.insert(t, #t + 1, nil)
show(t)
--> {c,e,a,b,d}	5
p(table.insert, t, 0, "x")
--> false	bad argument #2 to 'table.insert' (position out of bounds)
p(table.insert, t, 8, "x")
--> false	bad argument #2 to 'table.insert' (position out of bounds)
p(table.insert, t, -1, "x")
--> false	bad argument #2 to 'table.insert' (position out of bounds)
p(table.insert, t, 1, 2, 3)
--> false	wrong number of arguments to 'insert'
p(table.insert, t)
--> false	wrong number of arguments to 'insert'
p(table.insert, nil, 1)
--> false	bad argument #1 to 'table.insert' (table expected, got nil)
p(table.insert, t, "x", 1)
--> false	bad argument #2 to 'table.insert' (number expected, got string)
p(table.insert, t, 1.5, 1)
--> false	bad argument #2 to 'table.insert' (number has no integer representation)
p(table.insert, t, "2", "f")
--> true
show(t)
--> {c,f,e,a,b,d}	6

-- remove
t = {1, 2, 3, 4, 5}
print(table.remove(t), table.remove(t, 1), table.remove(t, 2))
--> 5	1	3
show(t)
--> {2,4}	2
print(table.remove(t, #t + 1), table.remove(t, 1), table.remove(t, 1), table.remove(t))
--> nil	2	4	nil
show(t)
--> {}	0
print(select("#", table.remove({})), table.remove({}, 0), table.remove({}, 1))
--> 1	nil	nil
p(table.remove, {1, 2, 3}, 5)
--> false	bad argument #1 to 'table.remove' (position out of bounds)
p(table.remove, {1, 2, 3}, -1)
--> false	bad argument #1 to 'table.remove' (position out of bounds)
p(table.remove, {}, -1)
--> false	bad argument #1 to 'table.remove' (position out of bounds)
p(table.remove, {}, 2)
--> false	bad argument #1 to 'table.remove' (position out of bounds)
p(table.remove, {[0] = "zero"}, 0)
--> true	zero
local z = {[0] = "zero"}
print(table.remove(z, 0), z[0])
--> zero	nil
p(table.remove, 5)
--> false	bad argument #1 to 'table.remove' (table expected, got number)

-- pack / unpack
local pk = table.pack()
print(pk.n, #pk)
--> 0	0
pk = table.pack(1, nil, 3, nil)
print(pk.n, pk[1], pk[2], pk[3], pk[4])
--> 4	1	nil	3	nil
print(table.unpack({1, 2, 3}))
--> 1	2	3
print(table.unpack({1, 2, 3}, 2))
--> 2	3
print(table.unpack({1, 2, 3}, 2, 5))
--> 2	3	nil	nil
print(table.unpack({1, 2, 3}, -1, 1))
--> nil	nil	1
print(select("#", table.unpack({}, 1, 0)), select("#", table.unpack({}, 5, 1)))
--> 0	0
print(table.unpack({"a", "b"}, "1", "2.0"))
--> a	b
print(select("#", table.unpack({}, 1, 100000)))
--> 100000
print(table.unpack({}, math.maxinteger, math.maxinteger))
--> nil
print(table.unpack({}, math.mininteger, math.mininteger + 1))
--> nil	nil
p(table.unpack, {}, 1, 1e7)
--> false	too many results to unpack
p(table.unpack, {}, math.mininteger, math.maxinteger)
--> false	too many results to unpack
p(table.unpack, {}, 0, math.maxinteger)
--> false	too many results to unpack
p(table.unpack, nil)
--> false	attempt to get length of a nil value
p(table.unpack, {}, 1.5)
--> false	bad argument #2 to 'table.unpack' (number has no integer representation)
p(table.unpack, {}, 1, "x")
--> false	bad argument #3 to 'table.unpack' (number expected, got string)
print(table.unpack("abc", 1, 2))
--> nil	nil
p(table.unpack, 5, 1, 2)
--> false	attempt to index a number value

-- move
local a = {1, 2, 3, 4, 5}
show(table.move(a, 1, 3, 3))
--> {1,2,1,2,3}	5
a = {1, 2, 3, 4, 5}
show(table.move(a, 2, 5, 1))
--> {2,3,4,5,5}	5
a = {1, 2, 3}
local b = table.move(a, 1, 3, 2, {})
show(b, 4)
--> {nil,1,2,3}	4
print(table.move(a, 1, 0, 1, b) == b, table.move(a, 2, 1, 5) == a)
--> true	true
show(table.move({1, 2, 3}, 1, 3, 1, nil))
--> {1,2,3}	3
p(table.move, {}, 1, math.maxinteger, 2)
--> false	bad argument #4 to 'table.move' (destination wrap around)
p(table.move, {}, -1, math.maxinteger, 2)
--> false	bad argument #3 to 'table.move' (too many elements to move)
p(table.move, {}, 1, 2, math.maxinteger)
--> false	bad argument #4 to 'table.move' (destination wrap around)
p(table.move, {}, 1, 2)
--> false	bad argument #4 to 'table.move' (number expected, got no value)
p(table.move, {}, 1, 2, 3, 4)
--> false	bad argument #5 to 'table.move' (table expected, got number)
p(table.move, 1, 1, 2, 3)
--> false	bad argument #1 to 'table.move' (table expected, got number)
p(table.move, {}, "a", 2, 3)
--> false	bad argument #2 to 'table.move' (number expected, got string)
print(#table.move({}, math.mininteger, math.mininteger + 2, 1))
--> 0
print(table.move({10, 20, 30}, 0, 2, 1)[1])
--> nil
-- luaL_error messages carry the position of the Lua caller
print(pcall(function() table.insert({}, 1, 2, 3) end))
--> false	tests/lua/stdlib/table_basic.lua:175: wrong number of arguments to 'insert'
print(pcall(function() table.concat({{}}) end))
--> false	tests/lua/stdlib/table_basic.lua:177: invalid value (table) at index 1 in table for 'concat'
print(pcall(function() table.unpack({}, 1, 1e8) end))
--> false	tests/lua/stdlib/table_basic.lua:179: too many results to unpack
print(pcall(function() table.insert(setmetatable({}, {__len = function() return 1.5 end}), 1) end))
--> false	tests/lua/stdlib/table_basic.lua:181: object length is not an integer
print(pcall(function() table.sort({5, 4, 3, 2, 1, 6, 7}, function() return true end) end))
--> false	tests/lua/stdlib/table_basic.lua:183: invalid order function for sorting
print(pcall(function() table.insert(nil, 1) end))
--> false	tests/lua/stdlib/table_basic.lua:185: bad argument #1 to 'insert' (table expected, got nil)
print(pcall(function() local tbl = table; tbl.remove({}, 5) end))
--> false	tests/lua/stdlib/table_basic.lua:187: bad argument #1 to 'remove' (position out of bounds)
