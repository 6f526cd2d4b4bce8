-- _ENV is an ordinary upvalue/local: redefining it changes how globals resolve.
local print = print
do
  local _ENV = {x = "from local env"}
  print(x)
--> from local env
  y = "stored"
  print(y, _ENV.y)
--> stored	stored
end
print(y)
--> nil
local function with_env(_ENV) return a + b end
print(with_env({a = 1, b = 2}))
--> 3
local function getglobal(name) return _ENV[name] end
print(getglobal("print") == print)
--> true
print(_ENV == _G)
--> true
