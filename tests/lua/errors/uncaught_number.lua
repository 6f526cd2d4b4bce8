-- An uncaught error with a number value is converted to a string message.
error(42)

--! lua: 42
