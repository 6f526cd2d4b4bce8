-- String comparison is bytewise (as in strcmp, with embedded zeros handled).
local words = {"banana", "apple", "Cherry", "apple pie", "", "b", "\xff", "a\0b", "a"}
-- insertion sort with '<'
for i = 2, #words do
  local v = words[i]
  local j = i - 1
  while j >= 1 and v < words[j] do words[j + 1] = words[j]; j = j - 1 end
  words[j + 1] = v
end
for i, w in ipairs(words) do print(i, #w, w == "\xff" and "<ff>" or w == "a\0b" and "<a0b>" or w) end
--> 1	0	
--> 2	6	Cherry
--> 3	1	a
--> 4	3	<a0b>
--> 5	5	apple
--> 6	9	apple pie
--> 7	1	b
--> 8	6	banana
--> 9	1	<ff>
print("a" < "b", "a" <= "a", "b" > "a", "a" >= "b", "abc" == "abc")
--> true	true	true	false	true
local x, y = "long string number one", "long string number one"
print(x == y, rawequal(x, y), x .. "" == y)
--> true	true	true
