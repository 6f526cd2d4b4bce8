-- Closures stored in tables as "objects" with private state.
local function account(balance)
  local self = {}
  function self.deposit(v) balance = balance + v end
  function self.withdraw(v)
    if v > balance then error("insufficient funds", 2) end
    balance = balance - v
  end
  function self.balance() return balance end
  return self
end
local acc = account(100)
acc.deposit(50)
acc.withdraw(30)
print(acc.balance())
--> 120
print(pcall(acc.withdraw, 1000))
--> false	insufficient funds
local other = account(5)
print(other.balance(), acc.balance())
--> 5	120
