#!/usr/bin/env python3
"""Line-info differential: aqua-compiler listings vs `luac5.4 -l -l` on random VALID programs.

Uses the program generator of differential.py, lays the tokens out over many lines (so that
every line-attribution rule of lparser.c/lcode.c is exercised), keeps the programs luac5.4
accepts, and diffs `luacl` (aqua-compiler's example) with `luac5.4 -l -l` (addresses normalised).
Not run by CI (needs luac5.4).

usage: cargo build --release -p aqua-compiler --example luacl
       python3 crates/aqua-syntax/tools/listing_differential.py [seed] [count] [luacl-binary]
"""
import difflib, os, random, re, subprocess, sys, tempfile

here = os.path.dirname(os.path.abspath(__file__))
seed = int(sys.argv[1]) if len(sys.argv) > 1 else 1
count = int(sys.argv[2]) if len(sys.argv) > 2 else 300
target = os.environ.get('CARGO_TARGET_DIR', 'target')
luacl = sys.argv[3] if len(sys.argv) > 3 else os.path.join(target, 'release/examples/luacl')

# reuse the generator (everything before the driver loop of differential.py)
gen_src = open(os.path.join(here, 'differential.py')).read().split('IGNORED =')[0]
ns = {'__name__': 'gen'}
saved_argv = sys.argv
sys.argv = [sys.argv[0], str(seed), '0']
exec(gen_src, ns)
sys.argv = saved_argv

def norm(s):
    return re.sub(r'0x[0-9a-f@]+', 'ADDR', s)

done = diffs = tries = 0
with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, 'lf.lua')
    while done < count and tries < count * 20:
        tries += 1
        toks = ns['block'](0).split(' ')
        src = ''.join(t + random.choice([' ', ' ', '\n', '\n\n ']) for t in toks)
        with open(path, 'w') as f:
            f.write(src)
        want = subprocess.run(['luac5.4', '-l', '-l', '-p', path], capture_output=True, text=True)
        if want.returncode != 0:
            continue
        done += 1
        got = subprocess.run([luacl, path], capture_output=True, text=True).stdout
        if norm(got) != norm(want.stdout):
            diffs += 1
            if diffs <= 5:
                print('=== program:', repr(src))
                d = difflib.unified_diff(norm(want.stdout).splitlines(True),
                                         norm(got).splitlines(True), 'luac5.4', 'aqua')
                print(''.join(list(d)[:20]))
print(done, 'valid programs,', diffs, 'listing differences')
sys.exit(1 if diffs else 0)
