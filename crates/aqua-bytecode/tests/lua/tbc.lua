local function closer(name)
  return setmetatable({}, {__close = function() print("close", name) end})
end
do
  local a <close> = closer("a")
  local b <close> = closer("b")
end
local function f()
  local c <close> = closer("c")
  return 1, 2, 3
end
for k, v in pairs({1, 2}), nil, nil, closer("iter") do end
local function g(...)
  local d <close> = closer("d")
  return f()
end
return g(1, 2)
