#!/bin/sh
# Regenerate the expected outputs with the oracle (lua5.4).
cd "$(dirname "$0")"
cat > /tmp/aqua_vm_runner.lua <<'X'
local f = assert(loadfile(arg[1])); local ok, e = pcall(f); if not ok then print("error: " .. tostring(e)) end
X
for f in *.lua; do
  case "$f" in tb.lua) continue;; esac  # hand-adjusted (no runner frames)
  lua5.4 /tmp/aqua_vm_runner.lua "$f" > "${f%.lua}.expected" 2>&1
done
