-- The length operator on strings counts bytes.
print(#"", #"a", #"abc", #"\0", #"\n\t")
--> 0	1	3	1	2
local s = "hello"
print(#s, #s + 1, -#s)
--> 5	6	-5
local long = [[
123
456]]
print(#long)
--> 7
print(#("x" .. "y"), #(10 .. ""), #tostring(1.5))
--> 2	2	3
