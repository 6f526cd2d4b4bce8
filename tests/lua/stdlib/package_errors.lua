-- require/searchers/searchpath error messages: every path tried, loader errors, custom
-- searchers, preload, the C searchers finding a file (the dlopen text after "\n\t" is
-- lua5.4's own, so only the first line is compared).
local function t(f, ...)
  local r = table.pack(pcall(f, ...))
  for i = 1, r.n do r[i] = type(r[i]) == "string" and r[i] or (type(r[i]) == "table" and "table" or tostring(r[i])) end
  print(table.concat(r, " ", 1, r.n))
end
local F = "tests/lua/stdlib/fixtures/"
package.path = F .. "?.mod;" .. F .. "pkgdir/?/init.mod;/nonexistent/?.lua"
package.cpath = F .. "?.txt;/nonexistent/?.so"
t(require, "nomod") t(require, "a.b.c") t(require, "pkg_error") t(require, "pkg_syntax")
--> false module 'nomod' not found:
--> 	no field package.preload['nomod']
--> 	no file 'tests/lua/stdlib/fixtures/nomod.mod'
--> 	no file 'tests/lua/stdlib/fixtures/pkgdir/nomod/init.mod'
--> 	no file '/nonexistent/nomod.lua'
--> 	no file 'tests/lua/stdlib/fixtures/nomod.txt'
--> 	no file '/nonexistent/nomod.so'
--> false module 'a.b.c' not found:
--> 	no field package.preload['a.b.c']
--> 	no file 'tests/lua/stdlib/fixtures/a/b/c.mod'
--> 	no file 'tests/lua/stdlib/fixtures/pkgdir/a/b/c/init.mod'
--> 	no file '/nonexistent/a/b/c.lua'
--> 	no file 'tests/lua/stdlib/fixtures/a/b/c.txt'
--> 	no file '/nonexistent/a/b/c.so'
--> 	no file 'tests/lua/stdlib/fixtures/a.txt'
--> 	no file '/nonexistent/a.so'
--> false tests/lua/stdlib/fixtures/pkg_error.mod:2: failure inside module
--> false error loading module 'pkg_syntax' from file 'tests/lua/stdlib/fixtures/pkg_syntax.mod':
--> 	tests/lua/stdlib/fixtures/pkg_syntax.mod:2: unexpected symbol near '='
-- the C searcher and the all-in-one (Croot) searcher find notalib.txt
local ok, msg = pcall(require, "notalib") print(ok, (msg:match("^[^\n]*\n\t")))
--> false	error loading module 'notalib' from file 'tests/lua/stdlib/fixtures/notalib.txt':
--> 	
ok, msg = pcall(require, "notalib.sub") print(ok, (msg:match("^[^\n]*\n\t")))
--> false	error loading module 'notalib.sub' from file 'tests/lua/stdlib/fixtures/notalib.txt':
--> 	
print(select("#", package.loadlib(F .. "notalib.txt", "*")), (package.loadlib(F .. "notalib.txt", "*")))
--> 3	nil
t(package.searchpath, "pkg_mod", package.path) t(package.searchpath, "x.y", "./?.lua;?.luac") t(package.searchpath, "x.y", "./?.lua", ".", "/")
--> true tests/lua/stdlib/fixtures/pkg_mod.mod
--> true nil no file './x/y.lua'
--> 	no file 'x/y.luac'
--> true nil no file './x/y.lua'
t(package.searchpath, "x.y", "./?.lua", "", "/") t(package.searchpath, "x", "") t(package.searchpath, "x", ";;") t(package.searchpath, "a.b", "?;?", "b", "%")
--> true nil no file './x.y.lua'
--> true nil no file ''
--> true nil no file ''
--> 	no file ''
--> 	no file ''
--> true nil no file 'a.%'
--> 	no file 'a.%'
t(package.searchpath) t(package.searchpath, "x") t(package.searchpath, "x", 1) t(package.searchpath, "x", "?", {}) t(package.loadlib)
--> false bad argument #2 to 'package.searchpath' (string expected, got no value)
--> false bad argument #2 to 'package.searchpath' (string expected, got no value)
--> true nil no file '1'
--> false bad argument #3 to 'package.searchpath' (string expected, got table)
--> false bad argument #1 to 'package.loadlib' (string expected, got no value)
print(package.config) print(#package.searchers, type(package.preload), package.loaded.string == string, package.loaded._G == _G)
--> /
--> ;
--> ?
--> !
--> -
-->
--> 4	table	true	true
package.preload.pre = function(...) print("preload", ...) return "P" end t(require, "pre") t(require, "pre")
--> preload	pre	:preload:
--> true P :preload:
--> true P
local saved = package.searchers
package.searchers = nil t(require, "zzz") package.searchers = {} t(require, "zzz")
--> false 'package.searchers' must be a table
--> false module 'zzz' not found:
package.searchers = {function(n) return "\n\tcustom " .. n end, function(n) return 42 end, function(n) return nil end} t(require, "zzz")
--> false module 'zzz' not found:
--> 	
--> 	custom zzz
--> 	42
package.searchers = {function(n) return function(...) print("loader", ...) end, ":data:" end} t(require, "yy") print(package.loaded.yy)
--> loader	yy	:data:
--> true true :data:
--> true
package.searchers = {function(n) return function(...) return false end end} t(require, "ff") print(package.loaded.ff)
--> true false nil
--> false
package.searchers = {function(n) error("searcher failed") end} t(require, "ee")
--> false tests/lua/stdlib/package_errors.lua:88: searcher failed
package.searchers = saved
package.path = 5 t(require, "qq")
--> false module 'qq' not found:
--> 	no field package.preload['qq']
--> 	no file '5'
--> 	no file 'tests/lua/stdlib/fixtures/qq.txt'
--> 	no file '/nonexistent/qq.so'
package.path = F .. "?.mod"
package.cpath = nil t(require, "qq")
--> false 'package.cpath' must be a string
t(require) t(require, {}) t(require, 1)
--> false bad argument #1 to 'require' (string expected, got no value)
--> false bad argument #1 to 'require' (string expected, got table)
--> false 'package.cpath' must be a string
