-- lua5.4 counts parser nesting together with the C calls active (L->nCcalls, limit 200): a
-- script run by lua.c is 2 C levels deep (pmain + the chunk's lua_pcall), a pcall or a
-- coroutine adds one, require's searcher one more. So the deepest `return ((...))` each place
-- accepts differs; one level more fails with "C stack overflow".
local function nest(n) return "return " .. string.rep("(", n) .. "1" .. string.rep(")", n) end
local function ok(f, ...) local r = f(...) return type(r) == "function" end
print("main", ok(load, nest(195)), ok(load, nest(196)))
--> main	true	false
print(select(2, load(nest(196))) == nil)
--> false
print("pcall", pcall(function() return ok(load, nest(194)), ok(load, nest(195)) end))
--> pcall	true	true	false
print("pcall(load)", select(2, pcall(load, nest(194))) ~= nil, select(3, pcall(load, nest(195))))
--> pcall(load)	true	C stack overflow
print("coroutine", coroutine.wrap(function() return ok(load, nest(194)), ok(load, nest(195)) end)())
--> coroutine	true	false
-- a reader function: same levels
local function reader(s) local done = false return function() if done then return nil end done = true return s end end
print("reader", ok(load, reader(nest(195))), ok(load, reader(nest(196))))
--> reader	true	false
-- files: loadfile and dofile parse at the caller's level, require's searcher one deeper
local name = os.tmpname()
local function write(n) local f = assert(io.open(name, "w")) f:write(nest(n)) f:close() end
write(195) print("loadfile", ok(loadfile, name)) write(196) print("loadfile", ok(loadfile, name))
--> loadfile	true
--> loadfile	false
write(195) print("dofile", pcall(dofile, name))
--> dofile	false	C stack overflow
write(196) print("dofile", pcall(dofile, name))
--> dofile	false	C stack overflow
local dir, base = name:match("^(.*)/([^/]*)$")
package.path = dir .. "/?"
write(193) print("require", (pcall(require, base)))
--> require	true
package.loaded[base] = nil
write(194) print("require", (select(2, pcall(require, base)):gsub("'[^']*'", "'X'")))
--> require	error loading module 'X' from file 'X':
--> 	C stack overflow
os.remove(name)
