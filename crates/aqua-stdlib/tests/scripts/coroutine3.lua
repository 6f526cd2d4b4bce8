-- yields from many metamethods
local Y = coroutine.yield
local mt = {
  __index = function(t, k) return Y("index " .. k) end,
  __newindex = function(t, k, v) Y("newindex " .. k) rawset(t, k, v) end,
  __lt = function(a, b) return Y("lt") end,
  __le = function(a, b) return Y("le") end,
  __eq = function(a, b) return Y("eq") end,
  __concat = function(a, b) return Y("concat") end,
  __len = function(a) return Y("len") end,
  __call = function(self, x) return Y("call " .. x) end,
  __unm = function(a) return Y("unm") end,
  __add = function(a, b) return Y("add") end,
  __close = function() Y("close") end,
}
local a, b = setmetatable({}, mt), setmetatable({}, mt)
local co = coroutine.wrap(function()
  local r = {}
  r[#r+1] = a.foo
  a.bar = 5
  r[#r+1] = tostring(a < b)
  r[#r+1] = tostring(a <= b)
  r[#r+1] = tostring(a == b)
  r[#r+1] = a .. "x"
  r[#r+1] = #a
  r[#r+1] = a(7)
  r[#r+1] = -a
  r[#r+1] = a + 1

  for i = 1, #r do r[i] = tostring(r[i]) end
  return "results", r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9]
end)
local v = co()
local n = 0
while v ~= "results" do
  n = n + 1
  print("yielded", v)
  v = co(n)
end
-- producer / consumer
local function producer() return coroutine.create(function() for i = 1, 3 do coroutine.yield("item" .. i) end return nil end) end
local p = producer()
while true do local ok, item = coroutine.resume(p); if not item then break end; print(ok, item) end
-- coroutine errors through pcall inside another coroutine
local outer = coroutine.wrap(function()
  local inner = coroutine.wrap(function() error({code = 7}) end)
  local ok, e = pcall(inner)
  coroutine.yield(ok, type(e), e.code)
  return "outer done"
end)
print(outer()); print(outer())
-- varargs through yield
local vco = coroutine.wrap(function(...) local n = select('#', ...); local x = {coroutine.yield(n, ...)}; return #x, ... end)
print(vco(1, nil, 3)); print(vco("a", "b"))
-- many coroutines and gc
local cos = {}
for i = 1, 200 do cos[i] = coroutine.create(function(x) coroutine.yield(x * 2); return x * 3 end) end
local s = 0
for i = 1, 200 do local _, v = coroutine.resume(cos[i], i); s = s + v end
collectgarbage()
for i = 1, 200, 2 do local _, v = coroutine.resume(cos[i]); s = s + v end
cos = nil; collectgarbage()
print(s)
-- generic for with coroutine iterator and break (tbc not involved)
for i in coroutine.wrap(function() for i = 1, 10 do coroutine.yield(i) end end) do if i > 3 then break end print("it", i) end
-- tbc inside coroutine closed on normal return
local tco = coroutine.wrap(function() local x <close> = setmetatable({}, {__close = function(_, e) print("closing x", e) end}); coroutine.yield(1); return 2 end)
print(tco()); print(tco())
-- error in __close during coroutine error
local eco = coroutine.create(function() local x <close> = setmetatable({}, {__close = function(_, e) print("close got", e); error("close err", 0) end}); error("body err", 0) end)
print(coroutine.resume(eco))
print(coroutine.status(eco))
