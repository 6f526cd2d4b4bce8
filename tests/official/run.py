#!/usr/bin/env python3
"""Run the official Lua 5.4 test suite under lua5.4 and aqua, side by side.

Usage: tests/official/run.py [--aqua PATH] [--lua PATH] [--timeout S] [--full] [NAMES...]

The suite (`lua-5.4.8-tests/`, Lua's own `testes/` directory, MIT licence as in each file) is the
project's yardstick for faithfulness. Each file runs on its own, from the suite directory, the way
`all.lua` would run it, with `_soft`, `_port` and `_nomsg` set (no long, memory-hungry or
non-portable parts) unless `--full` is given. A file passes when the interpreter exits with status 0.

Files that need the C test library (`T`, i.e. `ltests.c`) skip those parts by themselves. The
oracle installed by Debian is lua 5.4.4 while the suite is 5.4.8's, so a few files fail under
lua5.4 too; the meaningful count is "aqua passes where lua5.4 passes".

Prints one line per file (status and time under each interpreter) and a summary; the exit status
is 1 if some file passes under lua5.4 and fails under aqua.
"""

import argparse
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SUITE = os.path.join(HERE, "lua-5.4.8-tests")
ROOT = os.path.dirname(os.path.dirname(HERE))
# all.lua's order; heavy.lua is not part of all.lua (it exhausts memory on purpose).
ORDER = ["main", "gc", "db", "calls", "strings", "literals", "tpack", "attrib", "gengc", "locals",
         "constructs", "code", "big", "cstack", "nextvar", "pm", "utf8", "api", "events", "vararg",
         "closure", "coroutine", "goto", "errors", "math", "sort", "bitwise", "verybig", "files"]


def run(interp, name, args):
    flags = "" if args.full else "_soft=true _port=true _nomsg=true"
    cmd = [interp, "-e", flags, f"{name}.lua"]
    t0 = time.perf_counter()
    try:
        r = subprocess.run(cmd, cwd=SUITE, capture_output=True, timeout=args.timeout,
                           stdin=subprocess.DEVNULL)
        status = r.returncode
        err = r.stderr.decode("latin-1").strip().splitlines()
    except subprocess.TimeoutExpired:
        status, err = "timeout", []
    dt = time.perf_counter() - t0
    return status, dt, (err[0] if err else "")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--aqua", default=os.path.join(ROOT, "target/release/aqua"))
    ap.add_argument("--lua", default="lua5.4")
    ap.add_argument("--timeout", type=float, default=300)
    ap.add_argument("--full", action="store_true", help="do not set _soft/_port/_nomsg")
    ap.add_argument("-v", "--verbose", action="store_true", help="print aqua's first stderr line")
    ap.add_argument("names", nargs="*")
    args = ap.parse_args()
    aqua = os.path.abspath(args.aqua)
    if not os.path.exists(aqua):
        sys.exit(f"no aqua binary at {aqua} (cargo build --release -p aqua)")
    names = args.names or ORDER
    both = lua_ok = aqua_ok = regress = 0
    print(f"{'file':<12} {'lua5.4':>8} {'s':>6}   {'aqua':>8} {'s':>6}")
    for n in names:
        ls, lt, _ = run(args.lua, n, args)
        as_, at, aerr = run(aqua, n, args)
        lp, ap_ = ls == 0, as_ == 0
        lua_ok += lp
        aqua_ok += ap_
        both += lp and ap_
        mark = ""
        if lp and not ap_:
            regress += 1
            mark = "  <-- aqua fails where lua5.4 passes"
        elif ap_ and not lp:
            mark = "  (lua5.4 5.4.4 fails this 5.4.8 test)"
        print(f"{n:<12} {'ok' if lp else str(ls):>8} {lt:>6.2f}   {'ok' if ap_ else str(as_):>8} "
              f"{at:>6.2f}{mark}")
        if args.verbose and not ap_ and aerr:
            print(f"    {aerr[:160]}")
    print(f"\n{len(names)} files: lua5.4 passes {lua_ok}, aqua passes {aqua_ok}, both {both}; "
          f"aqua fails {regress} that lua5.4 passes")
    sys.exit(1 if regress else 0)


if __name__ == "__main__":
    main()
