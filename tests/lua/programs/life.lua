-- Conway's game of life on a small torus: a glider travels; population is checked each step.
local W, H = 12, 10
local function new() local g = {} for y = 1, H do g[y] = {} for x = 1, W do g[y][x] = 0 end end return g end
local g = new()
for _, c in ipairs({{2, 1}, {3, 2}, {1, 3}, {2, 3}, {3, 3}}) do g[c[2]][c[1]] = 1 end
local function step(g)
  local n = new()
  for y = 1, H do
    for x = 1, W do
      local c = 0
      for dy = -1, 1 do
        for dx = -1, 1 do
          if dx ~= 0 or dy ~= 0 then
            c = c + g[(y + dy - 1) % H + 1][(x + dx - 1) % W + 1]
          end
        end
      end
      n[y][x] = (c == 3 or (c == 2 and g[y][x] == 1)) and 1 or 0
    end
  end
  return n
end
local function show(g)
  for y = 1, H do
    local line = ""
    for x = 1, W do line = line .. (g[y][x] == 1 and "#" or ".") end
    print(line)
  end
end
for _ = 1, 24 do g = step(g) end
show(g)
--> ............
--> ............
--> ............
--> ............
--> ............
--> ............
--> .......#....
--> ........#...
--> ......###...
--> ............
