-- A `__close` run because an error unwinds to a pcall inside a coroutine may yield; the pcall
-- result is produced only after every pending variable was closed.
local function closer(name)
  return setmetatable({}, {__close = function(_, e)
    local r = coroutine.yield(name .. " closing with " .. tostring(e))
    print(name, "resumed with", r)
  end})
end

local co = coroutine.wrap(function()
  local ok, err = pcall(function()
    local x <close> = setmetatable({}, {__close = function() coroutine.yield("in close") end})
    error("boom")
  end)
  return ok, err
end)
print(co())
print(co())

-- several variables, in several frames, each yields
co = coroutine.create(function(a)
  local ok, err = pcall(function()
    local a1 <close> = closer("a1")
    local function inner()
      local b1 <close> = closer("b1")
      local b2 <close> = closer("b2")
      error({code = 42})
    end
    inner()
  end)
  print("pcall:", ok, type(err), err.code)
  return "done"
end)
local res = {coroutine.resume(co, "start")}
local i = 0
while coroutine.status(co) ~= "dead" do
  i = i + 1
  print(res[1], (tostring(res[2]):gsub("table: 0x%x+", "table")))
  res = {coroutine.resume(co, "r" .. i)}
end
print(res[1], res[2])

-- string error, level info kept, yields values through multiple resumes
co = coroutine.wrap(function()
  local r = {pcall(function()
    local x <close> = closer("x")
    local y <close> = closer("y")
    local t = nil
    return t.field
  end)}
  return table.unpack(r)
end)
print(co())
print(co("one"))
print(co("two"))

-- the pcall caller keeps running normally afterwards
co = coroutine.wrap(function()
  for k = 1, 3 do
    local ok, e = pcall(function()
      local v <close> = closer("loop" .. k)
      error("e" .. k, 0)
    end)
    coroutine.yield(tostring(ok) .. " " .. e)
  end
  return "end"
end)
for _ = 1, 7 do print(co("x")) end

--> in close
--> false	tests/lua/tbc/yield_in_close_pcall.lua:13: boom
--> true	b2 closing with table
--> b2	resumed with	r1
--> true	b1 closing with table
--> b1	resumed with	r2
--> true	a1 closing with table
--> a1	resumed with	r3
--> pcall:	false	table	42
--> true	done
--> y closing with tests/lua/tbc/yield_in_close_pcall.lua:49: attempt to index a nil value (local 't')
--> y	resumed with	one
--> x closing with tests/lua/tbc/yield_in_close_pcall.lua:49: attempt to index a nil value (local 't')
--> x	resumed with	two
--> false	tests/lua/tbc/yield_in_close_pcall.lua:49: attempt to index a nil value (local 't')
--> loop1 closing with e1
--> loop1	resumed with	x
--> false e1
--> loop2 closing with e2
--> loop2	resumed with	x
--> false e2
--> loop3 closing with e3
--> loop3	resumed with	x
--> false e3
--> end
