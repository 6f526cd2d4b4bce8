-- coroutine library: every function, its error cases and wrap/close error propagation
-- t(f, ...): pcall f and print every result; references (functions, tables, threads, files)
-- print as their type, strings quoted, so the output has no addresses.
local function show(v)
  local tv = type(v)
  if tv == "string" then return (string.format("%q", v):gsub("\n", "n")) end
  if tv == "function" or tv == "table" or tv == "thread" or tv == "userdata" then return tv end
  return tostring(v)
end
local function t(f, ...)
  local r = table.pack(pcall(f, ...))
  for i = 1, r.n do r[i] = show(r[i]) end
  print(table.concat(r, " ", 1, r.n))
end
local C = coroutine
t(C.create, 1) t(C.resume, 1) t(C.status, nil) t(C.wrap, nil) t(C.close, 1) t(C.isyieldable, 1) t(C.running) t(C.yield, 1)
--> false "bad argument #1 to 'coroutine.create' (function expected, got number)"
--> false "bad argument #1 to 'coroutine.resume' (thread expected, got number)"
--> false "bad argument #1 to 'coroutine.status' (thread expected, got nil)"
--> false "bad argument #1 to 'coroutine.wrap' (function expected, got nil)"
--> false "bad argument #1 to 'coroutine.close' (thread expected, got number)"
--> false "bad argument #1 to 'coroutine.isyieldable' (thread expected, got number)"
--> true thread true
--> false "attempt to yield from outside a coroutine"
local co = C.create(function(a, b) local c = C.yield(a + b) local d, e = C.yield(c * 2) return d + e end)
t(C.resume, co, 1, 2) t(C.status, co) t(C.resume, co, 10) t(C.resume, co, 3, 4) t(C.status, co) t(C.resume, co) t(C.close, co) t(C.status, co)
--> true true 3
--> true "suspended"
--> true true 20
--> true true 7
--> true "dead"
--> true false "cannot resume dead coroutine"
--> true true
--> true "dead"
local co2 = C.create(function() error("boom") end) t(C.resume, co2) t(C.status, co2) t(C.close, co2) t(C.close, co2) t(C.resume, co2)
--> true false "tests/lua/stdlib/coroutine_lib.lua:35: boom"
--> true "dead"
--> true false "tests/lua/stdlib/coroutine_lib.lua:35: boom"
--> true true
--> true false "cannot resume dead coroutine"
local co3 = C.create(function() error({}) end) t(C.resume, co3) t(C.close, co3)
--> true false table
--> true false table
local w = C.wrap(function() C.yield(1) error("werr") end) t(w) t(w) t(w)
--> true 1
--> false "tests/lua/stdlib/coroutine_lib.lua:44: werr"
--> false "cannot resume dead coroutine"
local w2 = C.wrap(function() return 1 end) t(w2) t(w2)
--> true 1
--> false "cannot resume dead coroutine"
local w3 = C.wrap(function() error(setmetatable({}, {__tostring = function() return "TS" end})) end) t(w3)
--> false table
local w4 = C.wrap(function() local x = nil; return x.f end) t(w4)
--> false "tests/lua/stdlib/coroutine_lib.lua:53: attempt to index a nil value (local 'x')"
t(C.resume, C.running()) print(C.isyieldable(), select(2, C.running()))
--> true false "cannot resume non-suspended coroutine"
--> false	true
local co4 = C.create(function() print(C.isyieldable(), select(2, C.running()), C.status(C.running())) t(C.resume, C.running()) t(C.close, C.running()) end) C.resume(co4)
--> true	false	running
--> true false "cannot resume non-suspended coroutine"
--> false "cannot close a running coroutine"
local outer outer = C.create(function() local inner = C.create(function() print(C.status(outer)) end) C.resume(inner) end) C.resume(outer)
--> normal
local co5 = C.create(function() local x <close> = setmetatable({}, {__close = function() print("closed") end}) C.yield() end) C.resume(co5) t(C.close, co5) t(C.status, co5)
--> closed
--> true true
--> true "dead"
local co6 = C.create(function() local x <close> = setmetatable({}, {__close = function() error("cerr") end}) C.yield() end) C.resume(co6) t(C.close, co6)
--> true false "tests/lua/stdlib/coroutine_lib.lua:68: cerr"
local co7 = C.wrap(function(...) print(select("#", ...), ...) print(C.yield()) return "done" end) co7(nil, nil) print(co7(1, nil, 3))
--> 2	nil	nil
--> 1	nil	3
--> done
t(C.wrap(function() C.yield(C.yield()) end)) 
--> true
local deep = C.wrap(function() for i = 1, 3 do C.yield(i) end end) print(deep(), deep(), deep())
--> 1	2	3
t(C.resume, C.create(function() return table.sort({3, 2, 1}, function(a, b) C.yield() return a < b end) end))
--> true false "attempt to yield across a C-call boundary"
t(C.resume, C.create(function() return string.gsub("a", "a", function() C.yield() end) end))
--> true false "attempt to yield across a C-call boundary"
t(C.resume, C.create(function() return pcall(C.yield, 1) end))
--> true true 1
print(type(C.running()), select(2, C.running()))
--> thread	true
