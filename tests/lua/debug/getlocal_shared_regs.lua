-- debug.getlocal / debug.setlocal when register allocators share registers between locals
-- (--alloc=linear|coloring|auto and the -live variants). Whatever the allocator, a local that
-- getlocal lists must have its own value (never the value of another local or temporary that
-- now occupies its register), and a local that is still to be used must be listed with its
-- value. The locals checked (TAGGED) hold a value that names them (the name, or a table whose
-- `name` is the name), so a hook can check each listed one against its name.

local bad, checks = {}, 0
local TAGGED = {}
for c in ("abcdefghkm"):gmatch(".") do TAGGED[c] = true end
for _, w in ipairs({"first", "second", "third"}) do TAGGED[w] = true end
local function check(level)
  for i = 1, 255 do
    local name, v = debug.getlocal(level + 1, i)
    if not name then break end
    if TAGGED[name] then
      checks = checks + 1
      local tag = type(v) == "table" and v.name or v
      if tag ~= name and v ~= nil then
        bad[#bad + 1] = name .. "=" .. tostring(tag)
      end
    end
  end
end

-- the value of local `name` at `level`, looked up by name (allocators may drop dead locals,
-- which shifts the indices of the later ones)
local function lookup(level, want)
  local found
  for i = 1, 255 do
    local name, v = debug.getlocal(level + 1, i)
    if not name then break end
    if name == want then found = v end
  end
  return found
end

local function work(n)
  local out = {}
  do
    local a = "a"
    local b = {name = "b"}
    out[#out + 1] = a .. b.name
  end
  do
    local c = "c"
    local d = {name = "d"}
    out[#out + 1] = d.name .. c
  end
  for i = 1, n do
    local e = {name = "e"}
    local f = "f"
    if i % 2 == 0 then
      local g = "g"
      out[#out + 1] = g .. e.name
    else
      local h = {name = "h"}
      out[#out + 1] = h.name .. f
    end
  end
  local k = "k"
  local m = {name = "m"}
  out[#out + 1] = k .. m.name
  return table.concat(out, ",")
end

-- a count hook looks at every instruction of `work`
debug.sethook(function()
  local info = debug.getinfo(2, "f")
  if info.func == work then check(2) end
end, "", 1)
local r = work(3)
debug.sethook()
print(r)
--> ab,dc,hf,ge,hf,km
print(#bad, checks > 0, table.concat(bad, " "))
--> 0	true	

-- live locals are listed with their values at a call made while they are live
local function live(p)
  local x = {name = "x"}
  local y = "y" .. p
  local seen = lookup(1, "x") == x and lookup(1, "y") == y and lookup(1, "p") == p
  return seen, x.name, y, p
end
print(live("!"))
--> true	x	y!	!

-- setlocal on a live local, found by name
local function setter()
  local before = "old"
  local other = {}
  local idx
  for i = 1, 255 do
    local name = debug.getlocal(1, i)
    if not name then break end
    if name == "before" then idx = i end
  end
  print(debug.setlocal(1, idx, "new"))
  return before, other ~= nil
end
print(setter())
--> before
--> new	true

-- after a local dies, a new local in the same block may take its register: getlocal never
-- reports the new value under the old name
local function reuse()
  local first = "first"
  print(first)
  local second = "second"
  check(1)
  print(second)
  local third = {name = "third"}
  check(1)
  return third.name
end
bad = {}
print(reuse())
--> first
--> second
--> third
print(#bad)
--> 0
