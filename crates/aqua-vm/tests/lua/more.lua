-- xpcall: errors inside the handler go to the handler again
local depth = 0
print(xpcall(function() error("a") end, function(m) depth = depth + 1; if depth < 5 then error("again") end; return "d" .. depth end))
print(xpcall(function() error("a") end, function(m) error("always") end))
-- wrap closes pending tbc variables on error
local log = {}
local w = coroutine.wrap(function()
  local x <close> = setmetatable({}, {__close = function(_, e) log[#log + 1] = "closed x: " .. tostring(e) end})
  coroutine.yield(1)
  error("boom", 0)
end)
print(w())
print(pcall(w))
print(log[1])
-- close: every __close runs, the last error wins
local co = coroutine.create(function()
  local a <close> = setmetatable({}, {__close = function(_, e) print("close a", e) end})
  local b <close> = setmetatable({}, {__close = function(_, e) error("berr", 0) end})
  coroutine.yield()
end)
coroutine.resume(co)
print(coroutine.close(co))
print(coroutine.close(co), coroutine.status(co))
-- normal block exit with a failing __close: remaining ones still run
print(pcall(function()
  local a <close> = setmetatable({}, {__close = function(_, e) print("a sees", e) end})
  local b <close> = setmetatable({}, {__close = function() error("from b", 0) end})
  return 1
end))
print(pcall(next, {}, 1.0))
print(pcall(function() return "10" + 1, "3" * "4", 10 // 3 end))
