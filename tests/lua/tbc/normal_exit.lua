-- To-be-closed variables are closed in reverse order at the end of their block, with nil error.
local function closer(name)
  return setmetatable({}, {__close = function(self, err) print("close", name, err) end})
end
do
  local a <close> = closer("a")
  local b <close> = closer("b")
  local c <close> = nil
  local d <close> = false
  print("body")
--> body
--> close	b	nil
--> close	a	nil
end
print("after block")
--> after block
local function f()
  local x <close> = closer("x")
  return "ret"
end
print(f())
--> close	x	nil
--> ret
