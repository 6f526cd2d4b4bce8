-- A stack class with __len, __tostring, __index and error handling.
local Stack = {}
Stack.__index = Stack
Stack.__len = function(s) return s.n end
Stack.__tostring = function(s)
  local out = "Stack("
  for i = 1, s.n do out = out .. tostring(s.items[i]) .. (i < s.n and ", " or "") end
  return out .. ")"
end
function Stack.new() return setmetatable({items = {}, n = 0}, Stack) end
function Stack:push(...)
  for i = 1, select("#", ...) do
    self.n = self.n + 1
    self.items[self.n] = (select(i, ...))
  end
  return self
end
function Stack:pop()
  if self.n == 0 then error("pop from empty stack", 2) end
  local v = self.items[self.n]
  self.items[self.n] = nil
  self.n = self.n - 1
  return v
end
local s = Stack.new():push(1, 2, 3)
print(s, #s)
--> Stack(1, 2, 3)	3
print(s:pop(), s:pop(), #s)
--> 3	2	1
print(s:pop(), pcall(s.pop, s))
--> 1	false	pop from empty stack
print(pcall(function() s:pop() end))
--> false	tests/lua/programs/oop_stack.lua:32: pop from empty stack
print(tostring(s:push("a", nil, "c")))
--> Stack(a, nil, c)
