#!/usr/bin/env bash
# Executed instructions and run time of every bench/*.lua: the stack target against the register
# target under each allocator, with and without the IR passes (issue 4's "at least 40% fewer
# instructions than the stack VM, and faster").
#
#   bench/insn_count.sh [-n RUNS] [-f FILTER] [--no-time] [--hist] [--count-bin PATH] [--time-bin PATH]
#
# Two release binaries: one built with the `count-insns` feature (counts; AQUA_COUNT_INSNS=1
# makes it print "aqua: N instructions executed"), one without (timings, so that the counter
# does not distort them). Defaults: $CARGO_TARGET_DIR/count/release/aqua and
# $CARGO_TARGET_DIR/release/aqua, both built first when missing or with --build.
# Configurations: stack (--target=stack), lifo, linear, linear+p (--passes), coloring,
# coloring+p, auto. The passes never run before lifo or auto (lifo replays luac's record, auto
# starts from it), so "lifo+p"/"auto+p" would equal "lifo"/"auto" and are not run.
# "% fewer" compares with the stack count; run times are the best of RUNS (default 3), seconds.
# --hist: after the table, the per-opcode histograms (AQUA_COUNT_INSNS=hist) of stack and of
# the default allocator for each program, side by side.
# Every run's output is compared with the stack run's: a difference is flagged (DIFF).
set -euo pipefail
cd "$(dirname "$0")/.."

TD="${CARGO_TARGET_DIR:-target}"
COUNT_BIN="$TD/count/release/aqua"
TIME_BIN="$TD/release/aqua"
RUNS=3
FILTER=""
TIME=1
HIST=0
BUILD=0
while (($#)); do
    case "$1" in
        -n) RUNS="$2"; shift 2 ;;
        -f) FILTER="$2"; shift 2 ;;
        --no-time) TIME=0; shift ;;
        --hist) HIST=1; shift ;;
        --build) BUILD=1; shift ;;
        --count-bin) COUNT_BIN="$2"; shift 2 ;;
        --time-bin) TIME_BIN="$2"; shift 2 ;;
        -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
        *) echo "unknown argument $1" >&2; exit 2 ;;
    esac
done

if ((BUILD)) || [[ ! -x "$COUNT_BIN" ]]; then
    echo "building the counting binary (count-insns)..." >&2
    CARGO_TARGET_DIR="$TD/count" cargo build --release -p aqua --features count-insns >&2
    COUNT_BIN="$TD/count/release/aqua"
fi
if ((TIME)) && { ((BUILD)) || [[ ! -x "$TIME_BIN" ]]; }; then
    echo "building the timing binary..." >&2
    CARGO_TARGET_DIR="$TD" cargo build --release -p aqua >&2
    TIME_BIN="$TD/release/aqua"
fi

names=(stack lifo linear linear+p coloring coloring+p auto)
flags=("--target=stack" "--alloc=lifo" "--alloc=linear" "--alloc=linear --passes"
       "--alloc=coloring" "--alloc=coloring --passes" "--alloc=auto")

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# count FLAGS SCRIPT -> prints the executed count (or "err"); the output goes to $tmp/out
count() {
    # shellcheck disable=SC2086
    if AQUA_COUNT_INSNS=1 "$COUNT_BIN" $1 "$2" >"$tmp/out" 2>"$tmp/err"; then
        grep -o '[0-9]* instructions executed' "$tmp/err" | tail -1 | cut -d' ' -f1
    else
        echo err
    fi
}

# best FLAGS SCRIPT -> best wall time of RUNS runs (seconds)
best() {
    local b="" s e d r
    for ((r = 0; r < RUNS; r++)); do
        s=$(date +%s.%N)
        # shellcheck disable=SC2086
        "$TIME_BIN" $1 "$2" >/dev/null 2>&1 || { echo err; return; }
        e=$(date +%s.%N)
        d=$(awk -v s="$s" -v e="$e" 'BEGIN { printf "%.3f", e - s }')
        if [[ -z "$b" ]] || awk -v a="$d" -v b="$b" 'BEGIN { exit !(a < b) }'; then b="$d"; fi
    done
    echo "$b"
}

pct() { awk -v s="$1" -v r="$2" 'BEGIN { if (s + 0 == 0 || r == "err") print "-"; else printf "%.1f", (1 - r / s) * 100 }'; }

declare -A total=()
for n in "${names[@]}"; do total[$n]=0; done
progs=()
for script in bench/*.lua; do
    name=$(basename "$script" .lua)
    [[ -n "$FILTER" && "$name" != *"$FILTER"* ]] && continue
    progs+=("$script")
done

echo "== executed instructions (millions); in brackets: % fewer than the stack target"
printf '%-14s' program
for n in "${names[@]}"; do printf ' %16s' "$n"; done
echo
for script in "${progs[@]}"; do
    name=$(basename "$script" .lua)
    printf '%-14s' "$name"
    note=""
    s=""
    for k in "${!names[@]}"; do
        n="${names[$k]}"
        c=$(count "${flags[$k]}" "$script")
        if [[ "$n" == stack ]]; then
            s="$c"
            cp "$tmp/out" "$tmp/ref"
            printf ' %16s' "$(awk -v c="$c" 'BEGIN { printf "%.1f", c / 1e6 }')"
        else
            cmp -s "$tmp/out" "$tmp/ref" || note+=" DIFF:$n"
            printf ' %16s' "$(awk -v c="$c" -v p="$(pct "$s" "$c")" 'BEGIN { printf "%.1f [%s]", c / 1e6, p }')"
        fi
        [[ "$c" != err ]] && total[$n]=$((total[$n] + c))
    done
    echo "$note"
done
printf '%-14s' TOTAL
for n in "${names[@]}"; do
    if [[ "$n" == stack ]]; then
        printf ' %16s' "$(awk -v c="${total[$n]}" 'BEGIN { printf "%.1f", c / 1e6 }')"
    else
        printf ' %16s' "$(awk -v c="${total[$n]}" -v p="$(pct "${total[stack]}" "${total[$n]}")" 'BEGIN { printf "%.1f [%s]", c / 1e6, p }')"
    fi
done
echo

if ((TIME)); then
    echo
    echo "== run time (s, best of $RUNS); in brackets: time / stack time"
    printf '%-14s' program
    for n in "${names[@]}"; do printf ' %16s' "$n"; done
    echo
    declare -A tt=()
    for n in "${names[@]}"; do tt[$n]=0; done
    for script in "${progs[@]}"; do
        name=$(basename "$script" .lua)
        printf '%-14s' "$name"
        st=""
        for k in "${!names[@]}"; do
            n="${names[$k]}"
            t=$(best "${flags[$k]}" "$script")
            if [[ "$n" == stack ]]; then
                st="$t"
                printf ' %16s' "$t"
            else
                printf ' %16s' "$(awk -v t="$t" -v s="$st" 'BEGIN { if (t == "err" || s + 0 == 0) print t; else printf "%.3f [%.2f]", t, t / s }')"
            fi
            [[ "$t" != err ]] && tt[$n]=$(awk -v a="${tt[$n]}" -v b="$t" 'BEGIN { printf "%.3f", a + b }')
        done
        echo
    done
    printf '%-14s' TOTAL
    for n in "${names[@]}"; do
        if [[ "$n" == stack ]]; then
            printf ' %16s' "${tt[$n]}"
        else
            printf ' %16s' "$(awk -v t="${tt[$n]}" -v s="${tt[stack]}" 'BEGIN { printf "%.3f [%.2f]", t, t / s }')"
        fi
    done
    echo
fi

if ((HIST)); then
    for script in "${progs[@]}"; do
        name=$(basename "$script" .lua)
        echo
        echo "== $name: opcode histogram, stack | lifo"
        AQUA_COUNT_INSNS=hist "$COUNT_BIN" --target=stack "$script" 2>&1 >/dev/null | grep '%' | sed 's/^aqua: *//' >"$tmp/hs"
        AQUA_COUNT_INSNS=hist "$COUNT_BIN" --alloc=lifo "$script" 2>&1 >/dev/null | grep '%' | sed 's/^aqua: *//' >"$tmp/hr"
        paste -d'|' "$tmp/hs" "$tmp/hr" | awk -F'|' '{ printf "%-42s | %s\n", $1, $2 }'
    done
fi
