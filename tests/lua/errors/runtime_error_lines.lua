-- Error positions use the line of the failing operation in multi-line code.
local function f(t)
  local a = 1
  local b =
    t.x
    .y
  return a + b
end
print(pcall(f, {}))
--> false	tests/lua/errors/runtime_error_lines.lua:6: attempt to index a nil value (field 'x')
print(pcall(f, {x = {y = 1}}))
--> true	2
local function g(x)
  return 1 +
    x
end
print(pcall(g, nil))
--> false	tests/lua/errors/runtime_error_lines.lua:14: attempt to perform arithmetic on a nil value (local 'x')
local function h()
  local t = {}
  t
  .a
  .b = 1
end
print(pcall(h))
--> false	tests/lua/errors/runtime_error_lines.lua:23: attempt to index a nil value (field 'a')
