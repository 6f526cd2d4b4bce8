-- Nested blocks and functions close innermost first; closing happens exactly once.
local log = {}
local function closer(name)
  return setmetatable({}, {__close = function() log[#log + 1] = name end})
end
local function inner()
  local c <close> = closer("inner")
  error("e")
end
do
  local a <close> = closer("outer1")
  do
    local b <close> = closer("middle")
    pcall(inner)
  end
  local d <close> = closer("outer2")
end
for i = 1, #log do print(i, log[i]) end
--> 1	inner
--> 2	middle
--> 3	outer2
--> 4	outer1
