-- Yielding across pcall and xpcall inside a coroutine (allowed in 5.4).
local co = coroutine.create(function()
  local ok, v = pcall(function()
    local x = coroutine.yield("from pcall")
    return x * 2
  end)
  print("pcall returned", ok, v)
  local ok2, err = pcall(function()
    coroutine.yield("before error")
    error("after yield", 0)
  end)
  print("pcall caught", ok2, err)
  local ok3, v3 = xpcall(function()
    return coroutine.yield("from xpcall") + 1
  end, function(m) return "handled: " .. m end)
  print("xpcall returned", ok3, v3)
  local ok4, v4 = xpcall(function()
    coroutine.yield("xpcall then error")
    error("boom", 0)
  end, function(m) return "handled: " .. m end)
  print("xpcall caught", ok4, v4)
  return "done"
end)
print(coroutine.resume(co))
--> true	from pcall
print(coroutine.resume(co, 21))
--> pcall returned	true	42
--> true	before error
print(coroutine.resume(co))
--> pcall caught	false	after yield
--> true	from xpcall
print(coroutine.resume(co, 41))
--> xpcall returned	true	42
--> true	xpcall then error
print(coroutine.resume(co))
--> xpcall caught	false	handled: boom
--> true	done
print(coroutine.resume(co))
--> false	cannot resume dead coroutine
