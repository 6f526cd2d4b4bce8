-- debug.getlocal / debug.setlocal: by level and index, temporaries, varargs, parameter names.
local function show(...)
  local t = table.pack(...)
  for i = 1, t.n do t[i] = tostring(t[i]) end
  print(table.concat(t, " ", 1, t.n))
end

local function locals(level)
  local out = {}
  local i = 1
  while true do
    local name, value = debug.getlocal(level + 1, i)
    if not name then break end
    if type(value) == "function" then value = "<function>" end
    out[#out + 1] = name .. "=" .. tostring(value)
    i = i + 1
  end
  return table.concat(out, " ")
end

local function f(a, b)
  local c = a + b
  do
    local inner = "in"
    print("f", locals(1))
  end
  local d = c * 2
  print("f", locals(1))
  return d
end
f(1, 2)
--> f	a=1 b=2 c=3 inner=in (temporary)=<function> (temporary)=f
--> f	a=1 b=2 c=3 d=6 (temporary)=<function> (temporary)=f

-- parameter names of a function value
show(debug.getlocal(f, 1), debug.getlocal(f, 2), debug.getlocal(f, 3), debug.getlocal(f, 0))
--> a b nil nil
show(debug.getlocal(print, 1))
--> nil
show(debug.getlocal(function(...) end, 1))
--> nil
show(debug.getlocal(function(x, ...) local y end, 1), debug.getlocal(function(x, ...) end, 2))
--> x nil

-- varargs: negative indices
local function va(first, ...)
  local names = {}
  for i = -1, -5, -1 do
    local n, v = debug.getlocal(1, i)
    if not n then break end
    names[#names + 1] = n .. "=" .. tostring(v)
  end
  print("va", first, table.concat(names, " "))
  print("set", debug.setlocal(1, -2, "changed"), debug.setlocal(1, -9, 0))
  print("after", ...)
end
va(1, 2, 3, 4)
--> va	1	(vararg)=2 (vararg)=3 (vararg)=4
--> set	(vararg)	nil
--> after	2	changed	4
va(1)
--> va	1	
--> set	nil	nil
--> after
va()
--> va	nil	
--> set	nil	nil
--> after
local function novar(a) return debug.getlocal(1, -1) end
show(novar(1))
--> nil

-- temporaries
local function temps()
  local x = 10
  local name, v = debug.getlocal(1, 2)
  return name, v, (debug.getlocal(1, 50))
end
show(temps())
--> nil nil nil

-- native frames: (C temporary)
local function cframe()
  local r = {}
  table.sort({3, 1, 2}, function(a, b)
    if #r == 0 then
      for i = 1, 3 do
        local n, v = debug.getlocal(2, i)
        r[#r + 1] = tostring(n) .. ":" .. type(v)
      end
    end
    return a < b
  end)
  return table.concat(r, " ")
end
print(cframe())
--> (C temporary):table (C temporary):function (C temporary):number
show(debug.getlocal(0, 1))
--> (C temporary) 0
show(debug.getlocal(0, 2))
--> (C temporary) 2

-- setlocal changes the running variable
local function setter()
  local v = "old"
  local w = 1
  local a = debug.setlocal(1, 1, "new")
  local b = debug.setlocal(1, 2, 2)
  local c = debug.setlocal(1, 5, 3)
  local d = debug.setlocal(1, 0, "zero")
  print(a, b, c, d)
  print(v, w)
end
setter()
--> v	w	nil	nil
--> new	2

local function caller_var()
  local target = "before"
  local function change() debug.setlocal(2, 1, "after") end
  change()
  return target
end
print(caller_var())
--> after

-- for loops: the hidden state variables and the control variable
for i = 1, 2 do
  local names = {}
  for k = 1, 40 do
    local n, v = debug.getlocal(1, k)
    if not n then break end
    if n:sub(1, 1) == "(" or n == "i" then names[#names + 1] = n .. "=" .. tostring(v) end
  end
  print(table.concat(names, " "))
--> (for state)=1 (for state)=1 (for state)=1 i=1 (for state)=15 (for state)=24 (for state)=1
--> (for state)=2 (for state)=0 (for state)=1 i=2 (for state)=15 (for state)=24 (for state)=1
end
for k, v in ipairs({"a"}) do
  local names = {}
  for j = 1, 40 do
    local n = debug.getlocal(1, j)
    if not n then break end
    names[#names + 1] = n
  end
  print(table.concat(names, " "))
--> show locals f va novar temps cframe setter caller_var (for state) (for state) (for state) (for state) k v names (for state) (for state) (for state) j
end

-- setting the control variable does not change the iteration
local function loopset()
  local seen = {}
  for i = 1, 3 do
    print(debug.setlocal(1, 5, 100), i)
    seen[#seen + 1] = i
  end
  return table.concat(seen, " ")
end
print(loopset())
--> i	100
--> i	100
--> i	100
--> 100 100 100
