-- A 10^8-iteration numeric for loop with integer arithmetic in the body.
local acc = 0
for i = 1, 100000000 do
  acc = acc + i % 7 * 3 - 1
end
print(acc)
