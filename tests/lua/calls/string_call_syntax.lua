-- Calls with a single string or table argument need no parentheses.
local function show(x) return type(x) == "table" and "table of " .. #x or "string " .. x end
print(show"abc", show'def', show[[ghi]], show{1, 2, 3}, show{})
--> string abc	string def	string ghi	table of 3	table of 0
local function curry(a) return function(b) return function(c) return a .. b .. c end end end
print(curry"x""y""z")
--> xyz
print(curry"a"[[b]]'c')
--> abc
