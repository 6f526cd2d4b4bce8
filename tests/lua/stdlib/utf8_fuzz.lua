-- utf8 functions over pseudo-random byte strings (valid, invalid, overlong, 5/6-byte, surrogates):
-- every result (or error message) is folded into a digest per function, compared with lua5.4.
--# slow (heavy under gc-stress)
local seed = 12345
local function rnd(n) seed = (seed * 6364136223846793005 + 1442695040888963407); return (seed >> 33) % n end
local pieces = {"a", "\0", "\x7f", "\x80", "\xbf", "\xc0\x80", "\xc2\x80", "é", "€", "😀", "\xed\xa0\x80",
  "\xf4\x90\x80\x80", "\xf8\x88\x80\x80\x80", "\xfc\x84\x80\x80\x80\x80", "\xfd\xbf\xbf\xbf\xbf\xbf",
  "\xfe", "\xff", "\xe2\x82", "\xf0\x9f\x98", "\xc1\xbf", "\xe0\x80\x80", "\xf0\x80\x80\x80"}
local function gen()
  local t = {}
  for i = 1, rnd(6) do t[i] = pieces[rnd(#pieces) + 1] end
  return table.concat(t)
end
local digest = {len = 0, codepoint = 0, offset = 0, codes = 0, char = 0}
local function fold(name, ...)
  local s = name
  for i = 1, select("#", ...) do s = s .. "," .. tostring((select(i, ...))) end
  local h = digest[name]
  for i = 1, #s do h = (h * 31 + s:byte(i)) % 4294967296 end
  digest[name] = h
end
local function pfold(name, f, ...)
  fold(name, pcall(f, ...))
end
for _ = 1, 400 do
  local s = gen()
  local n = #s
  for _, lax in ipairs({false, true}) do
    for i = -n - 2, n + 2 do
      pfold("len", utf8.len, s, i, -1, lax)
      pfold("len", utf8.len, s, 1, i, lax)
      pfold("codepoint", utf8.codepoint, s, i, i + 2, lax)
    end
    pfold("codes", function()
      local r = {}
      for p, c in utf8.codes(s, lax) do r[#r + 1] = p .. ":" .. c end
      return table.concat(r, " ")
    end)
  end
  for k = -3, 3 do
    for i = -n - 2, n + 2 do pfold("offset", utf8.offset, s, k, i) end
    pfold("offset", utf8.offset, s, k)
  end
end
for _ = 1, 300 do
  local c = rnd(0x7FFFFFFF + 2)
  pfold("char", utf8.char, c)
  local ok, s = pcall(utf8.char, c)
  if ok then pfold("char", utf8.codepoint, s, 1, -1, true) end
end
print(digest.len, digest.codepoint, digest.offset, digest.codes, digest.char)
--> 1902090736	404433500	221218693	3403405593	1219288180
