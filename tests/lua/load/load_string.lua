-- load with a string chunk: compile, call, pass arguments, syntax errors return nil + message.
local f = load("return 1 + 1")
print(type(f), f())
--> function	2
print(load("return ...")(1, 2, 3))
--> 1	2	3
print(load("x = 10; return x")(), x)
--> 10	10
print(load("syntax error here"))
--> nil	[string "syntax error here"]:1: syntax error near 'error'
print(type(load("")))
--> function
print(load("")())
-->
print(select("#", load("return")()))
--> 0
local g = load("local a = ... ; return function() return a end")
print(g("captured")())
--> captured
