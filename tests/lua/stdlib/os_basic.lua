-- os library: date/time/difftime/getenv/remove/rename/tmpname/setlocale/clock (deterministic)
print(os.date("!%Y-%m-%d %H:%M:%S", 0))
--> 1970-01-01 00:00:00
print(os.date("!%c", 0))
--> Thu Jan  1 00:00:00 1970
print(os.date("!%x %X %p %j %a %A %b %B %y %C", 86400 * 45 + 3600 * 15))
--> 02/15/70 15:00:00 PM 046 Sun Sunday Feb February 70 19
print(os.date("!%D|%e|%F|%g|%G|%h|%I|%m|%M|%n|%R|%S|%t|%T|%u|%U|%V|%w|%W|%%", 1e9))
--> 09/09/01| 9|2001-09-09|01|2001|Sep|01|09|46|
--> |01:46|40|	|01:46:40|7|36|36|0|36|%
print(os.date("!%Ec|%EC|%Ex|%EX|%Ey|%EY|%Od|%Oe|%OH|%OI|%Om|%OM|%OS", 1234567890))
--> Fri Feb 13 23:31:30 2009|20|02/13/09|23:31:30|09|2009|13|13|23|11|02|31|30
print(os.date("!%Ou|%OU|%OV|%Ow|%OW|%Oy|plain text", 1234567890))
--> 5|06|07|5|06|09|plain text
print(os.date("!", 0) == "")
--> true
local t = os.date("!*t", 1234567890)
print(t.year, t.month, t.day, t.hour, t.min, t.sec, t.yday, t.wday, t.isdst)
--> 2009	2	13	23	31	30	44	6	false
local keys = {}
for k in pairs(t) do keys[#keys + 1] = k end
table.sort(keys)
print(table.concat(keys, " "))
--> day hour isdst min month sec wday yday year
print(pcall(os.date, "%Ez"))
--> false	bad argument #1 to 'os.date' (invalid conversion specifier '%Ez')
print(pcall(os.date, "%Ez abc"))
--> false	bad argument #1 to 'os.date' (invalid conversion specifier '%Ez abc')
print(pcall(os.date, "%"))
--> false	bad argument #1 to 'os.date' (invalid conversion specifier '%')
print(pcall(os.date, "%Q"))
--> false	bad argument #1 to 'os.date' (invalid conversion specifier '%Q')
print(pcall(os.date, "!%c", 1.5))
--> false	bad argument #2 to 'os.date' (number has no integer representation)
print(pcall(os.date, "!%c", "x"))
--> false	bad argument #2 to 'os.date' (number expected, got string)
print(pcall(os.date, {}))
--> false	bad argument #1 to 'os.date' (string expected, got table)
print(type(os.date()), type(os.date("*t").year))
--> string	number

-- os.time with tables (local time: round trips through os.date)
local t1 = os.time{year = 2020, month = 2, day = 29, hour = 10, min = 30, sec = 15}
local d = os.date("*t", t1)
print(d.year, d.month, d.day, d.hour, d.min, d.sec, d.yday, d.wday)
--> 2020	2	29	10	30	15	60	7
print(os.date("%Y-%m-%d %H:%M:%S", t1))
--> 2020-02-29 10:30:15
-- normalisation updates the table
local n = {year = 2021, month = 14, day = 35, hour = 25, min = 61, sec = 61}
local tn = os.time(n)
print(n.year, n.month, n.day, n.hour, n.min, n.sec, n.yday, n.wday)
--> 2022	3	8	2	2	1	67	3
print(os.date("%Y-%m-%d %H:%M:%S", tn))
--> 2022-03-08 02:02:01
-- default hour is 12
local h = {year = 2000, month = 1, day = 1}
os.time(h)
print(h.hour, h.min, h.sec)
--> 12	0	0
print(os.time{year = 2000, month = 1, day = 2} - os.time{year = 2000, month = 1, day = 1})
--> 86400
print(os.time{year = "2000", month = 1.0, day = 1} == os.time{year = 2000, month = 1, day = 1})
--> true
print(pcall(os.time, {year = 2000, month = 1}))
--> false	field 'day' missing in date table
print(pcall(os.time, {}))
--> false	field 'year' missing in date table
print(pcall(os.time, {year = 2000, month = "x", day = 1}))
--> false	field 'month' is not an integer
print(pcall(os.time, {year = 2000, month = 1.5, day = 1}))
--> false	field 'month' is not an integer
print(pcall(os.time, {year = 2^40, month = 1, day = 1}))
--> false	field 'year' is out-of-bound
print(pcall(os.time, {year = 2000, month = 1, day = 1, min = -2^40}))
--> false	field 'min' is out-of-bound
print(pcall(os.time, 1))
--> false	bad argument #1 to 'os.time' (table expected, got number)
print(math.type(os.time()), os.time() > 1600000000)
--> integer	true
-- a date table with __index
local proxy = setmetatable({}, {__index = function(_, k)
  return ({year = 2001, month = 9, day = 9})[k]
end})
print(os.date("%Y-%m-%d", os.time(proxy)))
--> 2001-09-09

-- difftime
print(os.difftime(10, 4), math.type(os.difftime(10, 4)))
--> 6.0	float
print(os.difftime(0, 5), os.difftime(2^53, 0))
--> -5.0	9.007199254741e+15
print(pcall(os.difftime))
--> false	bad argument #1 to 'os.difftime' (number expected, got no value)
print(pcall(os.difftime, 1))
--> false	bad argument #2 to 'os.difftime' (number expected, got no value)
print(pcall(os.difftime, 1.5, 1))
--> false	bad argument #1 to 'os.difftime' (number has no integer representation)

-- clock
local c = os.clock()
print(math.type(c), c >= 0)
--> float	true

-- getenv
print(os.getenv("AQUA_SURELY_UNDEFINED_VARIABLE_123"))
--> nil
print(type(os.getenv("PATH")))
--> string
print(pcall(os.getenv))
--> false	bad argument #1 to 'os.getenv' (string expected, got no value)

-- setlocale
print(os.setlocale(), os.setlocale(nil, "numeric"), os.setlocale("C"))
--> C	C	C
print(os.setlocale("xx_NOPE"))
--> nil
print(pcall(os.setlocale, "C", "bogus"))
--> false	bad argument #2 to 'os.setlocale' (invalid option 'bogus')

-- files: tmpname, remove, rename
local name = os.tmpname()
print(type(name), name:sub(1, 5))
--> string	/tmp/
local f = assert(io.open(name, "w")); f:write("x"); f:close()
local other = name .. "_renamed"
local function hide(...)
  local t = table.pack(...)
  for i = 1, t.n do
    if type(t[i]) == "string" then t[i] = t[i]:gsub("lua_[%w_]+", "NAME") end
  end
  return table.unpack(t, 1, t.n)
end
print(os.rename(name, other))
--> true
print(hide(os.rename(name, other)))
--> nil	No such file or directory	2
print(os.remove(other))
--> true
print(hide(os.remove(other)))
--> nil	/tmp/NAME: No such file or directory	2
local dir = os.tmpname()
os.remove(dir)
print(hide(os.rename(dir, "/tmp/aqua_nowhere_dir/x")))
--> nil	No such file or directory	2
print(select("#", os.remove(other)))
--> 3
local r1, r2, r3 = os.remove("/tmp/aqua_no_such_dir_xyz/file")
print(r1, r2, r3)
--> nil	/tmp/aqua_no_such_dir_xyz/file: No such file or directory	2
print(pcall(os.remove))
--> false	bad argument #1 to 'os.remove' (string expected, got no value)
print(pcall(os.rename, "a"))
--> false	bad argument #2 to 'os.rename' (string expected, got no value)
