-- package library and require: searchers, paths, loaded/preload, messages
local F = "tests/lua/stdlib/fixtures/"
print(package.config == "/\n;\n?\n!\n-\n", #package.searchers, type(package.searchpath))
--> true	4	function
print(package.loaded == debug and "?" or package.loaded._G == _G, package.loaded.package == package)
--> true	true
print(package.loaded.string == string, package.loaded.io == io, package.loaded.os == os)
--> true	true	true
print(type(package.preload), type(package.path), type(package.cpath))
--> table	string	string

package.path = F .. "?.mod;" .. F .. "?/init.mod"
package.cpath = F .. "?.so"

-- a Lua module: arguments, two results, caching
local m, file = require("pkg_mod")
print(m.name, m.file, m.answer, file)
--> pkg_mod	tests/lua/stdlib/fixtures/pkg_mod.mod	42	tests/lua/stdlib/fixtures/pkg_mod.mod
local m2, file2 = require("pkg_mod")
print(m2 == m, file2, pkg_mod_loads, select("#", require("pkg_mod")))
--> true	nil	1	1
print(package.loaded.pkg_mod == m)
--> true
-- no return value: true; module storing package.loaded itself
print(require("pkg_noreturn"), pkg_noreturn_ran)
--> true	pkg_noreturn
print(package.loaded.pkg_noreturn)
--> true
print(require("pkg_setsloaded"))
--> set by module	tests/lua/stdlib/fixtures/pkg_setsloaded.mod
print(require("pkg_false"), package.loaded.pkg_false)
--> false	false
-- init.lua and dotted names
print(require("pkgdir"))
--> pkgdir init: pkgdir	tests/lua/stdlib/fixtures/pkgdir/init.mod
local sub, subfile = require("pkgdir.sub")
print(sub[1], sub[2], subfile)
--> pkgdir.sub	tests/lua/stdlib/fixtures/pkgdir/sub.mod	tests/lua/stdlib/fixtures/pkgdir/sub.mod
-- errors while loading
print(pcall(require, "pkg_error"))
--> false	tests/lua/stdlib/fixtures/pkg_error.mod:2: failure inside module
print(package.loaded.pkg_error)
--> nil
print(pcall(require, "pkg_syntax"))
--> false	error loading module 'pkg_syntax' from file 'tests/lua/stdlib/fixtures/pkg_syntax.mod':
--> 	tests/lua/stdlib/fixtures/pkg_syntax.mod:2: unexpected symbol near '='
-- not found: preload, Lua and C searchers in order
print(pcall(require, "no_such_module"))
--> false	module 'no_such_module' not found:
--> 	no field package.preload['no_such_module']
--> 	no file 'tests/lua/stdlib/fixtures/no_such_module.mod'
--> 	no file 'tests/lua/stdlib/fixtures/no_such_module/init.mod'
--> 	no file 'tests/lua/stdlib/fixtures/no_such_module.so'
print(pcall(require, "no.such.module"))
--> false	module 'no.such.module' not found:
--> 	no field package.preload['no.such.module']
--> 	no file 'tests/lua/stdlib/fixtures/no/such/module.mod'
--> 	no file 'tests/lua/stdlib/fixtures/no/such/module/init.mod'
--> 	no file 'tests/lua/stdlib/fixtures/no/such/module.so'
--> 	no file 'tests/lua/stdlib/fixtures/no.so'
-- preload
package.preload.virtual = function(...) print("preload loader", ...) return {v = 1} end
local v, extra = require("virtual")
--> preload loader	virtual	:preload:
print(v.v, extra)
--> 1	:preload:
print(require("virtual") == v)
--> true
-- searchpath
print(package.searchpath("pkg_mod", package.path))
--> tests/lua/stdlib/fixtures/pkg_mod.mod
print(package.searchpath("pkgdir.sub", package.path))
--> tests/lua/stdlib/fixtures/pkgdir/sub.mod
print(package.searchpath("nope", "a/?.mod;;b/?/x.mod"))
--> nil	no file 'a/nope.mod'
--> 	no file ''
--> 	no file 'b/nope/x.mod'
print(package.searchpath("a.b.c", "?;?.x", ".", "_"))
--> nil	no file 'a_b_c'
--> 	no file 'a_b_c.x'
print(package.searchpath("a-b", "?", "-", "+"))
--> nil	no file 'a+b'
print(package.searchpath("a.b", "?", ""))
--> nil	no file 'a.b'
print(pcall(package.searchpath))
--> false	bad argument #2 to 'package.searchpath' (string expected, got no value)
print(pcall(package.searchpath, "x"))
--> false	bad argument #2 to 'package.searchpath' (string expected, got no value)
print(pcall(package.searchpath, {}, "x"))
--> false	bad argument #1 to 'package.searchpath' (string expected, got table)
print(pcall(package.searchpath, "x", "y", {}))
--> false	bad argument #3 to 'package.searchpath' (string expected, got table)
-- argument checks and broken configuration
print(pcall(require))
--> false	bad argument #1 to 'require' (string expected, got no value)
print(pcall(require, {}))
--> false	bad argument #1 to 'require' (string expected, got table)
local saved = package.searchers
package.searchers = nil
print(pcall(require, "zzz"))
--> false	'package.searchers' must be a table
package.searchers = {function(n) return "custom message for " .. n end, function() return nil end,
  function(n) return 42 end}
print(pcall(require, "zzz"))
--> false	module 'zzz' not found:
--> 	custom message for zzz
--> 	42
package.searchers = {function(n) return function(...) return select("#", ...), ... end, "data!" end}
print(require("zzz"))
--> 2	data!
package.searchers = saved
package.path = 1
print(pcall(require, "yyy"))
--> false	module 'yyy' not found:
--> 	no field package.preload['yyy']
--> 	no file '1'
--> 	no file 'tests/lua/stdlib/fixtures/yyy.so'
package.path = F .. "?.mod"
package.cpath = {}
print(pcall(require, "yyy"))
--> false	'package.cpath' must be a string
-- number names are converted
package.preload["12"] = function(n) return "twelve " .. type(n) end
print(require(12))
--> twelve string	:preload:
