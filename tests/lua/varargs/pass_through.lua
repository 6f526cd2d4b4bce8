-- Varargs passed through several levels and into tail calls keep their count and nils.
local function count(...) return select("#", ...) end
local function l3(...) return count(...) end
local function l2(...) return l3(...) end
local function l1(...) return l2(...) end
print(l1(), l1(nil), l1(1, nil, nil), l1(nil, nil, nil, nil, nil))
--> 0	1	3	5
local function pack(...) return {n = select("#", ...), ...} end
local p = pack(1, nil, 3, nil)
print(p.n, p[1], p[2], p[3], p[4])
--> 4	1	nil	3	nil
local function unpack(t, i, n)
  i = i or 1
  n = n or t.n or #t
  if i <= n then return t[i], unpack(t, i + 1, n) end
end
print(unpack(p))
--> 1	nil	3	nil
print(count(unpack({n = 5})))
--> 5
