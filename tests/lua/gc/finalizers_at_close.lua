-- Objects still alive at the end of the script are finalized when the state closes,
-- after the main chunk has finished (in reverse order of creation).
local keep = {}
for i = 1, 3 do
  keep[i] = setmetatable({}, {__gc = function() print("finalized", i) end})
end
print("end of main chunk")
--> end of main chunk
--> finalized	3
--> finalized	2
--> finalized	1
