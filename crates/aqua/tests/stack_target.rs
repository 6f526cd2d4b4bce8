//! The stack-bytecode target (`aqua --target=stack`): programs give the same output (stdout,
//! stderr with error messages naming variables, tracebacks, exit status) as the register VM,
//! and `--list --target=stack` lists the stack code. The whole script suite runs on it with
//! `AQUA_ARGS=--target=stack cargo test -p aqua --test lua_scripts`.

use std::process::Command;

const PROGRAMS: &[&str] = &[
    // straight-line code, arithmetic, locals, globals, calls
    "local a, b = 3, 4.5 x = a * b - a // 2 print(x, a % 2, 2^10, 7 // 2.0, -a, ~a, a << 3)",
    "local function fib(n) if n < 2 then return n end return fib(n-1) + fib(n-2) end print(fib(20))",
    // loops, closures, upvalues, varargs, tables
    "local t = {} for i = 1, 10 do t[#t+1] = function() return i end end \
     local s = 0 for _, f in ipairs(t) do s = s + f() end print(s)",
    "local function v(...) local a, b = ... return select('#', ...), a, b, ... end \
     print(v()) print(v(1)) print(v(1, nil, 3)) print({v(1, 2)}[5])",
    "local t = {1, 2, 3, n = 'x', [10] = 10, (function() return 4, 5, 6 end)()} \
     print(#t, t.n, t[10], t[6], table.concat(t, ','))",
    "local s = '' for k = 10, 1, -3 do s = s .. k .. ',' end print(s) \
     for x = 1.0, 2.0, 0.5 do io.write(x, ' ') end print()",
    "local i = 0 while true do i = i + 1 if i > 5 then break end end repeat i = i - 1 until i < 2 \
     print(i) goto done print('skipped') ::done:: print('done')",
    // conditions as values, and/or, comparisons
    "local a, b = 1, nil local c = a and b or 'z' local d = a < 2 local e = not b print(c, d, e, \
     a == 1, a ~= 1, 'a' < 'b', a <= 1.0, b == nil)",
    "local x = 5 x = x > 3 and x or -x print(x) local y = nil or false print(y)",
    // metamethods, errors with names, pcall, coroutines
    "local mt = {__add = function(a, b) return 'add' end, __index = function(t, k) return k .. '!' end, \
     __lt = function() return true end, __concat = function() return 'cat' end, __len = function() return 9 end, \
     __call = function(self, y) return y * 2 end, __eq = function() return true end} \
     local v, w = setmetatable({}, mt), setmetatable({}, mt) \
     print(v + 1, 1 + v, v.foo, v < w, v .. 'x', 'x' .. v, #v, v(21), v == w, v - 0 == nil)",
    "print(pcall(function() local t = nil return t.x end)) \
     print(pcall(function() return undefinedglobal.x end)) \
     print(pcall(function() local s = 'a' return s + 1 end)) \
     print(pcall(function() local up = {} return function() return up.a.b end end)))",
    "local co = coroutine.wrap(function(a) local b = coroutine.yield(a + 1) return b * 2 end) \
     print(co(1), co(10))",
    "local t = setmetatable({}, {__index = function(t, k) return coroutine.yield(k) end}) \
     local co = coroutine.create(function() return t.foo .. t.bar end) \
     print(coroutine.resume(co)) print(coroutine.resume(co, 'A')) print(coroutine.resume(co, 'B'))",
    "do local x <close> = setmetatable({}, {__close = function() print('closed') end}) print('in') end \
     print(pcall(function() local y <close> = setmetatable({}, {__close = function(_, e) print('c', e) end}) error('boom') end))",
    "local a, b, c = 1, 2, 3 a, b, c = c, a, b print(a, b, c) local t = {} t.x, t.y = b, a print(t.x, t.y)",
    "local t = {} for i = 1, 120 do t[i] = i end local u = {table.unpack(t)} print(#u, u[51], u[120]) \
     local big = {1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30, \
     31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53} print(#big, big[53])",
    "local f = load(string.dump(function(x) local s = 0 for i = 1, x do s = s + i end return s, ... end)) \
     print(f(10))",
    "local n = 0 debug.sethook(function(ev, line) n = n + 1 end, 'l') local x = 1 \
     x = x + 1 debug.sethook() print(n > 0, x)",
    "local obj = {v = 1} function obj:inc(d) self.v = self.v + (d or 1) return self end \
     print(obj:inc():inc(5).v) local s = 'x' print(s:rep(3), ('%d'):format(7))",
    "local mt = {__concat = function(a, b) return coroutine.yield('c') end} \
     local co = coroutine.wrap(function() local v = setmetatable({}, mt) return 'a' .. v .. 'b' end) \
     print(co(), co('Z'))",
    "local function f() error('deep') end local function g() f() end g()",
    "local t = {} t.x.y = 1",
];

fn aqua() -> Command {
    Command::new(env!("CARGO_BIN_EXE_aqua"))
}

fn run(target: &str, src: &str) -> (String, String, Option<i32>) {
    let out = aqua()
        .arg(format!("--target={target}"))
        .arg("-e")
        .arg(src)
        .output()
        .expect("run aqua");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code(),
    )
}

#[test]
fn stack_target_matches_register_target() {
    let mut failures = Vec::new();
    for (n, src) in PROGRAMS.iter().enumerate() {
        let reg = run("register", src);
        let stk = run("stack", src);
        if reg != stk {
            failures.push(format!(
                "program {n}: {src}\n register: {reg:?}\n stack:    {stk:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn stack_listing() {
    let dir = std::env::temp_dir().join(format!("aqua-stack-list-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("f.lua");
    std::fs::write(&path, "local function f(n) return n + 1 end print(f(1))\n").expect("write");
    let out = aqua()
        .arg("--list")
        .arg("--target=stack")
        .arg(&path)
        .output()
        .expect("run aqua");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("stack instructions"), "{text}");
    assert!(text.contains("ADDI"), "{text}");
    assert!(text.contains("RETURN1"), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn unknown_target_is_an_error() {
    let out = aqua()
        .arg("--target=tree")
        .arg("-e")
        .arg("print(1)")
        .output()
        .expect("run aqua");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown target"));
}
