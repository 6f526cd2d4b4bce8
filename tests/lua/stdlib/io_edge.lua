-- io library: read formats (n edge cases), seek/setvbuf/open mode errors, closed files, popen statuses
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
local fn = os.tmpname()
local pw = os.tmpname()
local f = assert(io.open(fn, "w"))
f:write("0x1F 1e5 .5 -.5e-2 0x.8p1 1e 0x 12345678901234567890 ", string.rep("1", 250), " nan inf 00012 +7 - 3.e 0x1p 1..2 \n", "line2\r\n", "\n", "last")
f:close()
f = io.open(fn)
for i = 1, 16 do t(f.read, f, "n") end
t(f.read, f, "l") t(f.read, f, "L") t(f.read, f, "l") t(f.read, f, "a") t(f.read, f, "a") t(f.read, f, "l") t(f.read, f, "n") t(f.read, f, 0) t(f.read, f, 5)
t(f.seek, f, "set", 2) t(f.read, f, 3, 2, "l") t(f.seek, f, "bogus") t(f.seek, f, "cur", 1.5) t(f.seek, f, "set", -1) t(f.seek, f, "end") t(f.seek, f, 1) t(f.read, f, "x") t(f.read, f, "*l") t(f.read, f, {}) t(f.read, f, -1)
t(f.write, f, "x") t(f.setvbuf, f, "bogus") t(f.setvbuf, f, "full", "x") t(f.lines, f, "x") t(f.flush, f)
print(f:close()) t(f.close, f) t(f.read, f) t(f.write, f) t(f.lines, f) t(f.seek, f) t(f.flush, f) t(f.setvbuf, f, "no") print(tostring(f), io.type(f), io.type(io.stdout), io.type(1))
t(f.read, 1) t(f.read, {}) t(io.stdout.write, 1) t(io.stdout.close, nil) t(getmetatable(io.stdout).__tostring, 1) t(getmetatable(io.stdout).__gc, 1) t(getmetatable(io.stdout).__close, io.stdout)
print(getmetatable(io.stdout).__name, getmetatable(io.stdout).__index == getmetatable(io.stdout).__index)
t(io.open, fn, "rw") t(io.open, fn, "r+b") t(io.open, fn, "") t(io.open, fn, "b") t(io.open, fn, "wx") t(io.open, fn, "a+") t(io.open, fn, "rb+") t(io.open, fn, "r+bx") t(io.open, "/nonexistent/x") t(io.open, "/nonexistent/x", "w") t(io.open, "/tmp", "w") t(io.open)
for l in io.lines(fn) do io.write("[", (l:gsub("\r", "\\r")), "]") end print()
for a, b in io.lines(fn, 1, "n") do io.write("<", show(a), ",", show(b), ">") end print()
t(io.lines, "/nonexistent/y") t(io.lines, fn, "x") t(io.lines, fn, table.unpack((function() local r = {} for i = 1, 251 do r[i] = "l" end return r end)()))
local it = io.lines(fn, "L") print(show(it())) t(it) local g = io.open(fn) local it2 = g:lines() g:close() t(it2)
local it3 = io.lines(fn) while it3() do end t(it3)
print(select("#", io.lines(fn)))
t(io.read, "x") t(io.write, {}) t(io.write, 1, 2.5, "s", -0.0, 1e100, math.mininteger) print()
t(io.input, "/nonexistent/z") t(io.output, "/nonexistent/z/w") t(io.input, 5) t(io.close)
local p = io.popen("echo hi; exit 3") print(p:read("a")) print(p:close())
p = io.popen("kill -9 $$") print(p:read("a")) print(p:close())
p = io.popen("cat > " .. pw, "w") p:write("hello") print(p:close()) print(io.open(pw):read("a"))
t(io.popen, "true", "rw") t(io.popen, "true", "r+") t(io.popen) p = io.popen("true") print(io.type(p), tostring(p):match("^file %(") ~= nil) t(p.seek, p) p:close()
local tf = io.tmpfile() tf:write("abc") tf:seek("set") print(tf:read("a")) tf:close()
local f2 = io.open(fn, "w") f2:write("12 34") f2:close() io.input(fn) print(io.read("n", "n", "n")) io.close(io.input()) t(io.read) t(io.lines) io.input(io.stdin)
local f3 <close> = io.open(fn) print(f3:read(1))
do local f4 <close> = io.open(fn) end
t(io.stdout.close, io.stdout) t(io.stderr.close, io.stderr) t(io.stdin.close, io.stdin)
os.remove(fn) os.remove(pw)
io.output():setvbuf("no") io.write("A") io.stderr:write("B\n") print()
print(io.output():close()) print("after") io.write("x\n")

--> true 31
--> true 100000.0
--> true 0.5
--> true -0.005
--> true 1.0
--> true nil
--> true nil
--> true 1.2345678901235e+19
--> true nil
--> true 1.1111111111111e+49
--> true nil
--> true nil
--> true nil
--> true nil
--> true nil
--> true nil
--> true "nan inf 00012 +7 - 3.e 0x1p 1..2 "
--> true "line2\13\n"
--> true ""
--> true "last"
--> true ""
--> true nil
--> true nil
--> true nil
--> true nil
--> true 2
--> true "1F " "1e" "5 .5 -.5e-2 0x.8p1 1e 0x 12345678901234567890 1111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111 nan inf 00012 +7 - 3.e 0x1p 1..2 "
--> false "bad argument #2 to '?' (invalid option 'bogus')"
--> false "bad argument #3 to '?' (number has no integer representation)"
--> true nil "Invalid argument" 22
--> true 350
--> false "bad argument #2 to '?' (invalid option '1')"
--> false "bad argument #2 to '?' (invalid format)"
--> true nil
--> false "bad argument #2 to '?' (string expected, got table)"
--> false "not enough memory"
--> true nil "Bad file descriptor" 9
--> false "bad argument #2 to '?' (invalid option 'bogus')"
--> false "bad argument #3 to '?' (number expected, got string)"
--> true function
--> true true
--> true
--> false "attempt to use a closed file"
--> false "attempt to use a closed file"
--> false "attempt to use a closed file"
--> false "attempt to use a closed file"
--> false "attempt to use a closed file"
--> false "attempt to use a closed file"
--> false "attempt to use a closed file"
--> file (closed)	closed file	file	nil
--> false "bad argument #1 to '?' (FILE* expected, got number)"
--> false "bad argument #1 to '?' (FILE* expected, got table)"
--> false "bad argument #1 to '?' (FILE* expected, got number)"
--> false "bad argument #1 to '?' (FILE* expected, got nil)"
--> false "bad argument #1 to '?' (FILE* expected, got number)"
--> false "bad argument #1 to '?' (FILE* expected, got number)"
--> true
--> FILE*	true
--> false "bad argument #2 to 'io.open' (invalid mode)"
--> true userdata
--> false "bad argument #2 to 'io.open' (invalid mode)"
--> false "bad argument #2 to 'io.open' (invalid mode)"
--> false "bad argument #2 to 'io.open' (invalid mode)"
--> true userdata
--> false "bad argument #2 to 'io.open' (invalid mode)"
--> false "bad argument #2 to 'io.open' (invalid mode)"
--> true nil "/nonexistent/x: No such file or directory" 2
--> true nil "/nonexistent/x: No such file or directory" 2
--> true nil "/tmp: Is a directory" 21
--> false "bad argument #1 to 'io.open' (string expected, got no value)"
--> [0x1F 1e5 .5 -.5e-2 0x.8p1 1e 0x 12345678901234567890 1111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111 nan inf 00012 +7 - 3.e 0x1p 1..2 ][line2\r][][last]
--> <"0",nil><"x",1><"F",100000.0><" ",0.5><" ",-0.005><" ",1.0><" ",nil><" ",nil><" ",1.2345678901235e+19><" ",nil><"1",1.1111111111111e+48><" ",nil><"n",nil><"a",nil><"n",nil><"i",nil><"n",nil><"f",12><" ",7><" ",nil><" ",nil><" ",nil><" ",1.0><".",2><" ",nil><"l",nil><"i",nil><"n",nil><"e",2><"\13",nil><"l",nil><"a",nil><"s",nil><"t",nil>
--> false "cannot open file '/nonexistent/y' (No such file or directory)"
--> true function nil nil userdata
--> false "bad argument #252 to 'io.lines' (too many arguments)"
--> "0x1F 1e5 .5 -.5e-2 0x.8p1 1e 0x 12345678901234567890 1111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111 nan inf 00012 +7 - 3.e 0x1p 1..2 \n"
--> true "line2\13\n"
--> false "file is already closed"
--> false "file is already closed"
--> 4
--> false "bad argument #1 to 'io.read' (invalid format)"
--> false "bad argument #1 to 'io.write' (string expected, got table)"
--> 12.5s-01e+100-9223372036854775808true userdata
-->
--> false "cannot open file '/nonexistent/z' (No such file or directory)"
--> false "cannot open file '/nonexistent/z/w' (No such file or directory)"
--> false "cannot open file '5' (No such file or directory)"
--> true nil "cannot close standard file"
--> hi
-->
--> nil	exit	3
-->
--> nil	signal	9
--> true	exit	0
--> hello
--> false "bad argument #2 to 'io.popen' (invalid mode)"
--> false "bad argument #2 to 'io.popen' (invalid mode)"
--> false "bad argument #1 to 'io.popen' (string expected, got no value)"
--> file	true
--> true nil "Illegal seek" 29
--> abc
--> 12	34	nil
--> false "default input file is closed"
--> false "attempt to use a closed file"
--> 1
--> true nil "cannot close standard file"
--> true nil "cannot close standard file"
--> true nil "cannot close standard file"
--> A
--> nil	cannot close standard file
--> after
--> x
--! B
