-- io library: open/read/write/lines/seek/close, handles, errors (temp files in /tmp, removed)
local name = os.tmpname()
local function hide(...)
  local t = table.pack(...)
  for i = 1, t.n do
    if type(t[i]) == "string" then t[i] = t[i]:gsub("lua_%w+", "NAME") end
  end
  return table.unpack(t, 1, t.n)
end

-- write: numbers as %d / %.14g, returns the file
local f = assert(io.open(name, "w"))
print(io.type(f), io.type(io.stdout), io.type(42), io.type(nil))
print(f:write("line1\n", 2, " ", 3.5, " ", 1.0, " ", 2^63, " ", -0.0, " ", 1/3, "\n") == f)
print(f:write("") == f)
f:write("line3\n\n", "last line without newline")
print(f:close())
print(io.type(f), tostring(f))
print(pcall(f.write, f, "x"))
print(pcall(f.close, f))
print(pcall(f.read, f))
print(pcall(f.lines, f))
print(pcall(f.seek, f))

-- read formats
f = assert(io.open(name, "r"))
print(f:read())
print(f:read("l"))
print(f:read("L"))
print(f:read("*l"))
print(f:read("n"))
print(f:read(5), f:read(0))
print(f:read("a"))
print(f:read("a"), f:read("l"), f:read(0), f:read(1), f:read("n"))
print(f:seek("set"), f:read(5, "l", "L"))
print(f:seek(), f:seek("cur", 2), f:read(2))
print(f:seek("end"), f:read("a"), f:read("l"))
print(f:seek("set", 6), f:read("l", "l", "l", "l", "l"))
print(pcall(f.read, f, "x"))
print(pcall(f.read, f, {}))
print(pcall(f.read, f, 1.5))
print(pcall(f.seek, f, "bad"))
print(pcall(f.seek, f, "set", 1.5))
print(hide(f:seek("set", -1)))
print(hide(f:write("nope")))
f:close()

-- numbers with read("n")
f = assert(io.open(name, "w"))
f:write("  12  -3.5e2 0x1F 0x1p4 .5 5. +7 1e 0x 12abc -- 99999999999999999999 nan\n")
f:close()
f = assert(io.open(name))
for _ = 1, 8 do io.write(tostring(f:read("n")), " ") end
print()
print(f:read("n"), f:read(3))
print(f:read("n", "l"))
print(f:read("n"))
f:close()
f = assert(io.open(name, "w")); f:write("1 2 3\n4 5"); f:close()
f = assert(io.open(name))
print(f:read("n", "n", "n", "n", "n", "n"))
f:close()

-- lines
f = assert(io.open(name, "w"))
f:write("a\nbb\n\nccc\nlast")
f:close()
for l in io.lines(name) do io.write("[", l, "]") end
print()
for l in io.lines(name, "L") do io.write("[", l, "]") end
print()
for a, b in io.lines(name, 1, 2) do io.write("<", a, "|", tostring(b), ">") end
print()
for n in io.lines(name, "n") do print(n) end
local it, s, c, fh = io.lines(name)
print(type(it), s, c, io.type(fh))
print(it(), it(), it(), it(), it())
print(it(), io.type(fh))
print(pcall(it))
f = assert(io.open(name))
local cnt = 0
for l in f:lines() do cnt = cnt + 1 end
print(cnt, io.type(f), f:read("a"))
f:close()
print(pcall(io.lines, "/tmp/aqua_no_such_file_xyz"))
print(pcall(io.lines, {}))
do
  local closed_file
  for l, _ in io.lines(name) do
    closed_file = select(4, io.lines(name))
    break
  end
end

-- modes
print(pcall(io.open, name, "rw"))
print(pcall(io.open, name, "x"))
print(pcall(io.open, name, "r+bb"), pcall(io.open, name, "rb+"))
print(hide(io.open("/tmp/aqua_no_such_dir_xyz/f", "w")))
print(io.open("/tmp/aqua_no_such_file_xyz"))
f = assert(io.open(name, "a")); f:write("++"); f:close()
f = assert(io.open(name, "r")); print(f:read("a")); print(f:write("x")); f:close()
f = assert(io.open(name, "w+")); f:write("hello world"); f:seek("set", 6); print(f:read("a")); f:close()
f = assert(io.open(name, "r+")); f:write("HELLO"); f:seek("set"); print(f:read("a")); f:close()
f = assert(io.open(name, "a+")); f:write("!"); f:seek("set"); print(f:read("a")); f:close()
f = assert(io.open(name, "rb")); print(f:read(3)); f:close()
f = assert(io.open(name, "w")); print(f:read("a")); f:close()

-- setvbuf / flush
f = assert(io.open(name, "w"))
print(f:setvbuf("no"), f:setvbuf("full", 1024), f:setvbuf("line"))
print(pcall(f.setvbuf, f, "always"))
print(pcall(f.setvbuf, f))
print(f:flush(), io.flush())
f:close()

-- default input/output
print(io.input() == io.stdin, io.output() == io.stdout)
f = assert(io.open(name, "w")); f:write("from default input\nsecond\n"); f:close()
print(io.type(io.input(name)))
print(io.read(), io.read("L"), io.read())
io.input():close()
print(pcall(io.read))
print(pcall(io.lines))
io.input(io.stdin)
print(io.read())
local out = io.output(name)
io.write("to file ", 1, "\n")
print(io.output() == out, io.output() ~= io.stdout)
io.close()
print(pcall(io.write, "x"))
io.output(io.stdout)
print(io.open(name):read("a"))
print(pcall(io.output, "/tmp/aqua_no_such_dir_xyz/f"))
print(pcall(io.input, "/tmp/aqua_no_such_file_xyz"))
print(pcall(io.input, {}))
print(pcall(io.input, f))

-- standard files
print(io.stdout:close())
print(io.close(io.stderr))
print(io.type(io.stdout), io.type(io.stderr), io.type(io.stdin))
print(tostring(io.stdout):match("^file %(0x%x+%)$") ~= nil)
print(io.write("a", 1, 2.5, "\n") == io.stdout)
print(io.stdout:write("b\n") == io.stdout)
print(pcall(io.write, {}))
print(pcall(io.stdout.write, 1))
local mt = getmetatable(io.stdout)
print(mt.__name, type(mt.__index), type(mt.__gc), type(mt.__close), type(mt.__tostring))
local names = {}
for k in pairs(mt.__index) do names[#names + 1] = k end
table.sort(names)
print(table.concat(names, " "))
names = {}
for k in pairs(io) do names[#names + 1] = k end
table.sort(names)
print(table.concat(names, " "))
print(io.stdin:read(), io.stdin:read("a"), io.read(0))

-- tmpfile
f = io.tmpfile()
print(io.type(f), f:write("tmp data") == f, f:seek("set"), f:read("a"))
f:close()

-- to-be-closed handle
do
  local g <close> = assert(io.open(name, "w"))
  g:write("closed by <close>")
  f = g
end
print(io.type(f), io.open(name):read("a"))

-- popen
local p = io.popen("echo hello; echo world")
print(p:read("a"))
print(p:close())
p = io.popen("exit 3")
print(p:close())
p = io.popen("cat > " .. name, "w")
p:write("piped ", 42, "\n")
print(p:close())
print(io.open(name):read("a"))
print(pcall(io.popen, "ls", "rw"))
print(io.popen("kill -9 $$"):close())

print(os.remove(name))

--> file	file	nil	nil
--> true
--> true
--> true
--> closed file	file (closed)
--> false	attempt to use a closed file
--> false	attempt to use a closed file
--> false	attempt to use a closed file
--> false	attempt to use a closed file
--> false	attempt to use a closed file
--> line1
--> 2 3.5 1 9.2233720368548e+18 -0 0.33333333333333
--> line3
-->
-->
--> nil
--> last 	
--> line without newline
--> 	nil	nil	nil	nil
--> 0	line1		2 3.5 1 9.2233720368548e+18 -0 0.33333333333333
-->
--> 54	56	ne
--> 86		nil
--> 6	2 3.5 1 9.2233720368548e+18 -0 0.33333333333333	line3		last line without newline	nil
--> false	bad argument #2 to '?' (invalid format)
--> false	bad argument #2 to '?' (string expected, got table)
--> false	bad argument #2 to '?' (number has no integer representation)
--> false	bad argument #2 to '?' (invalid option 'bad')
--> false	bad argument #3 to '?' (number has no integer representation)
--> nil	Invalid argument	22
--> nil	Bad file descriptor	9
--> 12 -350.0 31 16.0 0.5 5.0 7 nil 
--> nil	 12
--> nil
--> nil
--> 1	2	3	4	5	nil
--> [a][bb][][ccc][last]
--> [a
--> ][bb
--> ][
--> ][ccc
--> ][last]
--> <a|
--> b><b|
-->
--> ><c|cc><
--> |la><s|t>
--> function	nil	nil	file
--> a	bb		ccc	last
--> nil	closed file
--> false	file is already closed
--> 5	file	
--> false	cannot open file '/tmp/aqua_no_such_file_xyz' (No such file or directory)
--> false	bad argument #1 to 'io.lines' (string expected, got table)
--> false	bad argument #2 to 'io.open' (invalid mode)
--> false	bad argument #2 to 'io.open' (invalid mode)
--> true	false	bad argument #2 to 'io.open' (invalid mode)
--> nil	/tmp/aqua_no_such_dir_xyz/f: No such file or directory	2
--> nil	/tmp/aqua_no_such_file_xyz: No such file or directory	2
--> a
--> bb
-->
--> ccc
--> last++
--> nil	Bad file descriptor	9
--> world
--> HELLO world
--> HELLO world!
--> HEL
--> nil	Bad file descriptor	9
--> true	true	true
--> false	bad argument #2 to '?' (invalid option 'always')
--> false	bad argument #2 to '?' (string expected, got no value)
--> true	true
--> true	true
--> file
--> from default input	second
--> 	nil
--> false	default input file is closed
--> false	attempt to use a closed file
--> nil
--> true	true
--> false	default output file is closed
--> to file 1
-->
--> false	cannot open file '/tmp/aqua_no_such_dir_xyz/f' (No such file or directory)
--> false	cannot open file '/tmp/aqua_no_such_file_xyz' (No such file or directory)
--> false	bad argument #1 to 'io.input' (FILE* expected, got table)
--> false	attempt to use a closed file
--> nil	cannot close standard file
--> nil	cannot close standard file
--> file	file	file
--> true
--> a12.5
--> true
--> b
--> true
--> false	bad argument #1 to 'io.write' (string expected, got table)
--> false	bad argument #1 to '?' (FILE* expected, got number)
--> FILE*	table	function	function	function
--> close flush lines read seek setvbuf write
--> close flush input lines open output popen read stderr stdin stdout tmpfile type write
--> nil		nil
--> file	true	0	tmp data
--> closed file	closed by <close>
--> hello
--> world
-->
--> true	exit	0
--> nil	exit	3
--> true	exit	0
--> piped 42
-->
--> false	bad argument #2 to 'io.popen' (invalid mode)
--> nil	signal	9
--> true
