-- Long brackets: levels, a first newline is skipped, no escapes are interpreted.
print([[plain]])
print([[
first newline skipped]])
print([==[contains ]] and ]=] inside]==])
print([[no \n escapes \t here]])
print(#[[
]], #[[

]])
local s = [=[
a
b]=]
print(s, #s)
print([[[[nested-looking]])
-- end-of-line sequences inside long strings become "\n"
print(load("return [[\r\na\r\nb\n\rc]]")() == "a\nb\nc")
print(#load("return [[x\r\n\r\ny]]")())

--> plain
--> first newline skipped
--> contains ]] and ]=] inside
--> no \n escapes \t here
--> 0	1
--> a
--> b	3
--> [[nested-looking
--> true
--> 4
