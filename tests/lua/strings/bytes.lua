-- Strings are byte sequences: embedded zeros, bytes >= 0x80, lengths count bytes.
local s = "a\0b\0c"
print(#s, s == "a\0b\0c", s == "a\0b\0d", s < "a\0b\0d")
print(#"\xff\xfe", #"\u{10FFFF}", #"héllo", "\xe2\x82\xac" == "€")
local t = {}
t["a\0b"] = 1
t["a\0c"] = 2
print(t["a\0b"], t["a\0c"], t["a"])
local z = "\0\0\0"
print(#z, #(z .. z), (z .. "x") == "\0\0\0x")
local all = ""
for i = 0, 255 do all = all .. (i < 128 and "\x01" or "\xff") end
print(#all)
print(#"\z
   ", #"\\", #"\n")

--> 5	true	false	true
--> 2	4	6	true
--> 1	2	nil
--> 3	6	true
--> 256
--> 0	1	1
