-- Compiler limits: reported as errors by load (never crashes), and big-but-legal chunks work.
-- rep(s, n, sep): n copies of s separated by sep, built by halving (linear time)
local function rep(s, n, sep)
  sep = sep or ""
  if n == 1 then return s end
  local half = n // 2
  return rep(s, half, sep) .. sep .. rep(s, n - half, sep)
end
local function locals(n, prefix)
  local src = ""
  for i = 1, n do src = src .. "local " .. prefix .. i .. " = " .. i .. "\n" end
  return src
end
-- 200 locals per function is the limit
print(load(locals(200, "v") .. "return v200")())
--> 200
print(load(locals(201, "v") .. "return v201"))
--> nil	[string "local v1 = 1..."]:201: too many local variables (limit is 200) in main function near '='
-- 255 upvalues per function is the limit
local function upvalue_chunk(n)
  local src = locals(150, "a") .. "return function()\n" .. locals(150, "b") .. "return function() return 0"
  for i = 1, n do src = src .. " + " .. (i <= 150 and "a" .. i or "b" .. (i - 150)) end
  return src .. " end end"
end
print(load(upvalue_chunk(255))()()())
--> 16890
print(load(upvalue_chunk(256)))
--> nil	[string "local a1 = 1..."]:302: too many upvalues (limit is 255) in function at line 302 near 'end'
-- many constants and a large constructor
local consts = "return {"
for i = 1, 1000 do consts = consts .. "'s" .. i .. "', " .. i + 0.5 .. ", " end
print(load(consts .. "}")()[2000])
--> 1000.5
print(#load("return {" .. rep("1", 100000, ",") .. "}")())
--> 100000
-- moderate nesting works
print(load("return " .. rep("(", 100) .. "1" .. rep(")", 100))())
--> 1
print(load("return " .. rep("x", 100, " .. "), "=c", "t", {x = "x"})() == rep("x", 100))
--> true
print(load("local f = " .. rep("function() return ", 30) .. "'deep'" .. rep(" end", 30) .. " return f" .. rep("()", 30))())
--> deep
print(load(rep("do ", 100) .. "x = 1 " .. rep("end ", 100), "=c", "t", {}) ~= nil)
--> true
-- excessive nesting is an error, not a crash
local cases = {
  "return " .. rep("(", 1000) .. "1" .. rep(")", 1000),
  rep("do ", 1000) .. rep("end ", 1000),
  "local f = " .. rep("function() return ", 1000) .. "1" .. rep(" end", 1000),
  "x = " .. rep("- ", 10000) .. "1",
  "x = " .. rep("{", 1000) .. rep("}", 1000),
  "return " .. rep("x", 1000, " .. "),
  "return " .. rep("not ", 10000) .. "nil",
  "x = " .. rep("f(", 1000) .. rep(")", 1000),
}
for i, src in ipairs(cases) do
  local f, err = load(src)
  print(i, f == nil, type(err))
--> 1	true	string
--> 2	true	string
--> 3	true	string
--> 4	true	string
--> 5	true	string
--> 6	true	string
--> 7	true	string
--> 8	true	string
end
