-- Arbitrary-precision factorials with digit arrays in base 10^7.
local BASE = 10000000
local function mul(a, m)
  local carry = 0
  for i = 1, #a do
    local v = a[i] * m + carry
    a[i] = v % BASE
    carry = v // BASE
  end
  while carry > 0 do a[#a + 1] = carry % BASE; carry = carry // BASE end
end
local function tostr(a)
  local s = tostring(a[#a])
  for i = #a - 1, 1, -1 do
    local part = tostring(a[i])
    while #part < 7 do part = "0" .. part end
    s = s .. part
  end
  return s
end
local f = {1}
for i = 2, 60 do mul(f, i) end
print(tostr(f))
--> 8320987112741390144276341183223364380754172606361245952449277696409600000000000000
local g = {1}
for i = 2, 500 do mul(g, i) end
local s = tostr(g)
print(#s)
--> 1135
