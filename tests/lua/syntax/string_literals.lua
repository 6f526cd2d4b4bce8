-- Quoted string literals and every escape sequence (checked through lengths and equalities,
-- since raw control bytes in the output would be hard to read).
print('single', "double", 'it\'s', "say \"hi\"")
print(#"\a\b\f\n\r\t\v\\\"\'", "\65\066\0671", "\x41\x62\x7A")
print("\u{48}\u{65}\u{6C}\u{6C}\u{6F}", #"\u{7FF}", #"\u{FFFF}", #"\u{10FFFF}", #"\u{7FFFFFFF}")
print(#"\0", #"a\0b", "\0" == "\x00", "\0" == "\u{0}")
print("\z
       skipped whitespace", "a\z  b")
print("line1\
line2")
print("tab:[\t]")
print("\9" == "\t", "\10" == "\n", "\255" == "\xff", #"\2550")
print("\u{E9}" == "\xC3\xA9", "\u{20AC}" == "\xE2\x82\xAC")

--> single	double	it's	say "hi"
--> 10	ABC1	Abz
--> Hello	2	3	4	6
--> 1	3	true	true
--> skipped whitespace	ab
--> line1
--> line2
--> tab:[	]
--> true	true	true	2
--> true	true
