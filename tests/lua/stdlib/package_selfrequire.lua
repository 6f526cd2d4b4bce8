-- A module that requires itself, and files/strings loaded deep in nested calls: lua5.4 counts the
-- parser's nesting together with the C calls in progress, so loading fails with
-- "C stack overflow" inside the loader (wrapped by require as "error loading module").
local F = "tests/lua/stdlib/fixtures/"
package.path = F .. "?.mod"
print(pcall(require, "pkg_self"))
--> true	1	tests/lua/stdlib/fixtures/pkg_self.mod
print(depth, error_depth)
--> 96	96
print(first_error)
--> error loading module 'pkg_self' from file 'tests/lua/stdlib/fixtures/pkg_self.mod':
--> 	C stack overflow
-- files nested 193..197 parentheses deep, loaded from the main chunk and one pcall deeper
local names = {}
for n = 193, 197 do
  local name = os.tmpname()
  local f = assert(io.open(name, "w"))
  f:write("return " .. ("("):rep(n) .. n .. (")"):rep(n) .. "\n")
  f:close()
  names[n] = name
  -- (not called unprotected beyond 195: lua5.4 then runs the error handler of lua.c on the
  -- parser's "C stack overflow", which appends a traceback to loadfile's message)
  if n <= 195 then
    local fn, err = loadfile(name)
    print(n, "loadfile", fn and fn() or err)
--> 193	loadfile	193
  end
  print(n, "pcall loadfile", select(2, pcall(loadfile, name)) and "function" or "fails")
--> 193	pcall loadfile	function
  local src = "return " .. ("("):rep(n) .. n .. (")"):rep(n)
  if n <= 195 then print(n, "load", load(src)()) end
--> 193	load	193
  local function res(ok, f, msg) return ok, type(f), msg end
  print(n, "pcall load", res(pcall(load, src)))
--> 193	pcall load	true	function	nil
  local parts = {src}
  print(n, "load reader", res(pcall(load, function() return table.remove(parts) end)))
--> 193	load reader	true	function	nil
  print(n, "load in coroutine", coroutine.wrap(function() return res(pcall(load, src)) end)())
--> 193	load in coroutine	true	function	nil
  print(n, "dofile", pcall(dofile, name))
--> 193	dofile	true	193
  print(n, "pcall pcall dofile", pcall(pcall, dofile, name))
--> 193	pcall pcall dofile	true	true	193
--> 194	loadfile	194
--> 194	pcall loadfile	function
--> 194	load	194
--> 194	pcall load	true	function	nil
--> 194	load reader	true	function	nil
--> 194	load in coroutine	true	nil	C stack overflow
--> 194	dofile	true	194
--> 194	pcall pcall dofile	true	false	C stack overflow
--> 195	loadfile	195
--> 195	pcall loadfile	fails
--> 195	load	195
--> 195	pcall load	true	nil	C stack overflow
--> 195	load reader	true	nil	C stack overflow
--> 195	load in coroutine	true	nil	C stack overflow
--> 195	dofile	false	C stack overflow
--> 195	pcall pcall dofile	true	false	C stack overflow
--> 196	pcall loadfile	fails
--> 196	pcall load	true	nil	C stack overflow
--> 196	load reader	true	nil	C stack overflow
--> 196	load in coroutine	true	nil	C stack overflow
--> 196	dofile	false	C stack overflow
--> 196	pcall pcall dofile	true	false	C stack overflow
--> 197	pcall loadfile	fails
--> 197	pcall load	true	nil	C stack overflow
--> 197	load reader	true	nil	C stack overflow
--> 197	load in coroutine	true	nil	C stack overflow
--> 197	dofile	false	C stack overflow
--> 197	pcall pcall dofile	true	false	C stack overflow
end
package.path = "/tmp/?"
for n = 193, 197 do
  local r = table.pack(pcall(require, names[n]:match("[^/]*$")))
  print(n, "require", r[1], r[1] and r[2] or (r[2]:gsub("lua_%w+", "NAME")))
--> 193	require	true	193
--> 194	require	false	error loading module 'NAME' from file '/tmp/NAME':
--> 	C stack overflow
--> 195	require	false	error loading module 'NAME' from file '/tmp/NAME':
--> 	C stack overflow
--> 196	require	false	error loading module 'NAME' from file '/tmp/NAME':
--> 	C stack overflow
--> 197	require	false	error loading module 'NAME' from file '/tmp/NAME':
--> 	C stack overflow
  os.remove(names[n])
end
