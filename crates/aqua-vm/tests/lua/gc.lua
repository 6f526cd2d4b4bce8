local weak = setmetatable({}, {__mode = "k"})
local wv = setmetatable({}, {__mode = "v"})
do
  local k1 = {}
  weak[k1] = "a"
  weak[{}] = "b"
  wv[1] = {}
  wv[2] = k1
  wv.s = "str"
  collectgarbage()
  local n = 0
  for k, v in pairs(weak) do n = n + 1 end
  print("weak keys alive", n, wv[1], wv[2] == k1, wv.s)
end
collectgarbage()
local n = 0
for k, v in pairs(weak) do n = n + 1 end
print("after scope", n, wv[2])
local order = {}
for i = 1, 3 do
  setmetatable({}, {__gc = function() order[#order + 1] = i end})
end
collectgarbage()
print(#order, order[1] + order[2] + order[3])
local res
do
  local x = setmetatable({name = "res"}, {__gc = function(o) res = o end})
end
collectgarbage()
print(res and res.name)
-- ephemeron: value refers to key
local eph = setmetatable({}, {__mode = "k"})
do
  local key = {}
  eph[key] = {ref = key}
end
collectgarbage()
local c = 0
for k in pairs(eph) do c = c + 1 end
print("ephemeron", c)
local big = {}
for i = 1, 10000 do big[i] = {i} end
print(collectgarbage("count") > 100)
big = nil
collectgarbage()
print(collectgarbage("count") < 1000)
print(collectgarbage("isrunning"), collectgarbage("stop"), collectgarbage("isrunning"), collectgarbage("restart"))
print(collectgarbage("incremental"), collectgarbage("generational"), collectgarbage("incremental"))
print(collectgarbage("step"))
local t = {}
for i = 1, 100 do t[i] = tostring(i) .. "x" end
for k, v in pairs(t) do t[k] = nil end
print(next(t))
local s = {}
for i = 1, 20 do s[i] = i end
for k in pairs(s) do s[k] = nil; collectgarbage() end
print(next(s))
-- a finalizer run at the safe point after a multi-result native must not disturb the pending
-- result count (under gc-stress this collects right there)
do setmetatable({}, {__gc = function() end}) end
print(select(2, "a", "b", "c"))
