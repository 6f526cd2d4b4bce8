-- load with a reader function: pieces are concatenated until nil or "".
local pieces = {"return ", "1 ", "+ ", "41"}
local i = 0
local f = load(function() i = i + 1; return pieces[i] end)
print(f())
--> 42
local j = 0
local g = load(function() j = j + 1; if j == 1 then return "return 'a'" elseif j == 2 then return "" else return " .. 'never'" end end)
print(g())
--> a
print(type(load(function() return nil end)))
--> function
print(pcall(load(function() return nil end)))
--> true
local k = 0
print(load(function() k = k + 1; if k == 1 then return "x = " end end, "=pieces"))
--> nil	pieces:1: unexpected symbol near <eof>
