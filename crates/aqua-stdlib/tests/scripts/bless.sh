#!/bin/sh
# Regenerate the expected outputs of the script tests with the oracle (lua5.4), from this
# directory: stdout, then (if any) "--- stderr" and stderr without the traceback lines.
cd "$(dirname "$0")" || exit 1
for f in *.lua; do
  case "$f" in mod1.lua|hash.lua|bom.lua|bad.lua) continue;; esac
  n="${f%.lua}"
  lua5.4 "$f" > "$n.out" 2> "$n.err.tmp"
  sed -e '/^stack traceback:/,$d' -e 's/^lua5\.4: /lua: /' "$n.err.tmp" > "$n.err.tmp2"
  if [ -s "$n.err.tmp2" ]; then
    { echo "--- stderr"; cat "$n.err.tmp2"; } >> "$n.out"
  fi
  rm -f "$n.err.tmp" "$n.err.tmp2"
done
