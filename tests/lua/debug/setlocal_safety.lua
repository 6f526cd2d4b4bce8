-- setlocal on the hidden slots of for loops and on to-be-closed variables: any value may be
-- stored; the loops must stay memory-safe (their results with garbage state are unspecified,
-- so only termination is printed).
local function numeric(v)
  local count = 0
  for i = 1, 3 do
    count = count + 1
    if count == 1 then
      for k = 1, 10 do
        local n = debug.getlocal(1, k)
        if n == "(for state)" then debug.setlocal(1, k, v) end
      end
    end
    if count > 5 then break end
  end
  return "survived"
end
print(numeric({}))
--> survived
print(numeric("str"))
--> survived
print(numeric(2.5))
--> survived
print(numeric(nil))
--> survived
local function fl(v)
  local count = 0
  for i = 1.0, 3 do
    count = count + 1
    if count == 1 then
      for k = 1, 10 do
        local n = debug.getlocal(1, k)
        if n == "(for state)" then debug.setlocal(1, k, v) end
      end
    end
    if count > 5 then break end
  end
  return "survived"
end
print(fl({}), fl(7), fl(print))
--> survived	survived	survived
print(pcall(function()
--> false	tests/lua/debug/setlocal_safety.lua:44: attempt to call a table value (for iterator 'for iterator')
  for k, v in pairs({1, 2}) do
    debug.setlocal(1, 1, {})
  end
end))
print(pcall(function()
--> false	tests/lua/debug/setlocal_safety.lua:50: bad argument #1 to 'for iterator' (table expected, got number)
  for k, v in pairs({1, 2}) do
    debug.setlocal(1, 2, 12)
    debug.setlocal(1, 3, print)
  end
  return "ok"
end))
print(pcall(function()
--> other closed
--> true
  local x <close> = setmetatable({}, {__close = function() print("closed") end})
  debug.setlocal(1, 1, setmetatable({}, {__close = function() print("other closed") end}))
end))
print(pcall(function()
--> (for state)
--> (for state)
--> true	ok
  for k, v, c in pairs({1, 2}) do
    local n = debug.getlocal(1, 4) print(n)
    debug.setlocal(1, 4, 12)
  end
  return "ok"
end))
