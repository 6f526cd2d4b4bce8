-- __close receives the error object exactly (tables, nil, numbers) and errors inside __close
-- during an error replace the error; after closing the error continues to propagate.
local function closer(tag)
  return setmetatable({}, {__close = function(_, e)
    print("close", tag, type(e), type(e) == "table" and e.code or e)
  end})
end
local ok0, e0 = pcall(function() local c <close> = closer("t"); error({code = 7}) end)
--> close	t	table	7
print(ok0, e0.code)
--> false	7
print(pcall(function() local c <close> = closer("n"); error(42) end))
--> close	n	number	42
--> false	42
print(pcall(function() local c <close> = closer("nil"); error(nil) end))
--> close	nil	nil	nil
--> false	nil
print(pcall(function() local c <close> = closer("runtime"); local x = nil; return x.y end))
--> close	runtime	string	tests/lua/tbc/error_objects.lua:18: attempt to index a nil value (local 'x')
--> false	tests/lua/tbc/error_objects.lua:18: attempt to index a nil value (local 'x')
local ok, e = pcall(function()
--> close	outer	table	from close
  local a <close> = closer("outer")
  local b <close> = setmetatable({}, {__close = function() error({code = "from close"}) end})
  error("original")
end)
print(ok, type(e), e.code)
--> false	table	from close
