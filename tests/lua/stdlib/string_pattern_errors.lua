-- pattern errors (malformed patterns, captures, %b/%f), limits and gsub replacement errors
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
local s = string
t(s.find, "abc", "%") t(s.find, "abc", "[a") t(s.find, "abc", "[a%") t(s.find, "abc", "(a") t(s.find, "abc", "a)") t(s.find, "abc", "%b") t(s.find, "abc", "%ba")
--> false "malformed pattern (ends with '%')"
--> false "malformed pattern (missing ']')"
--> false "malformed pattern (missing ']')"
--> false "unfinished capture"
--> true nil
--> false "malformed pattern (missing arguments to '%b')"
--> false "malformed pattern (missing arguments to '%b')"
t(s.find, "abc", "%f") t(s.find, "abc", "%fa") t(s.find, "abc", "%1") t(s.find, "abc", "(a)%2") t(s.find, "abc", "(a%1)") t(s.find, "abc", "%g")
--> false "missing '[' after '%f' in pattern"
--> false "missing '[' after '%f' in pattern"
--> false "invalid capture index %1"
--> false "invalid capture index %2"
--> false "invalid capture index %1"
--> true 1 1
t(s.gsub, "abc", "(a)", "%2") t(s.gsub, "abc", "a", "%x") t(s.gsub, "abc", "a", "%") t(s.gsub, "abc", "a", {a=true}) t(s.gsub, "abc", "a", {a={}}) t(s.gsub, "abc", "a", function() return {} end)
--> false "invalid capture index %2"
--> false "invalid use of '%' in replacement string"
--> false "invalid use of '%' in replacement string"
--> false "invalid replacement value (a boolean)"
--> false "invalid replacement value (a table)"
--> false "invalid replacement value (a table)"
t(s.gsub, "abc", "a", 1) t(s.gsub, "abc", "a", nil) t(s.gsub, "abc", "", "-") t(s.gsub, "abc", ".", "%0%0", 2) t(s.gsub, "abc", ".", "x", -1) t(s.gsub, "abc", ".", "x", 1.5)
--> true "1bc" 1
--> false "bad argument #3 to 'string.gsub' (string/function/table expected, got nil)"
--> true "-a-b-c-" 4
--> true "aabbc" 2
--> true "abc" 0
--> false "bad argument #4 to 'string.gsub' (number has no integer representation)"
t(s.rep("(", 40) .. "a" .. s.rep(")", 40)) 
--> false "attempt to call a string value"
t(s.find, "a", s.rep("(", 32) .. "a" .. s.rep(")", 32)) t(s.find, "a", s.rep("(", 33) .. "a" .. s.rep(")", 33))
--> true 1 1 "a" "a" "a" "a" "a" "a" "a" "a" "a" "a" "a" "a" "a" "a" "a" "a" "a" "a" "a" "a" "a" "a" "a" "a" "a" "a" "a" "a" "a" "a" "a" "a"
--> false "too many captures"
t(s.match, s.rep("a", 20), s.rep("a?", 20) .. s.rep("a", 20)) 
--> true "aaaaaaaaaaaaaaaaaaaa"
t(s.match, "x", s.rep("%f[x]", 300)) t(s.match, "a", "()") t(s.match, "abc", "()a()") t(s.find, "abc", "b", -1) t(s.find, "abc", "b", -10) t(s.find, "abc", "", 10) t(s.find, "abc", "", 4)
--> true ""
--> true 1
--> true 1 2
--> true nil
--> true 2 2
--> true nil
--> true 4 3
t(s.gmatch, "abc", ".", 2) for k in s.gmatch("abc", ".", -1) do print(k) end for a, b in s.gmatch("k=v, x=y", "(%w+)=(%w+)") do print(a, b) end
--> true function
--> c
--> k	v
--> x	y
t(s.match, "  x", "^%s*()") t(s.find, "a.b", ".", 1, true) t(s.find, "a+b", "+", 1, true) t(s.match, "[]", "[]]") t(s.match, "a-", "[a-]") t(s.match, "]", "[^]]") t(s.match, "x", "[%a-z]")
--> true 3
--> true 2 2
--> true 2 2
--> true "]"
--> true "a"
--> true nil
--> true "x"
t(s.match, "hello", "%w+", 10) t(s.gsub, "hello world", "%w+", "%0 %0") t(s.gsub, "abc", "%w", "%%") t(s.match, "\0a", "%z") t(s.match, "(foo)", "%b()") t(s.match, "THE (quick) fox", "%f[%a]%a+")
--> true nil
--> true "hello hello world world" 2
--> true "%%%" 3
--> true "\0"
--> true "(foo)"
--> true "THE"
t(s.match, string.rep("a", 3000), ".-b") t(s.find, "abc", "[b-a]") t(s.find, "a", "[") t(s.find, "a", "[^") t(s.find, "a", "%[") t(s.match, "a", "(()") t(s.gsub, "x", "()", "%1")
--> true nil
--> true nil
--> false "malformed pattern (missing ']')"
--> false "malformed pattern (missing ']')"
--> true nil
--> false "unfinished capture"
--> true "1x2" 2
t(s.gsub, "abc", "b*", "-") t(s.gsub, "", "", "x") t(s.gsub, "abc", "(b)(c)", "%2%1") t(s.gsub, "abc", "(b)", "%0%1%9")
--> true "-a-c-" 3
--> true "x" 1
--> true "acb" 1
--> false "invalid capture index %9"
