-- collectgarbage options with deterministic results.
-- Note: the standalone lua5.4 starts the collector in generational mode, so switching to
-- "incremental" first reports "generational".
print(collectgarbage())
--> 0
print(collectgarbage("collect"))
--> 0
print(type(collectgarbage("count")), collectgarbage("count") > 0)
--> number	true
print(collectgarbage("isrunning"))
--> true
collectgarbage("stop")
print(collectgarbage("isrunning"))
--> false
collectgarbage("restart")
print(collectgarbage("isrunning"))
--> true
print(type(collectgarbage("step")), type(collectgarbage("step", 100)))
--> boolean	boolean
print(collectgarbage("incremental"))
--> generational
print(collectgarbage("generational"))
--> incremental
print(collectgarbage("incremental"))
--> generational
print(pcall(collectgarbage, "bogus"))
--> false	bad argument #1 to 'collectgarbage' (invalid option 'bogus')
print(pcall(collectgarbage, 1))
--> false	bad argument #1 to 'collectgarbage' (invalid option '1')
