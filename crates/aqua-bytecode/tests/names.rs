//! `debuginfo::getobjname` / `funcnamefromcode` against lua5.4's own error messages: each snippet
//! fails at a known instruction; the variable description lua5.4 prints must be what we compute
//! from luac5.4's bytecode for that instruction.

mod common;

use aqua_bytecode::debuginfo::{funcnamefromcode, getobjname};
use aqua_bytecode::{undump, OpCode, Proto};
use std::process::Command;

enum How {
    /// getobjname of operand register A of the n-th `op`.
    A,
    /// getobjname of operand register B of the n-th `op`.
    B,
    /// funcnamefromcode at the n-th `op`.
    Func,
    /// getobjname at the n-th `op` (an MMBIN*) of the arithmetic instruction's B register.
    ArithB,
}

fn compile(src: &str, dir: &std::path::Path, n: usize) -> Option<Proto> {
    let f = dir.join(format!("names{n}.lua"));
    let o = dir.join(format!("names{n}.luac"));
    std::fs::write(&f, src).ok()?;
    let st = Command::new("luac5.4")
        .arg("-o")
        .arg(&o)
        .arg(&f)
        .status()
        .ok()?;
    if !st.success() {
        return None;
    }
    undump(&std::fs::read(&o).ok()?, b"=x").ok()
}

fn lua_message(src: &str) -> Option<String> {
    let out = Command::new("lua5.4").arg("-e").arg(src).output().ok()?;
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    let line = err.lines().next()?.to_string();
    Some(match line.rfind(" (") {
        Some(i) if line.ends_with("')") => line[i..].to_string(),
        _ => String::new(),
    })
}

#[test]
fn names_match_lua() {
    let cases: &[(&str, OpCode, usize, How, bool)] = &[
        ("x = {} ; x.y.z = 1", OpCode::SetField, 0, How::A, false),
        ("local t; t.x = 1", OpCode::SetField, 0, How::A, false),
        ("print(undefinedfn())", OpCode::Call, 0, How::Func, false),
        (
            "local s = 'x'; s:nomethod()",
            OpCode::Call,
            0,
            How::Func,
            false,
        ),
        (
            "local a = {} ; local b = a.x + 1",
            OpCode::MmBinI,
            0,
            How::ArithB,
            false,
        ),
        (
            "local u; function f() return u[1] end f()",
            OpCode::GetI,
            0,
            How::B,
            true,
        ),
        ("return ('abc')()", OpCode::TailCall, 0, How::Func, false),
        (
            "local t = {} ; t[1].x = 2",
            OpCode::SetField,
            0,
            How::A,
            false,
        ),
        (
            "local t = {} ; local k = 'key'; t[k].x = 2",
            OpCode::SetField,
            0,
            How::A,
            false,
        ),
        (
            "local t = {} ; return t.a.b.c",
            OpCode::GetField,
            1,
            How::B,
            false,
        ),
        ("local a = {}; return -a.x", OpCode::Unm, 0, How::B, false),
        (
            "local a = {}; return a.x .. 'y'",
            OpCode::Concat,
            0,
            How::A,
            false,
        ),
        ("local a = {}; a.b.c()", OpCode::GetField, 1, How::B, false),
        (
            "local a = {b={}}; a.b.c()",
            OpCode::Call,
            0,
            How::Func,
            false,
        ),
        (
            "local a = {b={}}; a.b:c()",
            OpCode::Call,
            0,
            How::Func,
            false,
        ),
        ("local _ENV = {}; x()", OpCode::Call, 0, How::Func, false),
        (
            "local e = {}; local _ENV = e; y.z = 1",
            OpCode::SetField,
            0,
            How::A,
            false,
        ),
    ];
    if Command::new("luac5.4").arg("-v").output().is_err()
        || Command::new("lua5.4").arg("-v").output().is_err()
    {
        common::skip_without_oracle("lua5.4/luac5.4");
        return;
    }
    let dir = std::env::temp_dir().join(format!("aqua-bytecode-names-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    for (n, (src, op, nth, how, nested)) in cases.iter().enumerate() {
        let main = compile(src, &dir, n).expect("compiles");
        let p = if *nested { &main.protos[0] } else { &main };
        let pc = p
            .code
            .iter()
            .enumerate()
            .filter(|(_, i)| i.opcode() == *op)
            .nth(*nth)
            .map(|(pc, _)| pc)
            .unwrap_or_else(|| panic!("instruction missing in {src:?}"));
        let i = p.code[pc];
        let got = match how {
            How::A => getobjname(p, pc, i.a()),
            How::B => getobjname(p, pc, i.b()),
            How::Func => funcnamefromcode(p, pc),
            How::ArithB => getobjname(p, pc, p.code[pc - 1].b()),
        };
        let got = match got {
            Some((kind, name)) => format!(" ({kind} '{}')", String::from_utf8_lossy(&name)),
            None => String::new(),
        };
        let want = lua_message(src).expect("lua5.4 runs");
        assert_eq!(got, want, "snippet {src:?}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
