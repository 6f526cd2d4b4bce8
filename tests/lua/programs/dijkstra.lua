-- Dijkstra's shortest paths on a small weighted graph (simple O(n^2) selection).
local edges = {
  {"a", "b", 7}, {"a", "c", 9}, {"a", "f", 14}, {"b", "c", 10}, {"b", "d", 15},
  {"c", "d", 11}, {"c", "f", 2}, {"d", "e", 6}, {"e", "f", 9},
}
local names = {"a", "b", "c", "d", "e", "f"}
local adj = {}
for _, n in ipairs(names) do adj[n] = {} end
for _, e in ipairs(edges) do
  adj[e[1]][#adj[e[1]] + 1] = {e[2], e[3]}
  adj[e[2]][#adj[e[2]] + 1] = {e[1], e[3]}
end
local dist, prev, done = {}, {}, {}
for _, n in ipairs(names) do dist[n] = 1 / 0 end
dist.a = 0
for _ = 1, #names do
  local best
  for _, n in ipairs(names) do
    if not done[n] and (best == nil or dist[n] < dist[best]) then best = n end
  end
  done[best] = true
  for _, e in ipairs(adj[best]) do
    local alt = dist[best] + e[2]
    if alt < dist[e[1]] then dist[e[1]] = alt; prev[e[1]] = best end
  end
end
for _, n in ipairs(names) do
  local path, c = n, n
  while prev[c] do c = prev[c]; path = c .. ">" .. path end
  print(n, dist[n], path)
--> a	0	a
--> b	7	a>b
--> c	9	a>c
--> d	20	a>c>d
--> e	20	a>c>f>e
--> f	11	a>c>f
end
