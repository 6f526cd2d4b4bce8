-- Every string.* function called with 0-3 arguments drawn from a pool of values (nil, booleans,
-- integers, floats, numeric/invalid/UTF-8 strings, patterns, formats, tables, extremes) under
-- pcall: results and error messages are folded into a digest compared with lua5.4. To see the
-- lines themselves:
--   lua5.4 tests/lua/stdlib/string_argcheck.lua full > a; aqua tests/lua/stdlib/string_argcheck.lua full > b
--# slow (heavy under gc-stress)
local full = arg and arg[1] == "full"
local pool = {nil, true, 0, 1, -1, 2, 3, 2.5, -0.0, "3", "x", "", {}, "%d", "(a)%1", "a.-b",
  "i4", "<d", 0x7FFFFFFF, 1e300, "é€", "\xff", -0x7fffffffffffffff - 1, "%q", "[a-"}
local NP = 25
local function show(v)
  local t = type(v)
  if t == "table" then return "table"
  elseif t == "function" then return "function"
  elseif t == "number" and v ~= v then return "nan"
  elseif t == "string" then return (string.format("%q", v))
  else return tostring(v) end
end
local names = {}
for k, v in pairs(string) do
  if type(v) == "function" then names[#names + 1] = k end
end
table.sort(names)
local h, lines = 0, 0
local function huge(name, args, n)
  -- string.rep / pack with a count near INT_MAX would build gigabyte strings
  if name == "rep" or name == "pack" or name == "format" then
    for i = 1, n do
      local v = args[i]
      if v == 0x7FFFFFFF or v == 1e300 then return true end
    end
  end
  return false
end
local function run(name, f, args, n)
  if huge(name, args, n) then return end
  local r = table.pack(pcall(f, table.unpack(args, 1, n)))
  local parts = {name, tostring(n)}
  for i = 1, n do parts[#parts + 1] = show(args[i]) end
  parts[#parts + 1] = "=>"
  for i = 1, math.min(r.n, 6) do parts[#parts + 1] = show(r[i]) end
  local s = table.concat(parts, " ")
  s = s:gsub("0x%x%x%x%x%x+", "ADDR")
  if full then print(s) end
  for i = 1, #s do h = (h * 31 + s:byte(i)) % 4294967296 end
  lines = lines + 1
end
for _, name in ipairs(names) do
  local f = string[name]
  do
    run(name, f, {}, 0)
    for i = 1, NP do run(name, f, {pool[i]}, 1) end
    for i = 1, NP do for j = 1, NP do run(name, f, {pool[i], pool[j]}, 2) end end
    for i = 1, NP, 2 do for j = 1, NP, 3 do for k = 1, NP, 2 do
      run(name, f, {pool[i], pool[j], pool[k]}, 3)
    end end end
  end
end
print("string", #names, lines, h)
--> string	17	35523	3150928900
