-- Random sequences of table.insert/remove/move/concat/unpack/sort on a proxy whose
-- __index/__newindex/__len log every access: the access sequence, results and errors are folded
-- into a digest compared with lua5.4 (ltablib's exact order of lua_geti/lua_seti calls).
local seed = 99
local function rnd(n) seed = (seed * 6364136223846793005 + 1442695040888963407); return (seed >> 33) % n end
local h, events = 0, 0
local function fold(s)
  s = tostring(s)
  for i = 1, #s do h = (h * 31 + s:byte(i)) % 4294967296 end
  events = events + 1
end
local store = {}
-- a deterministic length (the border of a table with holes is implementation-defined)
local function len()
  local n = 0
  for i = 1, 64 do if store[i] ~= nil then n = i end end
  return n
end
local function dump()
  local t = {}
  for i = -1, len() do t[#t + 1] = tostring(store[i]) end
  return table.concat(t, " ")
end
local proxy = setmetatable({}, {
  __index = function(_, k) fold("g" .. tostring(k)); return store[k] end,
  __newindex = function(_, k, v) fold("s" .. tostring(k) .. "=" .. tostring(v)); store[k] = v end,
  __len = function() fold("#"); return len() end,
})
local ops = {
  function() return table.insert(proxy, rnd(100)) end,
  function() return table.insert(proxy, rnd(len() + 3) - 1, rnd(100)) end,
  function() return table.remove(proxy) end,
  function() return table.remove(proxy, rnd(len() + 3) - 1) end,
  function() return table.move(proxy, rnd(6) - 1, rnd(8), rnd(8) - 1) end,
  function() return table.move(proxy, rnd(4), rnd(6), rnd(6), {}) end,
  function() return table.concat(proxy, ",", rnd(3), rnd(5)) end,
  function() return table.unpack(proxy, rnd(3), rnd(6)) end,
  function() return table.sort(proxy) end,
  function() return table.sort(proxy, function(a, b) return a > b end) end,
}
for round = 1, 1500 do
  if len() > 30 then store = {} end
  local op = rnd(#ops) + 1
  local r = table.pack(pcall(ops[op]))
  fold(op)
  for i = 1, r.n do fold(type(r[i]) == "table" and "tbl" or r[i]) end
  fold(dump())
end
print(events, h)
--> 21031	1535601084
