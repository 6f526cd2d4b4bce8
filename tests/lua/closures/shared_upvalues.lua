-- Closures created in the same scope share the same upvalue (not copies).
local function pair()
  local v = 0
  local function get() return v end
  local function set(x) v = x end
  return get, set
end
local get, set = pair()
set(42)
print(get())
--> 42
local get2, set2 = pair()
set2(7)
print(get(), get2())
--> 42	7
-- an upvalue shared between a closure and the still-running function
local x = 1
local function inc() x = x + 1 end
inc(); inc()
print(x)
--> 3
