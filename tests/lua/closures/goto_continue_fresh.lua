-- Closures created in loop bodies that use goto continue still get a fresh local each iteration.
local fs = {}
for i = 1, 6 do
  local v = i * i
  if i % 2 == 0 then goto continue end
  fs[#fs + 1] = function() v = v + 1; return v end
  ::continue::
end
print(#fs, fs[1](), fs[1](), fs[2](), fs[3]())
--> 3	2	3	10	26
local gs = {}
local i = 0
while i < 4 do
  i = i + 1
  local captured = i
  gs[i] = function() return captured end
  if i == 2 then goto skip end
  captured = captured * 100
  ::skip::
end
print(gs[1](), gs[2](), gs[3](), gs[4]())
--> 100	2	300	400
