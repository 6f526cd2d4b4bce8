-- Leaving a block by break or goto closes its to-be-closed variables.
local function closer(name)
  return setmetatable({}, {__close = function() print("close", name) end})
end
for i = 1, 3 do
  local c <close> = closer("iter" .. i)
  if i == 2 then break end
  print("body", i)
--> body	1
--> close	iter1
end
--> close	iter2
do
  local c <close> = closer("goto")
  goto out
end
::out::
--> close	goto
print("after goto")
--> after goto
while true do
  local c <close> = closer("while")
  do
    local d <close> = closer("inner")
    break
  end
end
--> close	inner
--> close	while
print("end")
--> end
