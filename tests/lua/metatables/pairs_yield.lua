-- pairs calls __pairs yieldably (luaB_pairs uses lua_callk) and adjusts its results to 3.
local t = setmetatable({}, {__pairs = function (t)
  local x = coroutine.yield("in pairs")
  return function (_, k) if not k then return 1, x end end, t, nil
end})
local co = coroutine.wrap(function ()
  local res = {}
  for k, v in pairs(t) do res[#res + 1] = k .. "=" .. tostring(v) end
  return table.concat(res, ",")
end)
print(co())
--> in pairs
print(co("X"))
--> 1=X
local u = setmetatable({}, {__pairs = function () return 1 end})
print(select("#", pairs(u)), pairs(u))
--> 3	1	nil	nil
local w = setmetatable({}, {__pairs = function () return 1, 2, 3, 4, 5 end})
print(select("#", pairs(w)), pairs(w))
--> 3	1	2	3
print(pcall(pairs, setmetatable({}, {__pairs = function () error("oops") end})))
--> false	tests/lua/metatables/pairs_yield.lua:21: oops
print(pcall(pairs))
--> false	bad argument #1 to 'pairs' (value expected)
