-- Table keys: any value but nil and NaN; float keys with integer values are normalised.
local t = {}
t[1] = "int"; t[1.5] = "float"; t["1"] = "string"; t[true] = "bool"
local f = function() end
t[f] = "function"; t[t] = "self"
print(t[1], t[1.0], t[1.5], t["1"], t[true], t[false], t[f], t[t])
--> int	int	float	string	bool	nil	function	self
print(pcall(function() t[nil] = 1 end))
--> false	tests/lua/tables/keys.lua:8: table index is nil
print(pcall(function() t[0 / 0] = 1 end))
--> false	tests/lua/tables/keys.lua:10: table index is NaN
print(t[nil], t[0 / 0])
--> nil	nil
print(pcall(rawset, t, nil, 1))
--> false	table index is nil
t[2 ^ 53] = "2^53"
print(t[9007199254740992], t[2 ^ 53])
--> 2^53	2^53
t[-0.0] = "zero"
print(t[0], t[0.0], t[-0.0])
--> zero	zero	zero
local k1, k2 = {}, {}
t[k1] = "k1"
print(t[k1], t[k2])
--> k1	nil
