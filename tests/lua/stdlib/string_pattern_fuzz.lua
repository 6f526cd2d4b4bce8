-- Pseudo-random patterns and subjects through find/match/gsub/gmatch (errors included),
-- compared with lua5.4 through one hash per 250 cases.
local seed = 424242
local function rnd(n) seed = (seed * 1103515245 + 12345) % 2147483648 return seed % n + 1 end
local pieces = {"a", "b", "c", ".", "%a", "%d", "%s", "%w", "%p", "%A", "%S", "[abc]", "[^a]",
  "[a-c]", "[%d_]", "[]a]", "[^]b]", "*", "+", "-", "?", "(", ")", "()", "%1", "%2", "^", "$",
  "%b()", "%bab", "%f[%w]", "%f[^a]", "x", "%", "[", "]", "%%", "%.", "-", "0", "1", " ", "[a-]",
  "[%a-z]", "%z"}
local chars = {"a", "b", "c", "(", ")", " ", "1", "2", "x", "_", ".", "%", "\0", "-", "]"}
local function gen(tbl, maxn)
  local s = ""
  for _ = 1, rnd(maxn) - 1 do s = s .. tbl[rnd(#tbl)] end
  return s
end
local h = 0
local function add(...)
  local s = ""
  for i = 1, select("#", ...) do s = s .. tostring((select(i, ...))) .. "|" end
  for i = 1, #s do h = (h * 31 + string.byte(s, i)) % 4294967296 end
end
for i = 1, 2000 do
  local p, s, init = gen(pieces, 7), gen(chars, 12), rnd(8) - 4
  add(pcall(string.find, s, p, init))
  add(pcall(string.match, s, p))
  add(pcall(string.gsub, s, p, "<%0>", rnd(4)))
  add(pcall(string.gsub, s, p, function(...) return select("#", ...) end))
  local ok, it = pcall(string.gmatch, s, p, init)
  if ok then
    add(pcall(function()
      local r, c = "", 0
      for a, b in it do
        r = r .. tostring(a) .. "," .. tostring(b) .. ";"
        c = c + 1
        if c > 50 then break end
      end
      return r
    end))
  end
  if i % 250 == 0 then print(i, h) h = 0 end
--> 250	1198697117
--> 500	1314253738
--> 750	2973339944
--> 1000	1289588842
--> 1250	920423144
--> 1500	2212050715
--> 1750	3234880275
--> 2000	2866350533
end
