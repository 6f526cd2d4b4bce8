#!/usr/bin/env python3
"""Fills in / refreshes the inline expectations of corpus scripts from the oracle, lua5.4.

    tests/tools/bless.py [--check] [--lua PATH] [SCRIPT-OR-SUBSTRING ...]

Without --check, each script is run under lua5.4 (from the repository root, relative path) and
its `-->` (stdout) and `--!` (stderr head) lines are rewritten:
- if the script already has exactly as many `-->` and `--!` lines as the new output needs, they
  are replaced in place (so you may write `--> ?` / `--! ?` placeholders where you want them);
- otherwise all of them are removed and new ones placed: each `-->` line right after the
  main-chunk line that was executing when it was printed (found by running the script under
  tests/tools/trace_lines.lua), `--!` lines at the end; with --at-end, or when that placement
  does not reproduce the output, all at the end of the file.
Expectation lines always start in column 0.
The `--!` lines are: for a failing run, the stderr lines up to and including the first `lua: `
line (the error message; the traceback is dropped); for a successful run, all of stderr (warnings);
with a `--# full-stderr` line in the script, all of stderr (tracebacks included).
ALWAYS read the diff (git diff tests/lua) afterwards: lua5.4's output is what the test must
expect only if it is what the test intends.

With --check nothing is written: every script is run under lua5.4 and compared with its
expectations (same rules as the Rust harness); prints `N passed, N failed`, exits 1 on a failure.
"""

import argparse
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.dont_write_bytecode = True  # keep tests/ free of __pycache__
import luatest  # noqa: E402


def expectation_lines(stdout, err, status, full=False):
    out = [b"-->" if l == b"" else b"--> " + l for l in luatest.split_lines(stdout)]
    if full:
        pass
    elif status not in (0, None):
        head = []
        for l in err:
            head.append(l)
            if l.startswith(b"lua: "):
                break
        err = head
    elif status is None:
        err = err[:1]
    errl = [b"--!" if l == b"" else b"--! " + l for l in err]
    return out, errl


def is_out(line):
    return line == b"-->" or line.startswith(b"--> ")


def is_err(line):
    return line == b"--!" or line.startswith(b"--! ")


def strip(lines):
    return [l for l in lines if not (is_out(l.rstrip(b"\r")) or is_err(l.rstrip(b"\r")))]


def read_lines(path):
    with open(path, "rb") as fh:
        src = fh.read()
    lines = src.split(b"\n")
    if src.endswith(b"\n"):
        lines.pop()
    return src, lines


def write_lines(path, lines):
    with open(path, "wb") as fh:
        fh.write(b"\n".join(lines) + b"\n")


def trace_positions(lua, rel):
    """Main-chunk line (1-based) of each stdout line, from tests/tools/trace_lines.lua."""
    try:
        p = subprocess.run([lua, "tests/tools/trace_lines.lua", rel] + luatest.script_args(rel), cwd=luatest.ROOT,
                           stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=120)
    except subprocess.TimeoutExpired:
        return None
    pos = []
    for l in p.stderr.split(b"\n"):
        if l.startswith(b"@@TRACE@@ "):
            try:
                pos.append(int(l[10:]))
            except ValueError:
                return None
    return pos


def place(lines, positions, n_err, at_end):
    """Stripped lines + placeholders: `--> ?` after the line of each output, `--! ?` at the end."""
    res = list(lines)
    while res and res[-1].strip() == b"":
        res.pop()
    if at_end or positions is None:
        tail = [b"--> ?"] * len(positions or [])
        pos_map = {}
    else:
        tail = []
        pos_map = {}
        m = 0
        for p in positions:
            m = max(m, p)
            pos_map[m] = pos_map.get(m, 0) + 1
    out = []
    for i, l in enumerate(res, 1):
        out.append(l)
        if i in pos_map:
            out += [b"--> ?"] * pos_map.pop(i)
    for n in sorted(pos_map):  # positions past the end (should not happen)
        out += [b"--> ?"] * pos_map[n]
    tail += [b"--! ?"] * n_err
    if tail:
        out.append(b"")
        out += tail
    return out


def fill(path, lua):
    """Runs the script as it is now; when the placeholder counts match, fills them in place.
    Returns (ok, n_out, n_err, status) — ok False when the counts do not match."""
    rel = os.path.relpath(path, luatest.ROOT)
    stdout, err, status, timed_out = luatest.run(lua, rel, timeout=300)
    if timed_out:
        raise TimeoutError(rel)
    src, lines = read_lines(path)
    new_out, new_err = expectation_lines(stdout, err, status, "full-stderr" in luatest.directives(src))
    n_out = sum(1 for l in lines if is_out(l.rstrip(b"\r")))
    n_err = sum(1 for l in lines if is_err(l.rstrip(b"\r")))
    if n_out != len(new_out) or n_err != len(new_err):
        return False, len(new_out), len(new_err), status, stdout
    io, ie = iter(new_out), iter(new_err)
    res = []
    for l in lines:
        s = l.rstrip(b"\r")
        if is_out(s):
            res.append(next(io))
        elif is_err(s):
            res.append(next(ie))
        else:
            res.append(l)
    if b"\n".join(res) + b"\n" != src:
        write_lines(path, res)
    return True, len(new_out), len(new_err), status, stdout


def check_one(path, lua):
    rel = os.path.relpath(path, luatest.ROOT)
    with open(path, "rb") as fh:
        exp = luatest.parse_expect(fh.read())
    return not luatest.check(exp, luatest.run(lua, rel, timeout=300))


def bless(path, lua, at_end=False):
    rel = os.path.relpath(path, luatest.ROOT)
    try:
        src, _ = read_lines(path)
        ok, n_out, n_err, status, stdout = fill(path, lua)
        if not ok:
            _, lines = read_lines(path)
            stripped = strip(lines)
            write_lines(path, stripped)
            _, n_out, n_err, _, _ = fill(path, lua)
            n_out0, n_err0 = n_out, n_err
            positions = None if at_end else trace_positions(lua, rel)
            if positions is not None and len(positions) != n_out:
                positions = None
            if positions is None:
                positions = [0] * n_out
                at_end = True
            write_lines(path, place(stripped, positions, n_err, at_end))
            ok, n_out, n_err, status, stdout = fill(path, lua)
            if not (ok and check_one(path, lua)) and not at_end:
                write_lines(path, place(stripped, [0] * n_out0, n_err0, True))
                ok, n_out, n_err, status, stdout = fill(path, lua)
            if not (ok and check_one(path, lua)):
                luatest.say("FAILED to bless %s (output not stable?); restored" % rel)
                with open(path, "wb") as fh:
                    fh.write(src)
                return False
    except TimeoutError:
        luatest.say("TIMEOUT %s (not changed)" % rel)
        with open(path, "wb") as fh:
            fh.write(src)
        return False
    if stdout and not stdout.endswith(b"\n"):
        luatest.say("WARNING %s: stdout does not end with a newline" % rel)
    if status not in (0, 1):
        luatest.say("WARNING %s: exit status %s (the harness expects 0 or 1)" % (rel, status))
    with open(path, "rb") as fh:
        changed = fh.read() != src
    if changed:
        luatest.say("blessed %s (%d stdout, %d stderr line(s), status %s)" % (rel, n_out, n_err, status))
    return True


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="only compare, write nothing")
    ap.add_argument("--lua", default="/usr/bin/lua5.4", help="the oracle (default /usr/bin/lua5.4)")
    ap.add_argument("--at-end", action="store_true", help="put new expectations at the end of the file")
    ap.add_argument("scripts", nargs="*")
    a = ap.parse_args()
    scripts = luatest.find_scripts(a.scripts)
    if not scripts:
        luatest.say("no scripts match")
        return 1
    if not a.check:
        for s in scripts:
            bless(os.path.join(luatest.ROOT, s), a.lua, a.at_end)
        return 0
    passed = failed = 0
    for s in scripts:
        with open(os.path.join(luatest.ROOT, s), "rb") as fh:
            exp = luatest.parse_expect(fh.read())
        rep = luatest.check(exp, luatest.run(a.lua, s, timeout=300))
        if rep:
            failed += 1
            luatest.say("FAIL %s" % s)
            for l in rep:
                luatest.say(l)
        else:
            passed += 1
    luatest.say("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
