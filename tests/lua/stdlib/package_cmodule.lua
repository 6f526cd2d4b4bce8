-- package: C modules cannot be loaded by aqua (lua5.4 behaves the same for a file that is not
-- a shared library). loadlib reports failure with three results.
local F = "tests/lua/stdlib/fixtures/"
package.path = F .. "?.mod"
package.cpath = F .. "?.txt"
local r = table.pack(package.loadlib(F .. "notalib.txt", "luaopen_x"))
print(r.n, r[1], type(r[2]), type(r[3]))
--> 3	nil	string	string
print(pcall(package.loadlib))
--> false	bad argument #1 to 'package.loadlib' (string expected, got no value)
-- the C searcher finds 'notalib.txt'; the module is not loaded
local ok, msg = pcall(require, "notalib")
print(ok, type(msg))
--> false	string
print(package.loaded.notalib)
--> nil
