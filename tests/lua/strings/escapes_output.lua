-- Printing strings that contain escapes writes the raw bytes.
print("tab\there", "quote\"s", 'apos\'s', "back\\slash")
print("bell-free \65\66\67 \x44\x45 \u{46}")
print("multi\nline\noutput")
print("a\z
       b")
print("[" .. "\32" .. "]", "[\u{7e}]")

--> tab	here	quote"s	apos's	back\slash
--> bell-free ABC DE F
--> multi
--> line
--> output
--> ab
--> [ ]	[~]
