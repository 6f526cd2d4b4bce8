#!/usr/bin/env python3
"""Differential fuzzing of aqua-syntax against `luac5.4 -p` (not run by CI: needs luac5.4).

Generates random programs (token soup, and grammar-generated programs with random mutations),
runs both the `parse` example and `luac5.4 -p` on each, and reports every difference in the
accept/reject decision, error line or message. Checks that aqua leaves to the compiler (labels,
goto, break outside loop, const assignment, register limits) are ignored.

usage: cargo build --release -p aqua-syntax --examples
       python3 crates/aqua-syntax/tools/differential.py [seed] [count] [parse-binary]
"""
import os, random, subprocess, sys, tempfile

seed = int(sys.argv[1]) if len(sys.argv) > 1 else 1
count = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
target = os.environ.get('CARGO_TARGET_DIR', 'target')
binary = sys.argv[3] if len(sys.argv) > 3 else os.path.join(target, 'release/examples/parse')
random.seed(seed)
R = random.random

TOK = ["and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if",
       "in", "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while",
       "+", "-", "*", "/", "//", "%", "^", "#", "&", "~", "|", "<<", ">>", "==", "~=", "<=", ">=",
       "<", ">", "=", "(", ")", "{", "}", "[", "]", "::", ";", ":", ",", ".", "..", "...", "x",
       "y", "f", "1", "0x1p4", "2.5", "\"s\"", "'\\n'", "[[long]]", "\n", "<const>", "<close>",
       "a.b", "f(x)", "x = 1", "local x", "end", "(", ")", "=", "x", "[[a\nb]]", "--[[c\n]]",
       "\"a\\\nb\"", "[==[\n\nq]==]"]

def name():
    return random.choice(['a', 'b', 'c', 'x', 'self', '_k'])

def exp(d=0):
    r = R()
    if d > 4 or r < 0.3:
        return random.choice(['nil', 'true', 'false', '1', '2.5', '0x10', '"s"', "'q\\n'", '[[L]]',
                              name(), name(), '...', '-1', '1e3', '0x7fffffffffffffff',
                              '9223372036854775808', '1e309', '0.0', '-0.0', '"\\65\\x41\\u{41}"',
                              '255', '256', '-256', '65536', '2^53', '"' + 'k' * 45 + '"',
                              '"10"', '"0x10"', '" 5 "', '"1e2"', '"abc"', 'math.maxinteger',
                              'math.mininteger', '(0/0)', '-7', '3', '-2.5', '7.0', '(-0.0)'])
    if r < 0.33:
        # larger constructors (SETLIST batches), varargs and and/or chains
        return random.choice([
            '{' + ', '.join(str(i) for i in range(random.randint(40, 70))) + '}',
            '{' + ', '.join(str(i) for i in range(random.randint(1, 5))) + ', ...}',
            exp(d + 1) + ' and ' + exp(d + 1) + ' or ' + exp(d + 1),
            'not (' + exp(d + 1) + ' == ' + exp(d + 1) + ')',
            'select("#", ...)',
        ])
    if r < 0.5:
        op = random.choice(['+', '-', '*', '/', '//', '%', '^', '..', '==', '~=', '<', '<=', '>',
                            '>=', 'and', 'or', '&', '|', '~', '<<', '>>'])
        return exp(d + 1) + ' ' + op + ' ' + exp(d + 1)
    if r < 0.6:
        return random.choice(['-', 'not ', '#', '~']) + exp(d + 1)
    if r < 0.7:
        return '(' + exp(d + 1) + ')'
    if r < 0.8:
        fields = [random.choice([exp(d + 1), name() + ' = ' + exp(d + 1),
                                 '[' + exp(d + 1) + '] = ' + exp(d + 1)])
                  for _ in range(random.randint(0, 3))]
        return '{' + ', '.join(fields) + random.choice(['', ',', ';']) + '}'
    if r < 0.9:
        return ('function(' + random.choice(['', 'a', 'a, b', '...', 'a, ...']) + ') ' +
                block(d + 1) + ' end')
    return suffixed(d + 1)

def suffixed(d):
    s = random.choice([name(), '(' + exp(d + 1) + ')'])
    for _ in range(random.randint(0, 3)):
        s += random.choice(['.' + name(), '[' + exp(d + 1) + ']', ':' + name() + '(' + exp(d + 1) + ')',
                            '(' + ', '.join(exp(d + 1) for _ in range(random.randint(0, 2))) + ')',
                            '"str"', '{}'])
    return s

def stat(d):
    r = R() * (0.3 if d > 3 else 1)
    if r < 0.1:
        names = ', '.join(name() + random.choice(['', '', ' <const>', ' <close>'])
                          for _ in range(random.randint(1, 2)))
        return 'local ' + names + random.choice(['', ' = ' + exp(d)])
    if r < 0.2: return suffixed(d) + random.choice(['(1)', ':m()'])
    if r < 0.3:
        return ', '.join(suffixed(d) + random.choice(['', '.f', '[1]'])
                         for _ in range(random.randint(1, 2))) + ' = ' + exp(d)
    if r < 0.35: return 'do ' + block(d + 1) + ' end'
    if r < 0.4: return 'while ' + exp(d) + ' do ' + block(d + 1) + ' end'
    if r < 0.45: return 'repeat ' + block(d + 1) + ' until ' + exp(d)
    if r < 0.55:
        return ('if ' + exp(d) + ' then ' + block(d + 1) +
                random.choice(['', ' elseif ' + exp(d) + ' then ' + block(d + 1)]) +
                random.choice(['', ' else ' + block(d + 1)]) + ' end')
    if r < 0.6:
        return ('for i = ' + exp(d) + ', ' + exp(d) + random.choice(['', ', ' + exp(d)]) +
                ' do ' + block(d + 1) + ' end')
    if r < 0.65: return 'for k, v in ' + exp(d) + ' do ' + block(d + 1) + ' end'
    if r < 0.7:
        return ('function ' + name() + random.choice(['', '.f', '.f.g', ':m']) + '(' +
                random.choice(['', 'a', 'a, ...']) + ') ' + block(d + 1) + ' end')
    if r < 0.75: return 'local function ' + name() + '() ' + block(d + 1) + ' end'
    if r < 0.78: return '::' + name() + '::'
    if r < 0.8:
        return random.choice(['for i = 10, 1, -1 do ' + block(d + 1) + ' end',
                              'local x <close> = nil ' + block(d + 1),
                              'return ' + suffixed(d) + '(...)',
                              'local t = {} t.x, t.y = ' + exp(d) + ', ' + exp(d)])
    if r < 0.85: return 'goto ' + name()
    if r < 0.9: return ';'
    return 'break'

def block(d):
    s = ' '.join(stat(d) for _ in range(random.randint(0, 3)))
    if R() < 0.2:
        s += ' return ' + ', '.join(exp(d) for _ in range(random.randint(0, 2)))
    return s

def program():
    if R() < 0.5:
        return ' ' + ' '.join(random.choice(TOK) for _ in range(random.randint(1, 25)))
    toks = block(0).split(' ')
    if R() < 0.6 and toks:
        for _ in range(random.randint(1, 2)):
            p = random.randrange(len(toks))
            if R() < 0.5:
                del toks[p]
            else:
                toks.insert(p, random.choice(['(', ')', 'end', '=', ',', 'x', '1', '..', '{', '}',
                                              '[', ']', 'then', 'do', 'local', 'function']))
            if not toks:
                break
    return ' ' + random.choice([' ', '\n']).join(toks)

IGNORED = ('label', 'break outside', 'goto', 'const variable', 'too many registers', 'upvalues')
diffs = 0
with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, 'f.lua')
    for i in range(count):
        src = program()
        with open(path, 'w') as f:
            f.write(src)
        want = subprocess.run(['luac5.4', '-p', path], capture_output=True, text=True).stderr.strip() or 'OK'
        got = subprocess.run([binary, path], capture_output=True, text=True).stdout.strip()
        if got != want and not any(k in want for k in IGNORED):
            diffs += 1
            if diffs <= 10:
                print(repr(src), '\n  aqua:', got, '\n  luac:', want)
print(count, 'programs,', diffs, 'differences')
sys.exit(1 if diffs else 0)
