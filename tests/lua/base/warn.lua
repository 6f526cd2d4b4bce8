-- warn: off by default; "@on"/"@off" control messages; pieces are concatenated.
warn("not shown (warnings are off)")
warn("@on")
warn("shown")
warn("multi", "ple ", "pieces")
warn("@off")
warn("hidden again")
warn("@on")
warn("@unknown control is ignored")
warn("last")
print(pcall(warn))
--> false	bad argument #1 to 'warn' (string expected, got no value)
print(pcall(warn, 1))
--> true
print(pcall(warn, "a", {}))
--> false	bad argument #2 to 'warn' (string expected, got table)

--! Lua warning: shown
--! Lua warning: multiple pieces
--! Lua warning: last
--! Lua warning: 1
