-- Every table.* function called with 0-3 arguments drawn from a pool of values (nil, booleans,
-- integers, floats, numeric/invalid/UTF-8 strings, tables, extremes) under pcall: results and
-- error messages are folded into a digest compared with lua5.4. To see the lines themselves:
--   lua5.4 tests/lua/stdlib/table_argcheck.lua full > a; aqua tests/lua/stdlib/table_argcheck.lua full > b
local LIB = "table"
local full = arg and arg[1] == "full"
local pool = {nil, true, 0, 1, -1, 2, 3, 2.5, -0.0, "3", "x", "", {}, {3, 1, 2}, math.maxinteger,
  math.mininteger, 1/0, "é€", "\xff", 0x7FFFFFFF, 1e300}
local NP = 21
local function show(v)
  local t = type(v)
  if t == "table" then
    local parts = {}
    for i = 1, 4 do
      local e = rawget(v, i)
      parts[i] = type(e) == "table" and "{}" or tostring(e)
    end
    return "table[" .. table.concat(parts, ",") .. "]"
  elseif t == "function" then return "function"
  elseif t == "number" and v ~= v then return "nan"
  else return tostring(v) end
end
local function copy(v)
  if type(v) == "table" then local c = {} for i = 1, 3 do c[i] = v[i] end return c end
  return v
end
local names = {}
for k, v in pairs(_G[LIB]) do
  -- math.atan2 is math.atan: its error messages name either at random in lua5.4
  if type(v) == "function" and k ~= "atan2" then names[#names + 1] = k end
end
table.sort(names)
local h, lines = 0, 0
local function run(name, f, args, n)
  if name == "randomseed" and n == 0 then return end -- seeds from the clock
  math.randomseed(7)
  local r = table.pack(pcall(f, table.unpack(args, 1, n)))
  local parts = {name, tostring(n)}
  for i = 1, n do parts[#parts + 1] = show(args[i]) end
  parts[#parts + 1] = "=>"
  for i = 1, math.min(r.n, 6) do parts[#parts + 1] = show(r[i]) end
  local s = table.concat(parts, " ")
  if full then print(s) end
  for i = 1, #s do h = (h * 31 + s:byte(i)) % 4294967296 end
  lines = lines + 1
end
for _, name in ipairs(names) do
  local f = _G[LIB][name]
  run(name, f, {}, 0)
  for i = 1, NP do run(name, f, {copy(pool[i])}, 1) end
  for i = 1, NP do for j = 1, NP do run(name, f, {copy(pool[i]), copy(pool[j])}, 2) end end
  for i = 1, NP, 2 do for j = 1, NP, 3 do for k = 1, NP, 2 do
    run(name, f, {copy(pool[i]), copy(pool[j]), copy(pool[k])}, 3)
  end end end
end
print(LIB, #names, lines, h)
--> table	7	9170	2559965041
