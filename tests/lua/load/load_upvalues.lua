-- A loaded chunk's only upvalue is _ENV (the globals by default); it does not see caller locals.
local secret = "local"
visible = "global"
print(load("return secret, visible")())
--> nil	global
local function make() local v = 1; return load("return v") end
print(make()())
--> nil
