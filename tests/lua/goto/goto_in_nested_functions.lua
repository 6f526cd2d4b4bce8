-- Labels are per function; each function body has its own namespace of labels.
local function f()
  goto skip
  print("not printed")
  ::skip::
  return function()
    goto skip
    print("not printed either")
    ::skip::
    return "inner"
  end
end
print(f()())
--> inner
