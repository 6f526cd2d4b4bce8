-- An uncaught error whose value is a table without __tostring.
print("start")
--> start
error({code = 1})

--! lua: (error object is a table value)
