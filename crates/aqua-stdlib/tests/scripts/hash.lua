#!/usr/bin/lua
print("line", x and 1 or 2)
error("at line 3")
