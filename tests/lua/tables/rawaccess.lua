-- rawget/rawset/rawequal/rawlen bypass metamethods.
local mt = {
  __index = function(_, k) return "meta " .. tostring(k) end,
  __newindex = function(t, k, v) rawset(t, k, v .. "!") end,
  __len = function() return 42 end,
  __eq = function() return true end,
}
local t = setmetatable({}, mt)
print(t.x, rawget(t, "x"))
--> meta x	nil
t.y = "v"
print(rawget(t, "y"))
--> v!
rawset(t, "z", "raw")
print(t.z, #t, rawlen(t), rawlen("abc"))
--> raw	42	0	3
local u = setmetatable({}, mt)
print(t == u, rawequal(t, u), rawequal(t, t))
--> true	false	true
print(rawset(t, 1, 1) == t, rawlen(t))
--> true	1
print(pcall(rawlen, 5))
--> false	bad argument #1 to 'rawlen' (table or string expected, got number)
print(pcall(rawget, "x", 1))
--> false	bad argument #1 to 'rawget' (table expected, got string)
print(pcall(rawset, {}, 0 / 0, 1))
--> false	table index is NaN
print(rawequal(1, 1.0), rawequal("a", "a"), rawequal({}, {}))
--> true	true	false
print(pcall(rawequal, 1))
--> false	bad argument #2 to 'rawequal' (value expected)
