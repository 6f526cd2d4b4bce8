-- os.exit: exit codes, and pending output (stdout, open files) flushed before the process ends.
-- Each case runs in a child interpreter (INTERP: the program running this script).
-- the interpreter command: every argument before the script (arg[-1] is an option when the
-- interpreter was given some, e.g. aqua --alloc=linear)
local lo = -1
while arg[lo - 1] do lo = lo - 1 end
local INTERP = table.concat(arg, " ", lo, -1)
local name = os.tmpname()
local function child(code)
  local p = io.popen(string.format("%s -e %q 2>&1", INTERP, code))
  local out = p:read("a")
  return out, p:close()
end
local function q(s) return string.format("%q", s) end

print(child("io.write('no newline') os.exit()"))
print(child("print('x') os.exit(true)"))
print(child("io.write('y') os.exit(false)"))
print(child("os.exit(7)"))
print(child("os.exit(0, true)"))
print(child("io.stdout:setvbuf('full') io.write('z') os.exit(3, false)"))
print(child("local f = io.open(" .. q(name) .. ", 'w') f:write('unflushed data') os.exit(0)"))
print(io.open(name):read("a"))
print(child("local f = io.open(" .. q(name) .. ", 'a') f:write(' more') os.exit(true, true)"))
print(io.open(name):read("a"))
print(child("os.exit('x')"):match("bad argument #1 to '[%w.]*exit' %(number expected, got string%)"))
os.remove(name)
io.write("last line, flushed by os.exit\n")
os.exit(true)
print("not reached")

--> no newline	true	exit	0
--> x
--> 	true	exit	0
--> y	nil	exit	1
--> 	nil	exit	7
--> 	true	exit	0
--> z	nil	exit	3
--> 	true	exit	0
--> unflushed data
--> 	true	exit	0
--> unflushed data more
--> bad argument #1 to 'exit' (number expected, got string)
--> last line, flushed by os.exit
