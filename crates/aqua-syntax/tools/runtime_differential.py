#!/usr/bin/env python3
"""Runtime differential: the `aqua` binary vs `lua5.4` on random VALID programs (not run by CI).

Programs come from differential.py's generator, behind a prelude that gives the generator's names
callable/indexable values (so that programs run for a while and fail in varied ways). stdout and
stderr of both interpreters are compared after normalising the program name (`lua5.4:`/`aqua:`)
and addresses (`table: 0x...`). Programs lua5.4 does not finish within 2 s are skipped.

usage: cargo build --release -p aqua
       python3 crates/aqua-syntax/tools/runtime_differential.py [seed] [count] [aqua-binary]
"""
import os, random, re, subprocess, sys, tempfile  # noqa: E401

here = os.path.dirname(os.path.abspath(__file__))
seed = int(sys.argv[1]) if len(sys.argv) > 1 else 1
count = int(sys.argv[2]) if len(sys.argv) > 2 else 200
target = os.environ.get('CARGO_TARGET_DIR', 'target')
aqua = sys.argv[3] if len(sys.argv) > 3 else os.path.join(target, 'release/aqua')

gen_src = open(os.path.join(here, 'differential.py')).read().split('IGNORED =')[0]
ns = {'__name__': 'gen'}
saved_argv = sys.argv
sys.argv = [sys.argv[0], str(seed), '0']
exec(gen_src, ns)
sys.argv = saved_argv

PRELUDE = '''local function mk(tag)
  return setmetatable({}, {
    __index = function(t, k) return k end,
    __call = function(self, ...) print(tag, "call", select("#", ...)) return self end,
    __add = function(p, q) return 1 end, __concat = function(p, q) return "cat" end,
    __eq = function() return true end, __lt = function() return false end,
    __le = function() return true end, __len = function() return 7 end,
    __unm = function() return -1 end,
  })
end
a, b, c, x, _k = mk("a"), 2, "s", 1.5, mk("k")
'''

def norm(s):
    s = re.sub(r'0x[0-9a-fA-F]{6,}', 'ADDR', s)
    s = re.sub(r'^(lua5\.4|[^ :]*aqua): ', 'lua: ', s, flags=re.M)
    return s

done = diffs = tries = 0
with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, 'r.lua')
    while done < count and tries < count * 20:
        tries += 1
        # a third print many expressions (arithmetic, coercions, formatting), a sixth run numeric
        # for loops over edge values, the rest are random statement lists
        mode = random.random()
        if mode < 0.17:
            nums = ['1', '-1', '0', '3', '2.5', '-0.5', '0.1', '1e308', 'math.maxinteger',
                    'math.mininteger', 'math.maxinteger - 2', 'math.mininteger + 2', '"2"', '1/0',
                    '-1/0', '0/0', '2^53', '10', '-10']
            body = ' '.join('print(pcall(function() local n, s = 0, "" for i = %s, %s, %s do '
                            'n = n + 1 if n > 5 then break end s = s .. tostring(i) .. " " end '
                            'return n, s end))'
                            % (random.choice(nums), random.choice(nums), random.choice(nums))
                            for _ in range(random.randint(5, 15)))
        elif mode < 0.5:
            body = ' '.join('print(pcall(function(...) return %s end, 1, 2))' % ns['exp'](1)
                            for _ in range(random.randint(5, 20)))
        else:
            body = ns['block'](0)
        src = PRELUDE + body + '\nprint("end", a, b, c, x, _k)\n'
        with open(path, 'w') as f:
            f.write(src)
        if subprocess.run(['luac5.4', '-p', path], capture_output=True).returncode != 0:
            continue
        try:
            want = subprocess.run(['lua5.4', path], capture_output=True, text=True, timeout=2,
                                  errors='replace')
        except subprocess.TimeoutExpired:
            continue
        done += 1
        try:
            got = subprocess.run([aqua, path], capture_output=True, text=True, timeout=10,
                                 errors='replace')
            got_out = norm(got.stdout) + '|' + norm(got.stderr).split('\n')[0] + '|' + str(got.returncode)
        except subprocess.TimeoutExpired:
            got_out = 'TIMEOUT'
        want_out = norm(want.stdout) + '|' + norm(want.stderr).split('\n')[0] + '|' + str(want.returncode)
        if got_out != want_out:
            diffs += 1
            if diffs <= 8:
                print('=== program body:', repr(body))
                print('  lua5.4:', repr(want_out[-300:]))
                print('  aqua  :', repr(got_out[-300:]))
print(done, 'programs run,', diffs, 'differences')
sys.exit(1 if diffs else 0)
