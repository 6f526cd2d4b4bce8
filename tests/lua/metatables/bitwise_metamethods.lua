-- Bitwise metamethods, including for floats without integer representation and strings.
local mt = {}
for _, ev in ipairs({"band", "bor", "bxor", "shl", "shr", "bnot"}) do
  mt["__" .. ev] = function(a, b)
    local function v(x) return type(x) == "table" and "T" or tostring(x) end
    return ev .. "(" .. v(a) .. "," .. v(b) .. ")"
  end
end
local t = setmetatable({}, mt)
print(t & 1, 1 | t, t ~ t, t << 2, 3 >> t, ~t)
--> band(T,1)	bor(1,T)	bxor(T,T)	shl(T,2)	shr(3,T)	bnot(T,T)
print(1.5 & t)
--> band(1.5,T)
