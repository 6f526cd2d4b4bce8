-- Tables are compared and used as keys by identity.
local a, b = {}, {}
print(a == b, a == a, a ~= b)
--> false	true	true
local reg = {}
reg[a] = "a"; reg[b] = "b"
print(reg[a], reg[b])
--> a	b
local c = a
c.x = 1
print(a.x, rawequal(a, c))
--> 1	true
local nested = {}
nested.self = nested
print(nested.self.self.self == nested)
--> true
