-- dofile of a file returns all of its results; errors propagate.
print(dofile("tests/lua/load/fixtures/chunk.txt"))
--> from chunk	nil	nil	1
print(select("#", dofile("tests/lua/load/fixtures/chunk.txt")))
--> 4
