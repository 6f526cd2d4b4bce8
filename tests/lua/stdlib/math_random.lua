-- math.random / math.randomseed: xoshiro256** bit for bit as lua 5.4.
local function p(...) print(pcall(...)) end
print(math.randomseed(42))
--> 42	0
print(math.random(1, 100), math.random(), math.random(0), math.random(10))
--> 50	0.54688311243421	-3807604385970496171	6
for _, seed in ipairs({0, 1, 2, 7, 123, -1, 1 << 40, math.maxinteger, math.mininteger}) do
  math.randomseed(seed)
  local r = {}
  for i = 1, 6 do r[#r + 1] = math.random(1, 100) end
  r[#r + 1] = math.random(6)
  r[#r + 1] = math.random(-10, 10)
  r[#r + 1] = math.random(0)
  r[#r + 1] = math.random()
  r[#r + 1] = math.random(1000000007)
  r[#r + 1] = math.random(math.mininteger, math.maxinteger)
  r[#r + 1] = math.random(math.maxinteger)
  r[#r + 1] = math.random(3, 3)
  r[#r + 1] = math.random(0, 1 << 62)
  print(seed, table.concat(r, " "))
--> 0	66 9 44 22 48 88 1 5 -5748854473400118544 0.62441628053449 344765750 -1916210319650966358 8713787267623415971 3 4422492651965507491
--> 1	30 34 45 87 94 60 6 0 -5916947487092595452 0.35353267988774 720124115 -3151748094383803663 6610725060934881907 3 1025549899670649558
--> 2	46 98 82 24 70 57 1 8 -8420528446201055478 0.56688160999317 367354833 -8774189657317543143 8657162247775000506 3 2601007702455019802
--> 7	64 88 27 58 58 30 6 -3 -6043341420375749099 0.34453025027691 837327544 -4461377199262142280 67784509098838694 3 3115456910959375856
--> 123	37 41 89 48 58 100 6 4 -7517268677739653440 0.57471852330051 680684310 4032425775590257207 9151737699980393865 3 820392752025301023
--> -1	50 72 68 41 7 94 5 2 2385241980335140372 0.6305181785559 616483306 7939460200343369071 8313279693811786090 3 591487131082973323
--> 1099511627776	99 62 7 40 37 96 3 8 -4302962179408922951 0.69686466553098 106981664 -2013170876271684312 5584434716217071975 3 2025222372756148837
--> 9223372036854775807	58 78 74 24 88 58 6 2 2852714422756862300 0.34614996822052 254089789 2642457983219390206 2320481199688894745 3 3914746125256085697
--> -9223372036854775808	50 53 83 68 58 62 4 -8 9147615938779558839 0.40562135954287 479716526 -8702541393772564980 751807022923848476 3 4368549904719978711
end
print(math.randomseed(5, 6))
--> 5	6
print(math.random(1, 10), math.random(1, 10), math.random())
--> 2	3	0.18501662447382
print(math.randomseed(5.0, "6"))
--> 5	6
print(math.random(1, 10), math.random(1, 10), math.random())
--> 2	3	0.18501662447382
math.randomseed(99)
local t = {}
for i = 1, 20 do t[i] = math.random() end
print(table.concat(t, " "))
--> 0.28569948961772 0.7593733360043 0.21651887947615 0.61869638719678 0.81523214038473 0.83532762316835 0.46973264793649 0.61071867672877 0.73602749337429 0.027563959339075 0.88502379328868 0.2786298703463 0.99011816705857 0.56661042721588 0.19639820109492 0.55036206402109 0.71374862217837 0.50379278726107 0.96403643155377 0.014732018981365
math.randomseed(2023)
local counts = {0, 0, 0, 0, 0, 0}
for i = 1, 6000 do local r = math.random(6); counts[r] = counts[r] + 1 end
print(table.concat(counts, " "))
--> 994 1045 999 992 974 996
-- powers of two ranges, and ranges just above them
math.randomseed(11)
local r = {}
for _, n in ipairs({1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 255, 256, 257, 1 << 31, (1 << 31) + 1, (1 << 32) + 1}) do
  r[#r + 1] = math.random(n)
end
print(table.concat(r, " "))
--> 1 2 1 4 3 3 1 5 13 1 17 3 121 79 1505117403 472804205 3084967202
-- errors (each still draws a number first)
math.randomseed(3)
p(math.random, 2, 1)
--> false	bad argument #1 to 'math.random' (interval is empty)
p(math.random, 1, 2, 3)
--> false	wrong number of arguments
p(math.random, 0.5)
--> false	bad argument #1 to 'math.random' (number has no integer representation)
p(math.random, "x")
--> false	bad argument #1 to 'math.random' (number expected, got string)
p(math.random, 1, {})
--> false	bad argument #2 to 'math.random' (number expected, got table)
p(math.random, -5)
--> false	bad argument #1 to 'math.random' (interval is empty)
print(math.random(100))
--> 72
p(math.randomseed, 1.5)
--> false	bad argument #1 to 'math.randomseed' (number has no integer representation)
p(math.randomseed, "x")
--> false	bad argument #1 to 'math.randomseed' (number expected, got string)
p(math.randomseed, 1, 2.5)
--> false	bad argument #2 to 'math.randomseed' (number has no integer representation)
-- randomseed() with no argument returns two integers
local a, b = math.randomseed()
print(math.type(a), math.type(b))
--> integer	integer
local f = math.random()
print(f >= 0 and f < 1, math.type(math.random(0)))
--> true	integer
print(pcall(function() math.random(1, 2, 3) end))
--> false	tests/lua/stdlib/math_random.lua:86: wrong number of arguments
print(pcall(function() math.random(3, 1) end))
--> false	tests/lua/stdlib/math_random.lua:88: bad argument #1 to 'random' (interval is empty)
