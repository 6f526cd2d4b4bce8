-- debug.getuservalue / setuservalue (5.4 signatures with n). The only userdata a script can
-- make are file handles, which have no user values (as in lua5.4's io library).
local f = io.stdout
print(debug.getuservalue(f))
--> nil
print(select("#", debug.getuservalue(f)))
--> 1
print(debug.getuservalue(f, 1), debug.getuservalue(f, 0), debug.getuservalue(f, -3))
--> nil	nil	nil
print(select("#", debug.getuservalue(f, 2)))
--> 1
print(debug.setuservalue(f, "v"))
--> nil
print(debug.setuservalue(f, "v", 1), debug.setuservalue(f, "v", 0))
--> nil	nil

-- non-userdata: fail
print(debug.getuservalue(1), debug.getuservalue({}), debug.getuservalue(nil))
--> nil	nil	nil
print(select("#", debug.getuservalue("x")))
--> 1
print(debug.getuservalue())
--> nil

-- errors
print(pcall(debug.setuservalue, {}, 1))
--> false	bad argument #1 to 'debug.setuservalue' (userdata expected, got table)
print(pcall(debug.setuservalue, 1))
--> false	bad argument #1 to 'debug.setuservalue' (userdata expected, got number)
print(pcall(debug.setuservalue))
--> false	bad argument #1 to 'debug.setuservalue' (userdata expected, got no value)
print(pcall(debug.setuservalue, f))
--> false	bad argument #2 to 'debug.setuservalue' (value expected)
print(pcall(debug.setuservalue, f, 1, "x"))
--> false	bad argument #3 to 'debug.setuservalue' (number expected, got string)
print(pcall(debug.getuservalue, f, "x"))
--> false	bad argument #2 to 'debug.getuservalue' (number expected, got string)
print(pcall(debug.getuservalue, f, 1.5))
--> false	bad argument #2 to 'debug.getuservalue' (number has no integer representation)
