-- Building strings: number formatting through '..', a simple rope, lengths.
local parts = {}
for i = 1, 100 do parts[#parts + 1] = i % 2 == 0 and i or i / 2 end
local s = ""
for i = 1, #parts do s = s .. parts[i] .. (i < #parts and "," or "") end
print(#s)
--> 386
local function rep(str, n)
  local out = ""
  local piece = str
  while n > 0 do
    if n % 2 == 1 then out = out .. piece end
    piece = piece .. piece
    n = (n - n % 2) / 2
  end
  return out
end
print(rep("ab", 5), #rep("xyz", 1000))
--> ababababab	3000
