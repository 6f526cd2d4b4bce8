//! Bytecode verifier: the static checks that let the VM run a function without bounds checks on
//! register, constant, upvalue and prototype operands, and without validating control flow.
//!
//! Role: every prototype that did not come from our own compiler (binary chunks from `load` /
//! `string.dump`) must pass [`verify`] before the VM runs it; the compiler's output should pass it
//! too (the test suites run it on every compiled chunk). Everything `luac5.4` produces passes.
//!
//! # What a verified prototype guarantees (for it and, recursively, every nested prototype)
//!
//! Below, "register r" means `r < maxstacksize`, `nk = constants.len()`, `nup = upvalues.len()`,
//! and "target t" means `0 <= t < code.len()`; `pc` is the index of the instruction.
//!
//! Shape
//! - `numparams <= maxstacksize`; `lineinfo` is empty (stripped) or has `code.len()` entries;
//!   every local has `startpc <= endpc <= code.len()`.
//! - `code` is non-empty, every word has a valid opcode, and the last instruction is `RETURN`,
//!   `RETURN0` or `RETURN1`. Hence every non-final instruction has a successor, and execution can
//!   leave the code array only through a return.
//! - `is_vararg` ⇔ `code[0]` is `VARARGPREP`; `VARARGPREP` occurs only at pc 0, with
//!   `A == numparams`, and nothing jumps to pc 0 of a vararg function. `VARARG` occurs only in
//!   vararg functions (so `VARARGPREP` has run before it).
//!
//! Operands (all index arithmetic below is exact, no wrapping)
//! - Register operands are registers, including whole ranges: `LOADNIL` `A..=A+B`; `CONCAT`
//!   `A..A+B` with `B >= 2`; `SELF` `A, A+1`; `CALL` `A..A+B` if `B > 0` and results
//!   `A..=A+C-2` if `C > 1`; `TAILCALL` `A..A+B` if `B > 0`; `RETURN` `A..=A+B-2` if `B >= 2`
//!   (and `A <= maxstacksize` if `B <= 1`); `RETURN1` `A`, and `RETURN0`'s `A <= maxstacksize`
//!   (both in luaK_ret's canonical form: `B = 1` resp. `2`, `C = 0`, no `k`); `VARARG` `A..=A+C-2` if `C > 1`
//!   (and `A` always); `SETLIST` `A..=A+B`; `FORPREP`/`FORLOOP`/`TFORPREP` `A..=A+3`;
//!   `TFORCALL` `A..=A+6` and `A+4..=A+3+C`; `TFORLOOP` `A..=A+4`; `CLOSE` `A <= maxstacksize`;
//!   `MMBIN` `A, B`; `MMBINI`/`MMBINK` `A`; `TBC` `A`.
//! - Constant operands are `< nk`: `LOADK` Bx, `LOADKX`'s `EXTRAARG` Ax, `K[C]` of
//!   `GETTABUP`/`GETFIELD`/`*K`, `K[B]` of `SETTABUP`/`SETFIELD`/`EQK`/`MMBINK`, and `RK(C)`
//!   (when `k`) of `SETTABUP`/`SETTABLE`/`SETI`/`SETFIELD`/`SELF`.
//! - Constant types the VM may assume: `GETTABUP`/`GETFIELD` `K[C]` and `SETTABUP`/`SETFIELD`
//!   `K[B]` are short strings (`<= 40` bytes, `LUAI_MAXSHORTLEN`); `SELF` with `k` has a string
//!   `K[C]`; `ADDK..IDIVK` have a number `K[C]`; `BANDK`/`BORK`/`BXORK` have an integer `K[C]`.
//! - Upvalue operands (`GETUPVAL`/`SETUPVAL` B, `GETTABUP` B, `SETTABUP` A) are `< nup`.
//! - `CLOSURE`'s Bx `< protos.len()`. Every nested prototype's upvalue descriptors are valid in
//!   this function: `instack` ⇒ `idx < maxstacksize` (a register of ours), else `idx < nup`.
//! - `MMBIN*`'s C is an arithmetic/bitwise event, `TM_ADD (6) ..= TM_SHR (17)`, so it indexes
//!   [`crate::isa::TM_NAMES`].
//! - `NEWTABLE`'s `B <= 32` (so `1 << (B-1)` fits in a `u32`).
//!
//! Control flow
//! - Jump targets are targets: `JMP` `pc+1+sJ`; `FORPREP` `pc+Bx+2` (exit); `FORLOOP`/`TFORLOOP`
//!   `pc+1-Bx`; `TFORPREP` `pc+1+Bx`, which is a `TFORCALL` with the same A; `LFALSESKIP` `pc+2`.
//! - Numeric loops are paired as lparser.c's `forbody` emits them: a `FORPREP A` at `P` has its
//!   `FORLOOP A` at `P+1+Bx`, and every `FORLOOP A` at `L` jumps back to `P+1` right after such a
//!   `FORPREP` (`L = P+1+Bx(FORPREP)`). No instruction of the body `P+1..L` writes the loop's
//!   state registers `R[A..=A+2]` (write sets: `A` of every `a`-flag op, `LOADNIL`/`SELF`/
//!   `CONCAT`/`VARARG` ranges, everything from `A` up for calls, `A+4..` for `TFORCALL`, `A..A+3`
//!   for nested loops), no jump from outside lands in `P+1..=L`, and (a forward may-analysis of
//!   open upvalues: `CLOSURE` opens its children's `instack` registers, `CLOSE A` closes those
//!   `>= A`) no open upvalue of the frame can alias `R[A..=A+2]` anywhere in `P+1..=L`. So
//!   bytecode alone cannot change a loop's state behind `FORLOOP`'s back; `debug.setlocal` on a
//!   "(for state)" local still can, so the VM must check the tags it relies on at `FORLOOP`.
//! - Pairing: every test instruction (`EQ LT LE EQK EQI LTI LEI GTI GEI TEST TESTSET`) is
//!   followed by a `JMP` (so its skip lands at `pc+2`, a target). `TFORCALL` is followed by a
//!   `TFORLOOP` with the same A. Every arithmetic/bitwise op (`ADDI..SHR`, except `UNM`/`BNOT`)
//!   is followed by its metamethod fallback: `MMBINI` after `ADDI`/`SHRI`/`SHLI`, `MMBINK` after
//!   `ADDK..BXORK`, `MMBIN` after `ADD..SHR`; every `MMBIN*` is preceded by such an op, so the VM
//!   may take the result register from `code[pc-1]`. `LOADKX`, `NEWTABLE` and `SETLIST` with `k`
//!   are followed by `EXTRAARG`; `EXTRAARG` occurs nowhere else.
//! - No jump lands on an `EXTRAARG`, an `MMBIN*`, a `VARARGPREP`, or an instruction that reads
//!   `top` (below). So `EXTRAARG` is never executed, and `MMBIN*` is only reached by falling
//!   through from its arithmetic op.
//! - The `top` protocol: an instruction that reads `top` (`CALL`/`TAILCALL`/`RETURN`/`SETLIST`
//!   with `B == 0`) immediately follows one that sets it (`CALL` or `VARARG` with `C == 0`, or
//!   `TAILCALL`), and each of those is immediately followed by an instruction that reads it.
//!   The reader's first value register (`A` for `RETURN`, `A+1` for the others) is `<=` the
//!   setter's `A`, so `top - first` cannot be negative (the setter leaves `top >= its A`).
//! - Returns: in a vararg function there is no `RETURN0`/`RETURN1`, and every `RETURN`/`TAILCALL`
//!   has `C == numparams + 1` (the VM uses it to undo `VARARGPREP`); otherwise their `C == 0`. If
//!   the function contains a `TBC` or a nested prototype captures one of its registers
//!   (`instack`), there is no `RETURN0`/`RETURN1` and every `RETURN`/`TAILCALL` has `k` (the VM
//!   may trust `k` to decide whether to close upvalues / to-be-closed variables).
//!
//! # What it does NOT guarantee (the VM must check at run time)
//! - Value types in registers: a register may hold any value at any instruction (e.g. a jump into
//!   a loop body can reach `FORLOOP` without `FORPREP`, `SELF` with a register key may see a
//!   non-string). Type-dispatch on every register read.
//! - Dynamic ranges driven by `top` (`B == 0` / `C == 0` above): results of a multi-result call
//!   or `VARARG` may extend beyond `maxstacksize`; the VM must ensure stack space (as
//!   `luaD_checkstack`) when it produces them and compute counts from `top`.
//! - Table size hints (`NEWTABLE` B/C/EXTRAARG, `SETLIST` C/EXTRAARG) are only bounded by their
//!   field widths; cap them or turn allocation failure into a Lua memory error.
//! - Stack slack: verified code addresses only `base .. base + maxstacksize` statically, but like
//!   PUC-Lua the VM must keep extra slots above the frame for what it pushes itself: a metamethod
//!   call pushes function + up to 3 arguments at the frame top (PUC-Lua keeps `EXTRA_STACK` = 5),
//!   a callee's frame starts at `R[A+1]` of the caller's `CALL`, and `VARARGPREP` moves the
//!   function and its fixed parameters above the actual arguments (it needs
//!   `numparams + 1 + maxstacksize` slots above the varargs).
//! - Semantic consistency (e.g. that `MMBIN*`'s operands are those of the preceding op, that
//!   `FORPREP` jumps to a `FORLOOP`): mismatches give wrong results, never unsafety.

use crate::chunkid::chunkid;
use crate::dump::LUAI_MAXSHORTLEN;
use crate::isa::{Instruction, OpCode};
use crate::proto::{Constant, Proto};

/// Deepest nesting of functions accepted by the verifier (bounds its recursion).
pub const VERIFY_MAX_NESTING: usize = 1000;

/// First and last metamethod events that `MMBIN*` may name (`TM_ADD`, `TM_SHR`).
const TM_ADD: u32 = 6;
const TM_SHR: u32 = 17;

/// Verify `proto` and all its nested prototypes. See the module docs for the guarantees.
/// The error names the function (`chunkid:linedefined`), the instruction (1-based, as listings
/// number them) and the violated rule.
pub fn verify(proto: &Proto) -> Result<(), String> {
    verify_rec(proto, 0)
}

fn verify_rec(p: &Proto, depth: usize) -> Result<(), String> {
    if depth >= VERIFY_MAX_NESTING {
        return Err(fn_err(p, "functions nested too deeply"));
    }
    check_function(p)?;
    for child in &p.protos {
        verify_rec(child, depth + 1)?;
    }
    Ok(())
}

fn fn_name(p: &Proto) -> String {
    format!(
        "{}:{}",
        String::from_utf8_lossy(&chunkid(&p.source)),
        p.linedefined
    )
}

fn fn_err(p: &Proto, msg: &str) -> String {
    format!("bad function at {}: {}", fn_name(p), msg)
}

fn pc_err(p: &Proto, pc: usize, msg: &str) -> String {
    let name = p
        .code
        .get(pc)
        .and_then(|i| i.try_opcode())
        .map(|o| o.name())
        .unwrap_or("?");
    format!(
        "bad function at {}: instruction {} ({}): {}",
        fn_name(p),
        pc + 1,
        name,
        msg
    )
}

fn is_arith_reg(op: OpCode) -> bool {
    use OpCode::*;
    matches!(
        op,
        Add | Sub | Mul | Mod | Pow | Div | IDiv | BAnd | BOr | BXor | Shl | Shr
    )
}

fn is_arith_k(op: OpCode) -> bool {
    use OpCode::*;
    matches!(
        op,
        AddK | SubK | MulK | ModK | PowK | DivK | IDivK | BAndK | BOrK | BXorK
    )
}

fn is_arith_imm(op: OpCode) -> bool {
    matches!(op, OpCode::AddI | OpCode::ShrI | OpCode::ShlI)
}

/// Instruction reads `top` set by the previous one.
fn reads_top(i: Instruction, op: OpCode) -> bool {
    use OpCode::*;
    matches!(op, Call | TailCall | Return | SetList) && i.b() == 0
}

/// Instruction sets `top` for the next one.
fn sets_top(i: Instruction, op: OpCode) -> bool {
    use OpCode::*;
    match op {
        Call | VarArg => i.c() == 0,
        TailCall => true,
        _ => false,
    }
}

struct Checker<'a> {
    p: &'a Proto,
    ops: Vec<OpCode>,
    max: u32,
    nk: u32,
    nup: u32,
}

impl<'a> Checker<'a> {
    fn err(&self, pc: usize, msg: &str) -> String {
        pc_err(self.p, pc, msg)
    }

    /// Registers `first..=last` are all in the frame.
    fn regs(&self, pc: usize, first: u32, last: u32) -> Result<(), String> {
        if last < first {
            return Ok(());
        }
        if last >= self.max {
            return Err(self.err(
                pc,
                &format!("register {} out of frame (maxstacksize {})", last, self.max),
            ));
        }
        Ok(())
    }

    fn reg(&self, pc: usize, r: u32) -> Result<(), String> {
        self.regs(pc, r, r)
    }

    fn konst(&self, pc: usize, k: u32) -> Result<&'a Constant, String> {
        self.p.constants.get(k as usize).ok_or_else(|| {
            self.err(
                pc,
                &format!("constant index {} out of range ({} constants)", k, self.nk),
            )
        })
    }

    fn short_str(&self, pc: usize, k: u32) -> Result<(), String> {
        match self.konst(pc, k)? {
            Constant::Str(s) if s.len() <= LUAI_MAXSHORTLEN => Ok(()),
            _ => Err(self.err(pc, &format!("constant {} is not a short string", k))),
        }
    }

    fn upval(&self, pc: usize, u: u32) -> Result<(), String> {
        if u >= self.nup {
            return Err(self.err(
                pc,
                &format!("upvalue index {} out of range ({} upvalues)", u, self.nup),
            ));
        }
        Ok(())
    }

    /// `RK(C)`: constant if `k`, else register.
    fn rk_c(&self, pc: usize, i: Instruction) -> Result<(), String> {
        if i.k() {
            self.konst(pc, i.c()).map(|_| ())
        } else {
            self.reg(pc, i.c())
        }
    }

    fn target(&self, pc: usize, t: i64) -> Result<usize, String> {
        if t < 0 || t >= self.ops.len() as i64 {
            return Err(self.err(pc, &format!("jump target {} outside the code", t + 1)));
        }
        Ok(t as usize)
    }

    fn next_is(&self, pc: usize, want: OpCode) -> Result<Instruction, String> {
        match self.ops.get(pc + 1) {
            Some(&o) if o == want => Ok(self.p.code[pc + 1]),
            _ => Err(self.err(pc, &format!("must be followed by {}", want.name()))),
        }
    }
}

fn check_function(p: &Proto) -> Result<(), String> {
    let n = p.code.len();
    if n == 0 {
        return Err(fn_err(p, "empty code"));
    }
    if p.numparams > p.maxstacksize {
        return Err(fn_err(p, "numparams exceeds maxstacksize"));
    }
    if !p.lineinfo.is_empty() && p.lineinfo.len() != n {
        return Err(fn_err(p, "lineinfo length differs from code length"));
    }
    for lv in &p.locvars {
        if lv.startpc > lv.endpc || lv.endpc as usize > n {
            return Err(fn_err(p, "local variable with a bad pc range"));
        }
    }
    let mut ops = Vec::with_capacity(n);
    for (pc, i) in p.code.iter().enumerate() {
        match i.try_opcode() {
            Some(o) => ops.push(o),
            None => return Err(pc_err(p, pc, &format!("invalid opcode {}", i.0 & 0x7f))),
        }
    }
    let c = Checker {
        p,
        ops,
        max: p.maxstacksize as u32,
        nk: p.constants.len() as u32,
        nup: p.upvalues.len() as u32,
    };
    let ops = &c.ops;
    match ops.last() {
        Some(OpCode::Return | OpCode::Return0 | OpCode::Return1) => {}
        _ => return Err(c.err(n - 1, "last instruction is not a return")),
    }
    if p.is_vararg != (ops[0] == OpCode::VarArgPrep) {
        return Err(fn_err(
            p,
            "a function is vararg if and only if it starts with VARARGPREP",
        ));
    }
    // Child upvalue descriptors, and whether a child captures one of our registers.
    let mut captures = false;
    for child in &p.protos {
        for u in &child.upvalues {
            if u.instack {
                captures = true;
                if u.idx as u32 >= c.max {
                    return Err(fn_err(
                        child,
                        "upvalue captures a register outside the enclosing frame",
                    ));
                }
            } else if u.idx as u32 >= c.nup {
                return Err(fn_err(
                    child,
                    "upvalue refers to a missing upvalue of the enclosing function",
                ));
            }
        }
    }
    let needclose = captures || ops.contains(&OpCode::Tbc);
    let ret_c = if p.is_vararg {
        p.numparams as u32 + 1
    } else {
        0
    };

    // Pass 1: operands, successors, jump targets.
    let mut is_target = vec![false; n];
    let mut edges: Vec<(usize, usize)> = Vec::new();
    for (pc, (&i, &op)) in p.code.iter().zip(ops.iter()).enumerate() {
        use OpCode::*;
        let (a, b, cc) = (i.a(), i.b(), i.c());
        let pci = pc as i64;
        match op {
            Move => {
                c.reg(pc, a)?;
                c.reg(pc, b)?;
            }
            LoadI | LoadF | LoadFalse | LoadTrue => c.reg(pc, a)?,
            LFalseSkip => {
                c.reg(pc, a)?;
                let t = c.target(pc, pci + 2)?;
                is_target[t] = true;
                edges.push((pc, t));
            }
            LoadK => {
                c.reg(pc, a)?;
                c.konst(pc, i.bx())?;
            }
            LoadKX => {
                c.reg(pc, a)?;
                let e = c.next_is(pc, ExtraArg)?;
                c.konst(pc, e.ax())?;
            }
            LoadNil => c.regs(pc, a, a + b)?,
            GetUpval | SetUpval => {
                c.reg(pc, a)?;
                c.upval(pc, b)?;
            }
            GetTabUp => {
                c.reg(pc, a)?;
                c.upval(pc, b)?;
                c.short_str(pc, cc)?;
            }
            GetTable => {
                c.reg(pc, a)?;
                c.reg(pc, b)?;
                c.reg(pc, cc)?;
            }
            GetI => {
                c.reg(pc, a)?;
                c.reg(pc, b)?;
            }
            GetField => {
                c.reg(pc, a)?;
                c.reg(pc, b)?;
                c.short_str(pc, cc)?;
            }
            SetTabUp => {
                c.upval(pc, a)?;
                c.short_str(pc, b)?;
                c.rk_c(pc, i)?;
            }
            SetTable => {
                c.reg(pc, a)?;
                c.reg(pc, b)?;
                c.rk_c(pc, i)?;
            }
            SetI => {
                c.reg(pc, a)?;
                c.rk_c(pc, i)?;
            }
            SetField => {
                c.reg(pc, a)?;
                c.short_str(pc, b)?;
                c.rk_c(pc, i)?;
            }
            NewTable => {
                c.reg(pc, a)?;
                if b > 32 {
                    return Err(c.err(pc, "hash size exponent too large"));
                }
                c.next_is(pc, ExtraArg)?;
            }
            Self_ => {
                c.regs(pc, a, a + 1)?;
                c.reg(pc, b)?;
                if i.k() {
                    if !c.konst(pc, cc)?.is_str() {
                        return Err(c.err(pc, "method name constant is not a string"));
                    }
                } else {
                    c.reg(pc, cc)?;
                }
            }
            AddI | ShrI | ShlI => {
                c.reg(pc, a)?;
                c.reg(pc, b)?;
                c.next_is(pc, MmBinI)?;
            }
            AddK | SubK | MulK | ModK | PowK | DivK | IDivK => {
                c.reg(pc, a)?;
                c.reg(pc, b)?;
                if !c.konst(pc, cc)?.is_number() {
                    return Err(c.err(pc, "constant operand is not a number"));
                }
                c.next_is(pc, MmBinK)?;
            }
            BAndK | BOrK | BXorK => {
                c.reg(pc, a)?;
                c.reg(pc, b)?;
                if !matches!(c.konst(pc, cc)?, Constant::Int(_)) {
                    return Err(c.err(pc, "constant operand is not an integer"));
                }
                c.next_is(pc, MmBinK)?;
            }
            Add | Sub | Mul | Mod | Pow | Div | IDiv | BAnd | BOr | BXor | Shl | Shr => {
                c.reg(pc, a)?;
                c.reg(pc, b)?;
                c.reg(pc, cc)?;
                c.next_is(pc, MmBin)?;
            }
            MmBin | MmBinI | MmBinK => {
                c.reg(pc, a)?;
                match op {
                    MmBin => c.reg(pc, b)?,
                    MmBinK => {
                        c.konst(pc, b)?;
                    }
                    _ => {}
                }
                if !(TM_ADD..=TM_SHR).contains(&cc) {
                    return Err(c.err(pc, "bad metamethod event"));
                }
                let prev_ok = pc > 0 && {
                    let po = ops[pc - 1];
                    match op {
                        MmBin => is_arith_reg(po),
                        MmBinK => is_arith_k(po),
                        _ => is_arith_imm(po),
                    }
                };
                if !prev_ok {
                    return Err(c.err(pc, "not preceded by its arithmetic instruction"));
                }
            }
            Unm | BNot | Not | Len => {
                c.reg(pc, a)?;
                c.reg(pc, b)?;
            }
            Concat => {
                if b < 2 {
                    return Err(c.err(pc, "concatenation of fewer than 2 values"));
                }
                c.regs(pc, a, a + b - 1)?;
            }
            Close => {
                if a > c.max {
                    return Err(c.err(pc, "level out of frame"));
                }
            }
            Tbc => c.reg(pc, a)?,
            Jmp => {
                let t = c.target(pc, pci + 1 + i.sj() as i64)?;
                is_target[t] = true;
                edges.push((pc, t));
            }
            Eq | Lt | Le | TestSet => {
                c.reg(pc, a)?;
                c.reg(pc, b)?;
                c.next_is(pc, Jmp)?;
            }
            EqK => {
                c.reg(pc, a)?;
                c.konst(pc, b)?;
                c.next_is(pc, Jmp)?;
            }
            EqI | LtI | LeI | GtI | GeI | Test => {
                c.reg(pc, a)?;
                c.next_is(pc, Jmp)?;
            }
            Call => {
                c.reg(pc, a)?;
                if b > 0 {
                    c.regs(pc, a, a + b - 1)?;
                }
                if cc > 1 {
                    c.regs(pc, a, a + cc - 2)?;
                }
            }
            TailCall => {
                c.reg(pc, a)?;
                if b > 0 {
                    c.regs(pc, a, a + b - 1)?;
                }
                check_ret(&c, pc, i, ret_c, needclose)?;
            }
            Return => {
                if b >= 2 {
                    c.regs(pc, a, a + b - 2)?;
                } else if a > c.max {
                    return Err(c.err(pc, "register out of frame"));
                }
                check_ret(&c, pc, i, ret_c, needclose)?;
            }
            Return0 | Return1 => {
                if op == Return1 {
                    c.reg(pc, a)?;
                } else if a > c.max {
                    return Err(c.err(pc, "register out of frame"));
                }
                // the canonical form lcode.c's luaK_ret emits: B = nret + 1, C = 0, no k
                let nret = if op == Return1 { 2 } else { 1 };
                if b != nret || cc != 0 || i.k() {
                    return Err(c.err(pc, "non-canonical B/C/k operands"));
                }
                if p.is_vararg {
                    return Err(c.err(pc, "RETURN0/RETURN1 in a vararg function"));
                }
                if needclose {
                    return Err(c.err(pc, "RETURN0/RETURN1 in a function that must close"));
                }
            }
            ForLoop => {
                c.regs(pc, a, a + 3)?;
                let t = c.target(pc, pci + 1 - i.bx() as i64)?;
                // pairs with the FORPREP just before the loop body, as lparser.c's forbody emits
                let paired = t >= 1
                    && ops[t - 1] == ForPrep
                    && p.code[t - 1].a() == a
                    && t + p.code[t - 1].bx() as usize == pc;
                if !paired {
                    return Err(c.err(pc, "not paired with a FORPREP with the same A"));
                }
                is_target[t] = true;
                edges.push((pc, t));
            }
            ForPrep => {
                c.regs(pc, a, a + 3)?;
                let t = c.target(pc, pci + 2 + i.bx() as i64)?;
                let lp = pc + 1 + i.bx() as usize;
                if ops[lp] != ForLoop || p.code[lp].a() != a {
                    return Err(c.err(pc, "not paired with a FORLOOP with the same A"));
                }
                is_target[t] = true;
                edges.push((pc, t));
            }
            TForPrep => {
                c.regs(pc, a, a + 3)?;
                let t = c.target(pc, pci + 1 + i.bx() as i64)?;
                let ti = p.code[t];
                if ops[t] != TForCall || ti.a() != a {
                    return Err(c.err(pc, "does not jump to a TFORCALL with the same A"));
                }
                is_target[t] = true;
                edges.push((pc, t));
            }
            TForCall => {
                c.regs(pc, a, a + 6)?;
                c.regs(pc, a + 4, a + 3 + cc)?;
                let nx = c.next_is(pc, TForLoop)?;
                if nx.a() != a {
                    return Err(c.err(pc, "followed by a TFORLOOP with a different A"));
                }
            }
            TForLoop => {
                c.regs(pc, a, a + 4)?;
                let t = c.target(pc, pci + 1 - i.bx() as i64)?;
                is_target[t] = true;
                edges.push((pc, t));
            }
            SetList => {
                c.regs(pc, a, a + b)?;
                if i.k() {
                    c.next_is(pc, ExtraArg)?;
                }
            }
            Closure => {
                c.reg(pc, a)?;
                if i.bx() as usize >= p.protos.len() {
                    return Err(c.err(pc, "function index out of range"));
                }
            }
            VarArg => {
                if !p.is_vararg {
                    return Err(c.err(pc, "VARARG in a function that is not vararg"));
                }
                c.reg(pc, a)?;
                if cc > 1 {
                    c.regs(pc, a, a + cc - 2)?;
                }
            }
            VarArgPrep => {
                if pc != 0 {
                    return Err(c.err(pc, "VARARGPREP not at the start"));
                }
                if a != p.numparams as u32 {
                    return Err(c.err(pc, "VARARGPREP's A differs from numparams"));
                }
            }
            ExtraArg => {
                let ok = pc > 0 && {
                    let prev = p.code[pc - 1];
                    match ops[pc - 1] {
                        LoadKX | NewTable => true,
                        SetList => prev.k(),
                        _ => false,
                    }
                };
                if !ok {
                    return Err(c.err(pc, "EXTRAARG without an instruction that uses it"));
                }
            }
        }
        if op.is_test() {
            // the skip over the following JMP lands at pc + 2 (a target since JMP is not last)
            let t = c.target(pc, pci + 2)?;
            is_target[t] = true;
            edges.push((pc, t));
        }
        // The top protocol.
        if reads_top(i, op) {
            if !(pc > 0 && sets_top(p.code[pc - 1], ops[pc - 1])) {
                return Err(c.err(pc, "uses 'top' not set by the previous instruction"));
            }
            // The values up to 'top' start at or above the setter's A, so the count
            // 'top - (A + 1)' (or 'top - A' for RETURN) is never negative.
            let first = if op == Return { a } else { a + 1 };
            if first > p.code[pc - 1].a() {
                return Err(c.err(pc, "'top' range starts above the previous instruction's A"));
            }
        }
        if sets_top(i, op) {
            let ok = match (p.code.get(pc + 1), ops.get(pc + 1)) {
                (Some(&ni), Some(&no)) => reads_top(ni, no),
                _ => false,
            };
            if !ok {
                return Err(c.err(pc, "sets 'top' but the next instruction does not use it"));
            }
        }
    }
    // Pass 2: forbidden jump targets.
    for (pc, &t) in is_target.iter().enumerate() {
        if !t {
            continue;
        }
        let op = ops[pc];
        let bad = matches!(
            op,
            OpCode::ExtraArg | OpCode::MmBin | OpCode::MmBinI | OpCode::MmBinK | OpCode::VarArgPrep
        ) || reads_top(p.code[pc], op);
        if bad {
            return Err(c.err(pc, "is a jump target"));
        }
    }
    // Pass 3: numeric for loops keep their state registers to themselves.
    // Cost: a pc lies in the bodies of at most ~85 loops once each body has passed the write
    // check (the FORPREPs of loops containing a common pc lie in each other's bodies, so their
    // state registers are pairwise disjoint), so the scans below are O(85 * (code + edges)).
    edges.sort_unstable_by_key(|&(_, dst)| dst);
    for (l, (&i, &op)) in p.code.iter().zip(ops.iter()).enumerate() {
        if op != OpCode::ForLoop {
            continue;
        }
        // paired in pass 1: FORPREP at body - 1, body = body..l
        let body = l + 1 - i.bx() as usize;
        let a = i.a();
        for (pc, (&bi, &bop)) in p.code[body..l].iter().zip(&ops[body..l]).enumerate() {
            if let Some((lo, hi)) = writes(bi, bop) {
                if lo <= a + 2 && hi >= a {
                    return Err(c.err(
                        body + pc,
                        "writes the state registers of the enclosing numeric for loop",
                    ));
                }
            }
        }
        let first = edges.partition_point(|&(_, dst)| dst < body);
        for &(src, dst) in &edges[first..] {
            if dst > l {
                break;
            }
            if !(body..=l).contains(&src) {
                return Err(c.err(src, "jumps into the body of a numeric for loop"));
            }
        }
    }
    // Pass 4: no open upvalue of this frame aliases a loop's state registers.
    if captures && ops.contains(&OpCode::ForLoop) {
        check_open_upvalues(&c, &edges)?;
    }
    Ok(())
}

/// A set of registers (bit `r` = register `r`).
type RegSet = [u64; 4];

fn regset_add(s: &mut RegSet, r: u32) {
    if let Some(w) = s.get_mut((r / 64) as usize) {
        *w |= 1u64 << (r % 64);
    }
}

/// Forward may-analysis of the registers that can hold an open upvalue (a `CLOSURE` captured them
/// with `instack` and no `CLOSE` at or below them has run since), then a check that none of them is
/// the state `R[A..=A+2]` of a numeric loop anywhere in its body (so a closure call in the body
/// cannot overwrite the loop state through the upvalue). luac's code always closes a captured
/// local's upvalue when its scope ends (block end, `break`/`goto` labels, the repeat-until fix).
fn check_open_upvalues(c: &Checker<'_>, edges: &[(usize, usize)]) -> Result<(), String> {
    use OpCode::*;
    let p = c.p;
    let ops = &c.ops;
    let n = ops.len();
    // explicit successors (jumps, skips, loop edges) by source
    let mut succ: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(src, dst) in edges {
        if let Some(v) = succ.get_mut(src) {
            v.push(dst);
        }
    }
    let mut state: Vec<Option<RegSet>> = vec![None; n];
    state[0] = Some([0; 4]);
    let mut work = vec![0usize];
    while let Some(pc) = work.pop() {
        let Some(mut s) = state[pc] else { continue };
        let i = p.code[pc];
        match ops[pc] {
            Closure => {
                if let Some(child) = p.protos.get(i.bx() as usize) {
                    for u in child.upvalues.iter().filter(|u| u.instack) {
                        regset_add(&mut s, u.idx as u32);
                    }
                }
            }
            Close => {
                // keep registers below A
                let a = i.a();
                for (w, word) in s.iter_mut().enumerate() {
                    let lo = w as u32 * 64;
                    if a <= lo {
                        *word = 0;
                    } else if a < lo + 64 {
                        *word &= (1u64 << (a - lo)) - 1;
                    }
                }
            }
            _ => {}
        }
        let falls = !matches!(
            ops[pc],
            Jmp | Return | Return0 | Return1 | TailCall | TForPrep
        );
        let next = if falls { Some(pc + 1) } else { None };
        for dst in next.into_iter().chain(succ[pc].iter().copied()) {
            if dst >= n {
                continue;
            }
            let merged = match state[dst] {
                None => s,
                Some(old) => [old[0] | s[0], old[1] | s[1], old[2] | s[2], old[3] | s[3]],
            };
            if state[dst] != Some(merged) {
                state[dst] = Some(merged);
                work.push(dst);
            }
        }
    }
    for (l, (&i, &op)) in p.code.iter().zip(ops.iter()).enumerate() {
        if op != ForLoop {
            continue;
        }
        let body = l + 1 - i.bx() as usize;
        let a = i.a();
        for (k, st) in state[body..=l].iter().enumerate() {
            if let Some(s) = st {
                for r in a..=a + 2 {
                    if s.get((r / 64) as usize)
                        .is_some_and(|w| w & (1u64 << (r % 64)) != 0)
                    {
                        return Err(c.err(
                            body + k,
                            "an open upvalue may alias the state registers of a numeric for loop",
                        ));
                    }
                }
            }
        }
    }
    Ok(())
}

/// Registers an instruction may write, as an inclusive range (`u32::MAX` = everything above:
/// calls write their results and the callee's frame from `A` up).
fn writes(i: Instruction, op: OpCode) -> Option<(u32, u32)> {
    use OpCode::*;
    let (a, b, c) = (i.a(), i.b(), i.c());
    Some(match op {
        LoadNil => (a, a + b),
        Self_ => (a, a + 1),
        Concat => (a, (a + b).saturating_sub(1).max(a)),
        Call | TailCall => (a, u32::MAX),
        VarArg if c == 0 => (a, u32::MAX),
        VarArg => (a, (a + c).saturating_sub(2).max(a)),
        TForCall => (a + 4, u32::MAX),
        TForLoop => (a + 2, a + 2),
        ForPrep | ForLoop => (a, a + 3),
        _ if op.sets_a() => (a, a),
        _ => return None,
    })
}

fn check_ret(
    c: &Checker<'_>,
    pc: usize,
    i: Instruction,
    ret_c: u32,
    needclose: bool,
) -> Result<(), String> {
    if i.c() != ret_c {
        return Err(c.err(
            pc,
            &format!("C must be {} (vararg adjustment) in this function", ret_c),
        ));
    }
    if needclose && !i.k() {
        return Err(c.err(pc, "must close upvalues (k) in this function"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::isa::OpCode::*;
    use std::sync::Arc;

    fn proto(code: Vec<Instruction>) -> Proto {
        let mut p = Proto::new(Arc::from(&b"=t"[..]));
        p.lineinfo = vec![1; code.len()];
        p.code = code;
        p
    }

    #[test]
    fn minimal() {
        let p = proto(vec![Instruction::abc(Return0, 0, 1, 0, false)]);
        assert!(verify(&p).is_ok());
        let p = proto(vec![Instruction::abc(Move, 0, 1, 0, false)]);
        assert!(verify(&p).is_err());
        let p = proto(vec![]);
        assert!(verify(&p).is_err());
    }

    fn asm_proto(text: &str, maxstack: u8) -> Proto {
        let mut p = proto(crate::asm::assemble(text).unwrap());
        p.maxstacksize = maxstack;
        p
    }

    #[test]
    fn numeric_loops() {
        let good = "LOADI 0 1\nLOADI 1 3\nLOADI 2 1\nFORPREP 0 1\nMOVE 4 3\nFORLOOP 0 2\nRETURN0\n";
        verify(&asm_proto(good, 5)).unwrap();
        // the body writes the loop's limit/count register
        let e = verify(&asm_proto(&good.replace("MOVE 4 3", "MOVE 1 3"), 5)).unwrap_err();
        assert!(e.contains("state registers"), "{e}");
        let e = verify(&asm_proto(&good.replace("MOVE 4 3", "CALL 2 1 1"), 5)).unwrap_err();
        assert!(e.contains("state registers"), "{e}");
        // FORLOOP with another A / not paired
        let e = verify(&asm_proto(&good.replace("FORLOOP 0 2", "FORLOOP 1 2"), 5)).unwrap_err();
        assert!(e.contains("paired"), "{e}");
        // a jump from before the loop into its body
        let jumpy =
            "JMP 4\nLOADI 0 1\nLOADI 1 3\nLOADI 2 1\nFORPREP 0 1\nMOVE 4 3\nFORLOOP 0 2\nRETURN0\n";
        let e = verify(&asm_proto(jumpy, 5)).unwrap_err();
        assert!(e.contains("into the body"), "{e}");
        verify(&asm_proto(&jumpy.replace("JMP 4", "JMP 3"), 5)).unwrap();
    }

    #[test]
    fn open_upvalue_aliasing_loop_state() {
        let text = "LOADI 1 0\nCLOSURE 2 0\nMOVE 0 2\nCLOSE 1\nLOADI 1 1\nLOADI 2 3\n\
                    LOADI 3 1\nFORPREP 1 1\nMOVE 5 0\nFORLOOP 1 2\nRETURN 4 1 0k\n";
        let mut p = asm_proto(text, 6);
        let mut child = proto(vec![Instruction::abc(Return0, 0, 1, 0, false)]);
        child.upvalues.push(crate::proto::UpvalDesc {
            name: None,
            instack: true,
            idx: 1,
            kind: 0,
        });
        p.protos.push(child);
        verify(&p).unwrap();
        // without the CLOSE the upvalue on R1 stays open into the loop that uses R1 as state
        p.code[3] = Instruction::isj(Jmp, 0);
        let e = verify(&p).unwrap_err();
        assert!(e.contains("open upvalue"), "{e}");
    }

    #[test]
    fn registers_and_jumps() {
        let ok = proto(vec![
            Instruction::abc(Move, 0, 1, 0, false),
            Instruction::isj(Jmp, -2),
            Instruction::abc(Return0, 0, 1, 0, false),
        ]);
        assert!(verify(&ok).is_ok());
        let mut bad = ok.clone();
        bad.code[0] = Instruction::abc(Move, 0, 2, 0, false);
        assert!(verify(&bad).unwrap_err().contains("register 2"));
        let mut bad = ok.clone();
        bad.code[1] = Instruction::isj(Jmp, -3);
        assert!(verify(&bad).unwrap_err().contains("jump target"));
        let mut bad = ok.clone();
        bad.code[1] = Instruction::isj(Jmp, 1);
        assert!(verify(&bad).is_err());
        let mut bad = ok.clone();
        bad.code[2] = Instruction::abc(Return0, 3, 1, 0, false);
        assert!(verify(&bad).unwrap_err().contains("out of frame"));
        let mut bad = ok.clone();
        bad.code[2] = Instruction::abc(Return0, 0, 0, 0, false);
        assert!(verify(&bad).unwrap_err().contains("non-canonical"));
        let mut bad = ok;
        bad.code[0] = Instruction(0x7f);
        assert!(verify(&bad).unwrap_err().contains("invalid opcode"));
    }
}
