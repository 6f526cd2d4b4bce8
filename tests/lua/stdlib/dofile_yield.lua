-- dofile runs its chunk yieldably (luaB_dofile uses lua_callk): a coroutine can yield from a
-- file it is running; errors still come through with the file's position.
local file = os.tmpname()
local f = assert(io.open(file, "w"))
f:write[[
local x, z = coroutine.yield(10)
local y = coroutine.yield(20)
return x + y * z
]]
assert(f:close())
f = coroutine.wrap(dofile)
print(f(file))
--> 10
print(f(100, 101))
--> 20
print(f(20, 30))
--> 2120
local g = assert(io.open(file, "w")) g:write("error('boom')") g:close()
local ok, msg = pcall(dofile, file)
print(ok, (msg:gsub(file:gsub("%p", "%%%0"), "FILE", 1)))
--> false	FILE:1: boom
g = assert(io.open(file, "w")) g:write("return ...") g:close()
print(select("#", dofile(file)))
--> 0
os.remove(file)
