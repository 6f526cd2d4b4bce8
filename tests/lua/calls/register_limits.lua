-- Calls with many arguments and expressions needing many registers.
local function count(...) return select("#", ...) end
local function args(n)
  local s = ""
  for i = 1, n do s = s .. i .. (i < n and ", " or "") end
  return s
end
print(load("local count = ... return count(" .. args(200) .. ")")(count))
--> 200
print(load("return {" .. args(250) .. "}")()[250])
--> 250
print(load("local count = ... return count(" .. args(300) .. ")"))
--> nil	[string "local count = ... return count(1, 2, 3, 4, 5,..."]:1: function or expression needs too many registers near '254'
local f, e = load("return " .. args(300))
print(f, e)
--> nil	[string "return 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,..."]:1: function or expression needs too many registers near '256'
local big = load("return " .. args(240))
print(count(big()))
--> 240
