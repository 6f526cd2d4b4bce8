-- Method call syntax: obj:m(...) passes obj as 'self'; the object expression is evaluated once.
local evals = 0
local obj = {v = 5}
function obj:get() return self.v end
function obj.static(x) return x end
local function getobj() evals = evals + 1; return obj end
print(obj:get(), obj.get(obj), getobj():get(), evals)
--> 5	5	5	1
print(obj.static(1), obj:static() == obj)
--> 1	true
local s = {data = {inner = {v = "deep"}}}
function s.data.inner:read() return self.v end
print(s.data.inner:read())
--> deep
print(pcall(function() return obj:missing() end))
--> false	tests/lua/calls/method_calls.lua:15: attempt to call a nil value (method 'missing')
print(pcall(function() local x = 1; return x:method() end))
--> false	tests/lua/calls/method_calls.lua:17: attempt to index a number value (local 'x')
