-- Error messages name the local whose register an operand is in, also when non-LIFO register
-- allocators (--alloc=linear|coloring|auto and the -live variants) let several locals share a
-- register over disjoint lifetimes: a record must cover exactly the pcs where the register
-- holds that local's value (an error raised there names it), and never a pc where the register
-- holds something else (an error then names what it holds, or nothing).
local function try(f, ...)
  local ok, err = pcall(f, ...)
  print(ok, (string.gsub(tostring(err), "^[^:]*:%d+: ", "")))
end

-- arithmetic whose result reuses the register of a local that dies there (the MMBIN after it
-- raises the error and must still see the local)
try(function() local loc; return loc * 2 end)
--> false	attempt to perform arithmetic on a nil value (local 'loc')
try(function() local b = true; return b + 1 end)
--> false	attempt to perform arithmetic on a boolean value (local 'b')
try(function() local t = {}; return -t end)
--> false	attempt to perform arithmetic on a table value (local 't')
try(function(a) local b = a .. "!"; return #b + a end, {})
--> false	attempt to concatenate a table value (local 'a')

-- two locals in disjoint blocks: each error names the one live there
try(function()
  do local first = 1.5; print(first + 1) end
  do local second = {}; return second.x.y end
end)
--> 2.5
--> false	attempt to index a nil value (field 'x')
try(function()
  do local first = 1.5; print(first // 1) end
  do local second = "s"; return second() end
end)
--> 1.0
--> false	attempt to call a string value (local 'second')
try(function()
  local n = 0
  for i = 1, 3 do local sq = i * i; n = n + sq end
  local after = nil
  return after.field
end)
--> false	attempt to index a nil value (local 'after')

-- a local whose register is borrowed by temporaries and written again afterwards
try(function(c)
  local x = 1.5
  local w = 0
  while w < 1 do
    w = w + 1
    x = 2.5 - ((c >= ((#tostring(x) < ((x < 0.5) and 1 or 2)) and x or -1)) and 0 or 1)
  end
  return x >> 1
end, 0)
--> false	number (local 'x') has no integer representation
try(function(c)
  local x = 1.5
  for k = 1, 2 do
    x = (x > c and 0.5 or 1) + x
  end
  return x | 1
end, 0)
--> false	number (local 'x') has no integer representation

-- an upvalue read into a register a dead local used: the error names the upvalue
local g5 = nil
try(function()
  local i2 = 1
  local d = i2 * 2
  print(d)
  return g5.f
end)
--> 2
--> false	attempt to index a nil value (upvalue 'g5')

-- calling a local (its register may be the call's function slot)
try(function() local f; f() end)
--> false	attempt to call a nil value (local 'f')
try(function() local f = 1; local r = f(2); return r end)
--> false	attempt to call a number value (local 'f')
try(function()
  local tbl = setmetatable({}, {__index = function(t, k) return k * 2 end})
  local v = tbl[21]
  return v .. tbl[true]
end)
--> false	attempt to perform arithmetic on a boolean value (local 'k')

-- loop variables
try(function()
  for i = 1, 2 do
    local half = i / 2
    if i == 1 then return half & 1 end
  end
end)
--> false	number (local 'half') has no integer representation
try(function()
  for k, v in pairs({a = true}) do return k .. v end
end)
--> false	attempt to concatenate a boolean value (local 'v')

-- the name of a called function comes from the caller's register: a local that is the call's
-- function slot, or a dead local's register reused for something else
local function callee()
  local i = debug.getinfo(1, "n")
  return i.namewhat .. " " .. tostring(i.name)
end
print((function()
  local alias = callee
  return alias() .. ""
end)())
--> local alias
print((function()
  do local dead = 1.5; print(dead * 2) end
  local g = callee
  local r = g()
  return r
end)())
--> 3.0
--> local g
print((function()
  local t = {m = callee}
  local v = t.m()
  return v
end)())
--> field m
