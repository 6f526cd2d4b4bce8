-- An uncaught error whose value has __tostring: the message is its result.
error(setmetatable({}, {__tostring = function() return "custom error object" end}))

--! lua: custom error object
