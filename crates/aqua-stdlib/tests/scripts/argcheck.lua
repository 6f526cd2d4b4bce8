-- every base/coroutine function against combinations of argument types: argument checks,
-- their order and messages must be lua5.4's ("count" results are left out: heap sizes differ)
local pool = {nil, true, 1, 1.5, "10", "x", {}, rawlen, -1, 0, "#", 2^63, "collect", "step", "@on"}
local npool = 15
local names = {"assert", "collectgarbage", "error", "getmetatable", "ipairs", "next", "pairs", "rawequal",
  "rawget", "rawlen", "rawset", "select", "setmetatable", "tonumber", "tostring", "type", "xpcall", "pcall",
  "load", "warn"}
local cos = {"create", "status", "isyieldable", "running", "close", "resume", "wrap"}
local function show(...)
  local n = select('#', ...)
  local out = {}
  for i = 1, n do
    local v = select(i, ...)
    local s = tostring(v)
    s = s:gsub("0x%x+", "ADDR")
    out[#out + 1] = s
  end
  local r = ""
  for i = 1, #out do r = r .. (i > 1 and " " or "") .. out[i] end
  return r
end
local function try(fname, f, ...)
  print(fname, show(...), "=>", show(pcall(f, ...)))
end
for _, name in ipairs(names) do
  local f = _G[name]
  try(name, f)
  for i = 1, npool do
    try(name, f, pool[i])
    for j = 1, npool do
      if name ~= "collectgarbage" or (pool[i] ~= "collect") then
        try(name, f, pool[i], pool[j])
      end
    end
  end
end
for _, name in ipairs(cos) do
  local f = coroutine[name]
  try(name, f)
  for i = 1, npool do try(name, f, pool[i]); for j = 1, 4 do try(name, f, pool[i], pool[j]) end end
end
