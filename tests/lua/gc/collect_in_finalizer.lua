-- Inside a finalizer the collector is stopped (lgc.c GCSTPGC): every collectgarbage option answers fail.
setmetatable({}, {__gc = function ()
  print(collectgarbage(), collectgarbage("count"), collectgarbage("step"), collectgarbage("isrunning"), collectgarbage("incremental"))
end})
collectgarbage()
--> nil	nil	nil	nil	nil
print(collectgarbage("isrunning"))
--> true
