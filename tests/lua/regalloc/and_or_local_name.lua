-- `local x = c and g or f()`: `x` is written on the `and` path before the call window of `f`
-- takes the same register on the other path. Under a non-LIFO allocator (run the corpus with
-- `--alloc=linear`) that clash before x's scope once cancelled x's whole-scope lifetime, and the
-- error below lost its variable name.
local k, g = 1, 3.25
local function f(c)
  local x = c and g or tostring(3)
  x = (k >= x) and g or g
  return x >> k
end
print(pcall(f, true))
--> false	tests/lua/regalloc/and_or_local_name.lua:9: number (local 'x') has no integer representation
