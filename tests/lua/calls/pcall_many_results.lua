-- pcall, xpcall, coroutine.resume and select pass long result lists through.
local function many(n) if n == 0 then return end return n, many(n - 1) end
local function count(...) return select("#", ...) end
print(count(pcall(many, 250)), count(xpcall(many, print, 200)))
--> 251	201
print(count(coroutine.resume(coroutine.create(many), 230)))
--> 231
print(select(-1, pcall(many, 100)))
--> 1
local co = coroutine.wrap(function(...) local n = select("#", ...); coroutine.yield(many(n)); return ... end)
print(count(co(many(150))), count(co()))
--> 150	150
