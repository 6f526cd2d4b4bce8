#!/usr/bin/env python3
"""Rewrites tests/lua/xfail.txt from a run of the aqua binary against the inline expectations.

    tests/tools/update_xfail.py [--bin PATH] [--dry-run]

PATH defaults to ${CARGO_TARGET_DIR:-target}/debug/aqua (what `cargo test` runs). Scripts that
fail and are not listed are added with a generated `# ...` reason (the first line of the report:
edit it into a real reason); listed scripts that now pass are removed; other entries and
comments are kept. Read `git diff tests/lua/xfail.txt` before committing.
"""

import argparse
import concurrent.futures
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.dont_write_bytecode = True  # keep tests/ free of __pycache__
import luatest  # noqa: E402


def summarise(rep):
    """A one-line reason from a failure report: the actual error if any, else the first diff."""
    for i, l in enumerate(rep):
        if l.strip() in ("unexpected stderr:",) and i + 1 < len(rep):
            return "stderr: " + rep[i + 1].strip()[:110]
    minus = next((l.strip()[2:] for l in rep if l.startswith("    - ")), None)
    plus = next((l.strip()[2:] for l in rep if l.startswith("    + ")), None)
    kind = next((l.strip().split(" ")[0] for l in rep if l.strip().endswith("(- expected, + actual):")), "output")
    if minus is not None or plus is not None:
        return ("%s: expected %r, got %r" % (kind, minus, plus))[:130]
    return " ".join(x.strip() for x in rep[:2])[:130]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=os.path.join(os.environ.get("CARGO_TARGET_DIR", "target"), "debug", "aqua"))
    ap.add_argument("--dry-run", action="store_true")
    ap.add_argument("--jobs", type=int, default=2)
    a = ap.parse_args()
    binary = os.path.abspath(a.bin)
    scripts = luatest.find_scripts()

    def one(s):
        with open(os.path.join(luatest.ROOT, s), "rb") as fh:
            exp = luatest.parse_expect(fh.read())
        return s, luatest.check(exp, luatest.run(binary, s, 60))

    with concurrent.futures.ThreadPoolExecutor(max_workers=a.jobs) as ex:
        results = dict(ex.map(one, scripts))
    failing = {s for s, rep in results.items() if rep}
    try:
        with open(luatest.XFAIL) as fh:
            lines = fh.read().split("\n")
    except FileNotFoundError:
        lines = []
    if lines and lines[-1] == "":
        lines.pop()
    kept, listed, removed = [], set(), []
    for l in lines:
        path = l.split("#", 1)[0].strip()
        if path and path in results and path not in failing:
            removed.append(path)
            continue
        if path:
            listed.add(path)
        kept.append(l)
    added = []
    for s in sorted(failing - listed):
        rep = results[s]
        reason = summarise(rep)
        kept.append("%s  # %s" % (s, reason))
        added.append(s)
    for s in removed:
        luatest.say("- %s (passes now)" % s)
    for s in added:
        luatest.say("+ %s" % s)
    luatest.say("%d passed, %d failed; xfail.txt: %d added, %d removed"
                % (len(results) - len(failing), len(failing), len(added), len(removed)))
    if not a.dry_run:
        with open(luatest.XFAIL, "w") as fh:
            fh.write("\n".join(kept) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
