-- 'for' bounds must be numbers; strings convertible to numbers are accepted (5.4.4).
print(pcall(function() for i = "1", 2 do end end))
--> true
print(pcall(function() for i = 1, "2" do end end))
--> true
print(pcall(function() for i = 1, 2, "1" do end end))
--> true
print(pcall(function() for i = nil, 2 do end end))
--> false	tests/lua/loops/numeric_errors.lua:8: bad 'for' initial value (number expected, got nil)
print(pcall(function() for i = 1, {} do end end))
--> false	tests/lua/loops/numeric_errors.lua:10: bad 'for' limit (number expected, got table)
print(pcall(function() for i = 1, 2, 0 do end end))
--> false	tests/lua/loops/numeric_errors.lua:12: 'for' step is zero
