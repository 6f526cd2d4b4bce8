-- An event dispatcher with listeners, varargs and error isolation via pcall.
local Emitter = {}
Emitter.__index = Emitter
function Emitter.new() return setmetatable({handlers = {}}, Emitter) end
function Emitter:on(name, f)
  local list = self.handlers[name]
  if not list then list = {}; self.handlers[name] = list end
  list[#list + 1] = f
end
function Emitter:emit(name, ...)
  local list = self.handlers[name] or {}
  local failures = 0
  for i = 1, #list do
    local ok, err = pcall(list[i], ...)
    if not ok then failures = failures + 1; print("handler failed:", err) end
  end
  return #list, failures
end
local e = Emitter.new()
local total = 0
e:on("add", function(a, b) total = total + a + b end)
e:on("add", function(a, b) if b == nil then error("missing b", 0) end end)
e:on("log", function(...) print("log:", select("#", ...), ...) end)
print(e:emit("add", 1, 2))
--> 2	0
print(e:emit("add", 5))
--> handler failed:	tests/lua/programs/event_system.lua:21: attempt to perform arithmetic on a nil value (local 'b')
--> handler failed:	missing b
--> 2	2
print(e:emit("log", "x", nil))
--> log:	2	x	nil
--> 1	0
print(e:emit("none"))
--> 0	0
print(total)
--> 3
