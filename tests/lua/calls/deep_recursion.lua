-- Non-tail recursion 190000 levels deep must work (the Lua stack grows, not the C stack).
--# slow (heavy under gc-stress)
local function depth(n) if n == 0 then return 0 end return 1 + depth(n - 1) end
print(depth(190000))
--> 190000
local function sum(n) if n == 0 then return 0 end local r = sum(n - 1) return r + n end
print(sum(150000))
--> 11250075000
-- A table allocated at every level: under gc-stress (AQUA_GC_STRESS, a full collection per
-- allocation, each marking the whole stack) 100000 levels are quadratic, so it builds 5000 there.
local nb = os.getenv("AQUA_GC_STRESS") and 5000 or 100000
local function build(n) if n == 0 then return nil end return {next = build(n - 1)} end
local list = build(nb)
local len = 0
while list do len = len + 1; list = list.next end
print(len == nb, len >= 5000)
--> true	true
