-- error(nil) uncaught.
print("a")
--> a
error(nil)

--! lua: (error object is a nil value)
