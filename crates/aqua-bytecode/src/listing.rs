//! The `luac5.4 -l` listing: every function of a chunk, recursively, in luac.c's exact shape.
//!
//! Role: `aqua --list` and the listing snapshot tests. [`list`] reproduces luac.c's `PrintFunction`
//! (`PrintHeader`, `PrintCode`, and with `full` — `luac -l -l` — `PrintDebug`): same header lines,
//! same operand columns, same `;` comments, same constant formatting (`%.14g` floats with `.0`
//! appended to integral-looking ones, from `aqua_number::fmt_float`; C-escaped strings).
//!
//! The one intentional difference: luac prints the address of each `Proto` (`%p`); we print a
//! deterministic stand-in derived from the function's pre-order index in the tree
//! (`0x5eed00000000` for the main function, then `...01`, ...), so listings can be snapshot-tested.
//! [`normalize_addresses`] rewrites the addresses of any listing (ours or luac's) to `0x@1`,
//! `0x@2`, ... in order of first appearance, so the two can be diffed directly.
//!
//! Never panics, even on unverified protos: out-of-range constant/upvalue/proto indices print `?`.

use crate::isa::{Instruction, OpCode, Operand, MAXARG_C, TM_NAMES};
use crate::proto::{Constant, Proto};
use std::fmt::Write;

/// List `proto` and all its nested functions as `luac -l` does (`luac -l -l` when `full`).
pub fn list(proto: &Proto, full: bool) -> String {
    let mut out = String::new();
    let mut next_id = 0usize;
    print_function(&mut out, proto, full, &mut next_id);
    out
}

/// List a single function (no nested functions), with the given stand-in id for its address.
pub fn list_function(proto: &Proto, full: bool) -> String {
    let mut out = String::new();
    let ids: Vec<usize> = (0..proto.protos.len()).map(|i| i + 1).collect();
    print_header(&mut out, proto, 0);
    print_code(&mut out, proto, &ids);
    if full {
        print_debug(&mut out, proto, 0);
    }
    out
}

/// One instruction of `proto` as luac prints it, without the leading `\tpc\t[line]\t` columns:
/// `"GETTABUP \t0 0 0\t; _ENV \"print\""`. For `--trace` output and error reports. `CLOSURE`
/// comments name the child by its index (`; function #i`). Out-of-range `pc` gives `"?"`.
pub fn format_instruction(proto: &Proto, pc: usize) -> String {
    let Some(&i) = proto.code.get(pc) else {
        return "?".to_string();
    };
    let Some(op) = i.try_opcode() else {
        return format!("{:<9}\t{:#010x}", "?", i.0);
    };
    let mut out = format!("{:<9}\t", op.name());
    let extra = proto.code.get(pc + 1).map(|n| n.ax()).unwrap_or(0);
    operands(&mut out, proto, pc, i, op, extra, &[]);
    out
}

/// The deterministic stand-in for the address of the function with pre-order index `id`.
pub fn fake_address(id: usize) -> String {
    format!("0x{:012x}", 0x5eed_0000_0000u64.wrapping_add(id as u64))
}

/// Rewrite every `0x<hex>` token of a listing to `0x@N`, numbering distinct addresses by first
/// appearance, so a listing from luac5.4 and one from [`list`] can be compared textually.
pub fn normalize_addresses(listing: &str) -> String {
    let bytes = listing.as_bytes();
    let mut seen: Vec<&str> = Vec::new();
    let mut out = String::with_capacity(listing.len());
    let mut i = 0;
    let mut last = 0;
    while i + 2 < bytes.len() {
        if bytes[i] == b'0' && bytes[i + 1] == b'x' && bytes[i + 2].is_ascii_hexdigit() {
            let mut j = i + 2;
            while j < bytes.len() && bytes[j].is_ascii_hexdigit() {
                j += 1;
            }
            let tok = &listing[i..j];
            let n = match seen.iter().position(|t| *t == tok) {
                Some(n) => n + 1,
                None => {
                    seen.push(tok);
                    seen.len()
                }
            };
            out.push_str(&listing[last..i]);
            let _ = write!(out, "0x@{n}");
            i = j;
            last = j;
        } else {
            i += 1;
        }
    }
    out.push_str(&listing[last..]);
    out
}

/// Compare two listings (e.g. luac5.4's and ours) after [`normalize_addresses`]: `None` if they
/// are equal, else a report of the first differing line with the function header it belongs to.
pub fn first_difference(expected: &str, actual: &str) -> Option<String> {
    let (e, a) = (normalize_addresses(expected), normalize_addresses(actual));
    if e == a {
        return None;
    }
    let el: Vec<&str> = e.lines().collect();
    let al: Vec<&str> = a.lines().collect();
    let n = el.len().max(al.len());
    for k in 0..n {
        let (x, y) = (el.get(k).copied(), al.get(k).copied());
        if x != y {
            let header = el[..k.min(el.len())]
                .iter()
                .rev()
                .find(|l| l.starts_with("main <") || l.starts_with("function <"))
                .copied()
                .unwrap_or("");
            return Some(format!(
                "line {}: in {}\n  expected: {}\n  actual:   {}",
                k + 1,
                header,
                x.unwrap_or("<end>"),
                y.unwrap_or("<end>")
            ));
        }
    }
    Some("listings differ (line endings)".to_string())
}

fn print_function(out: &mut String, f: &Proto, full: bool, next_id: &mut usize) {
    let my_id = *next_id;
    *next_id += 1;
    // Pre-order ids of the children: child i's id is my_id + 1 + sizes of children before it.
    let mut ids = Vec::with_capacity(f.protos.len());
    let mut id = my_id + 1;
    for p in &f.protos {
        ids.push(id);
        id += p.count_protos();
    }
    print_header(out, f, my_id);
    print_code(out, f, &ids);
    if full {
        print_debug(out, f, my_id);
    }
    for p in &f.protos {
        print_function(out, p, full, next_id);
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn print_header(out: &mut String, f: &Proto, id: usize) {
    let src = &f.source[..];
    let name: std::borrow::Cow<'_, str> = match src.first() {
        Some(b'@') | Some(b'=') => String::from_utf8_lossy(&src[1..]),
        Some(0x1b) => "(bstring)".into(),
        _ => "(string)".into(),
    };
    let _ = writeln!(
        out,
        "\n{} <{}:{},{}> ({} instruction{} at {})",
        if f.linedefined == 0 {
            "main"
        } else {
            "function"
        },
        name,
        f.linedefined,
        f.lastlinedefined,
        f.code.len(),
        plural(f.code.len()),
        fake_address(id)
    );
    let np = f.numparams as usize;
    let _ = write!(
        out,
        "{}{} param{}, {} slot{}, {} upvalue{}, ",
        np,
        if f.is_vararg { "+" } else { "" },
        plural(np),
        f.maxstacksize,
        plural(f.maxstacksize as usize),
        f.upvalues.len(),
        plural(f.upvalues.len())
    );
    let _ = writeln!(
        out,
        "{} local{}, {} constant{}, {} function{}",
        f.locvars.len(),
        plural(f.locvars.len()),
        f.constants.len(),
        plural(f.constants.len()),
        f.protos.len(),
        plural(f.protos.len())
    );
}

/// luac's `PrintString`: a quoted, C-escaped rendering of a string constant.
pub fn quote_string(s: &[u8]) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for &c in s {
        match c {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            0x07 => out.push_str("\\a"),
            0x08 => out.push_str("\\b"),
            0x0c => out.push_str("\\f"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x0b => out.push_str("\\v"),
            0x20..=0x7e => out.push(c as char),
            _ => {
                let _ = write!(out, "\\{:03}", c);
            }
        }
    }
    out.push('"');
    out
}

/// luac's `PrintConstant` for one constant.
pub fn format_constant(k: &Constant) -> String {
    match k {
        Constant::Nil => "nil".to_string(),
        Constant::Bool(false) => "false".to_string(),
        Constant::Bool(true) => "true".to_string(),
        Constant::Float(x) => aqua_number::fmt_float(*x),
        Constant::Int(i) => i.to_string(),
        Constant::Str(s) => quote_string(s),
    }
}

fn constant(f: &Proto, i: u32) -> String {
    match f.constants.get(i as usize) {
        Some(k) => format_constant(k),
        None => "?".to_string(),
    }
}

fn upval_name(f: &Proto, i: u32) -> String {
    match f.upvalues.get(i as usize) {
        Some(u) => match &u.name {
            Some(n) => String::from_utf8_lossy(n).into_owned(),
            None => "-".to_string(),
        },
        None => "?".to_string(),
    }
}

fn event_name(c: u32) -> &'static str {
    TM_NAMES.get(c as usize).copied().unwrap_or("?")
}

fn print_code(out: &mut String, f: &Proto, child_ids: &[usize]) {
    for (pc, &i) in f.code.iter().enumerate() {
        let _ = write!(out, "\t{}\t", pc + 1);
        match f.line_at(pc) {
            Some(line) if line > 0 => {
                let _ = write!(out, "[{line}]\t");
            }
            _ => out.push_str("[-]\t"),
        }
        let extra = f.code.get(pc + 1).map(|n| n.ax()).unwrap_or(0);
        let Some(op) = i.try_opcode() else {
            let _ = writeln!(out, "{:<9}\t{:#010x}", "?", i.0);
            continue;
        };
        let _ = write!(out, "{:<9}\t", op.name());
        operands(out, f, pc, i, op, extra, child_ids);
        out.push('\n');
    }
}

/// Operands and comment of one instruction, as luac.c's `PrintCode` switch. The operand columns
/// come from the opcode table ([`OpCode::operands`]); only the `; comment` is per opcode.
fn operands(
    out: &mut String,
    f: &Proto,
    pc: usize,
    i: Instruction,
    op: OpCode,
    extra: u32,
    child_ids: &[usize],
) {
    use OpCode::*;
    for (n, opnd) in op.operands().iter().enumerate() {
        if n > 0 {
            out.push(' ');
        }
        let _ = write!(out, "{}", opnd.value(i));
        if *opnd == Operand::Ck && i.k() {
            out.push('k');
        }
    }
    let (a, b, c) = (i.a(), i.b(), i.c());
    let bx = i.bx() as i64;
    let isk = i.k();
    let pc = pc as i64;
    let extrac = (extra as u64) * (MAXARG_C as u64 + 1);
    let comment: String = match op {
        LoadK => constant(f, i.bx()),
        LoadKX => constant(f, extra),
        LoadNil => format!("{} out", b + 1),
        GetUpval | SetUpval => upval_name(f, b),
        GetTabUp => format!("{} {}", upval_name(f, b), constant(f, c)),
        GetField => constant(f, c),
        SetTabUp => {
            let mut s = format!("{} {}", upval_name(f, a), constant(f, b));
            if isk {
                s.push(' ');
                s.push_str(&constant(f, c));
            }
            s
        }
        SetTable | SetI | Self_ if isk => constant(f, c),
        SetField => {
            let mut s = constant(f, b);
            if isk {
                s.push(' ');
                s.push_str(&constant(f, c));
            }
            s
        }
        NewTable => (c as u64 + extrac).to_string(),
        AddK | SubK | MulK | ModK | PowK | DivK | IDivK | BAndK | BOrK | BXorK => constant(f, c),
        MmBin => event_name(c).to_string(),
        MmBinI => format!("{}{}", event_name(c), if isk { " flip" } else { "" }),
        MmBinK => format!(
            "{} {}{}",
            event_name(c),
            constant(f, b),
            if isk { " flip" } else { "" }
        ),
        Jmp => format!("to {}", i.sj() as i64 + pc + 2),
        EqK => constant(f, b),
        Call => format!(
            "{} {}",
            if b == 0 {
                "all in".to_string()
            } else {
                format!("{} in", b as i64 - 1)
            },
            if c == 0 {
                "all out".to_string()
            } else {
                format!("{} out", c as i64 - 1)
            }
        ),
        TailCall => format!("{} in", b as i64 - 1),
        Return if b == 0 => "all out".to_string(),
        Return => format!("{} out", b as i64 - 1),
        ForLoop | TForLoop => format!("to {}", pc - bx + 2),
        ForPrep => format!("exit to {}", pc + bx + 3),
        TForPrep => format!("to {}", pc + bx + 2),
        SetList if isk => (c as u64 + extrac).to_string(),
        Closure if child_ids.is_empty() => format!("function #{bx}"),
        Closure => child_ids
            .get(bx as usize)
            .map(|&id| fake_address(id))
            .unwrap_or_else(|| "?".to_string()),
        VarArg if c == 0 => "all out".to_string(),
        VarArg => format!("{} out", c as i64 - 1),
        _ => return,
    };
    out.push_str("\t; ");
    out.push_str(&comment);
}

fn print_debug(out: &mut String, f: &Proto, id: usize) {
    let addr = fake_address(id);
    let _ = writeln!(out, "constants ({}) for {}:", f.constants.len(), addr);
    for (i, k) in f.constants.iter().enumerate() {
        let t = match k {
            Constant::Nil => "N",
            Constant::Bool(_) => "B",
            Constant::Float(_) => "F",
            Constant::Int(_) => "I",
            Constant::Str(_) => "S",
        };
        let _ = writeln!(out, "\t{}\t{}\t{}", i, t, format_constant(k));
    }
    let _ = writeln!(out, "locals ({}) for {}:", f.locvars.len(), addr);
    for (i, lv) in f.locvars.iter().enumerate() {
        let _ = writeln!(
            out,
            "\t{}\t{}\t{}\t{}",
            i,
            String::from_utf8_lossy(&lv.name),
            lv.startpc as u64 + 1,
            lv.endpc as u64 + 1
        );
    }
    let _ = writeln!(out, "upvalues ({}) for {}:", f.upvalues.len(), addr);
    for (i, u) in f.upvalues.iter().enumerate() {
        let _ = writeln!(
            out,
            "\t{}\t{}\t{}\t{}",
            i,
            upval_name(f, i as u32),
            u.instack as u8,
            u.idx
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_constants() {
        assert_eq!(format_constant(&Constant::Float(3.0)), "3.0");
        assert_eq!(format_constant(&Constant::Float(1e100)), "1e+100");
        assert_eq!(format_constant(&Constant::Float(-0.0)), "-0.0");
    }

    #[test]
    fn one_instruction() {
        use crate::isa::Instruction;
        let mut p = Proto::new(std::sync::Arc::from(&b"=x"[..]));
        p.constants.push(Constant::Str(b"print"[..].into()));
        p.upvalues.push(crate::proto::UpvalDesc {
            name: Some(b"_ENV"[..].into()),
            instack: true,
            idx: 0,
            kind: 0,
        });
        p.code = vec![
            Instruction::abc(OpCode::GetTabUp, 0, 0, 0, false),
            Instruction::abx(OpCode::Closure, 1, 0),
        ];
        assert_eq!(
            format_instruction(&p, 0),
            "GETTABUP \t0 0 0\t; _ENV \"print\""
        );
        assert_eq!(format_instruction(&p, 1), "CLOSURE  \t1 0\t; function #0");
        assert_eq!(format_instruction(&p, 2), "?");
    }

    #[test]
    fn difference() {
        let a = "main <x:0,0> (1 instruction at 0x1)\n\t1\t[1]\tRETURN0  \t\n";
        let b = "main <x:0,0> (1 instruction at 0x2)\n\t1\t[2]\tRETURN0  \t\n";
        assert_eq!(first_difference(a, a), None);
        let d = first_difference(a, b).unwrap();
        assert!(d.starts_with("line 2: in main <x:0,0>"), "{d}");
    }

    #[test]
    fn normalize() {
        let s = "at 0xabc x 0x12 y 0xabc 0x";
        assert_eq!(normalize_addresses(s), "at 0x@1 x 0x@2 y 0x@1 0x");
    }

    #[test]
    fn quoting() {
        assert_eq!(
            quote_string(b"a\"\\\n\x01\xff"),
            "\"a\\\"\\\\\\n\\001\\255\""
        );
    }
}
