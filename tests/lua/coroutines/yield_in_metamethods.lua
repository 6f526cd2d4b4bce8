-- Metamethods written in Lua may yield (__index, __add, __lt, __concat, __eq, __call, __newindex).
local mt = {
  __index = function(t, k) return coroutine.yield("index " .. k) end,
  __newindex = function(t, k, v) rawset(t, k, coroutine.yield("newindex " .. k)) end,
  __add = function(a, b) return coroutine.yield("add") end,
  __lt = function(a, b) return coroutine.yield("lt") end,
  __le = function(a, b) return coroutine.yield("le") end,
  __concat = function(a, b) return coroutine.yield("concat") end,
  __eq = function(a, b) return coroutine.yield("eq") end,
  __call = function(self, x) return coroutine.yield("call " .. x) end,
  __len = function() return coroutine.yield("len") end,
  __unm = function() return coroutine.yield("unm") end,
}
local co = coroutine.wrap(function()
  local t = setmetatable({}, mt)
  local u = setmetatable({}, mt)
  print("index ->", t.foo)
  t.bar = "ignored"
  print("newindex ->", rawget(t, "bar"))
  print("add ->", t + 1)
  print("lt ->", t < u)
  print("le ->", t <= u)
  print("concat ->", t .. "s")
  print("eq ->", t == u)
  print("call ->", t("arg"))
  print("len ->", #t)
  print("unm ->", -t)
  return "finished"
end)
local answers = {"FOO", "BAR", 42, false, true, "CAT", 1, "called", 7, "neg"}
local r = co()
for i = 1, #answers do
  print("yielded", r)
--> yielded	index foo
  r = co(answers[i])
--> index ->	FOO
--> yielded	newindex bar
--> newindex ->	BAR
--> yielded	add
--> add ->	42
--> yielded	lt
--> lt ->	false
--> yielded	le
--> le ->	true
--> yielded	concat
--> concat ->	CAT
--> yielded	eq
--> eq ->	true
--> yielded	call arg
--> call ->	called
--> yielded	len
--> len ->	7
--> yielded	unm
--> unm ->	neg
end
print(r)
--> finished
