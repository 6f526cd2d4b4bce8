-- stdio buffering as lua5.4 gets it from glibc: print and io.write share C's stdout (fully
-- buffered on a pipe, 4096-byte blocks; print flushes after its newline), stderr is unbuffered
-- and writing to it does not flush stdout; setvbuf("no"/"line"/"full") changes that; a child
-- (os.execute) writes to the same descriptor. Each case runs in a child interpreter (INTERP)
-- with stdout and stderr sent to one pipe, so the order of the pieces is visible.
-- the interpreter command: every argument before the script (arg[-1] is an option when the
-- interpreter was given some, e.g. aqua --alloc=linear)
local lo = -1
while arg[lo - 1] do lo = lo - 1 end
local INTERP = table.concat(arg, " ", lo, -1)
local function child(code)
  local p = io.popen(string.format("%s -e %q 2>&1", INTERP, code))
  local out = p:read("a")
  return out, p:close()
end
-- runs of 5 or more equal characters are shown as <char*count>
local function show(s)
  local out, i = {}, 1
  while i <= #s do
    local c = s:sub(i, i)
    local j = i
    while s:sub(j + 1, j + 1) == c do j = j + 1 end
    local n = j - i + 1
    out[#out + 1] = n >= 5 and ("<" .. c .. "*" .. n .. ">") or s:sub(i, j)
    i = j + 1
  end
  return (table.concat(out):gsub("\n", "|"))
end
-- the interpreter's name in error messages is shown as "lua"
local prog = arg[lo]:gsub("%p", "%%%0")
local function run(code) print(show((child(code):gsub(prog .. ":", "lua:")))) end

-- print flushes; io.write stays in the buffer until a flush
run[[print("p1") io.write("w1\n") io.stderr:write("e1\n") print("p2") io.stderr:write("e2\n")]]
run[[io.write("a") io.stderr:write("b") io.write("c") io.flush() io.stderr:write("d")]]
run[[io.write("x") io.stdout:flush() io.stderr:write("y") io.write("z")]]
-- writes larger than the buffer: whole blocks go out at once, the rest is buffered
run[[io.write(("a"):rep(5000)) io.stderr:write("E") io.write(("b"):rep(3000)) io.stderr:write("F") io.write(("c"):rep(300)) io.stderr:write("G") io.write("d") print("p")]]
run[[io.write(("a"):rep(4096)) io.stderr:write("E") io.write(("b"):rep(8192)) io.stderr:write("F")]]
run[[io.write(("a"):rep(100)) io.write(("b"):rep(10000)) io.stderr:write("E")]]
-- setvbuf on stdout
run[[io.stdout:setvbuf("no") io.write("a") io.stderr:write("b") io.write("c") io.stderr:write("d")]]
run[[io.stdout:setvbuf("line") io.write("a\nb") io.stderr:write("E") io.write("c\nd\ne") io.stderr:write("F")]]
run[[io.stdout:setvbuf("line") io.write("a\nb") os.execute("echo c") io.write("d\n")]]
run[[io.write("pending") io.stdout:setvbuf("no") io.stderr:write("E") io.write("x") io.stderr:write("F")]]
-- after "no" the 1-byte buffer stays: "line" and "full" (the size is ignored) do not buffer
run[[io.stdout:setvbuf("no") io.stdout:setvbuf("line") io.write("w3") io.stderr:write("e4")]]
run[[io.stdout:setvbuf("no") io.stdout:setvbuf("full", 4) io.write("abcdefgh") io.stderr:write("E")]]
run[[io.stdout:setvbuf("full", 2) io.write("abcdefgh") io.stderr:write("E") io.write("i")]]
run[[io.stdout:setvbuf("line") io.stdout:setvbuf("full") io.write("a\nb") io.stderr:write("E")]]
-- stderr made buffered
run[[io.stderr:setvbuf("full") io.stderr:write("E1\n") io.write("x") print("p") io.stderr:write("E2\n") io.stderr:flush() io.stderr:write("E3\n") os.exit(0)]]
run[[io.stderr:setvbuf("line") io.stderr:write("a") io.write("b") io.stderr:write("c\nd") io.write("e") io.stderr:setvbuf("no") io.write("f") io.stderr:write("g") os.exit(0)]]
run[[io.stderr:write("e") io.stderr:setvbuf("full") io.stderr:write("E") io.write("O") os.exit(0)]]
-- os.exit flushes open files, then stderr, then stdout
run[[io.stderr:setvbuf("full") io.stderr:write("E") io.write("O") os.exit(0)]]
run[[io.stderr:setvbuf("full") io.stderr:write("E") io.write("O") os.exit(0, true)]]
-- warnings go to stderr (flushed), stdout keeps its buffer
run[[warn("@on") io.write("x") warn("w1", "w2") print() warn("@off") warn("z")]]
-- a child writes to the same descriptor: what is buffered comes after it
run[[io.write("a\n") os.execute("echo b") io.write("c\n") print("d") os.execute("echo e")]]
-- an uncaught error: lua.c writes the message to stderr (flushed) and stdout is flushed at exit
run[[io.write("pending") io.stderr:write("E|") error("boom")]]
run[[io.stderr:setvbuf("full") io.stderr:write("E|") io.write("O|") error("boom", 0)]]
-- the end of the program: open files, stderr, then stdout are flushed (glibc's order)
run[[io.stderr:setvbuf("full") io.stderr:write("E") io.write("O")]]
run[[io.stdout:setvbuf("line") io.stderr:setvbuf("full") io.write("a\nb") io.stderr:write("E")]]
-- print writes its pieces through __tostring as it converts them
run[[print("a", setmetatable({}, {__tostring = function() io.stderr:write("[ts]") return "b" end}), "c")]]
run[[print(pcall(print, 1, setmetatable({}, {__tostring = function() error("bad", 0) end})))]]
-- io.output to a file: print still goes to stdout
local name = os.tmpname()
run("io.output(" .. string.format("%q", name) .. ") io.write('to file') print('to stdout') io.stderr:write('E')")
print(io.open(name):read("a"))
-- a file written in 4096-byte blocks, seen through a second handle before the flush
local f = assert(io.open(name, "w"))
local g = assert(io.open(name, "r"))
f:write(("x"):rep(5000)) print(#g:read("a"))
f:write(("y"):rep(4000)) g:seek("set") print(#g:read("a"))
f:setvbuf("no") g:seek("set") print(#g:read("a"))
f:write("z") g:seek("set") print(#g:read("a"))
f:setvbuf("line") f:write("1\n2") g:seek("set") print(#g:read("a"))
f:close() g:seek("set") print(#g:read("a"))
g:close()
f = assert(io.open(name, "w"))
f:setvbuf("line") f:write("a\nb") print(io.open(name):read("a"))
f:setvbuf("full") f:write("c\n") print(io.open(name):read("a"))
f:flush() print(io.open(name):read("a"))
f:close()
os.remove(name)

--> p1|e1|w1|p2|e2|
--> bacd
--> xyz
--> <a*4096>EF<a*904><b*3000><c*192>G<c*108>dp|
--> <a*4096>E<b*8192>F
--> <a*100><b*8092>E<b*1908>
--> abcd
--> a|Ebc|d|Fe
--> a|c|bd|
--> pendingExF
--> w3e4
--> abcdefghE
--> Eabcdefghi
--> Ea|b
--> xp|E1|E2|E3|
--> ac|dgbef
--> eEO
--> EO
--> EO
--> Lua warning: w1w2|x|
--> b|a|c|d|e|
--> E|lua: (command line):1: boom|stack traceback:|	[C]: in function 'error'|	(command line):1: in main chunk|	[C]: in ?|pending
--> E|lua: boom|stack traceback:|	[C]: in function 'error'|	(command line):1: in main chunk|	[C]: in ?|O|
--> EO
--> a|Eb
--> [ts]a	b	c|
--> 1false	bad|
--> to stdout|E
--> to file
--> 4096
--> 8192
--> 9000
--> 9001
--> 9004
--> 9004
--> a
-->
--> a
--> b
--> a
--> bc
-->
