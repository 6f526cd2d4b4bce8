"""Shared logic of the Lua corpus tools (bless.py, differential.py).

Mirrors crates/aqua/tests/lua_scripts.rs; keep the two in step:
- `--> text` lines: the whole of stdout, one line each, in file order (`-->` alone: empty line).
- `--! text` lines: the first lines of stderr (the rest, e.g. a traceback, is ignored); with no
  `--!` line stderr must be empty. A leading program name on a stderr line becomes `lua: `.
- expected exit status: 1 if a `--!` line starts with `lua: ` (uncaught error), else 0.
- scripts run from the repository root with a relative path, stdin empty.
- `--# slow` marks a heavy script (the Rust harness starts it first; AQUA_TEST_SKIP_SLOW=1 skips it).
- `--# full-stderr`: the `--!` lines are the whole of stderr (tracebacks included).
- `--# args A B C`: command-line arguments passed after the script path.
All data are bytes (Lua strings are bytes); files are handled as bytes too.
"""

import os
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CORPUS = os.path.join("tests", "lua")
XFAIL = os.path.join(ROOT, "tests", "lua", "xfail.txt")


def find_scripts(filters=()):
    """Relative paths of all corpus scripts (sorted); `filters` are substrings or paths."""
    out = []
    for d, _dirs, files in os.walk(os.path.join(ROOT, CORPUS)):
        for f in files:
            if f.endswith(".lua"):
                out.append(os.path.relpath(os.path.join(d, f), ROOT).replace(os.sep, "/"))
    out.sort()
    if filters:
        norm = [os.path.relpath(os.path.abspath(f), ROOT) if os.path.exists(f) else f for f in filters]
        out = [s for s in out if any(n in s for n in norm)]
    return out


def read_xfail():
    res = set()
    try:
        with open(XFAIL) as fh:
            for line in fh:
                line = line.split("#", 1)[0].strip()
                if line:
                    res.add(line)
    except FileNotFoundError:
        pass
    return res


def script_args(rel):
    """The `--# args ...` of a script (relative path), as a list of strings."""
    try:
        with open(os.path.join(ROOT, rel), "rb") as fh:
            src = fh.read()
    except OSError:
        return []
    for line in src.split(b"\n"):
        if line.startswith(b"--# args "):
            return [w.decode("utf-8", "replace") for w in line[9:].split(b" ") if w]
    return []


def directives(src):
    """Words of the `--# ...` lines (e.g. {"slow", "full-stderr"})."""
    words = set()
    for line in src.split(b"\n"):
        if line.startswith(b"--# "):
            words.update(w.decode("utf-8", "replace") for w in line[4:].split())
    return words


def parse_expect(src):
    """(stdout lines, stderr lines, status, full_stderr) from a script's bytes."""
    out, err = [], []
    for line in src.split(b"\n"):
        if line.endswith(b"\r"):
            line = line[:-1]
        if line == b"-->":
            out.append(b"")
        elif line.startswith(b"--> "):
            out.append(line[4:])
        elif line == b"--!":
            err.append(b"")
        elif line.startswith(b"--! "):
            err.append(line[4:])
    status = 1 if any(l.startswith(b"lua: ") for l in err) else 0
    return out, err, status, "full-stderr" in directives(src)


def split_lines(data):
    if not data:
        return []
    lines = data.split(b"\n")
    if data.endswith(b"\n"):
        lines.pop()
    else:
        lines[-1] += b"<no newline at end>"
    return lines


def normalise_stderr_line(line, binary):
    names = [binary, os.path.basename(binary), "lua5.4", "aqua", "lua", "luajit"]
    for n in names:
        if not n:
            continue
        p = n.encode() + b": "
        if line.startswith(p):
            return b"lua: " + line[len(p):]
    return line


OUTPUT_CAP = 16 << 20  # bytes kept per stream: a runaway print loop must not exhaust memory


def _drain(pipe, sink):
    kept = bytearray()
    while True:
        chunk = pipe.read(65536)
        if not chunk:
            break
        room = OUTPUT_CAP - len(kept)
        if room > 0:
            kept += chunk[:room]
    sink.append(bytes(kept))


def run(binary, rel, timeout=60, opts=()):
    """Runs `binary opts... rel args...`; returns (stdout, normalised stderr lines, status or None,
    timed_out)."""
    import threading
    try:
        p = subprocess.Popen([binary] + list(opts) + [rel] + script_args(rel), cwd=ROOT, stdin=subprocess.DEVNULL,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    except OSError as e:
        return b"", [("cannot run %s: %s" % (binary, e)).encode()], None, False
    out, err = [], []
    threads = [threading.Thread(target=_drain, args=(p.stdout, out)),
               threading.Thread(target=_drain, args=(p.stderr, err))]
    for t in threads:
        t.start()
    timed_out = False
    try:
        p.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        p.kill()
        p.wait()
    for t in threads:
        t.join()
    p.stdout.close()
    p.stderr.close()
    stdout, stderr = (out or [b""])[0], (err or [b""])[0]
    if timed_out:
        return stdout, [b"<timeout>"], None, True
    lines = [normalise_stderr_line(l, binary) for l in split_lines(stderr)]
    status = p.returncode if p.returncode >= 0 else None
    return stdout, lines, status, False


def check(expect, outcome):
    """Returns a list of report lines (empty when the outcome matches the expectation)."""
    exp_out, exp_err, exp_status, full = expect
    stdout, err, status, timed_out = outcome
    rep = []
    if timed_out:
        rep.append("  timed out")
    out = split_lines(stdout)
    if out != exp_out:
        rep.append("  stdout differs (- expected, + actual):")
        rep += diff(exp_out, out)
    if not exp_err:
        if err:
            rep.append("  unexpected stderr:")
            rep += ["    " + show(l) for l in err[:10]]
    else:
        head = err if full else err[:len(exp_err)]
        if head != exp_err:
            rep.append("  stderr differs (- expected, + actual):")
            rep += diff(exp_err, head)
    if not timed_out and status != exp_status:
        rep.append("  exit status: expected %s, got %s" % (exp_status, status if status is not None else "a signal"))
    return rep


def show(b):
    return b.decode("utf-8", "replace")


def diff(exp, act, limit=25):
    pre = 0
    while pre < len(exp) and pre < len(act) and exp[pre] == act[pre]:
        pre += 1
    suf = 0
    while suf < len(exp) - pre and suf < len(act) - pre and exp[-1 - suf] == act[-1 - suf]:
        suf += 1
    rep = []
    if pre:
        rep.append("    @@ after %d equal line(s), last: %s" % (pre, show(exp[pre - 1])))
    rem, add = exp[pre:len(exp) - suf], act[pre:len(act) - suf]
    rep += ["    - " + show(l) for l in rem[:limit]]
    if len(rem) > limit:
        rep.append("    ... %d more expected line(s)" % (len(rem) - limit))
    rep += ["    + " + show(l) for l in add[:limit]]
    if len(add) > limit:
        rep.append("    ... %d more actual line(s)" % (len(add) - limit))
    if suf:
        rep.append("    @@ then %d equal line(s)" % suf)
    return rep


def say(line=""):
    sys.stdout.write(line + "\n")
    sys.stdout.flush()
