-- A deterministic serializer for nested tables (keys sorted by type then value).
local function less(a, b)
  local ta, tb = type(a), type(b)
  if ta ~= tb then return ta < tb end
  if ta == "number" or ta == "string" then return a < b end
  return tostring(a) < tostring(b)
end
local function sorted_keys(t)
  local ks = {}
  for k in pairs(t) do ks[#ks + 1] = k end
  for i = 2, #ks do
    local v, j = ks[i], i - 1
    while j >= 1 and less(v, ks[j]) do ks[j + 1] = ks[j]; j = j - 1 end
    ks[j + 1] = v
  end
  return ks
end
local function ser(v, indent)
  indent = indent or ""
  if type(v) == "string" then return '"' .. v .. '"' end
  if type(v) ~= "table" then return tostring(v) end
  local out = "{\n"
  for _, k in ipairs(sorted_keys(v)) do
    out = out .. indent .. "  [" .. ser(k) .. "] = " .. ser(v[k], indent .. "  ") .. ",\n"
  end
  return out .. indent .. "}"
end
print(ser({1, 2.5, "three", {nested = true, list = {3, 2, 1}}, name = "x", [10] = false, [-1] = "neg"}))
--> {
-->   [-1] = "neg",
-->   [1] = 1,
-->   [2] = 2.5,
-->   [3] = "three",
-->   [4] = {
-->     ["list"] = {
-->       [1] = 3,
-->       [2] = 2,
-->       [3] = 1,
-->     },
-->     ["nested"] = true,
-->   },
-->   [10] = false,
-->   ["name"] = "x",
--> }
