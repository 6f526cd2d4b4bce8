-- Generic for: stateless iterators, explicit state and control, ipairs stopping at nil.
local function iter(state, ctl)
  if ctl < state then return ctl + 1, ctl * 2 end
end
for k, v in iter, 3, 0 do print(k, v) end
--> 1	0
--> 2	2
--> 3	4
for i, v in ipairs({"a", "b", nil, "d"}) do print(i, v) end
--> 1	a
--> 2	b
local t = {10, 20, 30}
local sum = 0
for _, v in ipairs(t) do sum = sum + v end
print(sum)
--> 60
for k in next, {} do print("never") end
-- the loop variables are fresh locals; assigning them does not affect iteration
for i, v in ipairs(t) do i = i * 100; print(i, v) end
--> 100	10
--> 200	20
--> 300	30
-- an iterator returning more values than variables, and fewer
for a, b, c in function(_, c) if not c then return 1, 2, 3, 4 end end do print(a, b, c) end
--> 1	2	3
local function oneval(_, c) c = (c or 0) + 1; if c <= 2 then return c end end
for a, b in oneval do print(a, b) end
--> 1	nil
--> 2	nil
print(pcall(function() for k in 42 do end end))
--> false	tests/lua/loops/generic_for.lua:30: attempt to call a number value (for iterator 'for iterator')
