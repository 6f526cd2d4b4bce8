-- The level argument chooses which function's position is added to the message.
local function lvl1() error("level 1", 1) end
local function lvl2() error("level 2", 2) end
local function lvl3() error("level 3", 3) end
local function call2() lvl2() end
local function call3() lvl3() end
local function call3b() call3() end
print(pcall(lvl1))
--> false	tests/lua/errors/error_levels.lua:2: level 1
print(pcall(call2))
--> false	tests/lua/errors/error_levels.lua:5: level 2
print(pcall(call3b))
--> false	tests/lua/errors/error_levels.lua:7: level 3
local function check(x)
  if type(x) ~= "number" then error("expected a number, got " .. type(x), 2) end
  return x
end
local function user() return check("str") end
print(pcall(user))
--> false	expected a number, got string
print(pcall(function() error("level 50", 50) end))
--> false	level 50
