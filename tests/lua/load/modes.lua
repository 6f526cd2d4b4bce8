-- load's mode argument: "t" (text only), "b" (binary only), "bt" (both).
print(load("return 'text'", "chunk", "t")())
--> text
print(load("return 'text'", "chunk", "bt")())
--> text
print(load("return 'text'", "chunk", "b"))
--> nil	attempt to load a text chunk (mode is 'b')
print(load("return 'text'", "=chunk", "b"))
--> nil	attempt to load a text chunk (mode is 'b')
print(pcall(load, "return 1", "chunk", "x"))
--> true	nil	attempt to load a text chunk (mode is 'x')
print(load("\27Lua not really binary", "=bin", "t"))
--> nil	attempt to load a binary chunk (mode is 't')
