-- A tiny stack-machine interpreter written in Lua, running a loop that sums 1..1000
-- and a recursive factorial.
local function run(code, ...)
  local stack, sp, pc = {...}, select("#", ...), 1
  local vars = {}
  while true do
    local ins = code[pc]
    local op = ins[1]
    pc = pc + 1
    if op == "push" then sp = sp + 1; stack[sp] = ins[2]
    elseif op == "load" then sp = sp + 1; stack[sp] = vars[ins[2]]
    elseif op == "store" then vars[ins[2]] = stack[sp]; stack[sp] = nil; sp = sp - 1
    elseif op == "add" then stack[sp - 1] = stack[sp - 1] + stack[sp]; stack[sp] = nil; sp = sp - 1
    elseif op == "mul" then stack[sp - 1] = stack[sp - 1] * stack[sp]; stack[sp] = nil; sp = sp - 1
    elseif op == "sub" then stack[sp - 1] = stack[sp - 1] - stack[sp]; stack[sp] = nil; sp = sp - 1
    elseif op == "jz" then local v = stack[sp]; stack[sp] = nil; sp = sp - 1; if v == 0 then pc = ins[2] end
    elseif op == "jmp" then pc = ins[2]
    elseif op == "ret" then return stack[sp]
    else error("bad opcode " .. tostring(op)) end
  end
end
local sum_prog = {
  {"push", 0}, {"store", "s"}, {"push", 1000}, {"store", "i"},
  {"load", "i"}, {"jz", 16},
  {"load", "s"}, {"load", "i"}, {"add"}, {"store", "s"},
  {"load", "i"}, {"push", -1}, {"add"}, {"store", "i"}, {"jmp", 5},
  {"load", "s"}, {"ret"},
}
print(run(sum_prog))
--> 500500
local fact_prog = {
  {"store", "n"}, {"push", 1}, {"store", "acc"},
  {"load", "n"}, {"jz", 15},
  {"load", "acc"}, {"load", "n"}, {"mul"}, {"store", "acc"},
  {"load", "n"}, {"push", 1}, {"sub"}, {"store", "n"}, {"jmp", 4},
  {"load", "acc"}, {"ret"},
}
print(run(fact_prog, 20), run(fact_prog, 21))
--> 2432902008176640000	-4249290049419214848
print(pcall(run, {{"bogus"}}))
--> false	tests/lua/programs/stack_vm.lua:19: bad opcode bogus
