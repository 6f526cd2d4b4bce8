//! Constant propagation and folding over numeric constants.
//!
//! A forward dataflow tracks, at every point, the vregs known to hold one numeric constant
//! (defined by `LOADI`/`LOADF`/`LOADK` of a number on every path; protected vregs are never
//! tracked, see [`super::Info`]). Then:
//! - an arithmetic instruction (`ADD`..`SHR`, their `K`/`I` forms, `UNM`, `BNOT`) whose operands
//!   are all known is replaced by a load of its result, and its `MMBIN*` removed, but only when
//!   lcode.c's folding rules accept the operation ([`crate::builder::fold_numbers`]): then the
//!   VM would compute exactly that value and could neither raise an error nor call a
//!   metamethod; `NOT` of a known number becomes `LOADFALSE`;
//! - a known register stored into a table or a global (`SETTABLE`/`SETI`/`SETFIELD`/`SETTABUP`
//!   value operand, never named in messages) becomes a `K` operand, when the constant index fits.
//!
//! The loads that become unused are left to [`super::dce`]. Results are exact: the folded value
//! is the one the VM computes (same integer/float kind, wrap-around, `//`, `%`, `^` rules).

use super::{compact, is_mmbin, number_constant, removable_position, Info, PassStats};
use crate::builder::{fold_numbers, ArOp, Num};
use crate::ir::{Function, Inst, Opnd, VReg};
use aqua_bytecode::{Constant, OpCode};
use std::collections::HashMap;

type Known = HashMap<VReg, Num>;

/// Runs the pass on `f` (not on its nested functions).
pub fn run(f: &mut Function) -> PassStats {
    let info = Info::new(f);
    let ins = analyse(f, &info);
    let mut stats = PassStats::default();
    let mut removed = vec![false; f.insts.len()];
    for (b, state) in ins.into_iter().enumerate() {
        let Some(mut known) = state else { continue };
        let Some(blk) = f.blocks.get(b).cloned() else {
            continue;
        };
        for p in blk.start as usize..blk.end as usize {
            rewrite(f, p, &known, &mut stats, &mut removed);
            if let Some(i) = f.insts.get(p) {
                transfer(i, &f.constants, &info, &mut known);
            }
        }
    }
    stats.removed += compact(f, &removed);
    stats
}

/// The numeric constant a `K` operand names.
fn constant_num(constants: &[Constant], k: u32) -> Option<Num> {
    match constants.get(k as usize)? {
        Constant::Int(i) => Some(Num::I(*i)),
        Constant::Float(x) => Some(Num::F(*x)),
        _ => None,
    }
}

/// Updates `known` with the effect of instruction `i`.
fn transfer(i: &Inst, constants: &[Constant], info: &Info, known: &mut Known) {
    for d in i.defs() {
        known.remove(&d);
    }
    let Opnd::R(d) = i.a else { return };
    if info.is_protected(d) {
        return;
    }
    let v = match (i.op, i.b) {
        (OpCode::LoadI, Opnd::Int(x)) => Some(Num::I(x as i64)),
        (OpCode::LoadF, Opnd::Int(x)) => Some(Num::F(x as f64)),
        (OpCode::LoadK, Opnd::K(k)) => constant_num(constants, k.0),
        _ => None,
    };
    if let Some(v) = v {
        known.insert(d, v);
    }
}

/// Known values at the entry of each block (`None`: unreachable).
fn analyse(f: &Function, info: &Info) -> Vec<Option<Known>> {
    let nb = f.blocks.len();
    let mut ins: Vec<Option<Known>> = vec![None; nb];
    if nb == 0 {
        return ins;
    }
    ins[0] = Some(Known::new());
    let mut outs: Vec<Option<Known>> = vec![None; nb];
    let mut work: Vec<usize> = (0..nb).rev().collect();
    let mut queued = vec![true; nb];
    while let Some(b) = work.pop() {
        queued[b] = false;
        let input = if b == 0 {
            Some(Known::new())
        } else {
            meet(info.preds[b].iter().map(|p| outs[p.0 as usize].as_ref()))
        };
        let Some(input) = input else { continue };
        let mut state = input.clone();
        ins[b] = Some(input);
        let blk = &f.blocks[b];
        for i in f
            .insts
            .get(blk.start as usize..blk.end as usize)
            .unwrap_or(&[])
        {
            transfer(i, &f.constants, info, &mut state);
        }
        state.retain(|v, _| info.is_global(*v));
        if outs[b].as_ref() != Some(&state) {
            outs[b] = Some(state);
            for s in info.succs.get(b).map(|v| &v[..]).unwrap_or(&[]) {
                let s = s.0 as usize;
                if s < nb && !queued[s] {
                    queued[s] = true;
                    work.push(s);
                }
            }
        }
    }
    ins
}

/// Intersection of the predecessors' states (ignoring those not reached yet); `None` if no
/// predecessor has been reached.
fn meet<'a>(mut states: impl Iterator<Item = Option<&'a Known>>) -> Option<Known> {
    let mut acc: Option<Known> = None;
    for s in states.by_ref().flatten() {
        acc = Some(match acc {
            None => s.clone(),
            Some(mut a) => {
                a.retain(|v, n| s.get(v).is_some_and(|m| same(*m, *n)));
                a
            }
        });
    }
    acc
}

/// The same constant (floats compared bit for bit, so `0.0` and `-0.0` differ).
fn same(a: Num, b: Num) -> bool {
    match (a, b) {
        (Num::I(x), Num::I(y)) => x == y,
        (Num::F(x), Num::F(y)) => x.to_bits() == y.to_bits(),
        _ => false,
    }
}

/// The arithmetic operator of an arithmetic opcode and its operand order:
/// (operator, the register operand comes first).
fn arith_of(op: OpCode) -> Option<(ArOp, bool)> {
    use OpCode::*;
    let ar = match op {
        Add | AddK | AddI => ArOp::Add,
        Sub | SubK => ArOp::Sub,
        Mul | MulK => ArOp::Mul,
        Mod | ModK => ArOp::Mod,
        Pow | PowK => ArOp::Pow,
        Div | DivK => ArOp::Div,
        IDiv | IDivK => ArOp::IDiv,
        BAnd | BAndK => ArOp::BAnd,
        BOr | BOrK => ArOp::BOr,
        BXor | BXorK => ArOp::BXor,
        Shl => ArOp::Shl,
        Shr | ShrI => ArOp::Shr,
        ShlI => return Some((ArOp::Shl, false)),
        Unm => ArOp::Unm,
        BNot => ArOp::BNot,
        _ => return None,
    };
    Some((ar, true))
}

/// The value of an operand, if known.
fn value(o: Opnd, constants: &[Constant], known: &Known) -> Option<Num> {
    match o {
        Opnd::R(v) => known.get(&v).copied(),
        Opnd::K(k) => constant_num(constants, k.0),
        Opnd::Int(x) => Some(Num::I(x as i64)),
        _ => None,
    }
}

/// Folds or propagates into instruction `p`.
fn rewrite(f: &mut Function, p: usize, known: &Known, stats: &mut PassStats, removed: &mut [bool]) {
    let Some(i) = f.insts.get(p) else { return };
    let op = i.op;
    if matches!(
        op,
        OpCode::SetTable | OpCode::SetI | OpCode::SetField | OpCode::SetTabUp
    ) {
        if let Opnd::R(v) = i.c {
            if let Some(n) = known.get(&v).copied() {
                let k = number_constant(f, n);
                if k <= aqua_bytecode::MAXARG_B {
                    if let Some(i) = f.insts.get_mut(p) {
                        i.c = Opnd::K(aqua_bytecode::ConstIdx(k));
                        stats.constants_propagated += 1;
                    }
                }
            }
        }
        return;
    }
    let Opnd::R(dst) = i.a else { return };
    if op == OpCode::Not {
        if let Opnd::R(v) = i.b {
            if known.contains_key(&v) {
                let mut load = Inst::new(OpCode::LoadFalse, i.line);
                load.a = Opnd::R(dst);
                f.insts[p] = load;
                stats.folded += 1;
            }
        }
        return;
    }
    let Some((ar, reg_first)) = arith_of(op) else {
        return;
    };
    let unary = matches!(ar, ArOp::Unm | ArOp::BNot);
    let (x, y) = if unary {
        (value(i.b, &f.constants, known), Some(Num::I(0)))
    } else if reg_first {
        (
            value(i.b, &f.constants, known),
            value(i.c, &f.constants, known),
        )
    } else {
        // SHLI A B sC: R[A] := sC << R[B]
        (
            value(i.c, &f.constants, known),
            value(i.b, &f.constants, known),
        )
    };
    let (Some(x), Some(y)) = (x, y) else { return };
    let Some(r) = fold_numbers(ar, x, y) else {
        return;
    };
    // The MMBIN* after a binary operation goes too; it must be removable where it stands.
    let mm = p + 1;
    let has_mm = f.insts.get(mm).is_some_and(|m| is_mmbin(m.op));
    if !unary && (!has_mm || !removable_position(f, mm)) {
        return;
    }
    let line = i.line;
    let Some(load) = load_of(f, dst, r, line) else {
        return;
    };
    f.insts[p] = load;
    if has_mm {
        removed[mm] = true;
    }
    stats.folded += 1;
}

/// The instruction loading `n` into `dst`: `LOADI`/`LOADF` when it fits, else `LOADK`.
fn load_of(f: &mut Function, dst: VReg, n: Num, line: u32) -> Option<Inst> {
    const MAX_SBX: i64 = aqua_bytecode::MAXARG_BX as i64 - aqua_bytecode::OFFSET_SBX as i64;
    const MIN_SBX: i64 = -(aqua_bytecode::OFFSET_SBX as i64);
    let fits = |x: i64| (MIN_SBX..=MAX_SBX).contains(&x);
    let mut i = match n {
        Num::I(x) if fits(x) => {
            let mut i = Inst::new(OpCode::LoadI, line);
            i.b = Opnd::Int(x as i32);
            i
        }
        Num::F(x) if x.fract() == 0.0 && x.abs() < 1e9 && fits(x as i64) && x != 0.0 => {
            let mut i = Inst::new(OpCode::LoadF, line);
            i.b = Opnd::Int(x as i64 as i32);
            i
        }
        _ => {
            let k = number_constant(f, n);
            if k as i64 > aqua_bytecode::MAXARG_BX as i64 {
                return None;
            }
            let mut i = Inst::new(OpCode::LoadK, line);
            i.b = Opnd::K(aqua_bytecode::ConstIdx(k));
            i
        }
    };
    i.a = Opnd::R(dst);
    Some(i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::passes::testutil::{ir, lower_all, ops};

    #[test]
    fn folds_arithmetic_on_known_locals() {
        let mut f = ir("local x = 5\nlocal y = x * 2 + 1\nreturn y");
        let before = ops(&f);
        assert!(before.contains(&"MulK".to_string()), "{before:?}");
        let s = run(&mut f);
        assert_eq!(s.folded, 2, "{:?}", ops(&f));
        assert!(
            !ops(&f).iter().any(|o| o.starts_with("MmBin")),
            "{:?}",
            ops(&f)
        );
        assert!(
            f.insts
                .iter()
                .any(|i| i.op == OpCode::LoadI && i.b == Opnd::Int(11)),
            "{:?}",
            f.insts
        );
        lower_all(&f);
    }

    #[test]
    fn never_folds_what_could_fail_or_call_a_metamethod() {
        for src in [
            "local x = 0\nreturn 1 // x",
            "local x = 0\nreturn 7 % x",
            "local x = 1.5\nreturn x | 1",
            "local x = 2^53\nreturn x << 1.5",
            "local x = 'a'\nreturn x + 1",
            "local x = {}\nreturn x + 1",
            "local x = 0.0\nreturn -x",
        ] {
            let mut f = ir(src);
            let s = run(&mut f);
            assert_eq!(s.folded, 0, "{src}: {:?}", ops(&f));
        }
    }

    #[test]
    fn merges_and_loops_are_conservative() {
        // x differs on the two paths, then changes in the loop.
        let mut f = ir(
            "local c = ...\nlocal x = 1\nif c then x = 2 end\nlocal y = x + 1\n\
             local z = 3\nfor i = 1, 10 do z = z + 1 end\nreturn y, z",
        );
        let s = run(&mut f);
        assert_eq!(s.folded, 0, "{:?}", ops(&f));
        // same value on both paths: folds
        let mut f =
            ir("local c = ...\nlocal x = 1\nif c then x = 1 end\nlocal y = x + 1\nreturn y");
        let s = run(&mut f);
        assert_eq!(s.folded, 1, "{:?}", ops(&f));
        lower_all(&f);
    }

    #[test]
    fn captured_locals_are_not_propagated() {
        let mut f = ir("local x = 1\nlocal function g() x = 2 end\ng()\nreturn x + 1");
        let s = run(&mut f);
        assert_eq!(s.folded, 0, "{:?}", ops(&f));
    }

    #[test]
    fn stores_use_constants() {
        let mut f = ir("local t = {}\nlocal v = 2.5\nt.x = v\nt[1] = v\nt[v] = v\ng = v");
        let s = run(&mut f);
        assert_eq!(s.constants_propagated, 4, "{:?}", f.insts);
        lower_all(&f);
    }

    #[test]
    fn float_and_big_results_use_constants() {
        let mut f = ir(
            "local x = 3\nlocal y = x / 2\nlocal z = x * 1e300\nlocal w = x << 40\nreturn y, z, w",
        );
        let s = run(&mut f);
        assert_eq!(s.folded, 3, "{:?}", ops(&f));
        assert!(f.constants.contains(&Constant::Float(1.5)));
        assert!(f.constants.contains(&Constant::Float(3e300)));
        assert!(f.constants.contains(&Constant::Int(3 << 40)));
        lower_all(&f);
    }
}
