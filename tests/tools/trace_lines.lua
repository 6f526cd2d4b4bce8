-- Used by bless.py (run under lua5.4, never by the harness): runs a corpus script and reports,
-- for every line the script prints, the main-chunk line that was executing, so bless.py can put
-- each `-->` expectation right after the statement that printed it.
-- usage: lua5.4 tests/tools/trace_lines.lua tests/lua/x/y.lua [args...]
-- Reports on stderr, one `@@TRACE@@ <line>` per stdout line.
local script = arg[1]
local main_f = assert(loadfile(script))
local getinfo, sethook, tostring, select = debug.getinfo, debug.sethook, tostring, select
local concat, stdout, stderr = table.concat, io.stdout, io.stderr
local cur = 0
sethook(function(_, line)
  local info = getinfo(2, "f")
  if info and info.func == main_f then cur = line end
end, "l")
print = function(...)
  local n = select("#", ...)
  local parts = {}
  for i = 1, n do parts[i] = tostring((select(i, ...))) end
  local s = concat(parts, "\t")
  stdout:write(s, "\n")
  stdout:flush()
  local k = 1
  for _ in s:gmatch("\n") do k = k + 1 end
  for _ = 1, k do stderr:write("@@TRACE@@ ", cur, "\n") end
end
local args = {n = #arg}
for i = 1, #arg do args[i] = arg[i + 1] end
args.n = #arg - 1
arg = {[0] = script, table.unpack(args, 1, args.n)}
main_f(table.unpack(args, 1, args.n))
