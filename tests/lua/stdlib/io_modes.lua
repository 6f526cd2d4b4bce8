-- io: reads/writes on files opened in the wrong mode, directories, a+/r+/w+ interplay, line iterators with several formats, closed default files, popen statuses, read("n") numerals
local fn = os.tmpname()
local function t(f, ...) local r = table.pack(pcall(f, ...)) for i=1,r.n do local v = r[i] r[i]=type(v)=="string" and ("%q"):format(v):gsub("\n","n"):gsub(fn, "TMP") or (io.type(v) and "FILE" or (type(v) == "function" and "function" or tostring(v))) end print(table.concat(r, " ", 1, r.n)) end
local f = io.open(fn, "w") t(f.read, f) t(f.read, f, "a") t(f.read, f, "n") t(f.lines(f)) t(f.write, f, "abc", 1, 2.5) t(f.seek, f) t(f.seek, f, "end", -1) t(f.seek, f, "cur", -100) f:close()
f = io.open(fn, "r") t(f.write, f, "x") t(f.flush, f) t(f.read, f, "a") t(f.seek, f, "set", 1000) t(f.read, f, 1) t(f.read, f, 0) t(f.read, f, "a") t(f.read, f, "l") t(f.read, f, "n") f:close()
f = io.open(fn, "a+") f:write("def") f:seek("set") t(f.read, f, "a") f:write("g") f:seek("set", 0) t(f.read, f, "a") f:close()
f = io.open(fn, "r+") f:write("XY") t(f.read, f, "a") f:seek("set") t(f.read, f, "a") f:close()
f = io.open(fn, "w+") f:write("1\n2\n3") f:seek("set") for a in f:lines("n") do io.write(a, ";") end print() f:close()
local d = io.open("/tmp") t(d.read, d, "a") t(d.read, d, "l") t(d.read, d, 1) t(d.lines, d) t(d.seek, d, "end") d:close()
t(io.lines, fn, 0) for a, b, c in io.lines(fn, 1, 0, "a") do print(("%q %q %q"):format(a, b, c)) end
for l in io.lines(fn, "L") do io.write(("%q"):format(l)) end print()
local g = io.open(fn) local it = g:lines("l") print(it(), it(), it(), it()) t(it) g:close() t(it)
io.output(fn) io.write("out") print(io.output():close()) t(io.write, "x") t(io.output) print(io.type(io.output())) io.output(io.stdout)
io.input(fn) print(io.read("a")) io.input():close() t(io.read) t(io.lines) t(io.input) io.input(io.stdin)
local p = io.popen("printf 'a\\nb\\n'") for l in p:lines() do io.write(l, ",") end print(p:close())
p = io.popen("exit 5", "r") print(p:close()) p = io.popen("exit 0", "w") print(p:close()) t(p.close, p)
local h = io.open(fn, "w") print(h:write("a") == h, h:write() == h) h:close()
print(pcall(io.write, "x", nil)) print(pcall(io.write, {}))
t(io.read, "n", "x") t(io.read, 1.5) t(io.read, -1) t(io.read, "*a") t(io.read, "L") t(io.read, "l") t(io.read, "n") t(io.read, 0) t(io.read, 5)
print(io.stdin:read(0), io.stdin:read("a"), io.stdin:read("l")) 
local fx = io.open(fn, "w") fx:write("0x1P+4 -0X1.8p-1 0xABCDEFp 1E+308 1e309 -1e-400 1.7976931348623157e308 9007199254740993 0x7fffffffffffffff 0x8000000000000000 -0x8000000000000001 .e5 5. 0x.p1 1e+ 1e-e") fx:close()
fx = io.open(fn) for i = 1, 17 do t(fx.read, fx, "n") end fx:close()
os.remove(fn)
t(io.open, fn) t(io.lines, fn) t(io.input, fn)

--> true nil "Bad file descriptor" 9
--> true nil "Bad file descriptor" 9
--> true nil "Bad file descriptor" 9
--> false "Bad file descriptor"
--> true FILE
--> true 7
--> true 6
--> true nil "Invalid argument" 22
--> true nil "Bad file descriptor" 9
--> true true
--> true "abc12.5"
--> true 1000
--> true nil
--> true nil
--> true ""
--> true nil
--> true nil
--> true "abc12.5def"
--> true "abc12.5defg"
--> true "c12.5defg"
--> true "XYc12.5defg"
--> 1;2;3;
--> true nil "Is a directory" 21
--> true nil "Is a directory" 21
--> true nil "Is a directory" 21
--> true function
--> true 9223372036854775807
--> true function nil nil FILE
--> "1" "" "\
--> 2\
--> 3"
--> "1\
--> ""2\
--> ""3"
--> 1	2	3
--> true
--> false "file is already closed"
--> true
--> false "default output file is closed"
--> true FILE
--> closed file
--> out
--> false "default input file is closed"
--> false "attempt to use a closed file"
--> true FILE
--> a,b,true	exit	0
--> nil	exit	5
--> true	exit	0
--> false "attempt to use a closed file"
--> true	true
--> xfalse	bad argument #2 to 'io.write' (string expected, got nil)
--> false	bad argument #1 to 'io.write' (string expected, got table)
--> true nil
--> false "bad argument #1 to 'io.read' (number has no integer representation)"
--> false "not enough memory"
--> true ""
--> true nil
--> true nil
--> true nil
--> true nil
--> true nil
--> nil		nil
--> true 16.0
--> true -0.75
--> true nil
--> true 1e+308
--> true inf
--> true -0.0
--> true 1.7976931348623e+308
--> true 9007199254740993
--> true 9223372036854775807
--> true -9223372036854775808
--> true 9223372036854775807
--> true nil
--> true nil
--> true nil
--> true nil
--> true nil
--> true nil
--> true nil "TMP: No such file or directory" 2
--> false "cannot open file 'TMP' (No such file or directory)"
--> false "cannot open file 'TMP' (No such file or directory)"
