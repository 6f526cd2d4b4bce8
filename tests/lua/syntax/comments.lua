#!/usr/bin/env lua -- a first line starting with # is skipped
-- Comments: line comments, long comments of every level, comments inside expressions.
print(1) -- trailing comment
--> 1
--[[ a long
comment ]] print(2)
--> 2
--[==[ long comment with ]] inside
]==] print(3)
--> 3
print(4 --[[ inline ]] + 5)
--> 9
---[[ this is a line comment, so the next line runs
print(6)
--> 6
--]]
--[=[
print("not run")
--]=]
print(load("return 1 -- comment at end without newline")())
--> 1
print(load("return 2 --[[ long comment at end ]]")())
--> 2
print(load("--[[ unfinished long comment") )
--> nil	[string "--[[ unfinished long comment"]:1: unfinished long comment (starting at line 1) near <eof>
