-- A multi-line error message: each line of it appears on stderr before the traceback.
print("out")
--> out
error("first line\nsecond line", 0)

--! lua: first line
