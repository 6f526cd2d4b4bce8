-- package.path / cpath from LUA_PATH_5_4, LUA_PATH, LUA_CPATH_5_4, LUA_CPATH (";;" = default),
-- and the interpreter's -l option (global require). Each case runs in a child interpreter.
-- the interpreter command: every argument before the script (arg[-1] is an option when the
-- interpreter was given some, e.g. aqua --alloc=linear)
local lo = -1
while arg[lo - 1] do lo = lo - 1 end
local INTERP = table.concat(arg, " ", lo, -1)
local function child(env, code, opts)
  local cmd = string.format("env -u LUA_PATH -u LUA_PATH_5_4 -u LUA_CPATH -u LUA_CPATH_5_4 %s %s %s -e %q 2>&1",
    env, INTERP, opts or "", code)
  local p = io.popen(cmd)
  local out = p:read("a")
  p:close()
  return (out:gsub("\n$", ""))
end
local show = "print(package.path) print(package.cpath)"
print(child("", show))
print(child("LUA_PATH='a/?.lua'", show))
print(child("LUA_PATH='a/?.lua;;'", show))
print(child("LUA_PATH=';;b/?.lua'", show))
print(child("LUA_PATH='a/?.lua;;b/?.lua' LUA_PATH_5_4='v/?.lua'", show))
print(child("LUA_PATH=';;'", "print(package.path == package.searchpath and 0 or #package.path)"))
print(child("LUA_CPATH='c/?.so;;' LUA_CPATH_5_4=';;d/?.so'", "print(package.cpath)"))
print(child("LUA_PATH='x/?.lua'", "print(package.path)", "-E"))
-- -l loads a module into a global of the same name
local F = "tests/lua/stdlib/fixtures/?.mod"
print(child("LUA_PATH='" .. F .. "'", "print(pkg_mod.name, pkg_mod.answer)", "-l pkg_mod"))
print(child("LUA_PATH='" .. F .. "'", "print(m.file)", "-l m=pkg_mod"))
print((child("LUA_PATH='" .. F .. "'", "print(1)", "-l not_there"):gsub("^[^:]*:", "PROG:")))

--> /usr/local/share/lua/5.4/?.lua;/usr/local/share/lua/5.4/?/init.lua;/usr/local/lib/lua/5.4/?.lua;/usr/local/lib/lua/5.4/?/init.lua;/usr/share/lua/5.4/?.lua;/usr/share/lua/5.4/?/init.lua;./?.lua;./?/init.lua
--> /usr/local/lib/lua/5.4/?.so;/usr/lib/x86_64-linux-gnu/lua/5.4/?.so;/usr/lib/lua/5.4/?.so;/usr/local/lib/lua/5.4/loadall.so;./?.so
--> a/?.lua
--> /usr/local/lib/lua/5.4/?.so;/usr/lib/x86_64-linux-gnu/lua/5.4/?.so;/usr/lib/lua/5.4/?.so;/usr/local/lib/lua/5.4/loadall.so;./?.so
--> a/?.lua;/usr/local/share/lua/5.4/?.lua;/usr/local/share/lua/5.4/?/init.lua;/usr/local/lib/lua/5.4/?.lua;/usr/local/lib/lua/5.4/?/init.lua;/usr/share/lua/5.4/?.lua;/usr/share/lua/5.4/?/init.lua;./?.lua;./?/init.lua
--> /usr/local/lib/lua/5.4/?.so;/usr/lib/x86_64-linux-gnu/lua/5.4/?.so;/usr/lib/lua/5.4/?.so;/usr/local/lib/lua/5.4/loadall.so;./?.so
--> /usr/local/share/lua/5.4/?.lua;/usr/local/share/lua/5.4/?/init.lua;/usr/local/lib/lua/5.4/?.lua;/usr/local/lib/lua/5.4/?/init.lua;/usr/share/lua/5.4/?.lua;/usr/share/lua/5.4/?/init.lua;./?.lua;./?/init.lua;b/?.lua
--> /usr/local/lib/lua/5.4/?.so;/usr/lib/x86_64-linux-gnu/lua/5.4/?.so;/usr/lib/lua/5.4/?.so;/usr/local/lib/lua/5.4/loadall.so;./?.so
--> v/?.lua
--> /usr/local/lib/lua/5.4/?.so;/usr/lib/x86_64-linux-gnu/lua/5.4/?.so;/usr/lib/lua/5.4/?.so;/usr/local/lib/lua/5.4/loadall.so;./?.so
--> 205
--> /usr/local/lib/lua/5.4/?.so;/usr/lib/x86_64-linux-gnu/lua/5.4/?.so;/usr/lib/lua/5.4/?.so;/usr/local/lib/lua/5.4/loadall.so;./?.so;d/?.so
--> /usr/local/share/lua/5.4/?.lua;/usr/local/share/lua/5.4/?/init.lua;/usr/local/lib/lua/5.4/?.lua;/usr/local/lib/lua/5.4/?/init.lua;/usr/share/lua/5.4/?.lua;/usr/share/lua/5.4/?/init.lua;./?.lua;./?/init.lua
--> pkg_mod	42
--> tests/lua/stdlib/fixtures/pkg_mod.mod
--> PROG: module 'not_there' not found:
--> 	no field package.preload['not_there']
--> 	no file 'tests/lua/stdlib/fixtures/not_there.mod'
--> 	no file '/usr/local/lib/lua/5.4/not_there.so'
--> 	no file '/usr/lib/x86_64-linux-gnu/lua/5.4/not_there.so'
--> 	no file '/usr/lib/lua/5.4/not_there.so'
--> 	no file '/usr/local/lib/lua/5.4/loadall.so'
--> 	no file './not_there.so'
--> stack traceback:
--> 	[C]: in function 'require'
--> 	[C]: in ?
