#!/usr/bin/env python3
"""Compare register allocators against luac5.4 over a corpus of Lua files.

Usage: bench/regalloc_compare.py [--aqua PATH] [--alloc a,b,...] [--run] [--runs N] [FILES...]

Static part (always): for `luac5.4` (parsed from `luac5.4 -l -l -p`) and for each allocator
(parsed from `aqua --list=full --alloc=NAME`), over the corpus (default: `tests/lua/**/*.lua` plus
`bench/*.lua`, keeping the files luac5.4 compiles), print the summed `maxstacksize` (the "slots" of
every function header), the static instruction count, the MOVE count and the compile time.

Compile time is the wall time of listing every file, one process per file, minus the same number
of runs on an empty file (process start-up); it is a comparison between allocators, not an
absolute figure.

`--run`: also run `bench/*.lua` with each allocator (and with `--target=stack` when the binary
knows it) and print the best-of-N run time and, when the binary counts executed instructions
(`AQUA_COUNT_INSNS=1` makes it print `aqua: N instructions executed` on stderr at exit), the executed count.
"""

import argparse
import glob
import os
import re
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEADER = re.compile(r"^(?:main|function) <[^>]*> \((\d+) instructions? at ")
SLOTS = re.compile(r"^\d+\+? params?, (\d+) slots?,")
INSN = re.compile(r"^\s+\d+\s+\[[-\d]+\]\s+([A-Z0-9]+)\b")


def parse_listing(text):
    """Sum (maxstacksize, instructions, moves, functions) over one listing."""
    slots = insns = moves = funcs = 0
    for line in text.splitlines():
        m = HEADER.match(line)
        if m:
            insns += int(m.group(1))
            funcs += 1
            continue
        m = SLOTS.match(line)
        if m:
            slots += int(m.group(1))
            continue
        m = INSN.match(line)
        if m and m.group(1) == "MOVE":
            moves += 1
    return slots, insns, moves, funcs


def listing(cmd):
    r = subprocess.run(cmd, capture_output=True, cwd=ROOT)
    if r.returncode != 0:
        return None
    return r.stdout.decode("latin-1")


def timed(cmds):
    t0 = time.perf_counter()
    for c in cmds:
        subprocess.run(c, capture_output=True, cwd=ROOT)
    return time.perf_counter() - t0


def corpus(args):
    if args.files:
        files = args.files
    else:
        files = sorted(glob.glob(os.path.join(ROOT, "tests/lua/**/*.lua"), recursive=True))
        files += sorted(glob.glob(os.path.join(ROOT, "bench/*.lua")))
        files = [os.path.relpath(f, ROOT) for f in files]
    ok = []
    for f in files:
        if listing(["luac5.4", "-p", f]) is not None:
            ok.append(f)
    return ok


def static_table(args, files, allocs):
    rows = []
    empty = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
    empty.close()
    # luac5.4
    totals = [0, 0, 0, 0]
    for f in files:
        out = listing(["luac5.4", "-l", "-l", "-p", f])
        for i, v in enumerate(parse_listing(out or "")):
            totals[i] += v
    t = timed([["luac5.4", "-p", f] for f in files])
    t -= timed([["luac5.4", "-p", empty.name]] * len(files))
    rows.append(("luac5.4", totals, t, 0))
    for a in allocs:
        totals = [0, 0, 0, 0]
        failed = 0
        for f in files:
            out = listing([args.aqua, "--list=full", f"--alloc={a}", f])
            if out is None:
                failed += 1
                continue
            for i, v in enumerate(parse_listing(out)):
                totals[i] += v
        t = timed([[args.aqua, "--list", f"--alloc={a}", f] for f in files])
        t -= timed([[args.aqua, "--list", f"--alloc={a}", empty.name]] * len(files))
        rows.append((a, totals, t, failed))
    os.unlink(empty.name)
    base = rows[0][1]
    print(f"corpus: {len(files)} files, {base[3]} functions (luac5.4)")
    print(f"{'compiler':<12} {'maxstack':>9} {'ratio':>6} {'insns':>8} {'ratio':>6} "
          f"{'MOVEs':>7} {'ratio':>6} {'compile s':>10} {'failed':>6}")
    for name, tot, t, failed in rows:
        def r(i):
            return f"{tot[i] / base[i]:.3f}" if base[i] else "-"
        print(f"{name:<12} {tot[0]:>9} {r(0):>6} {tot[1]:>8} {r(1):>6} {tot[2]:>7} {r(2):>6} "
              f"{max(t, 0.0):>10.2f} {failed:>6}")


def run_table(args, allocs):
    progs = sorted(glob.glob(os.path.join(ROOT, "bench/*.lua")))
    configs = [(a, [f"--alloc={a}"]) for a in allocs]
    probe = subprocess.run([args.aqua, "--target=stack", "-e", ""], capture_output=True)
    if probe.returncode == 0:
        configs.append(("stack", ["--target=stack"]))
    print()
    print(f"{'program':<16} " + " ".join(f"{n + ' s':>12} {n + ' insns':>16}" for n, _ in configs))
    for p in progs:
        cells = []
        for _, opts in configs:
            best = None
            count = "-"
            for _ in range(args.runs):
                env = dict(os.environ, AQUA_COUNT_INSNS="1")
                t0 = time.perf_counter()
                r = subprocess.run([args.aqua, *opts, p], capture_output=True, env=env)
                dt = time.perf_counter() - t0
                if r.returncode != 0:
                    best = None
                    break
                best = dt if best is None else min(best, dt)
                m = re.search(rb"(\d+) instructions executed", r.stderr)
                if m:
                    count = m.group(1).decode()
            cells.append(f"{best:>12.2f}" if best is not None else f"{'error':>12}")
            cells.append(f"{count:>16}")
        print(f"{os.path.basename(p):<16} " + " ".join(cells))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--aqua", default=os.path.join(ROOT, "target/release/aqua"))
    ap.add_argument("--alloc", default=None, help="comma-separated allocators (default: all known)")
    ap.add_argument("--run", action="store_true", help="also run the benchmark programs")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("files", nargs="*")
    args = ap.parse_args()
    if not os.path.exists(args.aqua):
        sys.exit(f"no aqua binary at {args.aqua} (cargo build --release -p aqua)")
    if args.alloc:
        allocs = args.alloc.split(",")
    else:
        allocs = []
        for a in ["lifo", "linear", "linear-live", "coloring", "coloring-live", "auto"]:
            r = subprocess.run([args.aqua, "--list", f"--alloc={a}", "-"], input=b"",
                               capture_output=True)
            if r.returncode == 0:
                allocs.append(a)
    files = corpus(args)
    static_table(args, files, allocs)
    if args.run:
        run_table(args, allocs)


if __name__ == "__main__":
    main()
