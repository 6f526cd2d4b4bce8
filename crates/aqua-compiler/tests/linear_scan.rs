//! Linear scan: valid on tricky shapes, never worse than LIFO there, and the checker rejects
//! broken variants of its allocations.

use aqua_bytecode::{OpCode, Reg};
use aqua_compiler::ir::{Function, VReg};
use aqua_compiler::regalloc::linear_scan::{LinearScan, LinearScanLive};
use aqua_compiler::regalloc::{checker, lifo::Lifo, liveness, Allocation, RegAlloc};

fn ir(src: &str) -> Function {
    aqua_compiler::compile_ir(src.as_bytes(), b"=test").expect("compiles")
}

fn all(f: &Function, out: &mut Vec<Function>) {
    out.push(f.clone());
    for p in &f.protos {
        all(p, out);
    }
}

fn local(f: &Function, name: &str) -> VReg {
    f.local_vreg(name).expect("local")
}

const SHAPES: &[&str] = &[
    // calls, open results, varargs, method calls
    "local a, b = f()\nlocal t = {g(a, b, ...)}\nprint(a, select('#', ...), (...))\nreturn h(t:m(a), ...)\n",
    // numeric and generic for, captured loop variables, break, goto continue
    "local s = 0\nfor i = 1, 10 do local c = i * 2; fs[i] = function() return c + i end; if i > 5 then break end end\nfor k, v in pairs(t) do if v then goto cont end; s = s + k ::cont:: end\nreturn s\n",
    // to-be-closed variables nested, generic for closing value, early exits
    "local x <close> = a\ndo local y <close> = b; local function g() return y end; if c then return g end end\nfor k in next, t, nil, z do local w <close> = k end\nreturn x\n",
    // repeat-until with an upvalue, while with a captured local
    "repeat local z = f(); local g = function() return z end until z\nwhile true do local cap = 1; local function ff() return cap end; if cap then break end end\n",
    // concatenation, comparisons, and/or, method on a dead local
    "local s = 'a' .. x .. 'b' .. y\nlocal n = #s + (x or 1) * (y and 2 or 3)\nlocal o = mk(); o:run(n, s)\nreturn n < 3, s == 'x', not n\n",
    // multiple assignment and table constructors with open calls
    "local t = {}\nt[1], t[2], t.x = f()\nlocal a, b = 1\na, b = b, a\nreturn {a, b, f()}, {n = 1, g(...)}\n",
    // deep expressions and many temporaries
    "local function f(p, q, r) return ((p + q) * (q - r) / (r + p)) ^ 2 // (p % q), p .. q .. r end\nreturn f(1, 2, 3)\n",
];

#[test]
fn valid_and_no_worse_than_lifo_on_shapes() {
    for src in SHAPES {
        let mut fs = Vec::new();
        all(&ir(src), &mut fs);
        for f in &fs {
            let l = Lifo.allocate(f).expect("lifo");
            for ra in [&LinearScan as &dyn RegAlloc, &LinearScanLive] {
                let a = ra.allocate(f).expect("linear allocates");
                checker::check(f, &a).unwrap_or_else(|e| panic!("{}: {e}\n{src}", ra.name()));
                assert!(
                    a.maxstacksize <= l.maxstacksize.max(2),
                    "{}: frame {} > lifo {} in\n{src}",
                    ra.name(),
                    a.maxstacksize,
                    l.maxstacksize
                );
                assert!(a.moves.is_empty());
                assert!(!a.lifo_levels);
            }
        }
    }
}

#[test]
fn whole_chunks_compile_and_checker_runs() {
    for src in SHAPES {
        for alloc in [
            aqua_compiler::Allocator::Linear,
            aqua_compiler::Allocator::LinearLive,
        ] {
            let opts = aqua_compiler::Options {
                allocator: alloc,
                check: true,
                ..aqua_compiler::Options::default()
            };
            let p = aqua_compiler::compile_with(src.as_bytes(), b"=t", &opts)
                .unwrap_or_else(|e| panic!("{e}\n{src}"));
            assert!(aqua_bytecode::verify::verify(&p).is_ok(), "{src}");
        }
    }
}

/// With pure-liveness lifetimes a dying local is coalesced into the call window: fewer
/// registers and MOVEs than LIFO, and its debug record still covers the call that reads it.
#[test]
fn coalesces_dying_local_into_window() {
    let src = "local n = 10\nlocal m = n * 2\nprint(m)\n";
    let opts = aqua_compiler::Options {
        allocator: aqua_compiler::Allocator::LinearLive,
        check: true,
        ..aqua_compiler::Options::default()
    };
    let lin = aqua_compiler::compile_with(src.as_bytes(), b"=t", &opts).expect("compiles");
    let lifo = aqua_compiler::compile(src.as_bytes(), b"=t").expect("compiles");
    let moves =
        |p: &aqua_bytecode::Proto| p.code.iter().filter(|i| i.opcode() == OpCode::Move).count();
    assert!(
        moves(&lin) < moves(&lifo),
        "MOVEs {} vs {}",
        moves(&lin),
        moves(&lifo)
    );
    assert!(lin.maxstacksize < lifo.maxstacksize);
    assert!(lin.code.len() < lifo.code.len());
    // Locals carry their registers. `m` was coalesced into the call's argument slot: during the
    // call that register is `print`'s first parameter (the callee may change it, a vararg
    // callee's VARARGPREP clears it), so `m`'s record ends right before the CALL.
    assert!(lin.locvars.iter().all(|l| l.reg.is_some()));
    let call_pc = lin
        .code
        .iter()
        .position(|i| i.opcode() == OpCode::Call)
        .expect("call") as u32;
    let m = lin.locvars.iter().find(|l| &*l.name == b"m").expect("m");
    assert!(
        m.startpc < call_pc && m.endpc == call_pc,
        "{m:?} call at {call_pc}"
    );
}

/// Named locals keep their register to the end of their scope (lua5.4's GC lifetimes and
/// `debug.getlocal`); with pure-liveness lifetimes they do not.
#[test]
fn object_locals_live_to_scope_end() {
    let f = ir("local t = {}\nprint(t)\nlocal u = g()\nprint(u)\n");
    let a = LinearScan.allocate(&f).expect("allocates");
    checker::check(&f, &a).expect("valid");
    assert_ne!(a.reg(local(&f, "t")), a.reg(local(&f, "u")));
    let live = LinearScanLive.allocate(&f).expect("allocates");
    checker::check(&f, &live).expect("valid");
    assert!(live.maxstacksize <= a.maxstacksize);
}

fn linear(f: &Function) -> Allocation {
    LinearScan.allocate(f).expect("allocates")
}

#[test]
fn rejects_broken_call_window() {
    let f = ir("local x = 1\nprint(x, 2, 3)\nreturn x\n");
    let mut a = linear(&f);
    checker::check(&f, &a).expect("valid before mutation");
    let call = f.insts.iter().find(|i| i.op == OpCode::Call).expect("call");
    let arg = call.win[2];
    a.maxstacksize = 20;
    a.regs[arg.0 as usize] = Some(Reg(17));
    let err = checker::check(&f, &a).unwrap_err();
    assert!(
        err.contains("window") || err.contains("should hold"),
        "{err}"
    );
}

#[test]
fn rejects_value_live_across_call_at_its_base() {
    let f = ir("local x = 1 + y\nprint(1)\nreturn x\n");
    let mut a = linear(&f);
    checker::check(&f, &a).expect("valid before mutation");
    let call = f.insts.iter().find(|i| i.op == OpCode::Call).expect("call");
    let base = a.reg(call.win[0]).expect("base");
    let x = local(&f, "x");
    // Put x at the call's base: the call clobbers it.
    for r in a.regs.iter_mut() {
        if *r == Some(base) {
            *r = Some(Reg(30));
        }
    }
    for v in &call.win {
        if let Some(r) = a.regs[v.0 as usize] {
            a.regs[v.0 as usize] = Some(Reg(r.0 + 31));
        }
    }
    a.maxstacksize = 80;
    a.regs[x.0 as usize] = Some(Reg(a.reg(call.win[0]).expect("base").0 + 1));
    assert!(checker::check(&f, &a).is_err());
}

#[test]
fn rejects_close_that_would_close_an_outer_upvalue() {
    let f = ir(
        "local a = 1\nlocal fa = function() return a end\ndo\n  local b = 2\n  local fb = function() return b end\n  fb()\nend\nreturn fa\n",
    );
    let mut a = linear(&f);
    checker::check(&f, &a).expect("valid before mutation");
    let (va, vb) = (local(&f, "a"), local(&f, "b"));
    let sets = liveness::close_sets(&f);
    assert!(
        sets.iter()
            .any(|c| c.closes.contains(&vb) && c.open_others.contains(&va)),
        "{sets:?}"
    );
    // Move `a` above `b`: the inner CLOSE would close `a` too.
    a.maxstacksize = 40;
    a.regs[va.0 as usize] = Some(Reg(39));
    let err = checker::check(&f, &a).unwrap_err();
    assert!(
        err.contains("Close") || err.contains("should hold"),
        "{err}"
    );
}

#[test]
fn rejects_overwritten_for_closing_value() {
    let f = ir("for k in next, t, nil, z do local w = k .. 'x'; print(w) end\n");
    let mut a = linear(&f);
    checker::check(&f, &a).expect("valid before mutation");
    let prep = f
        .insts
        .iter()
        .find(|i| i.op == OpCode::TForPrep)
        .expect("tforprep");
    let closing = prep.win[3];
    let w = local(&f, "w");
    // Give `w` the closing value's register: the loop body overwrites it.
    let r = a.reg(closing).expect("reg");
    a.regs[w.0 as usize] = Some(r);
    assert!(checker::check(&f, &a).is_err());
}

#[test]
fn rejects_misplaced_parameter() {
    let main = ir("local function f(p, q) local r = p .. q; return r end\n");
    let f = main.protos[0].clone();
    let mut a = linear(&f);
    checker::check(&f, &a).expect("valid");
    a.regs.swap(f.params[0].0 as usize, f.params[1].0 as usize);
    assert!(checker::check(&f, &a).is_err());
}
