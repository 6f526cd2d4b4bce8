-- Robustness: thousands of pseudo-random token sequences and byte strings given to load().
-- Exactly the same ones must compile, and the same error messages must come out (checked
-- through their total length; the first few are printed in full to help debugging).
local seed = 42
local function rand(n)
  seed = seed * 6364136223846793005 + 1442695040888963407
  return (seed >> 33) % n + 1
end
local toks = {"local", "x", "y", "=", "1", "2.5", "'s'", "(", ")", "{", "}", "[", "]", ",", ";",
  "+", "-", "*", "..", "==", "<", "and", "or", "not", "if", "then", "else", "end", "while", "do",
  "for", "in", "function", "return", "break", "goto", "::l::", "f", ".", ":", "#", "...", "nil",
  "true", "repeat", "until", "<const>", "<close>", "\n", "--c\n", "[[s]]", "0x10", "1e2", "~",
  "//", ">>", "elseif", "local function", "x.y", "t[1]", "f()", "::", "@", "\"", "'", "0x", "3e",
  "[=[", "]]", "--[[", "\\", "\0", "\255", "9223372036854775808", "&", "|", "<<", "~=", ">="}
local ok, bad, total = 0, 0, 0
for i = 1, 3000 do
  local src = ""
  for _ = 1, rand(12) do src = src .. toks[rand(#toks)] .. " " end
  local f, e = load(src, "=soup")
  if f then ok = ok + 1 else
    bad = bad + 1
    total = total + #e
    if bad <= 12 then print(e) end
--> soup:1: unexpected symbol near 'and'
--> soup:1: unexpected symbol near 'not'
--> soup:1: unexpected symbol near '#'
--> soup:1: unexpected symbol near ']'
--> soup:1: unfinished string near <eof>
--> soup:1: unexpected symbol near '//'
--> soup:1: unexpected symbol near ''s''
--> soup:1: unexpected symbol near ']'
--> soup:1: unexpected symbol near ')'
--> soup:1: unexpected symbol near '2.5'
--> soup:1: unexpected symbol near 'for'
--> soup:1: ')' expected near '1'
  end
end
print("token soup", ok, bad, total)
--> token soup	20	2980	106281
-- raw bytes (built with decimal escapes: no string library needed)
local byte = {}
for i = 0, 255 do byte[i] = load("return '\\" .. i .. "'")() end
ok, bad, total = 0, 0, 0
for i = 1, 1000 do
  local s = i % 4 == 0 and byte[27] or ""
  for _ = 1, rand(40) do s = s .. byte[rand(256) - 1] end
  local f, e = load(s, "=bytes")
  if f then ok = ok + 1 else bad = bad + 1; total = total + #e end
end
print("bytes", ok, bad, total)
--> bytes	0	1000	39585
