-- Weak-valued tables: entries whose values are collected disappear.
-- (Objects are created inside helper functions: see weak_keys.lua.)
local function count(t) local n = 0 for _ in pairs(t) do n = n + 1 end return n end
local reg = setmetatable({}, {__mode = "v"})
local strong = {}
local function fill()
  for i = 1, 10 do
    local v = {id = i}
    reg[i] = v
    if i % 2 == 0 then strong[#strong + 1] = v end
  end
end
fill()
collectgarbage()
print(count(reg), reg[2] and reg[2].id, reg[1])
--> 5	2	nil
-- strings and numbers are values, not objects: they are never removed
local sv = setmetatable({}, {__mode = "v"})
local function fill2() sv[1] = "a string"; sv[2] = 42; sv[3] = "x" .. 1 end
fill2()
collectgarbage()
print(count(sv), sv[1], sv[2], sv[3])
--> 3	a string	42	x1
-- "kv": both weak
local kv = setmetatable({}, {__mode = "kv"})
local function fill3() kv[{}] = 1; kv[1] = {}; kv[strong[1]] = strong[2] end
fill3()
collectgarbage()
print(count(kv))
--> 1
