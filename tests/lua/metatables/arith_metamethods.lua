-- Arithmetic metamethods: called with operands in order; the left operand's metamethod first.
local mt = {}
local function V(x) return setmetatable({x = x}, mt) end
local function val(v) return type(v) == "table" and (v.x and "V" .. v.x or "T") or tostring(v) end
for _, ev in ipairs({"add", "sub", "mul", "div", "mod", "pow", "unm", "idiv"}) do
  mt["__" .. ev] = function(a, b) return ev .. "(" .. val(a) .. "," .. val(b) .. ")" end
end
local a, b = V(1), V(2)
print(a + b, a - 1, 2 * a, a / b, a % 3, 2 ^ a, -a, a // b)
--> add(V1,V2)	sub(V1,1)	mul(2,V1)	div(V1,V2)	mod(V1,3)	pow(2,V1)	unm(V1,V1)	idiv(V1,V2)
print(1 + a, a + 1.5, "s" - a)
--> add(1,V1)	add(V1,1.5)	sub(s,V1)
-- only the right operand has a metamethod
local plain = {}
print(pcall(function() return plain + a end))
--> true	add(T,V1)
print(pcall(function() return plain + plain end))
--> false	tests/lua/metatables/arith_metamethods.lua:17: attempt to perform arithmetic on a table value (upvalue 'plain')
-- metamethod from the second operand when the first has a metatable without it
local other = setmetatable({}, {})
print(other + a)
--> add(T,V1)
