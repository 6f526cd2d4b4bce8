//! Listing tests: compile snippets and compare `luac -l -l` listings with `luac5.4` (the oracle),
//! when it is installed; always check that compilation succeeds and the checker accepts.

use std::io::Write;
use std::process::Command;

const SNIPPETS: &[&str] = &[
    "local a, b = 1, 2\nfor i = 1, 10 do print(i) end\nfor k, v in pairs(t) do print(k, v) end\nlocal function f(x) return x + a end\n",
    include_str!("b.lua"),
    "local x, y = 1, 2\nx = y or 3\nx = y and 3\nlocal z = x or y and z\nt = {f = a or b, g = not not a}\n",
    "for i = 1, 3 do\n  local c = i\n  local f = function() return c end\n  if i == 2 then break end\n  if i == 1 then goto skip end\n  print(f())\n  ::skip::\nend\n",
    "do\n  local _ENV = {print = print}\n  print(x)\n  y = 5\nend\n",
    "function a.b.c:m(p, ...) local q = {...} return self, p, #q, select('#', ...) end\nfunction g(...) return ... end\nfunction h(...) local a, b = ... ; return a, b end\n",
    "local function outer()\n  local v = 1\n  return function()\n    return function() v = v + 1; return v end\n  end\nend\n",
    "while true do\n  local cap = 1\n  local function ff() return cap end\n  if cap then break end\nend\n",
    "local x, y = 1, 2\nlocal s = 'a' .. 'b' .. x .. y .. 1 .. 2.5\nlocal n = -x + ~y - (x // y) % 3 ^ 2\nlocal e = x == nil, x ~= false, x == 's', x == 1.5, 1 == x, 's' ~= x\nprint(#t, -t, x < y, x <= y, x > y, x >= y)\n",
    "local t = { a = 1, [0] = 'x', { b = 2, [13] = 'y', _ = 'z', }, }\n",
    "local m = require((string.match(..., '.*%.') or '')..'dis_mips')\n",
    "local t = {1,2,3,4,5,6,7,8,9,10,1,2,3,4,5,6,7,8,9,10,1,2,3,4,5,6,7,8,9,10,1,2,3,4,5,6,7,8,9,10,1,2,3,4,5,6,7,8,9,10,1,2,3,4,5,6,7,8,9,10, g()}\n",
    "local a <const> = 10\nlocal b <const> = a * 2 + 1\nlocal c <close> = nil\nreturn a + b\n",
    "repeat local z = f(); local g = function() return z end until z\n",
    "local t = {}\nt[1], t[2], t.x = f()\nlocal a, b\na, b.x, a.y = 1, 2, 3\n",
    "goto a\n::b:: do return end\n::a:: goto b\n",
    "local x = 1 < 2, 1.0 < 2, 'a' < 'b', 2^63, 5 // 0.0, -(0), 3 & 5.0, 1 >> 70, 7 % -3\n",
    "local function f(skip)\n  local r = 'ran'\n  do\n    if skip then goto continue end\n    local w = 0\n    while w < 2 do\n      w = w + 1\n      local function g() return w end\n      r = r .. g()\n    end\n    ::continue::\n  end\n  return r\nend\n",
    "for i = 1, 3 do\n  local x <close> = nil\n  local function g() return i end\n  if i == 2 then goto done end\nend\n::done::\nreturn function(...) local a, b, c = ... return a or b and c end\n",
    "local a = 1152921504606846976 + 256\nlocal b = 1152921504606846976.0\nlocal c = 1152921504606847232\nlocal d = 0.0, -0.0 + 0, 3.0, 3, 2^53, 2^63, 1e300, 2^63\nprint(9223372036854775807 == 9223372036854775807.0, 9223372036854775807 > 9223372036854774784.0, 2 ^ 63)\n",
];

fn luac_listing(src: &str, dir: &std::path::Path, n: usize) -> Option<String> {
    let path = dir.join(format!("snippet{n}.lua"));
    std::fs::File::create(&path)
        .ok()?
        .write_all(src.as_bytes())
        .ok()?;
    let out = Command::new("luac5.4")
        .arg("-l")
        .arg("-l")
        .arg("-p")
        .arg(&path)
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    Some(aqua_bytecode::listing::normalize_addresses(
        &String::from_utf8_lossy(&out.stdout),
    ))
}

#[test]
fn listings_match_luac() {
    let dir = std::env::temp_dir().join(format!("aqua-compiler-listings-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let mut failures = Vec::new();
    for (n, src) in SNIPPETS.iter().enumerate() {
        let path = dir.join(format!("snippet{n}.lua"));
        let name = format!("@{}", path.display());
        let opts = aqua_compiler::Options {
            check: true,
            ..Default::default()
        };
        let p = aqua_compiler::compile_with(src.as_bytes(), name.as_bytes(), &opts)
            .unwrap_or_else(|e| panic!("snippet {n}: {e}"));
        let ours =
            aqua_bytecode::listing::normalize_addresses(&aqua_bytecode::listing::list(&p, true));
        if let Some(theirs) = luac_listing(src, &dir, n) {
            if theirs != ours {
                failures.push(format!(
                    "snippet {n}:\n--- luac\n{theirs}\n--- ours\n{ours}"
                ));
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

const ERRORS: &[&str] = &[
    "goto foo\n",
    "do\n::a::\n::a::\nend\n",
    "goto l1\nlocal x = 1\n::l1::\nprint(x)\n",
    "local x <const> = 1\nx = 2\n",
    "local function f()\n  if x then break end\nend\n\nprint(1)\n",
    "local x <const> = 1\nlocal function f() x = 2 end\n",
    "local t <close> = 1\nlocal y <const> = {}\ny = 1\n",
];

#[test]
fn errors_match_luac() {
    let dir = std::env::temp_dir().join(format!("aqua-compiler-errors-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let mut many = String::from("local a0");
    for i in 1..=200 {
        many.push_str(&format!(", a{i}"));
    }
    many.push('\n');
    let mut regs = String::from("print(");
    regs.push_str(&vec!["x"; 300].join(","));
    regs.push_str(")\n");
    let mut all: Vec<String> = ERRORS.iter().map(|s| s.to_string()).collect();
    all.push(many);
    all.push(regs);
    let mut failures = Vec::new();
    for (n, src) in all.iter().enumerate() {
        let path = dir.join(format!("err{n}.lua"));
        let name = format!("@{}", path.display());
        let ours = match aqua_compiler::compile(src.as_bytes(), name.as_bytes()) {
            Ok(_) => "compiled".to_string(),
            Err(e) => String::from_utf8_lossy(&e.to_lua_message(name.as_bytes())).into_owned(),
        };
        if std::fs::write(&path, src).is_err() {
            continue;
        }
        let Ok(out) = Command::new("luac5.4").arg("-p").arg(&path).output() else {
            continue;
        };
        let theirs = if out.status.success() {
            "compiled".to_string()
        } else {
            String::from_utf8_lossy(&out.stderr)
                .trim()
                .trim_start_matches("luac5.4: ")
                .to_string()
        };
        if theirs != ours {
            failures.push(format!("error {n}: luac: {theirs}\n         ours: {ours}"));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
