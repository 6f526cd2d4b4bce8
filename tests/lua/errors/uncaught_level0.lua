-- error with level 0 has no position.
error("no position here", 0)

--! lua: no position here
