-- A forward goto jumping over a local that a closure captures, to a label at the end of the
-- block (minimised from tests/lua/fuzz/programs_134.lua).
local function f(skip)
  local r = "ran"
  do
    if skip then goto continue end
    local w = 0
    while w < 2 do
      w = w + 1
      local function g() return w end
      r = r .. g()
    end
    ::continue::
  end
  return r
end
print(f(true), f(false))
--> ran	ran12
local function h()
  do
    goto out
    local v = 0
    while v < 1 do
      local function k() return v end
      v = v + 1
    end
    ::out::
  end
  return "h done"
end
print(h())
--> h done
