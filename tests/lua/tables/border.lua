-- '#' on sequences: the border is the number of elements; append with t[#t+1], pop with t[#t]=nil.
local t = {}
print(#t)
--> 0
for i = 1, 100 do t[#t + 1] = i end
print(#t, t[#t])
--> 100	100
for _ = 1, 40 do t[#t] = nil end
print(#t, t[#t])
--> 60	60
local s = {1, 2, 3}
s[4] = 4
print(#s)
--> 4
s[#s] = nil; s[#s] = nil
print(#s)
--> 2
local u = {n = 1, m = 2}
print(#u)
--> 0
u[1] = "a"
print(#u)
--> 1
local big = {}
for i = 1, 100000 do big[i] = i end
print(#big)
--> 100000
for i = 100000, 50001, -1 do big[i] = nil end
print(#big)
--> 50000
local rev = {}
for i = 10, 1, -1 do rev[i] = i end
print(#rev)
--> 10
