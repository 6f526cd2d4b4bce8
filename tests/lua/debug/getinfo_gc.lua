-- A finalizer is called as the `__gc` metamethod (lgc.c flags the caller CIST_FIN).
setmetatable({}, {__gc = function()
  local i = debug.getinfo(1, "n")
  print(i.name, i.namewhat)
  local tb = debug.traceback("tb", 1)
  print((tb:match("\n[^\n]*\n([^\n]*)")))
end})
collectgarbage()
--> __gc	metamethod
--> 	tests/lua/debug/getinfo_gc.lua:5: in metamethod '__gc'
print("done")
--> done
