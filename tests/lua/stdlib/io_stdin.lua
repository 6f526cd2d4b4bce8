-- reading standard input: io.read formats, io.lines() without a file name, io.stdin methods,
-- read after EOF, and prompts written before reading (stdout is a pipe: lua5.4 keeps them
-- buffered). Each case runs in a child interpreter (INTERP) fed by printf through a pipe.
-- the interpreter command: every argument before the script (arg[-1] is an option when the
-- interpreter was given some, e.g. aqua --alloc=linear)
local lo = -1
while arg[lo - 1] do lo = lo - 1 end
local INTERP = table.concat(arg, " ", lo, -1)
local function child(input, code)
  local p = io.popen(string.format("printf %q | %s -e %q 2>&1", input, INTERP, code))
  local out = p:read("a")
  return out, p:close()
end
-- the interpreter's name in error messages is shown as "lua"
local prog = arg[lo]:gsub("%p", "%%%0")
local function run(input, code) print((child(input, code):gsub(prog .. ":", "lua:"):gsub("\n", "|"))) end
run("12 abc\\n3.5e1\\n", [[print(io.read("n", "l", "n", "l", "l"))]])
run("a\\nb\\n\\nc", [[for l in io.lines() do io.write("[", l, "]") end print()]])
run("a\\nb\\nc", [[for a, b in io.lines(nil, 1, "L") do io.write("<", a, "|", tostring(b), ">") end print()]])
run("a\\nb", [[io.write("pending ") for a, b in io.lines(nil, 1, "L") do io.write("<", a, "|", b, ">") end]])
run("line1\\nline2\\n", [[print(io.stdin:read("L")) print(io.stdin:read("a")) print(io.stdin:read("a")) print(io.stdin:read("l")) print(io.stdin:read(0))]])
run("0x10 -7 1e2 .5 nan", [[print(io.read("n", "n", "n", "n", "n"))]])
run("abcdef", [[print(io.read(2, 0, 3, 10, 1))]])
run("x\\n", [[io.write("prompt: ") io.stderr:write("E|") local l = io.read() io.stderr:write("F|") print(l)]])
run("5\\n", [[io.stdout:setvbuf("line") io.write("prompt: ") io.stderr:write("E|") print(io.read("n"))]])
run("data", [[io.stdin:setvbuf("no") io.write("p") io.stderr:write("E") print(io.read("a"))]])
run("", [[print(io.read("l"), io.read("n"), io.read(1), io.read(0), io.read("a"))]])
run("q", [[print(pcall(io.read, "x")) print(io.stdin:close()) print(io.read("a"))]])
run("1\\n2\\n", [[io.input(io.stdin) for n in io.lines(nil, "n") do print(n * 2) end]])

--> 12	 abc	35.0		nil|
--> [a][b][][c]|
--> <a||><b||><c|nil>|
--> lua: (command line):1: bad argument #4 to 'write' (string expected, got nil)|stack traceback:|	[C]: in function 'io.write'|	(command line):1: in main chunk|	[C]: in ?|pending <a||><b|
--> line1||line2|||nil|nil|
--> 16	-7	100.0	0.5	nil|
--> ab		cde	f	nil|
--> E|F|prompt: x|
--> E|prompt: 5|
--> Epdata|
--> nil	nil	nil	nil	|
--> false	bad argument #1 to 'io.read' (invalid format)|nil	cannot close standard file|q|
--> 2|4|
