-- Compile-time rules for goto/labels, checked through load().
local function try(src)
  local f, err = load(src)
  print(f and "ok" or err)
end
try("goto l1; local a; ::l1:: print(a)")
--> [string "goto l1; local a; ::l1:: print(a)"]:1: <goto l1> at line 1 jumps into the scope of local 'a'
try("goto l1; local a; ::l1::")
--> ok
try("do goto l1 end; ::l1::")
--> ok
try("::l1:: ::l1::")
--> [string "::l1:: ::l1::"]:1: label 'l1' already defined on line 1
try("::l1:: do ::l1:: end")
--> [string "::l1:: do ::l1:: end"]:1: label 'l1' already defined on line 1
try("goto l1; do ::l1:: end")
--> [string "goto l1; do ::l1:: end"]:1: no visible label 'l1' for <goto> at line 1
try("local function f() goto l1 end ::l1::")
--> [string "local function f() goto l1 end ::l1::"]:1: no visible label 'l1' for <goto> at line 1
try("repeat goto cont; local x; ::cont:: until x")
--> [string "repeat goto cont; local x; ::cont:: until x"]:1: <goto cont> at line 1 jumps into the scope of local 'x'
try("for i = 1, 2 do goto e; local z = 1; ::e:: end")
--> ok
try("while true do goto e end ::e::")
--> ok
try("goto e; local x <const> = 1; ::e::")
--> ok
