-- Chunks that load chunks.
local src = "return load('return load(\"return 1 + ...\")')"
print(load(src)()()(41))
--> 42
print(load("return 'no nesting'")())
--> no nesting
