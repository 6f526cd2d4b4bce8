-- Fasta (benchmarks game): a linear congruential generator drives weighted random selection over
-- cumulative probability tables; sequences are cut into 60-character lines. String building
-- (string.sub, string.char, table.concat), table lookups, float arithmetic, calls to small
-- functions. The lines are not printed: their count and a checksum of their bytes are.
local IM, IA, IC = 139968, 3877, 29573
local last = 42
local function random(max)
  last = (last * IA + IC) % IM
  return max * last / IM
end

local ALU = "GGCCGGGCGCGGTGGCTCACGCCTGTAATCCCAGCACTTTGG" ..
  "GAGGCCGAGGCGGGCGGATCACCTGAGGTCAGGAGTTCGAGA" ..
  "CCAGCCTGGCCAACATGGTGAAACCCCGTCTCTACTAAAAAT" ..
  "ACAAAAATTAGCCGGGCGTGGTGGCGCGCGCCTGTAATCCCA" ..
  "GCTACTCGGGAGGCTGAGGCAGGAGAATCGCTTGAACCCGGG" ..
  "AGGCGGAGGTTGCAGTGAGCCGAGATCGCGCCACTGCACTCC" ..
  "AGCCTGGGCGACAGAGCGAGACTCCGTCTCAAAAA"

local IUB = {
  {"a", 0.27}, {"c", 0.12}, {"g", 0.12}, {"t", 0.27},
  {"B", 0.02}, {"D", 0.02}, {"H", 0.02}, {"K", 0.02},
  {"M", 0.02}, {"N", 0.02}, {"R", 0.02}, {"S", 0.02},
  {"V", 0.02}, {"W", 0.02}, {"Y", 0.02},
}
local HomoSapiens = {
  {"a", 0.3029549426680}, {"c", 0.1979883004921},
  {"g", 0.1975473066391}, {"t", 0.3015094502008},
}

local nlines, sum = 0, 0
local function emit(line)
  nlines = nlines + 1
  for i = 1, #line, 7 do sum = (sum * 31 + line:byte(i)) % 1000000007 end
end

local function make_repeat(id, desc, s, n)
  emit(">" .. id .. " " .. desc)
  local len = #s
  local s2 = s .. s
  local p = 1
  for _ = 1, n // 60 do
    emit(s2:sub(p, p + 59))
    p = p + 60
    if p > len then p = p - len end
  end
  local rest = n % 60
  if rest > 0 then emit(s2:sub(p, p + rest - 1)) end
end

local function make_random(id, desc, tbl, n)
  emit(">" .. id .. " " .. desc)
  local chars, probs = {}, {}
  local acc = 0
  for i, e in ipairs(tbl) do
    acc = acc + e[2]
    chars[i] = e[1]
    probs[i] = acc
  end
  local count = #tbl
  local buf = {}
  local todo = n
  while todo > 0 do
    local m = todo < 60 and todo or 60
    for j = 1, m do
      local r = random(1.0)
      local k = 1
      while probs[k] < r and k < count do k = k + 1 end
      buf[j] = chars[k]
    end
    emit(table.concat(buf, "", 1, m))
    todo = todo - m
  end
end

local N = 500000
make_repeat("ONE", "Homo sapiens alu", ALU, N * 2)
make_random("TWO", "IUB ambiguity codes", IUB, N * 3)
make_random("THREE", "Homo sapiens frequency", HomoSapiens, N * 5)
print(nlines, sum)
