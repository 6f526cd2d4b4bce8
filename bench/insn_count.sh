#!/usr/bin/env bash
# Executed instructions and run time of every bench/*.lua: the stack target against the register
# target under each allocator, with and without the IR passes (issue 4's "at least 40% fewer
# instructions than the stack VM, and faster").
#
#   bench/insn_count.sh [-n RUNS] [-f FILTER] [-c CONFIGS] [--no-time] [--hist] [--build]
#                       [--count-bin PATH] [--time-bin PATH]
#
# Two release binaries: one built with the `count-insns` feature (counts; AQUA_COUNT_INSNS=1
# makes it print "aqua: N instructions executed"), one without (timings, so that the counter
# does not distort them). Defaults: $CARGO_TARGET_DIR/count/release/aqua and
# $CARGO_TARGET_DIR/release/aqua, both built first when missing or with --build.
# Configurations: stack (--target=stack), lifo, linear, linear+p (--passes), coloring,
# coloring+p, auto. The passes never run before lifo or auto (lifo replays luac's record, auto
# starts from it), so "lifo+p"/"auto+p" would equal "lifo"/"auto" and are not run.
# -c stack,lifo,coloring+p runs only those configurations (stack always runs: it is the base).
# "% fewer" compares with the stack count; TOTAL sums the counts (long programs weigh more),
# GEOMEAN is the geometric mean of the per-program ratios (every program weighs the same).
# Run times are the best of RUNS (default 3) wall-clock seconds; the runs of one program go
# round-robin over the configurations, so that a change of machine load hits all of them.
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
CONFIGS=""
while (($#)); do
    case "$1" in
        -n) RUNS="$2"; shift 2 ;;
        -f) FILTER="$2"; shift 2 ;;
        --no-time) TIME=0; shift ;;
        --hist) HIST=1; shift ;;
        --build) BUILD=1; shift ;;
        --count-bin) COUNT_BIN="$2"; shift 2 ;;
        --time-bin) TIME_BIN="$2"; shift 2 ;;
        -c) CONFIGS="$2"; shift 2 ;;
        -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
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

all_names=(stack lifo linear linear+p coloring coloring+p auto)
all_flags=("--target=stack" "--alloc=lifo" "--alloc=linear" "--alloc=linear --passes"
           "--alloc=coloring" "--alloc=coloring --passes" "--alloc=auto")
names=()
flags=()
for k in "${!all_names[@]}"; do
    n="${all_names[$k]}"
    if [[ -z "$CONFIGS" || "$n" == stack || ",$CONFIGS," == *",$n,"* ]]; then
        names+=("$n")
        flags+=("${all_flags[$k]}")
    fi
done

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

# once FLAGS SCRIPT -> wall time of one run (seconds), or "err"
once() {
    local s e
    s=$(date +%s.%N)
    # shellcheck disable=SC2086
    "$TIME_BIN" $1 "$2" >/dev/null 2>&1 || { echo err; return; }
    e=$(date +%s.%N)
    awk -v s="$s" -v e="$e" 'BEGIN { printf "%.3f", e - s }'
}

pct() { awk -v s="$1" -v r="$2" 'BEGIN { if (s + 0 == 0 || r == "err") print "-"; else printf "%.1f", (1 - r / s) * 100 }'; }

declare -A total=() logsum=()
for n in "${names[@]}"; do total[$n]=0; logsum[$n]=0; done
nprog=0
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
        if [[ "$c" != err ]]; then
            total[$n]=$((total[$n] + c))
            logsum[$n]=$(awk -v l="${logsum[$n]}" -v c="$c" -v s="$s" 'BEGIN { printf "%.9f", l + log(c / s) }')
        fi
    done
    nprog=$((nprog + 1))
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
printf '%-14s' GEOMEAN
for n in "${names[@]}"; do
    if [[ "$n" == stack ]]; then
        printf ' %16s' "1"
    else
        printf ' %16s' "$(awk -v l="${logsum[$n]}" -v k="$nprog" 'BEGIN { r = exp(l / k); printf "%.3f [%.1f]", r, (1 - r) * 100 }')"
    fi
done
echo

if ((TIME)); then
    echo
    echo "== run time (s, best of $RUNS); in brackets: time / stack time"
    printf '%-14s' program
    for n in "${names[@]}"; do printf ' %16s' "$n"; done
    echo
    declare -A tt=() tl=()
    for n in "${names[@]}"; do tt[$n]=0; tl[$n]=0; done
    tn=0
    for script in "${progs[@]}"; do
        name=$(basename "$script" .lua)
        printf '%-14s' "$name"
        declare -A bt=()
        for n in "${names[@]}"; do bt[$n]=""; done
        for ((r = 0; r < RUNS; r++)); do
            for k in "${!names[@]}"; do
                n="${names[$k]}"
                [[ "${bt[$n]}" == err ]] && continue
                t=$(once "${flags[$k]}" "$script")
                if [[ "$t" == err ]]; then
                    bt[$n]=err
                elif [[ -z "${bt[$n]}" ]] || awk -v a="$t" -v b="${bt[$n]}" 'BEGIN { exit !(a < b) }'; then
                    bt[$n]="$t"
                fi
            done
        done
        st="${bt[stack]}"
        for n in "${names[@]}"; do
            t="${bt[$n]}"
            if [[ "$n" == stack ]]; then
                printf ' %16s' "$t"
            else
                printf ' %16s' "$(awk -v t="$t" -v s="$st" 'BEGIN { if (t == "err" || s + 0 == 0) print t; else printf "%.3f [%.2f]", t, t / s }')"
            fi
            if [[ "$t" != err && "$st" != err ]]; then
                tt[$n]=$(awk -v a="${tt[$n]}" -v b="$t" 'BEGIN { printf "%.3f", a + b }')
                tl[$n]=$(awk -v l="${tl[$n]}" -v t="$t" -v s="$st" 'BEGIN { printf "%.9f", l + log(t / s) }')
            fi
        done
        tn=$((tn + 1))
        unset bt
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
    printf '%-14s' GEOMEAN
    for n in "${names[@]}"; do
        if [[ "$n" == stack ]]; then
            printf ' %16s' "1"
        else
            printf ' %16s' "$(awk -v l="${tl[$n]}" -v k="$tn" 'BEGIN { printf "[%.2f]", exp(l / k) }')"
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
