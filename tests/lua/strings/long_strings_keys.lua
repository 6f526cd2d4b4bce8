-- Long strings (up to 1 MiB) built at run time: equality, use as table keys, concatenation.
local function build(n, unit)
  local s = unit
  while #s < n do s = s .. s end
  return s
end
local a = build(1 << 20, "abcdefgh")
local b = build(1 << 20, "abcd" .. "efgh")
print(#a, a == b, rawequal(a, b))
--> 1048576	true	true
local t = {[a] = "found by content"}
print(t[b])
--> found by content
local c = a .. "!"
local d = b .. "!"
print(#c, c == d, c ~= a, a < c)
--> 1048577	true	true	true
local e = "x" .. a
print(e > a, #e)
--> true	1048577
