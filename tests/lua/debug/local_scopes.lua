-- The locals debug.getlocal sees at many points of a function with nested scopes (the
-- compiler's local-variable records: start and end pcs, loops, repeat-until, goto, closures,
-- attribs, multiple assignment).
local function names(level)
  local out = {}
  for i = 1, 200 do
    local n, v = debug.getlocal(level + 1, i)
    if not n then break end
    if n:sub(1, 1) ~= "(" then
      local tv = type(v)
      if tv == "table" or tv == "function" or tv == "thread" then v = "<" .. tv .. ">" end
      out[#out + 1] = n .. "=" .. tostring(v)
    end
  end
  return table.concat(out, " ")
end
local function here(tag) print(tag, names(2)) end

local function scopes(p1, p2, ...)
  here("start")
  local a, b = 1
  here("ab")
  do
    local c <const> = 3
    local d <close> = nil
    here("block")
  end
  here("after block")
  for i = 1, 2 do
    local inner = i * 10
    here("numfor " .. i)
  end
  for k, v in pairs({x = 1}) do
    here("genfor")
  end
  local n = 0
  repeat
    local r = n
    n = n + 1
    here("repeat")
  until r >= 1
  while n < 3 do
    local w = n
    n = n + 1
    here("while")
  end
  if n > 0 then
    local t1 = "then"
    here("then")
  else
    local e1 = "else"
    here("else")
  end
  local f = function() return a end
  here("closure")
  do
    goto skip
    local never = 1
    ::skip::
  end
  here("after goto")
  local x, y, z = (function() return 1, 2, 3 end)()
  here("multi")
  local s = ...
  here("vararg")
  local function rec() return rec end
  here("local function")
  return a
end
scopes("P1", nil, "V")
--> start	p1=P1 p2=nil
--> ab	p1=P1 p2=nil a=1 b=nil
--> block	p1=P1 p2=nil a=1 b=nil d=nil
--> after block	p1=P1 p2=nil a=1 b=nil
--> numfor 1	p1=P1 p2=nil a=1 b=nil i=1 inner=10
--> numfor 2	p1=P1 p2=nil a=1 b=nil i=2 inner=20
--> genfor	p1=P1 p2=nil a=1 b=nil k=x v=1
--> repeat	p1=P1 p2=nil a=1 b=nil n=1 r=0
--> repeat	p1=P1 p2=nil a=1 b=nil n=2 r=1
--> while	p1=P1 p2=nil a=1 b=nil n=3 w=2
--> then	p1=P1 p2=nil a=1 b=nil n=3 t1=then
--> closure	p1=P1 p2=nil a=1 b=nil n=3 f=<function>
--> after goto	p1=P1 p2=nil a=1 b=nil n=3 f=<function>
--> multi	p1=P1 p2=nil a=1 b=nil n=3 f=<function> x=1 y=2 z=3
--> vararg	p1=P1 p2=nil a=1 b=nil n=3 f=<function> x=1 y=2 z=3 s=V
--> local function	p1=P1 p2=nil a=1 b=nil n=3 f=<function> x=1 y=2 z=3 s=V rec=<function>

-- the main chunk's locals (it is vararg: no parameters)
local mainlocal = "m"
here("main")
--> main	names=<function> here=<function> scopes=<function> mainlocal=m

-- parameters only
local function params(x, y, z) here("params") end
params(1, 2);
--> params	x=1 y=2 z=nil
(function(...) here("only vararg") end)(1, 2);
--> only vararg	
(function(self) here("self") end)({})
--> self	self=<table>
local obj = {}
function obj:method(arg) here("method") end
obj:method("A")
--> method	self=<table> arg=A
