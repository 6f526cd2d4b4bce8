-- os library: date with explicit times and ! formats, time normalisation, failures
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
local T = 1700000000
for _, f in ipairs{"%a %A %b %B %c %C %d %D %e %F %g %G %h %H %I %j %m %M %n %p %r %R %S %t %T %u %U %V %w %W %x %X %y %Y %z %Z %%", "%Ec %EC %Ex %EX %Ey %EY %Od %Oe %OH %OI %Om %OM %OS %Ou %OU %OV %Ow %OW %Oy"} do t(os.date, "!" .. f, T) end
--> true "Tue Tuesday Nov November Tue Nov 14 22:13:20 2023 20 14 11/14/23 14 2023-11-14 23 2023 Nov 22 10 318 11 13 \n PM 10:13:20 PM 22:13 20 \9 22:13:20 2 46 46 2 46 11/14/23 22:13:20 23 2023 +0000 GMT %"
--> true "Tue Nov 14 22:13:20 2023 20 11/14/23 22:13:20 23 2023 14 14 22 10 11 13 20 2 46 46 2 46 23"
t(os.date, "!%q", T) t(os.date, "!%E", T) t(os.date, "!%Ez", T) t(os.date, "!%O", T) t(os.date, "!%", T) t(os.date, "%5d", T) t(os.date, "!%Ex", T)
--> false "bad argument #1 to 'os.date' (invalid conversion specifier '%q')"
--> false "bad argument #1 to 'os.date' (invalid conversion specifier '%E')"
--> false "bad argument #1 to 'os.date' (invalid conversion specifier '%Ez')"
--> false "bad argument #1 to 'os.date' (invalid conversion specifier '%O')"
--> false "bad argument #1 to 'os.date' (invalid conversion specifier '%')"
--> false "bad argument #1 to 'os.date' (invalid conversion specifier '%5d')"
--> true "11/14/23"
local d = os.date("!*t", T) for _, k in ipairs{"year","month","day","hour","min","sec","wday","yday","isdst"} do io.write(k, "=", tostring(d[k]), " ") end print()
--> year=2023 month=11 day=14 hour=22 min=13 sec=20 wday=3 yday=318 isdst=false 
t(os.date, "!*t", 2^60) t(os.date, "!%Y", 2^55) t(os.date, "!%Y", -2^55) t(os.date, "!%c", 1.5) t(os.date, "!%c", "x") t(os.date, 1) t(os.date, "!x", 0) t(os.date, "!", 0) t(os.date, "!%Y", -1)
--> false "date result cannot be represented in this installation"
--> true "1141709097"
--> true "-1141705158"
--> false "bad argument #2 to 'os.date' (number has no integer representation)"
--> false "bad argument #2 to 'os.date' (number expected, got string)"
--> true "1"
--> true "x"
--> true ""
--> true "1969"
t(os.date, string.rep("%c", 300), 0) t(os.date, "!%Y\0%m", 0)
--> true "Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970Thu Jan  1 00:00:00 1970"
--> true "1970\00001"
t(os.time, {year=2000, month=1, day=1, hour=0}) t(os.time, {year=2000, month=13, day=1}) t(os.time, {year=2000, month=1}) t(os.time, {year=2000, day=1}) t(os.time, {month=1, day=1})
--> true 946684800
--> true 978350400
--> false "field 'day' missing in date table"
--> false "field 'month' missing in date table"
--> false "field 'year' missing in date table"
t(os.time, {year=2000, month=1, day=1.5}) t(os.time, {year=2000, month="x", day=1}) t(os.time, {year=2000, month="2", day=1}) t(os.time, {year=2^40, month=1, day=1}) t(os.time, {year=-2^40, month=1, day=1})
--> false "field 'day' is not an integer"
--> false "field 'month' is not an integer"
--> true 949406400
--> false "field 'year' is out-of-bound"
--> false "field 'year' is out-of-bound"
t(os.time, {year=2000, month=1, day=1, min=2^31}) t(os.time, 1) t(os.time, {year=2000, month=1, day=1, isdst=true})
--> false "field 'min' is out-of-bound"
--> false "bad argument #1 to 'os.time' (table expected, got number)"
--> true 946724400
local tt = {year=2000, month=14, day=35, hour=25, min=61, sec=61} local r = os.time(tt) for _, k in ipairs{"year","month","day","hour","min","sec","wday","yday","isdst"} do io.write(k, "=", tostring(tt[k]), " ") end print(r)
--> year=2001 month=3 day=8 hour=2 min=2 sec=1 wday=5 yday=67 isdst=false 984016921
t(os.difftime, 10, 5) t(os.difftime, 10) t(os.difftime, 10.5, 1) t(os.difftime, "10", 1) t(os.difftime, {}, 1)
--> true 5.0
--> false "bad argument #2 to 'os.difftime' (number expected, got no value)"
--> false "bad argument #1 to 'os.difftime' (number has no integer representation)"
--> true 9.0
--> false "bad argument #1 to 'os.difftime' (number expected, got table)"
print(type(os.clock()), os.clock() >= 0, math.type(os.time()), os.time() > 1.6e9)
--> number	true	integer	true
t(os.getenv, "HOME") t(os.getenv, "NO_SUCH_VAR_X") t(os.getenv) t(os.getenv, 1)
--> true "/root"
--> true nil
--> false "bad argument #1 to 'os.getenv' (string expected, got no value)"
--> true nil
t(os.remove, "/nonexistent/x") t(os.remove, "/tmp") t(os.rename, "/nonexistent/a", "/nonexistent/b") t(os.remove) t(os.rename, "a")
--> true nil "/nonexistent/x: No such file or directory" 2
--> true nil "/tmp: Directory not empty" 39
--> true nil "No such file or directory" 2
--> false "bad argument #1 to 'os.remove' (string expected, got no value)"
--> false "bad argument #2 to 'os.rename' (string expected, got no value)"
local n = os.tmpname() print(type(n), n:match("^/tmp/lua_") ~= nil) local f = io.open(n) print(f ~= nil) if f then f:close() end print(os.remove(n)) print(select("#", os.remove(n)), select(3, os.remove(n)), (select(2, os.remove(n)):gsub("^/tmp/lua_%w+", "NAME")))
--> string	true
--> true
--> true
--> 3	2	NAME: No such file or directory
t(os.setlocale) t(os.setlocale, "C") t(os.setlocale, nil, "all") t(os.setlocale, "xx_YY") t(os.setlocale, "C", "bogus") t(os.setlocale, "", "numeric") t(os.setlocale, nil, "collate") t(os.setlocale, "POSIX", "time")
--> true "C"
--> true "C"
--> true "C"
--> true nil
--> false "bad argument #2 to 'os.setlocale' (invalid option 'bogus')"
--> true "C.UTF-8"
--> true "C"
--> true "C"
t(os.execute) t(os.execute, "exit 3") t(os.execute, "true") t(os.execute, "kill -9 $$") t(os.execute, "false")
--> true true
--> true nil "exit" 3
--> true true "exit" 0
--> true nil "signal" 9
--> true nil "exit" 1
t(os.exit, "x") t(os.exit, 1.5)
--> false "bad argument #1 to 'os.exit' (number expected, got string)"
--> false "bad argument #1 to 'os.exit' (number has no integer representation)"
