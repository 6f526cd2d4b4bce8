//! Graph-colouring allocator tests: the checker accepts every colouring of the corpus
//! (`tests/lua/**/*.lua` + `bench/*.lua`) and of hand-written snippets, the summed frame is no
//! larger than LIFO's, the checker rejects broken colourings, and `auto` is valid everywhere.
//!
//! `cargo test -p aqua-compiler --test coloring_alloc -- --nocapture` prints the corpus sums.

use aqua_bytecode::{OpCode, Reg};
use aqua_compiler::ir::{Function, VReg};
use aqua_compiler::regalloc::linear_scan::Lifetimes;
use aqua_compiler::regalloc::{
    auto::Auto, checker, coloring::Coloring, interference, lifo::Lifo, Allocation, RegAlloc,
};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn corpus() -> Vec<PathBuf> {
    fn walk(d: &Path, out: &mut Vec<PathBuf>) {
        let Ok(rd) = std::fs::read_dir(d) else { return };
        let mut es: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        es.sort();
        for p in es {
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "lua") {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(&root().join("tests/lua"), &mut out);
    walk(&root().join("bench"), &mut out);
    out
}

fn all<'a>(f: &'a Function, out: &mut Vec<&'a Function>) {
    out.push(f);
    for p in &f.protos {
        all(p, out);
    }
}

fn ir(src: &str) -> Function {
    aqua_compiler::compile_ir(src.as_bytes(), b"=test").expect("compiles")
}

fn colour(f: &Function) -> Allocation {
    let (a, st) = Coloring::default()
        .allocate_with_stats(f)
        .expect("allocates");
    assert_ne!(st.fallback, 2, "colouring fell back to LIFO");
    a
}

const SNIPPETS: &[&str] = &[
    "local a, b = 1, 2\nfor i = 1, 10 do print(i) end\nfor k, v in pairs(t) do print(k, v) end\nlocal function f(x) return x + a end\n",
    "local x, y = 1, 2\nx = y or 3\nx = y and 3\nlocal z = x or y and z\nt = {f = a or b, g = not not a}\n",
    "for i = 1, 3 do\n  local c = i\n  local f = function() return c end\n  if i == 2 then break end\n  if i == 1 then goto skip end\n  print(f())\n  ::skip::\nend\n",
    "function a.b.c:m(p, ...) local q = {...} return self, p, #q, select('#', ...) end\nfunction g(...) return ... end\nfunction h(...) local a, b = ... ; return a, b end\n",
    "local x, y = 1, 2\nlocal s = 'a' .. 'b' .. x .. y .. 1 .. 2.5\nlocal n = -x + ~y - (x // y) % 3 ^ 2\nprint(#t, -t, x < y, x <= y, x > y, x >= y)\n",
    "local t = {}\nt[1], t[2], t.x = f()\nlocal a, b\na, b.x, a.y = 1, 2, 3\n",
    "local function f(skip)\n  local r = 'ran'\n  do\n    if skip then goto continue end\n    local w = 0\n    while w < 2 do\n      w = w + 1\n      local function g() return w end\n      r = r .. g()\n    end\n    ::continue::\n  end\n  return r\nend\n",
    "for i = 1, 3 do\n  local x <close> = nil\n  local function g() return i end\n  if i == 2 then goto done end\nend\n::done::\nreturn function(...) local a, b, c = ... return a or b and c end\n",
    "local function count(t) local n = 0 for _ in pairs(t) do n = n + 1 end return n end\nlocal long = ''\nfor i = 1, 10 do long = long .. 'x' end\nprint(#long, count({1, 2}))\n",
    "local function many(n) if n == 0 then return end return n, many(n - 1) end\nprint(select('#', many(10)))\n",
    "local a = {}\nfor i = 1, 3 do\n  local v = {id = i}\n  a[i] = v\n  if i % 2 == 0 then a[#a + 1] = v end\nend\nprint(#a)\n",
];

#[test]
fn checker_accepts_colourings_of_snippets() {
    for (n, src) in SNIPPETS.iter().enumerate() {
        let f = ir(src);
        let mut fs = Vec::new();
        all(&f, &mut fs);
        for f in fs {
            let a = colour(f);
            if let Err(e) = checker::check(f, &a) {
                panic!("snippet {n}, function <{}>: {e}", f.linedefined);
            }
        }
    }
}

#[test]
fn corpus_colourings_are_valid_and_no_larger_than_lifo() {
    let (mut lifo_sum, mut col_sum, mut auto_sum) = (0u64, 0u64, 0u64);
    let (mut copies, mut coalesced, mut fallbacks, mut nf) = (0u64, 0u64, 0u64, 0u64);
    let mut failures = Vec::new();
    for path in corpus() {
        let Ok(src) = std::fs::read(&path) else {
            continue;
        };
        let Ok(main) = aqua_compiler::compile_ir(&src, b"=corpus") else {
            continue;
        };
        let mut fs = Vec::new();
        all(&main, &mut fs);
        for f in fs {
            nf += 1;
            let l = Lifo.allocate(f).expect("lifo");
            let (c, st) = Coloring::default()
                .allocate_with_stats(f)
                .expect("coloring");
            if let Err(e) = checker::check(f, &c) {
                failures.push(format!(
                    "{}:<{}> coloring: {e}",
                    path.display(),
                    f.linedefined
                ));
            }
            let a = Auto::default().allocate(f).expect("auto");
            if let Err(e) = checker::check(f, &a) {
                failures.push(format!("{}:<{}> auto: {e}", path.display(), f.linedefined));
            }
            lifo_sum += l.maxstacksize as u64;
            col_sum += c.maxstacksize as u64;
            auto_sum += a.maxstacksize as u64;
            copies += st.copies as u64;
            coalesced += st.coalesced as u64;
            fallbacks += (st.fallback == 2) as u64;
        }
    }
    println!(
        "{nf} functions: maxstacksize lifo {lifo_sum}, coloring {col_sum} ({:.3}), auto {auto_sum} ({:.3}); \
         {copies} IR copies, {coalesced} coalesced; {fallbacks} LIFO fallbacks",
        col_sum as f64 / lifo_sum.max(1) as f64,
        auto_sum as f64 / lifo_sum.max(1) as f64
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(col_sum <= lifo_sum, "coloring {col_sum} > lifo {lifo_sum}");
    assert!(auto_sum <= lifo_sum, "auto {auto_sum} > lifo {lifo_sum}");
    assert!(
        fallbacks * 100 <= nf,
        "{fallbacks} of {nf} functions fell back to LIFO"
    );
}

/// With pure-liveness lifetimes, colouring frees the register of a dead local: `a` is dead
/// after its copy into the first call's window, so the frame is smaller than LIFO's. (With
/// lua5.4's lifetimes these locals, which may hold objects, keep their registers.)
#[test]
fn colouring_reuses_dead_locals() {
    let f = ir("local a = f()\nlocal b = g(a)\nlocal c = h(b)\nlocal d = k(c)\nprint(d)\n");
    let l = Lifo.allocate(&f).expect("lifo");
    let c = Coloring {
        lifetimes: Lifetimes::Live,
        ..Coloring::default()
    }
    .allocate(&f)
    .expect("allocates");
    checker::check(&f, &c).expect("valid");
    assert!(
        c.maxstacksize < l.maxstacksize,
        "coloring {} vs lifo {}",
        c.maxstacksize,
        l.maxstacksize
    );
}

/// Values live across a call sit below the call's window; captured locals stay put.
#[test]
fn live_across_call_below_window() {
    let f = ir("local x = ...\nlocal y = x + 1\nprint(1)\nlocal g = function() return y end\nreturn y, g\n");
    let a = colour(&f);
    checker::check(&f, &a).expect("valid");
    let call = f
        .insts
        .iter()
        .find(|i| i.op == OpCode::Call)
        .expect("a call");
    let base = a.reg(call.win[0]).expect("window").0;
    let y = f.locals.iter().find(|l| &*l.name == b"y").expect("y").vreg;
    assert!(a.reg(y).expect("y reg").0 < base);
}

fn local(f: &Function, name: &str) -> VReg {
    f.local_vreg(name).expect("local")
}

/// Two vregs live at the same time given one register: rejected.
#[test]
fn checker_rejects_merged_interfering_vregs() {
    let f = ir("local a = g()\nlocal b = h()\nprint(a, b)\n");
    let mut a = colour(&f);
    checker::check(&f, &a).expect("valid before mutation");
    let p = interference::build(&f);
    let (va, vb) = (local(&f, "a"), local(&f, "b"));
    assert!(p.interferes(va, vb));
    // Move `a` (alone) into b's register.
    let rb = a.reg(vb).expect("reg");
    a.regs[va.0 as usize] = Some(rb);
    assert!(checker::check(&f, &a).is_err());
}

/// A window member moved off its consecutive slot: rejected.
#[test]
fn checker_rejects_broken_window_colouring() {
    let f = ir("local x, y = ...\nprint(x, y, 3)\n");
    let mut a = colour(&f);
    checker::check(&f, &a).expect("valid before mutation");
    let call = f.insts.iter().find(|i| i.op == OpCode::Call).expect("call");
    let last = *call.win.last().expect("args");
    a.maxstacksize = 40;
    a.regs[last.0 as usize] = Some(Reg(30));
    assert!(checker::check(&f, &a).is_err());
}

/// A value live across a call coloured above the call's base: rejected.
#[test]
fn checker_rejects_value_above_call_base() {
    let f = ir("local x = ...\nlocal y = x + 1\nprint(1)\nreturn y\n");
    let mut a = colour(&f);
    checker::check(&f, &a).expect("valid before mutation");
    let y = local(&f, "y");
    a.maxstacksize = 40;
    a.regs[y.0 as usize] = Some(Reg(30));
    assert!(checker::check(&f, &a).is_err());
}

/// A captured local whose register is shared with a later temporary: rejected.
#[test]
fn checker_rejects_overwritten_captured_local() {
    let f = ir("local c = 1\nlocal f = function() return c end\nlocal t = 1\nprint(f, t)\n");
    let mut a = colour(&f);
    checker::check(&f, &a).expect("valid before mutation");
    let (vc, vt) = (local(&f, "c"), local(&f, "t"));
    a.regs[vc.0 as usize] = a.reg(vt);
    assert!(checker::check(&f, &a).is_err());
}

/// Parameters stay in R[0..numparams): a colouring that moves one is rejected.
#[test]
fn params_fixed_and_checked() {
    let main = ir("local function f(p, q) local s = p + q; return s * 2 end\n");
    let f = main.protos[0].clone();
    let mut a = colour(&f);
    checker::check(&f, &a).expect("valid");
    assert_eq!(a.reg(f.params[0]), Some(Reg(0)));
    assert_eq!(a.reg(f.params[1]), Some(Reg(1)));
    a.regs[f.params[0].0 as usize] = Some(Reg(1));
    a.regs[f.params[1].0 as usize] = Some(Reg(0));
    assert!(checker::check(&f, &a).is_err());
}

/// A huge straight-line function still allocates (and `auto` takes the cheap path).
#[test]
fn huge_function_allocates() {
    let mut src = String::from("local t = {}\n");
    for i in 0..3000 {
        src.push_str(&format!("t[{i}] = (t[{}] or 0) + {i}\n", i / 2));
    }
    let f = ir(&src);
    let c = colour(&f);
    checker::check(&f, &c).expect("coloring valid");
    let (a, _) = Auto::default().allocate_with_choice(&f).expect("auto");
    checker::check(&f, &a).expect("auto valid");
}
