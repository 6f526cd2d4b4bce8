-- The fourth value of a generic for is a to-be-closed value: closed when the loop ends.
local function iter(n)
  local closing = setmetatable({}, {__close = function() print("iterator closed", n) end})
  local i = 0
  return function()
    i = i + 1
    if i <= n then return i end
  end, nil, nil, closing
end
for i in iter(2) do print("i", i) end
--> i	1
--> i	2
--> iterator closed	2
for i in iter(5) do if i == 2 then break end print("j", i) end
--> j	1
--> iterator closed	5
print(pcall(function()
--> iterator closed	3
--> false	inside loop
  for i in iter(3) do error("inside loop", 0) end
end))
local function ret()
  for i in iter(4) do if i == 3 then return "returned" end end
end
print(ret())
--> iterator closed	4
--> returned
