-- _VERSION and _G.
print(_VERSION)
--> Lua 5.4
print(_G._G == _G, _G.print == print, _G["_VERSION"] == _VERSION)
--> true	true	true
myglobal = 5
print(_G.myglobal)
--> 5
_G.other = 7
print(other)
--> 7
local names = {"assert", "collectgarbage", "dofile", "error", "getmetatable", "ipairs", "load",
  "loadfile", "next", "pairs", "pcall", "print", "rawequal", "rawget", "rawlen", "rawset",
  "select", "setmetatable", "tonumber", "tostring", "type", "warn", "xpcall"}
for _, n in ipairs(names) do
  if type(_G[n]) ~= "function" then print("missing", n) end
end
print(type(_G.coroutine), type(coroutine.create), type(coroutine.resume), type(coroutine.yield))
--> table	function	function	function
print(type(coroutine.status), type(coroutine.wrap), type(coroutine.isyieldable), type(coroutine.running), type(coroutine.close))
--> function	function	function	function	function
print(loadstring, setfenv, unpack, module)
--> nil	nil	nil	nil
