-- Malformed binary chunks are rejected with "bad binary format" messages (never a crash).
-- Headers are written with escapes (no string.dump needed).
local sig = "\27Lua"
local data = "\x19\x93\r\n\x1a\n"
local int = "\x78\x56\0\0\0\0\0\0"          -- 0x5678 as a little-endian lua_Integer
local num = "\0\0\0\0\0\x28\x77\x40"        -- 370.5 as a little-endian double
local good = sig .. "\x54\0" .. data .. "\4\8\8" .. int .. num
local cases = {
  sig,
  sig .. "\x53\0" .. data,
  sig .. "\x54\1" .. data,
  sig .. "\x54\0" .. "\x19\x93\r\n\x1a\r",
  sig .. "\x54\0" .. data .. "\8\8\8",
  sig .. "\x54\0" .. data .. "\4\4\8",
  sig .. "\x54\0" .. data .. "\4\8\4",
  sig .. "\x54\0" .. data .. "\4\8\8" .. "\0\0\0\0\0\0\0\0" .. num,
  sig .. "\x54\0" .. data .. "\4\8\8" .. int .. "\0\0\0\0\0\0\0\0",
  good,
  good .. "\1",
  good .. "\1\x80",
}
for i, c in ipairs(cases) do
  local f, err = load(c, "=bin", "b")
  print(i, f, err)
--> 1	nil	bin: bad binary format (truncated chunk)
--> 2	nil	bin: bad binary format (version mismatch)
--> 3	nil	bin: bad binary format (format mismatch)
--> 4	nil	bin: bad binary format (corrupted chunk)
--> 5	nil	bin: bad binary format (Instruction size mismatch)
--> 6	nil	bin: bad binary format (lua_Integer size mismatch)
--> 7	nil	bin: bad binary format (lua_Number size mismatch)
--> 8	nil	bin: bad binary format (integer format mismatch)
--> 9	nil	bin: bad binary format (float format mismatch)
--> 10	nil	bin: bad binary format (truncated chunk)
--> 11	nil	bin: bad binary format (truncated chunk)
--> 12	nil	bin: bad binary format (truncated chunk)
end
print(load(good, "=bin", "t"))
--> nil	attempt to load a binary chunk (mode is 't')
