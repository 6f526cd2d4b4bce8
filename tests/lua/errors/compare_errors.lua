-- Order comparisons between incompatible types.
print(pcall(function() return 1 < "1" end))
--> false	tests/lua/errors/compare_errors.lua:2: attempt to compare number with string
print(pcall(function() return "1" < 1 end))
--> false	tests/lua/errors/compare_errors.lua:4: attempt to compare string with number
print(pcall(function() return {} < 1 end))
--> false	tests/lua/errors/compare_errors.lua:6: attempt to compare table with number
print(pcall(function() return nil > nil end))
--> false	tests/lua/errors/compare_errors.lua:8: attempt to compare two nil values
print(pcall(function() return {} <= {} end))
--> false	tests/lua/errors/compare_errors.lua:10: attempt to compare two table values
print(pcall(function() return print < print end))
--> false	tests/lua/errors/compare_errors.lua:12: attempt to compare two function values
print(pcall(function() return true >= 1 end))
--> false	tests/lua/errors/compare_errors.lua:14: attempt to compare number with boolean
print(pcall(function() return coroutine.create(print) < 1 end))
--> false	tests/lua/errors/compare_errors.lua:16: attempt to compare thread with number
-- equality never fails
print(1 == "1", {} == 1, nil == false, print == nil)
--> false	false	false	false
