-- Operator precedence and associativity, from lowest to highest:
-- or < and < comparison < | < ~ < & < shift < .. (right) < + - < * / // % < unary < ^ (right)
print(2 ^ 3 ^ 2, (2 ^ 3) ^ 2)
--> 512.0	64.0
print(-2 ^ 2, (-2) ^ 2, - - 2)
--> -4.0	4.0	2
print(not nil == true, not (nil == true))
--> true	true
print(1 + 2 * 3 - 4 / 2, (1 + 2) * 3)
--> 5.0	9
print(7 // 2 * 2, 7 % 4 * 2, 2 * 7 % 4)
--> 6	6	2
print(1 .. 2 .. 3, "a" .. 1 + 2 .. "b")
--> 123	a3b
print(1 < 2 == true, "a" .. "b" == "ab")
--> true	true
print(1 | 2 ~ 3 & 4, 1 | (2 ~ 3) & 4)
--> 3	1
print(1 << 2 + 1, (1 << 2) + 1, 256 >> 2 >> 1)
--> 8	5	32
print(5 & 3 << 1, 2 .. 3 + 1)
--> 4	24
print(~0, ~5 & 0xF, - ~0)
--> -1	10	1
print(#"abc" + 1, -#"ab", not #"")
--> 4	-2	false
print(1 or error("no"), nil and error("no"), false or nil, nil or false)
--> 1	nil	nil	false
print(1 and 2 or 3, nil and 2 or 3, false == false or 1)
--> 2	3	true
print(2 ^ -1, -2 ^ -2, 2 ^ - 1)
--> 0.5	-0.25	0.5
print(3 - -3, 3 - - -3, 10 - 2 - 3, 64 / 4 / 2)
--> 6	0	5	8.0
print(1 < 2 and 2 < 3, 1 > 2 or 2 >= 2, 1 ~= 2 and "yes")
--> true	true	yes
