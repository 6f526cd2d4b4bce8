//! Symbolic names for error messages: ldebug.c's `getobjname`, `funcnamefromcode` and helpers,
//! as pure functions of a prototype and a pc.
//!
//! Role: the VM's error messages name the culprit the way lua5.4 (5.4.4) does —
//! `attempt to index a nil value (global 'x')`, `(local 'y')`, `(field 'z')`, `(upvalue 'w')`,
//! `(method 'm')`, `(constant 'k')` — and tracebacks name functions (`in function 'name'`,
//! `in metamethod 'add'`, `in for iterator 'for iterator'`). Those names are recovered from the
//! bytecode by a small symbolic execution (`findsetreg`) plus the debug info (`locvars`, upvalue
//! names, constants). Everything here depends only on the [`Proto`], so it lives with the bytecode
//! and works for code from any register allocator, as long as the compiler's bytecode has luac's
//! shape around the named instruction.
//!
//! Robustness: total on any prototype (verified or not): out-of-range indices give `"?"` or no
//! name, and the recursion (a name of a table that is itself a field ...) is bounded by
//! [`MAX_NAME_DEPTH`] (deeper chains answer "field" instead of "global", never crash).
//!
//! The functions read a function through [`NameSource`]: [`Proto`] implements it, and so does
//! the VM's runtime prototype (whose code and constants live outside its `Proto`), so the VM's
//! error messages and tracebacks use this code too — the one implementation of ldebug.c's
//! naming.

use crate::isa::{Instruction, OpCode, TM_NAMES};
use crate::proto::{Constant, Proto};

/// What the naming functions read of a function: its code, string constants, upvalue names and
/// local-variable records.
pub trait NameSource {
    /// The instructions.
    fn code(&self) -> &[Instruction];
    /// The bytes of constant `k` when it is a string.
    fn string_constant(&self, k: usize) -> Option<&[u8]>;
    /// The name of upvalue `uv` (`None` when stripped or out of range).
    fn upvalue_name(&self, uv: usize) -> Option<&[u8]>;
    /// The name of the local variable held by register `reg` at `pc` (`Proto::register_local`).
    fn local_name(&self, reg: u32, pc: u32) -> Option<&[u8]>;
    /// Locals record their registers (non-LIFO allocations: `Proto::has_local_registers`).
    fn locals_have_registers(&self) -> bool;
}

impl NameSource for Proto {
    fn code(&self) -> &[Instruction] {
        &self.code
    }
    fn string_constant(&self, k: usize) -> Option<&[u8]> {
        match self.constants.get(k) {
            Some(Constant::Str(s)) => Some(s),
            _ => None,
        }
    }
    fn upvalue_name(&self, uv: usize) -> Option<&[u8]> {
        self.upvalues.get(uv).and_then(|u| u.name.as_deref())
    }
    fn local_name(&self, reg: u32, pc: u32) -> Option<&[u8]> {
        self.register_local(reg, pc)
    }
    fn locals_have_registers(&self) -> bool {
        self.has_local_registers()
    }
}

/// Bound on the recursion of [`getobjname`] through `MOVE`s and indexed tables.
pub const MAX_NAME_DEPTH: usize = 200;

/// Name of upvalue `uv` of `p` (`upvalname`): `"?"` when stripped or out of range.
pub fn upvalname<P: NameSource + ?Sized>(p: &P, uv: u32) -> Vec<u8> {
    match p.upvalue_name(uv as usize) {
        Some(n) => n.to_vec(),
        None => b"?".to_vec(),
    }
}

/// The last instruction before `lastpc` that unconditionally set register `reg`, if it can be
/// known (ldebug.c `findsetreg`). If the instruction at `lastpc` is an `MMBIN*`, the search starts
/// before the arithmetic instruction (as the metamethod was called from it).
pub fn findsetreg<P: NameSource + ?Sized>(p: &P, lastpc: usize, reg: u32) -> Option<usize> {
    let code = p.code();
    let mut lastpc = lastpc.min(code.len());
    if let Some(i) = code.get(lastpc) {
        if i.opcode().is_mm() {
            lastpc = lastpc.saturating_sub(1);
        }
    }
    let mut setreg: Option<usize> = None;
    let mut jmptarget: usize = 0;
    for (pc, &i) in code.iter().enumerate().take(lastpc) {
        let Some(op) = i.try_opcode() else { continue };
        let a = i.a();
        let change = match op {
            OpCode::LoadNil => a <= reg && reg <= a + i.b(),
            OpCode::TForCall => reg >= a + 2,
            OpCode::Call | OpCode::TailCall => reg >= a,
            OpCode::Jmp => {
                let dest = pc as i64 + 1 + i.sj() as i64;
                if dest <= lastpc as i64 && dest > jmptarget as i64 {
                    jmptarget = dest as usize;
                }
                false
            }
            _ => op.sets_a() && reg == a,
        };
        if change {
            setreg = if pc < jmptarget { None } else { Some(pc) };
        }
    }
    setreg
}

fn kname<P: NameSource + ?Sized>(p: &P, k: u32) -> Vec<u8> {
    match p.string_constant(k as usize) {
        Some(s) => s.to_vec(),
        None => b"?".to_vec(),
    }
}

fn rname<P: NameSource + ?Sized>(p: &P, pc: usize, c: u32, depth: usize) -> Vec<u8> {
    match getobjname_d(p, pc, c, depth + 1) {
        Some(("constant", name)) => name,
        _ => b"?".to_vec(),
    }
}

/// `gxf`: is the table indexed by instruction at `pc` the environment `_ENV`?
fn gxf<P: NameSource + ?Sized>(p: &P, pc: usize, t: u32, isup: bool, depth: usize) -> &'static str {
    let name = if isup {
        Some(upvalname(p, t))
    } else {
        getobjname_d(p, pc, t, depth + 1).map(|(_, n)| n)
    };
    if name.as_deref() == Some(b"_ENV".as_slice()) {
        "global"
    } else {
        "field"
    }
}

/// Describe register `reg` as seen at instruction `lastpc` (ldebug.c `getobjname`): returns the
/// kind (`"local"`, `"global"`, `"field"`, `"upvalue"`, `"constant"`, `"method"`) and the name,
/// or `None` when no reasonable name is found. The VM formats it as ` (<kind> '<name>')`.
pub fn getobjname<P: NameSource + ?Sized>(
    p: &P,
    lastpc: usize,
    reg: u32,
) -> Option<(&'static str, Vec<u8>)> {
    getobjname_d(p, lastpc, reg, 0)
}

fn getobjname_d<P: NameSource + ?Sized>(
    p: &P,
    lastpc: usize,
    reg: u32,
    depth: usize,
) -> Option<(&'static str, Vec<u8>)> {
    if depth > MAX_NAME_DEPTH {
        return None;
    }
    if let Some(name) = p.local_name(reg, u32::try_from(lastpc).ok()?) {
        return Some(("local", name.to_vec()));
    }
    let pc = findsetreg(p, lastpc, reg)?;
    let i = *p.code().get(pc)?;
    match i.try_opcode()? {
        OpCode::Move => {
            let b = i.b();
            // lua5.4 follows a copy only from below (a local into a temporary above it); with
            // recorded registers (non-LIFO code) locals may sit anywhere.
            if b < i.a() || (b != i.a() && p.locals_have_registers()) {
                return getobjname_d(p, pc, b, depth + 1);
            }
            None
        }
        OpCode::GetTabUp => {
            let name = kname(p, i.c());
            Some((gxf(p, pc, i.b(), true, depth), name))
        }
        OpCode::GetTable => {
            let name = rname(p, pc, i.c(), depth);
            Some((gxf(p, pc, i.b(), false, depth), name))
        }
        OpCode::GetI => Some(("field", b"integer index".to_vec())),
        OpCode::GetField => {
            let name = kname(p, i.c());
            Some((gxf(p, pc, i.b(), false, depth), name))
        }
        OpCode::GetUpval => Some(("upvalue", upvalname(p, i.b()))),
        op @ (OpCode::LoadK | OpCode::LoadKX) => {
            let k = if op == OpCode::LoadK {
                i.bx()
            } else {
                p.code().get(pc + 1).map(|n| n.ax()).unwrap_or(u32::MAX)
            };
            p.string_constant(k as usize)
                .map(|s| ("constant", s.to_vec()))
        }
        OpCode::Self_ => {
            let name = if i.k() {
                kname(p, i.c())
            } else {
                rname(p, pc, i.c(), depth)
            };
            Some(("method", name))
        }
        _ => None,
    }
}

/// Name of the function called by the instruction at `pc` (ldebug.c `funcnamefromcode`): for
/// `CALL`/`TAILCALL` the callee's [`getobjname`]; `("for iterator", "for iterator")` for
/// `TFORCALL`; `("metamethod", "index")` etc. for instructions that call metamethods (the event
/// name without its `__`). `None` when nothing reasonable is known.
pub fn funcnamefromcode<P: NameSource + ?Sized>(
    p: &P,
    pc: usize,
) -> Option<(&'static str, Vec<u8>)> {
    use OpCode::*;
    let i = *p.code().get(pc)?;
    let tm: usize = match i.try_opcode()? {
        Call | TailCall => return getobjname(p, pc, i.a()),
        TForCall => return Some(("for iterator", b"for iterator".to_vec())),
        Self_ | GetTabUp | GetTable | GetI | GetField => 0,
        SetTabUp | SetTable | SetI | SetField => 1,
        MmBin | MmBinI | MmBinK => i.c() as usize,
        Unm => 18,
        BNot => 19,
        Len => 4,
        Concat => 22,
        Eq => 5,
        Lt | LtI | GtI => 20,
        Le | LeI | GeI => 21,
        Close | Return => 24,
        _ => return None,
    };
    let name = TM_NAMES.get(tm)?;
    Some(("metamethod", name.as_bytes()[2..].to_vec()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::isa::Instruction;
    use crate::proto::{LocVar, UpvalDesc};
    use std::sync::Arc;

    /// `local t = {}; x.y.z(t)` shaped by hand.
    #[test]
    fn names() {
        let mut p = Proto::new(Arc::from(&b"=t"[..]));
        p.upvalues.push(UpvalDesc {
            name: Some(b"_ENV"[..].into()),
            instack: true,
            idx: 0,
            kind: 0,
        });
        p.constants = vec![
            Constant::Str(b"x"[..].into()),
            Constant::Str(b"y"[..].into()),
        ];
        p.code = vec![
            Instruction::abc(OpCode::NewTable, 0, 0, 0, false),
            Instruction::iax(OpCode::ExtraArg, 0),
            Instruction::abc(OpCode::GetTabUp, 1, 0, 0, false),
            Instruction::abc(OpCode::GetField, 1, 1, 1, false),
            Instruction::abc(OpCode::Move, 2, 0, 0, false),
            Instruction::abc(OpCode::Call, 1, 2, 1, false),
            Instruction::abc(OpCode::Return, 1, 1, 1, false),
        ];
        p.locvars = vec![LocVar {
            name: b"t"[..].into(),
            startpc: 2,
            endpc: 7,
            reg: None,
        }];
        assert_eq!(funcnamefromcode(&p, 5), Some(("field", b"y".to_vec())));
        assert_eq!(getobjname(&p, 3, 1), Some(("global", b"x".to_vec())));
        assert_eq!(getobjname(&p, 5, 0), Some(("local", b"t".to_vec())));
        assert_eq!(getobjname(&p, 5, 2), Some(("local", b"t".to_vec())));
        assert_eq!(
            funcnamefromcode(&p, 3),
            Some(("metamethod", b"index".to_vec()))
        );
        // out of range: no panic
        assert_eq!(getobjname(&p, 100, 200), None);
        assert_eq!(funcnamefromcode(&p, 100), None);
    }
}
