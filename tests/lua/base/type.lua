-- type() of every kind of value.
print(type(nil), type(true), type(false), type(0), type(1.5), type(""), type({}))
--> nil	boolean	boolean	number	number	string	table
print(type(print), type(function() end), type(coroutine.create(print)), type(type))
--> function	function	thread	function
print(type(2^63), type("1"), type(type(nil)))
--> number	string	string
print(pcall(type))
--> false	bad argument #1 to 'type' (value expected)
