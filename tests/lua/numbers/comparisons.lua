-- Comparisons between integers and floats are exact (no rounding of the integer).
local maxi = 9223372036854775807
local mini = -9223372036854775807 - 1
print(1 == 1.0, 1 < 1.5, 2 > 1.5, -1 < -0.5)
--> true	true	true	true
print(maxi == 2 ^ 63, maxi < 2 ^ 63, maxi + 0.0 == 2 ^ 63, maxi <= 2 ^ 63)
--> false	true	true	true
print(mini == -2 ^ 63, mini < -2 ^ 63, mini <= -2 ^ 63)
--> true	false	true
print(9007199254740993 == 9007199254740992.0, 9007199254740993 > 9007199254740992.0)
--> false	true
print(9007199254740992 == 2 ^ 53, 9007199254740993 < 2 ^ 53 + 2)
--> true	true
print(maxi < 1 / 0, mini > -1 / 0, 0 < 0 / 0, 0 > 0 / 0)
--> true	true	false	false
print(1 == "1", "1" == 1, "a" == "a", "abc" < "abd", "" < "a", "a" < "")
--> false	false	true	true	true	false
print("Z" < "a", "a" < "b", "ab" < "abc", "10" < "9", "a\0b" < "a\0c", "a\0" > "a")
--> true	true	true	true	true	true
print("\xff" > "a", "\x7f" < "\x80")
--> true	true
print(pcall(function() return 1 < "2" end))
--> false	tests/lua/numbers/comparisons.lua:22: attempt to compare number with string
print(pcall(function() return {} < {} end))
--> false	tests/lua/numbers/comparisons.lua:24: attempt to compare two table values
print(pcall(function() return nil < 1 end))
--> false	tests/lua/numbers/comparisons.lua:26: attempt to compare nil with number
print(pcall(function() return "x" <= 1 end))
--> false	tests/lua/numbers/comparisons.lua:28: attempt to compare string with number
print(pcall(function() return true > false end))
--> false	tests/lua/numbers/comparisons.lua:30: attempt to compare two boolean values
print(1 ~= 1.0, 2 ~= 3, {} ~= {}, "x" ~= "x")
--> false	true	true	false
local t = {}
print(t == t, print == print, nil == false)
--> true	true	false
