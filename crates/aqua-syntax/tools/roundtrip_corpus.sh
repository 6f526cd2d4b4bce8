#!/bin/bash
# Semantic round trip over a Lua corpus (not run by CI: needs lua5.4): every script is parsed by
# aqua-syntax, printed back with `pretty::to_lua` (the `parse --lua` example), and both the
# original and the reprinted script are run with lua5.4; outputs must match (lines containing
# source positions are ignored, since the layout changes).
# usage: cargo build -p aqua-syntax --examples
#        crates/aqua-syntax/tools/roundtrip_corpus.sh [dir (default tests/lua)] [parse-binary]
dir=${1:-tests/lua}
P=${2:-${CARGO_TARGET_DIR:-target}/debug/examples/parse}
tmp=$(mktemp); same=0; diff=0; skip=0
for f in $(find "$dir" -name "*.lua" | sort); do
  "$P" --lua "$f" > "$tmp" 2>/dev/null
  if head -c 8 "$tmp" | grep -q "luac5.4"; then skip=$((skip+1)); continue; fi
  d=$(dirname "$f")
  a=$(cd "$d" && timeout 10 lua5.4 "$(basename "$f")" 2>&1 | grep -a -v -E ":[0-9]+:|traceback|^\s")
  b=$(cd "$d" && cp "$tmp" ./__roundtrip.lua && timeout 10 lua5.4 __roundtrip.lua 2>&1 | grep -a -v -E ":[0-9]+:|traceback|^\s"; rm -f __roundtrip.lua)
  if [ "$a" == "$b" ]; then same=$((same+1)); else diff=$((diff+1)); echo "DIFF $f"; fi
done 2>/dev/null
rm -f "$tmp"
echo "$same same, $diff different, $skip not parsed (syntax errors or '#' first line)"
