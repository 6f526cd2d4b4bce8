#!/usr/bin/env bash
# Runs every bench/*.lua under aqua (release), lua5.4 and luajit, best of N runs each, and prints
# wall time, peak RSS and the ratios aqua/lua5.4 and aqua/luajit.
#
#   bench/compare.sh [path/to/aqua] [-n RUNS] [-f FILTER]
#
# Defaults: aqua = ${CARGO_TARGET_DIR:-target}/release/aqua (built first with
# `cargo build --release -p aqua` when no path is given), RUNS = 3. Missing interpreters are skipped (shown as "-").
# Outputs are compared with lua5.4's: a differing checksum is flagged (luajit is Lua 5.1, so its
# number formatting may legitimately differ; only aqua's mismatches matter).
# Peak RSS comes from /usr/bin/time -f %M (installs the `time` package when missing and root).
set -euo pipefail
cd "$(dirname "$0")/.."

DEFAULT_AQUA="${CARGO_TARGET_DIR:-target}/release/aqua"
AQUA="$DEFAULT_AQUA"
RUNS=3
FILTER=""
while (($#)); do
    case "$1" in
        -n) RUNS="$2"; shift 2 ;;
        -f) FILTER="$2"; shift 2 ;;
        -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
        *) AQUA="$1"; shift ;;
    esac
done

if [[ "$AQUA" == "$DEFAULT_AQUA" ]]; then
    echo "building the release binary (cargo build --release -p aqua)..." >&2
    cargo build --release -p aqua >&2 || echo "note: release build failed; aqua column skipped" >&2
fi

if [[ ! -x /usr/bin/time ]]; then
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
        apt-get install -y -qq time </dev/null >/dev/null 2>&1 || true
    fi
fi
HAVE_TIME=0
[[ -x /usr/bin/time ]] && HAVE_TIME=1

impls=()
names=()
if [[ -x "$AQUA" ]]; then impls+=("$AQUA"); names+=(aqua); else echo "note: no aqua binary at $AQUA (skipped)" >&2; impls+=(""); names+=(aqua); fi
if command -v lua5.4 >/dev/null; then impls+=("$(command -v lua5.4)"); else impls+=(""); fi; names+=(lua5.4)
if command -v luajit >/dev/null; then impls+=("$(command -v luajit)"); else impls+=(""); fi; names+=(luajit)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# run_one BIN SCRIPT -> sets SECS, KB, OUT_FILE; returns the interpreter's status
run_one() {
    local bin="$1" script="$2"
    if ((HAVE_TIME)); then
        /usr/bin/time -f '%e %M' -o "$tmp/time" "$bin" "$script" >"$tmp/out" 2>"$tmp/err" || return 1
        read -r SECS KB <"$tmp/time"
    else
        local s e
        s=$(date +%s.%N)
        "$bin" "$script" >"$tmp/out" 2>"$tmp/err" || return 1
        e=$(date +%s.%N)
        SECS=$(awk -v s="$s" -v e="$e" 'BEGIN { printf "%.2f", e - s }')
        KB=0
    fi
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-" || b == "-" || b + 0 == 0) print "-"; else printf "%.2f", a / b }'; }

printf '%-16s %9s %9s %9s %9s %9s %9s %9s %9s\n' benchmark aqua_s lua5.4_s luajit_s aqua/lua aqua/jit aqua_MB lua_MB jit_MB
status=0
for script in bench/*.lua; do
    name=$(basename "$script" .lua)
    [[ -n "$FILTER" && "$name" != *"$FILTER"* ]] && continue
    declare -A best=() mem=()
    ref=""
    note=""
    for i in 0 1 2; do
        bin="${impls[$i]}"
        n="${names[$i]}"
        best[$n]="-"; mem[$n]="-"
        [[ -z "$bin" ]] && continue
        for ((r = 0; r < RUNS; r++)); do
            if ! run_one "$bin" "$script"; then
                best[$n]="-"; note+=" $n:failed($(head -c 200 "$tmp/err" | head -1))"
                break
            fi
            if [[ "${best[$n]}" == "-" ]] || awk -v a="$SECS" -v b="${best[$n]}" 'BEGIN { exit !(a < b) }'; then
                best[$n]="$SECS"
            fi
            if [[ "${mem[$n]}" == "-" ]] || ((KB > ${mem[$n]})); then mem[$n]="$KB"; fi
        done
        if [[ "$n" == lua5.4 ]]; then ref=$(cat "$tmp/out"); fi
        if [[ "$n" == aqua && "${best[$n]}" != "-" ]]; then cp "$tmp/out" "$tmp/aqua_out"; fi
    done
    if [[ -n "$ref" && -f "$tmp/aqua_out" ]] && [[ "$(cat "$tmp/aqua_out")" != "$ref" ]]; then
        note+=" aqua:OUTPUT-DIFFERS"
        status=1
    fi
    rm -f "$tmp/aqua_out"
    mb() { [[ "$1" == "-" ]] && echo "-" || awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
    printf '%-16s %9s %9s %9s %9s %9s %9s %9s %9s%s\n' "$name" \
        "${best[aqua]}" "${best[lua5.4]}" "${best[luajit]}" \
        "$(ratio "${best[aqua]}" "${best[lua5.4]}")" "$(ratio "${best[aqua]}" "${best[luajit]}")" \
        "$(mb "${mem[aqua]}")" "$(mb "${mem[lua5.4]}")" "$(mb "${mem[luajit]}")" "$note"
    unset best mem
done
echo "(wall time: best of $RUNS runs, seconds; peak RSS: max over runs, MB)"
exit $status
