-- stdio buffering as lua5.4 gets it from glibc: print and io.write share C's stdout (fully
-- buffered on a pipe, 4096-byte blocks; print flushes after its newline), stderr is unbuffered
-- and writing to it does not flush stdout; setvbuf("no"/"line"/"full") changes that; a child
-- (os.execute) writes to the same descriptor. Each case runs in a child interpreter (arg[-1])
-- with stdout and stderr sent to one pipe, so the order of the pieces is visible.
local function child(code)
  local p = io.popen(string.format("%s -e %q 2>&1", arg[-1], code))
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
local function run(code) print(show((child(code)))) end

-- print flushes; io.write stays in the buffer until a flush
run[[print("p1") io.write("w1\n") io.stderr:write("e1\n") print("p2") io.stderr:write("e2\n")]]
--> p1|e1|w1|p2|e2|
run[[io.write("a") io.stderr:write("b") io.write("c") io.flush() io.stderr:write("d")]]
--> bacd
run[[io.write("x") io.stdout:flush() io.stderr:write("y") io.write("z")]]
--> xyz
-- writes larger than the buffer: whole blocks go out at once, the rest is buffered
run[[io.write(("a"):rep(5000)) io.stderr:write("E") io.write(("b"):rep(3000)) io.stderr:write("F") io.write(("c"):rep(300)) io.stderr:write("G") io.write("d") print("p")]]
--> <a*4096>EF<a*904><b*3000><c*192>G<c*108>dp|
run[[io.write(("a"):rep(4096)) io.stderr:write("E") io.write(("b"):rep(8192)) io.stderr:write("F")]]
--> <a*4096>E<b*8192>F
run[[io.write(("a"):rep(100)) io.write(("b"):rep(10000)) io.stderr:write("E")]]
--> <a*100><b*8092>E<b*1908>
-- setvbuf on stdout
run[[io.stdout:setvbuf("no") io.write("a") io.stderr:write("b") io.write("c") io.stderr:write("d")]]
--> abcd
run[[io.stdout:setvbuf("line") io.write("a\nb") io.stderr:write("E") io.write("c\nd\ne") io.stderr:write("F")]]
--> a|Ebc|d|Fe
run[[io.stdout:setvbuf("line") io.write("a\nb") os.execute("echo c") io.write("d\n")]]
--> a|c|bd|
run[[io.write("pending") io.stdout:setvbuf("no") io.stderr:write("E") io.write("x") io.stderr:write("F")]]
--> pendingExF
-- after "no" the 1-byte buffer stays: "line" and "full" (the size is ignored) do not buffer
run[[io.stdout:setvbuf("no") io.stdout:setvbuf("line") io.write("w3") io.stderr:write("e4")]]
--> w3e4
run[[io.stdout:setvbuf("no") io.stdout:setvbuf("full", 4) io.write("abcdefgh") io.stderr:write("E")]]
--> abcdefghE
run[[io.stdout:setvbuf("full", 2) io.write("abcdefgh") io.stderr:write("E") io.write("i")]]
--> Eabcdefghi
run[[io.stdout:setvbuf("line") io.stdout:setvbuf("full") io.write("a\nb") io.stderr:write("E")]]
--> Ea|b
-- stderr made buffered
run[[io.stderr:setvbuf("full") io.stderr:write("E1\n") io.write("x") print("p") io.stderr:write("E2\n") io.stderr:flush() io.stderr:write("E3\n") os.exit(0)]]
--> xp|E1|E2|E3|
run[[io.stderr:setvbuf("line") io.stderr:write("a") io.write("b") io.stderr:write("c\nd") io.write("e") io.stderr:setvbuf("no") io.write("f") io.stderr:write("g") os.exit(0)]]
--> ac|dgbef
run[[io.stderr:write("e") io.stderr:setvbuf("full") io.stderr:write("E") io.write("O") os.exit(0)]]
--> eEO
-- os.exit flushes open files, then stderr, then stdout
run[[io.stderr:setvbuf("full") io.stderr:write("E") io.write("O") os.exit(0)]]
--> EO
run[[io.stderr:setvbuf("full") io.stderr:write("E") io.write("O") os.exit(0, true)]]
--> EO
-- warnings go to stderr (flushed), stdout keeps its buffer
run[[warn("@on") io.write("x") warn("w1", "w2") print() warn("@off") warn("z")]]
--> Lua warning: w1w2|x|
-- a child writes to the same descriptor: what is buffered comes after it
run[[io.write("a\n") os.execute("echo b") io.write("c\n") print("d") os.execute("echo e")]]
--> b|a|c|d|e|
-- print writes its pieces through __tostring as it converts them
run[[print("a", setmetatable({}, {__tostring = function() io.stderr:write("[ts]") return "b" end}), "c")]]
--> [ts]a	b	c|
run[[print(pcall(print, 1, setmetatable({}, {__tostring = function() error("bad", 0) end})))]]
--> 1false	bad|
-- io.output to a file: print still goes to stdout
local name = os.tmpname()
run("io.output(" .. string.format("%q", name) .. ") io.write('to file') print('to stdout') io.stderr:write('E')")
--> to stdout|E
print(io.open(name):read("a"))
--> to file
-- a file written in 4096-byte blocks, seen through a second handle before the flush
local f = assert(io.open(name, "w"))
local g = assert(io.open(name, "r"))
f:write(("x"):rep(5000)) print(#g:read("a"))
--> 4096
f:write(("y"):rep(4000)) g:seek("set") print(#g:read("a"))
--> 8192
f:setvbuf("no") g:seek("set") print(#g:read("a"))
--> 9000
f:write("z") g:seek("set") print(#g:read("a"))
--> 9001
f:setvbuf("line") f:write("1\n2") g:seek("set") print(#g:read("a"))
--> 9004
f:close() g:seek("set") print(#g:read("a"))
--> 9004
g:close()
f = assert(io.open(name, "w"))
f:setvbuf("line") f:write("a\nb") print(io.open(name):read("a"))
--> a
-->
f:setvbuf("full") f:write("c\n") print(io.open(name):read("a"))
--> a
--> b
f:flush() print(io.open(name):read("a"))
--> a
--> bc
-->
f:close()
os.remove(name)
