-- Values flow in through resume and out through yield, and back.
local co = coroutine.create(function(a, b)
  print("start", a, b)
  local c, d = coroutine.yield(a + b)
  print("got", c, d)
  local e = coroutine.yield(c * d)
  print("got", e)
  return "end", e
end)
print(coroutine.resume(co, 1, 2))
--> start	1	2
--> true	3
print(coroutine.resume(co, 3, 4))
--> got	3	4
--> true	12
print(coroutine.resume(co, "x"))
--> got	x
--> true	end	x
print(coroutine.resume(co))
--> false	cannot resume dead coroutine
print(type(co), coroutine.status(co))
--> thread	dead
