-- Values live across a GC safe point (NEWTABLE/CLOSURE/CONCAT/SETLIST A) must sit at or below A:
-- the collector marks only R[0..=A] there. Non-LIFO allocators once placed a table above a later
-- CLOSURE's A (run under gc-stress with --alloc=linear-live to see it).
local mt = {__add = function(a, b) return "added" end,
            __index = function(t, k) return k .. "!" end}
local v = setmetatable({}, mt)
print(v + 1, v.x)
--> added	x!
local function make()
  local parts = {n = 0}
  local add = function(s) parts.n = parts.n + 1; parts[parts.n] = s end
  add("a") add("b")
  local t = {table.concat(parts, ","), #parts .. "" .. parts.n}
  return t
end
local r = make()
print(r[1], r[2])
--> a,b	22
local s = "x"
for i = 1, 3 do
  local keep = {i}
  s = s .. i .. tostring(#keep)
  local f = function() return keep[1] end
  s = s .. f()
end
print(s)
--> x111212313
