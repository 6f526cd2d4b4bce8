//! Hostile input: truncated and randomly corrupted binary chunks must never make undump, verify,
//! list or dump panic, and corruptions of operands that matter must be caught by the verifier.

mod common;

use aqua_bytecode::isa::{Instruction, OpCode};
use aqua_bytecode::{dump, list, undump, verify::verify, Constant, Proto};
use std::path::Path;
use std::process::Command;

/// Deterministic xorshift64* generator.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn chunks() -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lua");
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let k = N.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let out = std::env::temp_dir().join(format!(
        "aqua-bytecode-hostile-{}-{k}.luac",
        std::process::id()
    ));
    let mut v = Vec::new();
    let Ok(rd) = std::fs::read_dir(&dir) else {
        return v;
    };
    let mut files: Vec<_> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    files.sort();
    for f in files {
        if f.extension().and_then(|e| e.to_str()) != Some("lua") {
            continue;
        }
        for strip in [false, true] {
            let mut cmd = Command::new("luac5.4");
            if strip {
                cmd.arg("-s");
            }
            let ok = cmd
                .arg("-o")
                .arg(&out)
                .arg(&f)
                .status()
                .is_ok_and(|s| s.success());
            if ok {
                if let Ok(b) = std::fs::read(&out) {
                    v.push(b);
                }
            }
        }
    }
    let _ = std::fs::remove_file(&out);
    v
}

/// Exercise everything on a byte string; must not panic.
fn exercise(bytes: &[u8]) -> bool {
    match undump(bytes, b"=fuzz") {
        Ok(p) => {
            let _ = list(&p, true);
            let _ = dump(&p, false);
            let _ = dump(&p, true);
            verify(&p).is_ok()
        }
        Err(e) => {
            assert!(e.starts_with("fuzz: bad binary format ("), "{e}");
            false
        }
    }
}

#[test]
fn truncations_and_mutations_never_panic() {
    let all = chunks();
    if all.is_empty() {
        common::skip_without_oracle("luac5.4");
        return;
    }
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for bytes in &all {
        // truncations (every one for small chunks)
        for n in (0..bytes.len()).step_by((bytes.len() / 1500).max(1)) {
            assert!(
                undump(&bytes[..n], b"=t").is_err(),
                "truncated at {n} of {} loads",
                bytes.len()
            );
        }
        // random byte mutations
        for _ in 0..200 {
            let mut b = bytes.clone();
            let k = 1 + rng.below(4);
            for _ in 0..k {
                let i = rng.below(b.len());
                b[i] = rng.next() as u8;
            }
            exercise(&b);
        }
    }
}

#[test]
fn huge_counts_do_not_allocate() {
    // header + main with a code size of INT_MAX: must fail fast with "truncated chunk".
    let mut b = dump(&tiny(), false);
    let hdr = 4 + 1 + 1 + 6 + 3 + 8 + 8 + 1;
    b.truncate(hdr);
    b.extend_from_slice(&[0x80]); // no source
    b.extend_from_slice(&[0x80, 0x80]); // lines
    b.extend_from_slice(&[0, 0, 2]);
    b.extend_from_slice(&[0x07, 0x7f, 0x7f, 0x7e, 0xff]); // code size 2^31-129
    let e = undump(&b, b"=x").unwrap_err();
    assert_eq!(e, "x: bad binary format (truncated chunk)");
    // integer overflow in a varint
    let mut b2 = b[..hdr + 6].to_vec();
    b2.extend_from_slice(&[0x7f; 8]);
    b2.push(0xff);
    let e = undump(&b2, b"=x").unwrap_err();
    assert_eq!(e, "x: bad binary format (integer overflow)");
}

#[test]
fn deep_nesting_is_bounded() {
    let mut p = tiny();
    for _ in 0..300 {
        let mut outer = tiny();
        outer.protos.push(p);
        p = outer;
    }
    let b = dump(&p, true);
    let e = undump(&b, b"=x").unwrap_err();
    assert!(e.contains("too many nested functions"), "{e}");
}

fn tiny() -> Proto {
    let mut p = Proto::new(std::sync::Arc::from(&b"=tiny"[..]));
    p.code = vec![Instruction::abc(OpCode::Return0, 0, 1, 0, false)];
    p.lineinfo = vec![1];
    p
}

#[test]
fn header_errors() {
    let good = dump(&tiny(), false);
    let cases: &[(usize, u8, &str)] = &[
        (1, b'X', "not a binary chunk"),
        (4, 0x53, "version mismatch"),
        (5, 1, "format mismatch"),
        (6, 0, "corrupted chunk"),
        (12, 8, "Instruction size mismatch"),
        (13, 4, "lua_Integer size mismatch"),
        (14, 4, "lua_Number size mismatch"),
        (15, 0, "integer format mismatch"),
        (30, 0, "float format mismatch"),
    ];
    for &(at, byte, msg) in cases {
        let mut b = good.clone();
        b[at] = byte;
        let e = undump(&b, b"\x1bLua").unwrap_err();
        assert_eq!(e, format!("binary string: bad binary format ({msg})"));
    }
    assert_eq!(
        undump(&good[..3], b"@f.lua").unwrap_err(),
        "f.lua: bad binary format (truncated chunk)"
    );
    assert_eq!(
        undump(&good[..3], b"chunk").unwrap_err(),
        "chunk: bad binary format (truncated chunk)"
    );
    let p = undump(&good, b"=x").unwrap();
    assert_eq!(p, tiny());
    assert_eq!(
        aqua_bytecode::undump_verified(&good, b"=x").unwrap(),
        tiny()
    );
    let mut bad = tiny();
    bad.code[0] = Instruction::abc(OpCode::Move, 0, 0, 0, false);
    let e = aqua_bytecode::undump_verified(&dump(&bad, false), b"@f.luac").unwrap_err();
    assert!(
        e.starts_with("f.luac: bad binary format (bad function at tiny:0: "),
        "{e}"
    );
}

/// Targeted corruptions of a luac-compiled function must be rejected by the verifier.
#[test]
fn verifier_rejects_corruptions() {
    let all = chunks();
    let Some(bytes) = all.first() else {
        common::skip_without_oracle("luac5.4");
        return;
    };
    let p = undump(bytes, b"=t").unwrap();
    verify(&p).unwrap();
    let mut rejected = 0;
    let mut tried = 0;
    let mut check = |q: &Proto, what: &str| {
        tried += 1;
        assert!(verify(q).is_err(), "verifier accepted: {what}");
        rejected += 1;
    };
    for pc in 0..p.code.len() {
        let i = p.code[pc];
        let op = i.opcode();
        let mut q = p.clone();
        // A register out of frame for every op whose A is a register
        if op.sets_a() && op != OpCode::VarArgPrep {
            q.code[pc].set_a(p.maxstacksize as u32);
            check(&q, &format!("{op:?} A out of frame at {pc}"));
        }
        let mut q = p.clone();
        match op {
            OpCode::LoadK => {
                q.code[pc].set_bx(p.constants.len() as u32);
                check(&q, "LOADK constant out of range");
            }
            OpCode::GetTabUp => {
                q.code[pc].set_b(p.upvalues.len() as u32);
                check(&q, "GETTABUP upvalue out of range");
            }
            OpCode::Jmp => {
                q.code[pc].set_sj(p.code.len() as i32);
                check(&q, "JMP out of code");
            }
            OpCode::Closure => {
                q.code[pc].set_bx(p.protos.len() as u32);
                check(&q, "CLOSURE out of range");
            }
            OpCode::Call if i.b() > 1 => {
                q.code[pc].set_b(255);
                check(&q, "CALL args out of frame");
            }
            OpCode::GetField => {
                let mut r = p.clone();
                let c = i.c() as usize;
                r.constants[c] = Constant::Int(1);
                check(&r, "GETFIELD key not a string");
            }
            OpCode::MmBin | OpCode::MmBinI | OpCode::MmBinK => {
                q.code[pc - 1] = Instruction::abc(OpCode::Move, 0, 0, 0, false);
                check(&q, "MMBIN without arith");
            }
            _ => {}
        }
    }
    // structural
    let mut q = p.clone();
    q.code.pop();
    q.lineinfo.pop();
    check(&q, "no final return");
    let mut q = p.clone();
    q.lineinfo.push(1);
    check(&q, "lineinfo length");
    let mut q = p.clone();
    q.numparams = q.maxstacksize.saturating_add(1);
    if q.numparams > q.maxstacksize {
        check(&q, "numparams > maxstacksize");
    }
    let mut q = p.clone();
    q.is_vararg = !q.is_vararg;
    check(&q, "is_vararg flipped");
    assert!(rejected > 20, "only {rejected} corruptions tried");
    assert_eq!(rejected, tried);
}

/// Instruction-level mutations of luac code: verify, list, dump and the debug-info functions must
/// stay total (no panic) on whatever comes out, and mutated protos that verify must round-trip.
#[test]
fn instruction_mutations_never_panic() {
    use aqua_bytecode::debuginfo::{funcnamefromcode, getobjname};
    let all = chunks();
    if all.is_empty() {
        common::skip_without_oracle("luac5.4");
        return;
    }
    let mut rng = Rng(0xdead_beef_cafe_f00d);
    let mut accepted = 0;
    for bytes in &all {
        let p = undump(bytes, b"=t").unwrap();
        for _ in 0..50 {
            let mut q = p.clone();
            let target: &mut Proto = if !q.protos.is_empty() && rng.below(2) == 0 {
                let k = rng.below(q.protos.len());
                &mut q.protos[k]
            } else {
                &mut q
            };
            let n = target.code.len();
            for _ in 0..1 + rng.below(3) {
                let pc = rng.below(n);
                let w = &mut target.code[pc];
                match rng.below(6) {
                    0 => *w = Instruction(rng.next() as u32),
                    1 => w.set_a(rng.below(256) as u32),
                    2 => w.set_b(rng.below(256) as u32),
                    3 => w.set_c(rng.below(256) as u32),
                    4 => w.set_k(rng.below(2) == 1),
                    _ => {
                        let op = OpCode::ALL[rng.below(OpCode::ALL.len())];
                        w.set_opcode(op);
                    }
                }
            }
            if rng.below(4) == 0 {
                target.maxstacksize = rng.below(256) as u8;
            }
            let ok = verify(&q).is_ok();
            let _ = list(&q, true);
            let d = dump(&q, false);
            for f in std::iter::once(&q).chain(q.protos.iter()) {
                for pc in 0..f.code.len() + 2 {
                    let _ = funcnamefromcode(f, pc);
                    let _ = getobjname(f, pc, rng.below(256) as u32);
                }
            }
            if ok {
                accepted += 1;
                assert_eq!(undump(&d, b"=t").as_ref(), Ok(&q));
            }
        }
    }
    // Some harmless mutations (e.g. a changed register that stays in frame) are accepted.
    assert!(accepted > 0);
}
