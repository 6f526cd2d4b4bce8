-- io: more edge cases (directories, pipes, stdin, garbage-collected handles, formats of lines)
local name = os.tmpname()

-- reading a directory: open succeeds, reads fail with EISDIR
local d = assert(io.open("/tmp"))
print(d:read())
print(d:read("a"))
print(d:read("n"))
print(d:read(1))
d:close()
print(io.open("/tmp", "w"))
-- pipes cannot seek
local p = io.popen("echo x")
print(p:seek())
print(p:read("L"), p:read("a"), p:read("l"))
print(p:close())
print(pcall(p.close, p))
p = io.popen("true", "w")
print(p:read())
print(p:close())

-- stdin is empty in the test harness
print(io.read(), io.read("a"), io.read("n"), io.read(0), io.read(5))
for l in io.lines() do print("never", l) end
for l in io.stdin:lines("L") do print("never", l) end

-- a handle left open is flushed and closed when collected
do
  local f = assert(io.open(name, "w"))
  f:write("written by a handle that was never closed")
end
collectgarbage()
collectgarbage()
print(io.open(name):read("a"))

-- buffering modes: data reaches the file when expected
local w = assert(io.open(name, "w"))
local r = assert(io.open(name, "r"))
w:setvbuf("full")
w:write("abc")
print(r:read("a"))
w:flush()
print(r:read("a"))
w:setvbuf("line")
w:write("def")
print(r:read("a"))
w:write("\n")
print(r:read("a"))
w:setvbuf("no")
w:write("ghi")
print(r:read("a"))
w:close()
r:close()

-- lines with several formats, and reading past the end
local f = assert(io.open(name, "w"))
f:write("10 20\n30 40\nrest of line\n")
f:close()
for a, b, c in io.lines(name, "n", "n", "l") do print(a, b, c) end
for c in io.lines(name, 4) do io.write("<", c, ">") end
print()
for a, b in io.lines(name, 0, 1) do io.write(a == "" and "E" or "?", b) end
print()
print(pcall(function() for l in io.lines(name, "x") do end end))
local many = {}
for i = 1, 251 do many[i] = "l" end
print(pcall(io.lines, name, table.unpack(many)))
local it = io.lines(name, table.unpack(many, 1, 250))
print(it())
f = assert(io.open(name))
print(f:read("a"), f:read("a"), f:read("l"), f:read("L"), f:read(1), f:read(0))
f:close()

-- mixing reads and writes on one handle
f = assert(io.open(name, "w+"))
f:write("0123456789")
f:seek("set", 2)
print(f:read(3))
f:write("XY")
f:seek("set")
print(f:read("a"))
f:seek("set", 1)
f:read(1)
f:seek("cur")
f:write("-")
f:seek("set")
print(f:read("a"), f:seek("end"), f:seek("end", -3), f:read(2), f:seek("cur", -1), f:read(5))
f:close()

-- write errors come back as results
print(pcall(io.write, 1, {}, 2))
f = assert(io.open(name, "r"))
print(f:write("a", "b"))
print(f:setvbuf("no"))
print(f:flush())
f:close()

-- io.output to a file, io.write returns that file
local out = io.output(name)
print(io.write("x") == out)
io.output():close()
io.output(io.stdout)
print(io.open(name):read("a"))

-- tostring of closed handles, io.type, metatable protection
f = io.open(name)
f:close()
print(tostring(f), io.type(f), io.type(io.stdout), io.type(setmetatable({}, getmetatable(io.stdout))))
print(pcall(io.close, {}))
print(pcall(getmetatable(io.stdout).__tostring, {}))
print(pcall(getmetatable(io.stdout).__gc, 1))
print(pcall(io.type))

-- the fourth value of io.lines is closed by the generic for, also on break and on error
f = assert(io.open(name, "w")); f:write("1\n2\n3\n"); f:close()
local it, a, b, fh = io.lines(name)
for l in it, a, b, fh do break end
print(io.type(fh))
it, a, b, fh = io.lines(name)
print(pcall(function() for l in it, a, b, fh do error("inside loop") end end))
print(io.type(fh))
local g
print(pcall(function()
  local h <close> = assert(io.open(name))
  g = h
  error("with a <close> handle")
end))
print(io.type(g))

io.stderr:write("to stderr ", 1, " ", 2.5, "\n")
print(os.remove(name))

--> nil	Is a directory	21
--> nil	Is a directory	21
--> nil	Is a directory	21
--> nil	Is a directory	21
--> nil	/tmp: Is a directory	21
--> nil	Illegal seek	29
--> x
--> 		nil
--> true	exit	0
--> false	attempt to use a closed file
--> nil	Bad file descriptor	9
--> true	exit	0
--> nil		nil	nil	nil
--> written by a handle that was never closed
-->
--> abc
-->
--> def
-->
--> ghi
--> 10	20	
--> 30	40	
--> <10 2><0
--> 30>< 40
--> ><rest>< of ><line><
--> >
--> E1E0E E2E0E
--> E3E0E E4E0E
--> ErEeEsEtE EoEfE ElEiEnEeE
-->
--> false	tests/lua/stdlib/io_more.lua:64: bad argument #2 to 'for iterator' (invalid format)
--> false	bad argument #252 to 'io.lines' (too many arguments)
--> 10 20	30 40	rest of line	nil
--> 10 20
--> 30 40
--> rest of line
--> 		nil	nil	nil	nil
--> 234
--> 01234XY789
--> 01-34XY789	10	7	78	8	89
--> 1false	bad argument #2 to 'io.write' (string expected, got table)
--> nil	Bad file descriptor	9
--> true
--> true
--> true
--> x
--> file (closed)	closed file	file	nil
--> false	bad argument #1 to 'io.close' (FILE* expected, got table)
--> false	bad argument #1 to '?' (FILE* expected, got table)
--> false	bad argument #1 to '?' (FILE* expected, got number)
--> false	bad argument #1 to 'io.type' (value expected)
--> closed file
--> false	tests/lua/stdlib/io_more.lua:120: inside loop
--> closed file
--> false	tests/lua/stdlib/io_more.lua:126: with a <close> handle
--> closed file
--> true
--! to stderr 1 2.5
