-- Errors raised inside a `__close` run by error unwinding (possibly after yielding) replace the
-- error; the remaining variables are still closed, with the new error.
local function closer(name, raise)
  return setmetatable({}, {__close = function(_, e)
    coroutine.yield(name .. " sees " .. tostring(e))
    if raise then error(name .. " failed", 0) end
  end})
end

local co = coroutine.wrap(function()
  local ok, err = pcall(function()
    local a <close> = closer("a")
    local b <close> = closer("b", true)
    local c <close> = closer("c")
    error("original", 0)
  end)
  return "result: " .. tostring(ok) .. " " .. tostring(err)
end)
for _ = 1, 4 do print(co()) end

-- error raised before yielding, native error in __close (no yield)
co = coroutine.wrap(function()
  local ok, err = pcall(function()
    local a <close> = closer("a")
    local b <close> = setmetatable({}, {__close = function(_, e) error("b: " .. e, 0) end})
    local c <close> = setmetatable({}, {__close = function(_, e) return nil + e end})
    error("first", 0)
  end)
  return "result: " .. tostring(ok) .. " " .. tostring(err)
end)
print(co())
print((co():gsub("^result: false .-:(%d+):", "result: false line %1:")))

-- xpcall: the handler sees the original error and the errors of the __close functions
co = coroutine.wrap(function()
  local ok, err = xpcall(function()
    local a <close> = closer("a", true)
    local b <close> = closer("b")
    error("orig", 0)
  end, function(m) return "H(" .. tostring(m) .. ")" end)
  return "result: " .. tostring(ok) .. " " .. tostring(err)
end)
print(co())
print(co())
print(co())

-- the __close function itself is coroutine.yield
co = coroutine.create(function()
  local ok, err = pcall(function()
    local a <close> = setmetatable({}, {__close = coroutine.yield})
    error("E", 0)
  end)
  return ok, err
end)
local ok, v1, v2 = coroutine.resume(co)
print(ok, type(v1), v2)
print(coroutine.resume(co))

-- a non-yieldable pcall (inside a metamethod called from C: table.sort's comparator here is
-- not yieldable): the yield error replaces the error
co = coroutine.wrap(function()
  local r
  table.sort({3, 2, 1}, function(x, y)
    if not r then
      r = {pcall(function()
        local a <close> = setmetatable({}, {__close = function() coroutine.yield("no") end})
        error("inner", 0)
      end)}
    end
    return x < y
  end)
  return table.unpack(r)
end)
print(co())

-- coroutine.close: a yield in __close is a yield across a C-call boundary
co = coroutine.create(function()
  local x <close> = setmetatable({}, {__close = function()
    print("closing x")
    coroutine.yield("y")
    print("not reached")
  end})
  local y <close> = setmetatable({}, {__close = function(_, e) print("closing y", e) end})
  coroutine.yield(1)
end)
print(coroutine.resume(co))
print(coroutine.close(co))
print(coroutine.status(co))

--> c sees original
--> b sees original
--> a sees b failed
--> result: false b failed
--> a sees b: tests/lua/tbc/yield_in_close_errors.lua:26: attempt to add a 'nil' with a 'string'
--> result: false line 26: attempt to add a 'nil' with a 'string'
--> b sees H(orig)
--> a sees H(orig)
--> result: false H(a failed)
--> true	table	E
--> true	false	E
--> false	attempt to yield across a C-call boundary
--> true	1
--> closing y	nil
--> closing x
--> false	attempt to yield across a C-call boundary
--> dead
