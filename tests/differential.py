#!/usr/bin/env python3
"""Differential runner: every corpus script under lua5.4 and under aqua, compared.

    tests/differential.py [--lua PATH] [--no-traceback] [--aqua-args OPTS] [--jobs N] [--timeout S]
                          [AQUA [FILTER...]]

AQUA defaults to ${CARGO_TARGET_DIR:-target}/release/aqua. Each script (tests/lua/**/*.lua, or
those matching the FILTER substrings) runs from the repository root with its relative path under
both binaries; stdout (bytes), stderr (lines, tracebacks included; a leading program name
normalised to `lua:`; with --no-traceback only up to `stack traceback:`) and the exit status
must be equal. Prints each mismatch
and finally `N passed, N failed`; exits 1 when a mismatch is not listed in tests/lua/xfail.txt.
The inline expectations are not consulted: this compares the two implementations directly
(`tests/tools/bless.py --check` compares lua5.4 with the expectations).
"""

import argparse
import concurrent.futures
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "tools"))
sys.dont_write_bytecode = True  # keep tests/ free of __pycache__
import luatest  # noqa: E402


def cut(err, full):
    if full:
        return err
    out = []
    for l in err:
        if l == b"stack traceback:":
            break
        out.append(l)
    return out


def compare(rel, lua, aqua, full, timeout, opts=()):
    a_out, a_err, a_st, a_to = luatest.run(lua, rel, timeout)
    b_out, b_err, b_st, b_to = luatest.run(aqua, rel, timeout, opts)
    rep = []
    if a_to:
        rep.append("  lua5.4 timed out")
    if b_to:
        rep.append("  aqua timed out")
    if a_out != b_out:
        rep.append("  stdout differs (- lua5.4, + aqua):")
        rep += luatest.diff(luatest.split_lines(a_out), luatest.split_lines(b_out))
    ea, eb = cut(a_err, full), cut(b_err, full)
    if ea != eb:
        rep.append("  stderr differs (- lua5.4, + aqua):")
        rep += luatest.diff(ea, eb)
    if a_st != b_st:
        rep.append("  exit status: lua5.4 %s, aqua %s" % (a_st, b_st))
    return rep


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("aqua", nargs="?", default=os.path.join(os.environ.get("CARGO_TARGET_DIR", "target"), "release", "aqua"))
    ap.add_argument("filters", nargs="*")
    ap.add_argument("--lua", default="/usr/bin/lua5.4")
    ap.add_argument("--no-traceback", action="store_true", help="ignore stderr from 'stack traceback:' on")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--aqua-args", default=os.environ.get("AQUA_ARGS", ""),
                    help="options for aqua before the script path (default: $AQUA_ARGS)")
    ap.add_argument("--timeout", type=float, default=60)
    a = ap.parse_intermixed_args()
    aqua = os.path.abspath(a.aqua) if os.sep in a.aqua else a.aqua
    if os.sep in aqua and not os.access(aqua, os.X_OK):
        luatest.say("differential: no executable at %s (build it: cargo build --release -p aqua)" % aqua)
        return 2
    scripts = luatest.find_scripts(a.filters)
    xfail = luatest.read_xfail()
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, a.jobs)) as ex:
        results = list(ex.map(lambda s: (s, compare(s, a.lua, aqua, not a.no_traceback, a.timeout, a.aqua_args.split())), scripts))
    passed = failed = xfailed = xpassed = 0
    for s, rep in results:
        if rep and s in xfail:
            xfailed += 1
        elif rep:
            failed += 1
            luatest.say("MISMATCH %s" % s)
            for l in rep:
                luatest.say(l)
        else:
            passed += 1
            if s in xfail:
                xpassed += 1
                luatest.say("note: %s is listed in xfail.txt but matches lua5.4" % s)
    luatest.say("differential (%s vs %s): %d expected failure(s) (xfail.txt), %d listed but matching"
                % (aqua, a.lua, xfailed, xpassed))
    luatest.say("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
