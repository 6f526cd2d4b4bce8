//! Emission: IR + allocation → [`Proto`].
//!
//! Role: the last phase. Lays the blocks out in order, inserts the allocator's MOVEs, encodes
//! every instruction with its final registers, resolves block targets to pc offsets, applies
//! luac's final jump threading (`luaK_finish`'s `finaltarget`), and fills the debug information
//! (line per instruction, locals with final pcs, upvalue names).
//!
//! Invariants: `lineinfo.len() == code.len()`; a position `p` of the IR maps to the pc of the
//! first word emitted for it (its MOVEs included); positions one past the end map to
//! `code.len()`.
//!
//! Non-LIFO allocations (`Allocation::lifo_levels == false`):
//! - an IR `MOVE` whose source and destination got the same register emits nothing (the
//!   allocator coalesced it), unless it follows an `LFALSESKIP` or a test;
//! - `CLOSE A` gets `A = min reg(closes)` from [`crate::regalloc::liveness::close_sets`] (the
//!   allocator guarantees every other open upvalue / to-be-closed variable sits below it); a
//!   `CLOSE` with nothing to close emits nothing; value-less `RETURN`/`RETURN0` use `A = 0`;
//! - local-variable records carry their register ([`LocVar::reg`]) and cover exactly the pcs of
//!   the local's scope where that register holds the local's value on every path
//!   (`local_records`): a register reused after a local died is never described as that local,
//!   and a local written again after its register was borrowed gets a further record.

use crate::ir::{Function, Inst, Opnd, VReg};
use crate::regalloc::liveness::{for_each_def, for_each_read, gc_point_base};
use crate::regalloc::Allocation;
use crate::CompileError;
use aqua_bytecode::{
    Instruction, LocVar, OpCode, Proto, UpvalDesc, MAXARG_A, MAXARG_BX, OFFSET_SC, OFFSET_SJ,
};
use std::sync::Arc;

fn internal(msg: String) -> CompileError {
    CompileError {
        line: 0,
        message: format!("internal compiler error: {msg}").into_bytes(),
    }
}

struct Ctx<'a> {
    a: &'a Allocation,
    /// `CLOSE` levels of a non-LIFO allocation, by position.
    close_level: &'a [Option<u32>],
}

impl Ctx<'_> {
    fn r(&self, v: VReg) -> Result<u32, CompileError> {
        self.a
            .reg(v)
            .map(|r| r.0 as u32)
            .ok_or_else(|| internal(format!("vreg {} has no register", v.0)))
    }

    fn opnd(&self, o: Opnd) -> Result<u32, CompileError> {
        Ok(match o {
            Opnd::None => 0,
            Opnd::R(v) => self.r(v)?,
            Opnd::Int(i) => i as u32,
            Opnd::K(k) => k.0,
            Opnd::Up(u) => u.0 as u32,
            Opnd::Proto(p) => p.0,
        })
    }

    fn sc(&self, o: Opnd) -> u32 {
        match o {
            Opnd::Int(i) => (i + OFFSET_SC) as u32,
            _ => 0,
        }
    }

    fn base(&self, i: &Inst) -> Result<u32, CompileError> {
        if let Some(&v) = i.win.first() {
            return self.r(v);
        }
        if let Some(&v) = i.wout.first() {
            return Ok(self.r(v)?.saturating_sub(i.wout_off as u32));
        }
        Ok(i.level as u32)
    }
}

/// The code words of one instruction, with jump fields left zero (fixed later).
fn encode(ctx: &Ctx, i: &Inst, pos: usize, f: &Function) -> Result<Vec<Instruction>, CompileError> {
    use OpCode::*;
    let op = i.op;
    let a = || ctx.opnd(i.a);
    let b = || ctx.opnd(i.b);
    let c = || ctx.opnd(i.c);
    let rk = |o: Opnd| -> Result<(u32, bool), CompileError> {
        match o {
            Opnd::K(k) => Ok((k.0, true)),
            other => Ok((ctx.opnd(other)?, false)),
        }
    };
    let w = match op {
        Move | GetUpval | GetTabUp | GetTable | GetField | AddK | SubK | MulK | ModK | PowK
        | DivK | IDivK | BAndK | BOrK | BXorK | Add | Sub | Mul | Mod | Pow | Div | IDiv | BAnd
        | BOr | BXor | Shl | Shr | MmBin | Unm | BNot | Not | Len | SetUpval => {
            vec![Instruction::abc(op, a()?, b()?, c()?, false)]
        }
        GetI => vec![Instruction::abc(op, a()?, b()?, c()?, false)],
        LoadI | LoadF => {
            let v = match i.b {
                Opnd::Int(v) => v,
                _ => 0,
            };
            vec![Instruction::asbx(op, a()?, v)]
        }
        LoadK => vec![Instruction::abx(op, a()?, b()?)],
        LoadKX => vec![
            Instruction::abx(op, a()?, 0),
            Instruction::iax(ExtraArg, i.extra),
        ],
        LoadFalse | LFalseSkip | LoadTrue | Tbc | Return1 => vec![Instruction::abc(
            op,
            a()?,
            if op == Return1 { 2 } else { 0 },
            0,
            false,
        )],
        LoadNil => {
            let base = ctx.base(i)?;
            vec![Instruction::abc(
                op,
                base,
                (i.wout.len() as u32).saturating_sub(1),
                0,
                false,
            )]
        }
        SetTabUp | SetTable | SetI | SetField => {
            let (cv, k) = rk(i.c)?;
            vec![Instruction::abc(op, a()?, b()?, cv, k)]
        }
        NewTable => vec![
            Instruction::abc(op, a()?, b()?, c()?, i.k),
            Instruction::iax(ExtraArg, i.extra),
        ],
        Self_ => {
            let (cv, k) = rk(i.c)?;
            vec![Instruction::abc(op, ctx.base(i)?, b()?, cv, k)]
        }
        AddI | ShrI | ShlI => vec![Instruction::abc(op, a()?, b()?, ctx.sc(i.c), false)],
        MmBinI => vec![Instruction::abc(op, a()?, ctx.sc(i.b), c()?, i.k)],
        MmBinK => vec![Instruction::abc(op, a()?, b()?, c()?, i.k)],
        Concat => vec![Instruction::abc(
            op,
            ctx.base(i)?,
            i.win.len() as u32,
            0,
            false,
        )],
        Close => {
            let lvl = if ctx.a.lifo_levels {
                i.level as u32
            } else {
                ctx.close_level
                    .get(pos)
                    .copied()
                    .flatten()
                    .unwrap_or(ctx.a.maxstacksize as u32)
            };
            vec![Instruction::abc(op, lvl, 0, 0, false)]
        }
        Jmp => vec![Instruction::isj(op, 0)],
        Eq | Lt | Le => vec![Instruction::abc(op, a()?, b()?, 0, i.k)],
        EqK => vec![Instruction::abc(op, a()?, b()?, 0, i.k)],
        EqI | LtI | LeI | GtI | GeI => vec![Instruction::abc(op, a()?, ctx.sc(i.b), c()?, i.k)],
        Test => vec![Instruction::abc(op, a()?, 0, 0, i.k)],
        TestSet => {
            let (ra, rb) = (a()?, b()?);
            if ra == rb {
                vec![Instruction::abc(Test, rb, 0, 0, i.k)]
            } else {
                vec![Instruction::abc(op, ra, rb, 0, i.k)]
            }
        }
        Call => {
            let bb = if i.open_in { 0 } else { i.win.len() as u32 };
            let cc = if i.open_out {
                0
            } else {
                i.wout.len() as u32 + 1
            };
            vec![Instruction::abc(op, ctx.base(i)?, bb, cc, false)]
        }
        TailCall => {
            let bb = if i.open_in { 0 } else { i.win.len() as u32 };
            vec![Instruction::abc(op, ctx.base(i)?, bb, c()?, i.k)]
        }
        Return => {
            let bb = if i.open_in { 0 } else { i.win.len() as u32 + 1 };
            let base = if i.win.is_empty() && !ctx.a.lifo_levels {
                (i.level as u32).min(ctx.a.maxstacksize as u32)
            } else {
                ctx.base(i)?
            };
            vec![Instruction::abc(op, base, bb, c()?, i.k)]
        }
        Return0 => {
            // The VM ignores A; LIFO's level when it is inside the frame keeps listings close
            // to luac's.
            let base = (i.level as u32).min(ctx.a.maxstacksize as u32);
            vec![Instruction::abc(op, base, 1, 0, false)]
        }
        ForLoop | ForPrep | TForPrep | TForLoop => vec![Instruction::abx(op, ctx.base(i)?, 0)],
        TForCall => vec![Instruction::abc(
            op,
            ctx.base(i)?,
            0,
            i.wout.len() as u32,
            false,
        )],
        SetList => {
            let bb = if i.open_in {
                0
            } else {
                (i.win.len() as u32).saturating_sub(1)
            };
            let mut v = vec![Instruction::abc(op, ctx.base(i)?, bb, c()?, i.k)];
            if i.k {
                v.push(Instruction::iax(ExtraArg, i.extra));
            }
            v
        }
        Closure => vec![Instruction::abx(op, a()?, b()?)],
        VarArg => {
            let cc = if i.open_out {
                0
            } else {
                i.wout.len() as u32 + 1
            };
            vec![Instruction::abc(op, ctx.base(i)?, 0, cc, false)]
        }
        VarArgPrep => vec![Instruction::abc(op, a()?, 0, 0, false)],
        ExtraArg => vec![Instruction::iax(op, i.extra)],
    };
    let _ = f;
    Ok(w)
}

/// Emit one function. `protos` are the already-emitted nested functions (in order).
pub fn emit(
    f: &Function,
    alloc: &Allocation,
    source: &Arc<[u8]>,
    protos: Vec<Proto>,
) -> Result<Proto, CompileError> {
    let n = f.insts.len();
    // Non-LIFO: CLOSE levels and dropped instructions.
    let mut close_level: Vec<Option<u32>> = vec![None; n];
    let mut keep = vec![true; n];
    if !alloc.lifo_levels {
        for cs in crate::regalloc::liveness::close_sets(f) {
            let mut m: Option<u32> = None;
            for &v in &cs.closes {
                if let Some(r) = alloc.reg(v) {
                    m = Some(m.map_or(r.0 as u32, |x| x.min(r.0 as u32)));
                }
            }
            if let Some(x) = close_level.get_mut(cs.at.0 as usize) {
                *x = m;
            }
        }
        for (p, i) in f.insts.iter().enumerate() {
            let after_skip = p
                .checked_sub(1)
                .and_then(|q| f.insts.get(q))
                .is_some_and(|q| q.op == OpCode::LFalseSkip || q.op.is_test());
            if after_skip {
                continue;
            }
            let drop = match i.op {
                OpCode::Move => match (i.a, i.b) {
                    (Opnd::R(x), Opnd::R(y)) => {
                        alloc.reg(x).is_some() && alloc.reg(x) == alloc.reg(y)
                    }
                    _ => false,
                },
                OpCode::Close => close_level[p].is_none(),
                _ => false,
            };
            keep[p] = !drop;
        }
    }
    let ctx = Ctx {
        a: alloc,
        close_level: &close_level,
    };
    // pcs
    let mut pos_pc = vec![0u32; n + 1];
    let mut inst_pc = vec![0u32; n + 1];
    let mut mi = 0usize;
    let mut pc = 0u32;
    for p in 0..n {
        pos_pc[p] = pc;
        while mi < alloc.moves.len() && alloc.moves[mi].before.0 as usize == p {
            pc += 1;
            mi += 1;
        }
        inst_pc[p] = pc;
        if keep[p] {
            pc += f.insts.get(p).map(|i| i.size()).unwrap_or(1);
        }
    }
    pos_pc[n] = pc;
    inst_pc[n] = pc;
    let block_pc = |b: crate::ir::BlockId| -> u32 {
        f.blocks
            .get(b.0 as usize)
            .map(|bl| pos_pc[(bl.start as usize).min(n)])
            .unwrap_or(pc)
    };
    let mut code: Vec<Instruction> = Vec::with_capacity(pc as usize);
    let mut lineinfo: Vec<u32> = Vec::with_capacity(pc as usize);
    let mut mi = 0usize;
    for (p, inst) in f.insts.iter().enumerate() {
        while mi < alloc.moves.len() && alloc.moves[mi].before.0 as usize == p {
            let m = alloc.moves[mi];
            code.push(Instruction::abc(
                OpCode::Move,
                m.dst.0 as u32,
                m.src.0 as u32,
                0,
                false,
            ));
            lineinfo.push(inst.line);
            mi += 1;
        }
        if !keep[p] {
            continue;
        }
        let mut words = encode(&ctx, inst, p, f)?;
        let ipc = inst_pc[p] as i64;
        if let Some(t) = inst.target {
            let tpc = block_pc(t) as i64;
            let w0 = &mut words[0];
            match inst.op {
                OpCode::Jmp => w0.set_sj((tpc - (ipc + 1)) as i32),
                OpCode::ForPrep => {
                    let off = tpc - ipc - 2;
                    if off < 0 || off > MAXARG_BX as i64 {
                        return Err(CompileError {
                            line: inst.line,
                            message: b"control structure too long".to_vec(),
                        });
                    }
                    w0.set_bx(off as u32)
                }
                OpCode::TForPrep => {
                    let off = tpc - (ipc + 1);
                    if off < 0 || off > MAXARG_BX as i64 {
                        return Err(CompileError {
                            line: inst.line,
                            message: b"control structure too long".to_vec(),
                        });
                    }
                    w0.set_bx(off as u32)
                }
                OpCode::ForLoop | OpCode::TForLoop => {
                    let off = ipc + 1 - tpc;
                    if off < 0 || off > MAXARG_BX as i64 {
                        return Err(CompileError {
                            line: inst.line,
                            message: b"control structure too long".to_vec(),
                        });
                    }
                    w0.set_bx(off as u32)
                }
                _ => {}
            }
        }
        for w in words {
            code.push(w);
            lineinfo.push(inst.line);
        }
    }
    // luaK_finish: final jump targets.
    for i in 0..code.len() {
        if code[i].opcode() == OpCode::Jmp {
            let mut t = i as i64;
            for _ in 0..100 {
                let Some(w) = code.get(t as usize) else { break };
                if w.opcode() != OpCode::Jmp {
                    break;
                }
                t += w.sj() as i64 + 1;
                if t < 0 {
                    break;
                }
            }
            let off = t - (i as i64 + 1);
            if off.abs() < OFFSET_SJ as i64 {
                code[i].set_sj(off as i32);
            }
        }
    }
    // Debug info.
    let locvars = if alloc.lifo_levels {
        f.locals
            .iter()
            .map(|l| LocVar {
                name: l.name.clone(),
                startpc: pos_pc[(l.start.0 as usize).min(n)],
                endpc: pos_pc[(l.end.0 as usize).min(n)],
                reg: None,
            })
            .collect()
    } else {
        local_records(f, alloc, &keep, &pos_pc)
    };
    let upvalues = f
        .upvalues
        .iter()
        .map(|u| UpvalDesc {
            name: Some(u.name.clone()),
            instack: u.instack,
            idx: u.idx,
            kind: u.kind,
        })
        .collect();
    let numparams = f.params.len() as u8;
    let _ = MAXARG_A;
    Ok(Proto {
        source: source.clone(),
        linedefined: f.linedefined,
        lastlinedefined: f.lastlinedefined,
        numparams,
        is_vararg: f.is_vararg,
        maxstacksize: alloc.maxstacksize,
        code,
        constants: f.constants.clone(),
        upvalues,
        protos,
        lineinfo,
        locvars,
        stack: None,
    })
}

/// A set of local-variable records (indices into [`Function::locals`]).
#[derive(PartialEq, Eq)]
struct LocSet(Vec<u64>);

impl Clone for LocSet {
    fn clone(&self) -> LocSet {
        LocSet(self.0.clone())
    }

    /// Reuses the buffer (the record sweep copies sets at every position).
    fn clone_from(&mut self, o: &LocSet) {
        self.0.clone_from(&o.0);
    }
}

impl LocSet {
    fn empty(n: usize) -> LocSet {
        LocSet(vec![0; n.div_ceil(64)])
    }

    fn full(n: usize) -> LocSet {
        let mut s = LocSet(vec![u64::MAX; n.div_ceil(64)]);
        if !n.is_multiple_of(64) {
            if let Some(w) = s.0.last_mut() {
                *w = (1u64 << (n % 64)) - 1;
            }
        }
        s
    }

    fn get(&self, j: usize) -> bool {
        self.0.get(j / 64).is_some_and(|w| w >> (j % 64) & 1 != 0)
    }

    fn set(&mut self, j: usize, on: bool) {
        if let Some(w) = self.0.get_mut(j / 64) {
            if on {
                *w |= 1 << (j % 64);
            } else {
                *w &= !(1 << (j % 64));
            }
        }
    }

    fn and_with(&mut self, o: &LocSet) {
        for (a, b) in self.0.iter_mut().zip(o.0.iter()) {
            *a &= *b;
        }
    }

    fn or_with(&mut self, o: &LocSet) {
        for (a, b) in self.0.iter_mut().zip(o.0.iter()) {
            *a |= *b;
        }
    }

    fn xor_with(&mut self, o: &LocSet) {
        for (a, b) in self.0.iter_mut().zip(o.0.iter()) {
            *a ^= *b;
        }
    }

    fn clear(&mut self) {
        self.0.iter_mut().for_each(|w| *w = 0);
    }

    /// The members, in increasing order.
    fn ones(&self) -> Vec<usize> {
        let mut out = Vec::new();
        for (i, &w) in self.0.iter().enumerate() {
            let mut w = w;
            while w != 0 {
                out.push(i * 64 + w.trailing_zeros() as usize);
                w &= w - 1;
            }
        }
        out
    }

    fn and_not(&mut self, o: &LocSet) {
        for (a, b) in self.0.iter_mut().zip(o.0.iter()) {
            *a &= !*b;
        }
    }
}

/// What one position does to the registers that hold named locals (only those registers are
/// recorded).
#[derive(Default)]
struct Effect {
    /// Registers from this one up are clobbered (calls, open results, the collector clearing
    /// the frame above a GC safe point's `A`).
    clobber_from: Option<u32>,
    /// Registers given contents of no vreg: written by allocator MOVEs inserted before the
    /// instruction, or a `CONCAT`'s window above its base (partial results).
    trashed: Vec<u32>,
    /// The function register of a call: during the call the callee's frame starts right above
    /// it, so of the clobbered registers only this one still holds what the caller put there.
    call_func: Option<u32>,
    /// `(register, vreg, copy)`: the instruction writes `vreg` into `register`; `copy` when the
    /// register keeps its content (a MOVE/TESTSET between two vregs of the same register).
    writes: Vec<(u32, u32, bool)>,
    /// Registers read (operands, windows, captures).
    reads: Vec<u32>,
}

impl Effect {
    /// Whether the position puts into `r` something else than the value of `v` (or a copy of
    /// what `r` held).
    fn foreign(&self, r: u32, v: u32) -> bool {
        self.trashed.contains(&r)
            || self.clobber_from.is_some_and(|c| c <= r)
            || self
                .writes
                .iter()
                .any(|&(wr, d, copy)| wr == r && d != v && !copy)
    }

    /// Whether the position writes `v` itself into `r` (not as a copy).
    fn defines(&self, r: u32, v: u32) -> bool {
        self.writes
            .iter()
            .any(|&(wr, d, copy)| wr == r && d == v && !copy)
    }
}

/// The registers of the named locals and the effects of every position on them.
struct RegState<'a> {
    /// Vreg of each record.
    vreg_of: Vec<u32>,
    /// Register of each record (`None`: the local was never written nor read).
    reg_of: Vec<Option<u32>>,
    /// `in_reg[r]`: the records living in register `r`.
    in_reg: Vec<LocSet>,
    /// `of_vreg[v]`: the records of vreg `v`.
    of_vreg: Vec<Vec<u32>>,
    /// `above[b]`: the records whose register is `>= b` (no entry past the highest register
    /// of a local: none are there).
    above: Vec<LocSet>,
    effects: Vec<Effect>,
    f: &'a Function,
}

impl<'a> RegState<'a> {
    fn new(f: &'a Function, alloc: &Allocation, keep: &[bool]) -> RegState<'a> {
        let nl = f.locals.len();
        let vreg_of: Vec<u32> = f.locals.iter().map(|l| l.vreg.0).collect();
        let reg_of: Vec<Option<u32>> = f
            .locals
            .iter()
            .map(|l| alloc.reg(l.vreg).map(|r| r.0 as u32))
            .collect();
        // Only the registers up to the highest one holding a local matter (the tables are
        // built per function: most functions have few registers).
        let top = reg_of
            .iter()
            .flatten()
            .map(|&r| r as usize + 1)
            .max()
            .unwrap_or(0);
        let mut by_reg: Vec<Vec<u32>> = vec![Vec::new(); top];
        for (j, r) in reg_of.iter().enumerate() {
            if let Some(x) = r.and_then(|r| by_reg.get_mut(r as usize)) {
                x.push(j as u32);
            }
        }
        // `above[b]` for b in 0..=top (`above[top]` is empty; registers past it hold no local).
        let mut above = vec![LocSet::empty(nl); top + 1];
        let mut in_reg = vec![LocSet::empty(nl); top];
        for b in (0..top).rev() {
            let mut s = above[b + 1].clone();
            for &j in &by_reg[b] {
                s.set(j as usize, true);
                in_reg[b].set(j as usize, true);
            }
            above[b] = s;
        }
        let mut of_vreg: Vec<Vec<u32>> = vec![Vec::new(); f.num_vregs as usize];
        for (j, &v) in vreg_of.iter().enumerate() {
            if let Some(x) = of_vreg.get_mut(v as usize) {
                x.push(j as u32);
            }
        }
        let wanted = |r: u32| by_reg.get(r as usize).is_some_and(|x| !x.is_empty());
        let reg = |v: VReg| alloc.reg(v).map(|r| r.0 as u32);
        let mut effects: Vec<Effect> = Vec::with_capacity(f.insts.len());
        let mut mi = 0usize;
        for (p, i) in f.insts.iter().enumerate() {
            let mut e = Effect::default();
            while mi < alloc.moves.len() && (alloc.moves[mi].before.0 as usize) < p {
                mi += 1;
            }
            while mi < alloc.moves.len() && alloc.moves[mi].before.0 as usize == p {
                e.trashed.push(alloc.moves[mi].dst.0 as u32);
                mi += 1;
            }
            let kept = keep.get(p).copied().unwrap_or(true);
            // A MOVE or TESTSET between two vregs of one register leaves its content alone
            // (dropped, or kept as `MOVE r r` / turned into a `TEST`).
            let same_reg_copy = matches!(i.op, OpCode::Move | OpCode::TestSet)
                && matches!((i.a, i.b), (Opnd::R(x), Opnd::R(y)) if reg(x).is_some() && reg(x) == reg(y));
            if !kept && !same_reg_copy {
                effects.push(e);
                continue;
            }
            for_each_def(i, |d| {
                if let Some(r) = reg(d).filter(|&r| wanted(r)) {
                    e.writes.push((r, d.0, same_reg_copy));
                }
            });
            if kept {
                for_each_read(f, i, |u| {
                    if let Some(r) = reg(u).filter(|&r| wanted(r)) {
                        e.reads.push(r);
                    }
                });
                let clob = match (i.clobber_base(), i.open_out) {
                    (Some(c), _) => Some(c as u32),
                    (None, true) => Some(0),
                    _ => None,
                };
                if let Some(c) = clob {
                    let base = i
                        .win
                        .first()
                        .and_then(|&v| reg(v))
                        .or_else(|| {
                            i.wout
                                .first()
                                .and_then(|&v| reg(v))
                                .map(|r| r.saturating_sub(i.wout_off as u32))
                        })
                        .or_else(|| i.a.reg().and_then(reg));
                    // Without a known base, assume the whole frame is clobbered.
                    e.clobber_from = Some(base.map_or(0, |b| b + c));
                    if i.op == OpCode::Call {
                        e.call_func = base;
                    }
                }
                if i.op == OpCode::Concat {
                    for &v in i.win.iter().skip(1) {
                        if let Some(r) = reg(v).filter(|&r| wanted(r)) {
                            e.trashed.push(r);
                        }
                    }
                }
                if let Some(a) = gc_point_base(i).and_then(reg) {
                    let g = a + 1;
                    e.clobber_from = Some(e.clobber_from.map_or(g, |c| c.min(g)));
                }
            }
            effects.push(e);
        }
        RegState {
            vreg_of,
            reg_of,
            in_reg,
            of_vreg,
            above,
            effects,
            f,
        }
    }

    /// Applies position `p` to `s` (the records whose register holds their value).
    fn apply(&self, p: usize, s: &mut LocSet) {
        let Some(e) = self.effects.get(p) else { return };
        for &r in &e.trashed {
            if let Some(m) = self.in_reg.get(r as usize) {
                s.and_not(m);
            }
        }
        if let Some(c) = e.clobber_from {
            if let Some(m) = self.above.get(c as usize) {
                s.and_not(m);
            }
        }
        for &(r, d, copy) in &e.writes {
            if !copy {
                if let Some(m) = self.in_reg.get(r as usize) {
                    s.and_not(m);
                }
            }
            for &j in self
                .of_vreg
                .get(d as usize)
                .map(|x| x.as_slice())
                .unwrap_or(&[])
            {
                if self.reg_of.get(j as usize) == Some(&Some(r)) {
                    s.set(j as usize, true);
                }
            }
        }
    }

    /// Sets `t` to the records whose register position `p` writes, reads or clobbers.
    fn touched(&self, p: usize, t: &mut LocSet) {
        t.clear();
        let Some(e) = self.effects.get(p) else { return };
        let regs = e
            .trashed
            .iter()
            .chain(e.reads.iter())
            .chain(e.writes.iter().map(|(r, _, _)| r));
        for &r in regs {
            if let Some(m) = self.in_reg.get(r as usize) {
                t.or_with(m);
            }
        }
        if let Some(m) = e.clobber_from.and_then(|c| self.above.get(c as usize)) {
            t.or_with(m);
        }
    }

    /// Whether record `j`'s register holds its value at position `p` for debug purposes, given
    /// whether it held it before `p` (`held`): the instruction does not replace it, or reads it
    /// (an error it raises names the local). At the record's first position, an instruction
    /// that writes the local itself (`local function f`: lua5.4's record starts at the
    /// `CLOSURE`) counts too.
    fn covers(&self, p: usize, j: usize, held: bool, first: bool) -> bool {
        let (Some(e), Some(&Some(r)), Some(&v)) =
            (self.effects.get(p), self.reg_of.get(j), self.vreg_of.get(j))
        else {
            return false;
        };
        if held {
            // A register the callee's frame takes over is the callee's during the call.
            let callee_owns =
                e.clobber_from.is_some_and(|c| c <= r) && e.call_func.is_some_and(|f| f != r);
            !e.foreign(r, v) || (e.reads.contains(&r) && !callee_owns)
        } else {
            first && e.defines(r, v) && !e.reads.contains(&r) && {
                // Nothing else lands in the register at the same time.
                let mut other = Effect::default();
                other.trashed.clone_from(&e.trashed);
                other.clobber_from = e.clobber_from;
                !other.foreign(r, v)
            }
        }
    }

    /// The records holding their value on entry to each block (a forward "must" dataflow:
    /// the intersection over the predecessors; parameters hold theirs on function entry).
    fn block_entry(&self) -> Vec<LocSet> {
        let f = self.f;
        let nl = f.locals.len();
        let nb = f.blocks.len();
        let succs: Vec<Vec<usize>> = (0..nb)
            .map(|b| {
                f.successors(crate::ir::BlockId(b as u32))
                    .into_iter()
                    .map(|s| s.0 as usize)
                    .filter(|&s| s < nb)
                    .collect()
            })
            .collect();
        // Unreachable blocks (code after a `goto`/`return`) never run: they do not constrain
        // their successors.
        let mut reachable = vec![false; nb];
        let mut work = vec![0usize];
        while let Some(b) = work.pop() {
            if b < nb && !reachable[b] {
                reachable[b] = true;
                work.extend(succs[b].iter().copied());
            }
        }
        let mut preds: Vec<Vec<usize>> = vec![Vec::new(); nb];
        for b in 0..nb {
            if reachable[b] {
                for &s in &succs[b] {
                    preds[s].push(b);
                }
            }
        }
        let mut entry = LocSet::empty(nl);
        for (j, &v) in self.vreg_of.iter().enumerate() {
            if f.params.iter().any(|p| p.0 == v) && self.reg_of[j].is_some() {
                entry.set(j, true);
            }
        }
        let block_in = |b: usize, out: &[LocSet]| -> LocSet {
            if b == 0 {
                return entry.clone();
            }
            if !reachable[b] {
                // Never runs: continue the layout predecessor's state (no record is split or
                // resumed by dead code).
                return out[b - 1].clone();
            }
            let mut it = preds[b].iter();
            match it.next() {
                None => LocSet::empty(nl),
                Some(&q) => {
                    let mut s = out[q].clone();
                    for &q in it {
                        s.and_with(&out[q]);
                    }
                    s
                }
            }
        };
        let mut out = vec![LocSet::full(nl); nb];
        let mut converged = false;
        for _ in 0..256 {
            let mut changed = false;
            for b in 0..nb {
                let mut s = block_in(b, &out);
                let blk = &f.blocks[b];
                for p in blk.start as usize..(blk.end as usize).min(f.insts.len()) {
                    self.apply(p, &mut s);
                }
                if s != out[b] {
                    out[b] = s;
                    changed = true;
                }
            }
            if !changed {
                converged = true;
                break;
            }
        }
        if !converged {
            // Never seen; stay sound: claim nothing at block entries but the first.
            return (0..nb)
                .map(|b| {
                    if b == 0 {
                        entry.clone()
                    } else {
                        LocSet::empty(nl)
                    }
                })
                .collect();
        }
        (0..nb).map(|b| block_in(b, &out)).collect()
    }
}

/// The local-variable records of a non-LIFO allocation.
///
/// Rule: a record of local `L` (register `r`) covers exactly the pcs of `L`'s scope where `r`
/// holds `L`'s value on every path reaching them (a forward dataflow over the blocks: a write of
/// `L` sets it, a write of anything else into `r`, a call or open result clobbering `r`, or the
/// collector clearing `r` above a GC safe point resets it; a `MOVE` within one register keeps
/// it). The instruction that overwrites `r` is still covered when it reads `L` (its error names
/// `L`), and so is the `MMBIN*` after an arithmetic instruction (it runs only when the
/// arithmetic failed, and names the same operands). When `r` is reused in the middle of the
/// scope and `L` written again later (pure-liveness allocators), `L` gets several records;
/// all records are sorted by `startpc` (lua5.4's `luaF_getlocalname` stops at the first record
/// starting after the pc). A local with no covered pc keeps one empty record; a parameter
/// always covers pc 0 (`debug.getlocal(f, n)` asks for parameter names there).
fn local_records(f: &Function, alloc: &Allocation, keep: &[bool], pos_pc: &[u32]) -> Vec<LocVar> {
    let n = f.insts.len();
    let nl = f.locals.len();
    let st = RegState::new(f, alloc, keep);
    let entry = st.block_entry();
    let pc_at = |p: usize| pos_pc.get(p.min(n)).copied().unwrap_or(0);
    let width = |p: usize| pc_at(p + 1).saturating_sub(pc_at(p));
    let mut block_at: Vec<Option<usize>> = vec![None; n + 1];
    for (b, blk) in f.blocks.iter().enumerate() {
        if let Some(x) = block_at.get_mut(blk.start as usize) {
            if x.is_none() {
                *x = Some(b);
            }
        }
    }
    // Records by first and by last position, so the active set is a sweep.
    let mut by_start: Vec<usize> = (0..nl).collect();
    by_start.sort_by_key(|&j| f.locals[j].start.0);
    let mut by_end: Vec<usize> = (0..nl).collect();
    by_end.sort_by_key(|&j| f.locals[j].end.0);
    let (mut next_start, mut next_end) = (0usize, 0usize);
    let end_of = |j: usize| (f.locals[j].end.0 as usize).min(n);
    let mut active = LocSet::empty(nl);
    // Records covering the current pc, with the pc where their current record opened.
    let mut open = LocSet::empty(nl);
    let mut opened_at: Vec<u32> = vec![0; nl];
    // Records activated since the last instruction that emitted code.
    let mut fresh: Vec<usize> = Vec::new();
    let mut segs: Vec<Vec<(u32, u32)>> = vec![Vec::new(); nl];
    let mut s = LocSet::empty(nl);
    // Coverage of the previous instruction, for an `MMBIN*` after it.
    let mut prev_want = LocSet::empty(nl);
    let mut touched = LocSet::empty(nl);
    // Scratch sets, reused at every position.
    let (mut want, mut diff) = (LocSet::empty(nl), LocSet::empty(nl));
    for p in 0..=n {
        while next_end < by_end.len() && end_of(by_end[next_end]) <= p {
            let j = by_end[next_end];
            next_end += 1;
            active.set(j, false);
            if open.get(j) {
                open.set(j, false);
                segs[j].push((opened_at[j], pc_at(p)));
            }
        }
        if p == n {
            break;
        }
        if let Some(Some(b)) = block_at.get(p) {
            if let Some(e) = entry.get(*b) {
                s.clone_from(e);
            }
        }
        while next_start < by_start.len() && (f.locals[by_start[next_start]].start.0 as usize) <= p
        {
            let j = by_start[next_start];
            next_start += 1;
            if end_of(j) > p {
                active.set(j, true);
                fresh.push(j);
            }
        }
        if width(p) > 0 {
            let is_mm = f.insts.get(p).is_some_and(|i| i.op.is_mm());
            // Coverage = "held" for every record whose register this position leaves alone;
            // the others (and the fresh ones) are decided one by one.
            want.clone_from(if is_mm { &prev_want } else { &s });
            want.and_with(&active);
            if !is_mm {
                st.touched(p, &mut touched);
                touched.and_with(&active);
                for &j in &fresh {
                    touched.set(j, true);
                }
                for j in touched.ones() {
                    let first = fresh.contains(&j);
                    want.set(j, st.covers(p, j, s.get(j), first));
                }
            }
            fresh.clear();
            diff.clone_from(&want);
            diff.xor_with(&open);
            for j in diff.ones() {
                if want.get(j) {
                    opened_at[j] = pc_at(p);
                } else {
                    segs[j].push((opened_at[j], pc_at(p)));
                }
            }
            open.clone_from(&want);
            if !is_mm {
                prev_want.clone_from(&want);
            }
        }
        st.apply(p, &mut s);
    }
    let mut out: Vec<(u32, usize, LocVar)> = Vec::with_capacity(nl);
    for (j, l) in f.locals.iter().enumerate() {
        let reg = aqua_bytecode::Reg(st.reg_of[j].unwrap_or(0) as u8);
        let start = pc_at(l.start.0 as usize);
        let scope_end = pc_at(l.end.0 as usize);
        let mut list: Vec<(u32, u32)> = segs[j].iter().copied().filter(|(a, b)| a < b).collect();
        if f.params.contains(&l.vreg) && start == 0 && scope_end > 0 {
            match list.first_mut() {
                Some(first) if first.0 == 0 => {}
                Some(first) if first.0 == 1 => first.0 = 0,
                _ => list.insert(0, (0, 1)),
            }
        }
        if list.is_empty() {
            list.push((start, start));
        }
        for (a, b) in list {
            out.push((
                a,
                j,
                LocVar {
                    name: l.name.clone(),
                    startpc: a,
                    endpc: b,
                    reg: Some(reg),
                },
            ));
        }
    }
    out.sort_by_key(|&(a, j, _)| (a, j));
    out.into_iter().map(|(_, _, lv)| lv).collect()
}

#[cfg(test)]
mod tests {
    use crate::{compile_with, Allocator, Options};
    use aqua_bytecode::Proto;

    fn compile(src: &str, allocator: Allocator) -> Proto {
        let opts = Options {
            allocator,
            check: true,
            ..Options::default()
        };
        compile_with(src.as_bytes(), b"=t", &opts).expect("compiles")
    }

    fn records(p: &Proto) -> Vec<(String, u32, u32)> {
        p.locvars
            .iter()
            .map(|l| {
                (
                    String::from_utf8_lossy(&l.name).into_owned(),
                    l.startpc,
                    l.endpc,
                )
            })
            .collect()
    }

    const SNIPPETS: &[&str] = &[
        "local s = 0\nfor i = 1, 10 do local d = i * i; s = s + d end\n\
         for k, v in pairs(t) do s = s + #k + v end\nreturn s\n",
        "local a = 1.5\nprint(a)\ndo local b = 'x'; print(b) end\nlocal c = a + 1\nreturn c\n",
        "local x = 1.5\nlocal w = 0\nwhile w < 1 do\n  w = w + 1\n  \
         x = 2.5 - ((c >= ((#tostring(x) < ((x < 0.5) and 1 or 2)) and x or -1)) and 0 or 1)\n\
         end\nreturn x >> 1\n",
        "local function f(n) if n > 0 then return f(n - 1) end return n end\nlocal y = f(3)\n\
         do\n  goto skip\n  local z = 1\n  ::skip::\nend\nreturn y\n",
    ];

    /// Allocators with lua5.4's lifetimes describe every local exactly as luac does (these
    /// snippets emit the same number of instructions under every allocator).
    #[test]
    fn faithful_allocators_keep_luacs_records() {
        let mut compared = 0;
        for src in SNIPPETS {
            let lifo = compile(src, Allocator::Lifo);
            for alloc in [Allocator::Linear, Allocator::Coloring] {
                let p = compile(src, alloc);
                if p.code.len() == lifo.code.len() {
                    assert_eq!(records(&p), records(&lifo), "{alloc:?}: {src}");
                    compared += 1;
                }
                assert!(p.locvars.iter().all(|l| l.reg.is_some()));
            }
        }
        assert!(compared >= 4, "{compared}");
    }

    /// Under every allocator: records sorted by `startpc` (luaF_getlocalname stops at the first
    /// later one), never longer than the function, and two records of one register never
    /// overlap (a register holds one local's value at a time).
    #[test]
    fn records_are_sorted_and_disjoint_per_register() {
        for src in SNIPPETS {
            for alloc in [
                Allocator::Linear,
                Allocator::LinearLive,
                Allocator::Coloring,
                Allocator::ColoringLive,
            ] {
                let p = compile(src, alloc);
                let lv = &p.locvars;
                assert!(
                    lv.windows(2).all(|w| w[0].startpc <= w[1].startpc),
                    "{alloc:?}"
                );
                for (i, a) in lv.iter().enumerate() {
                    assert!(a.startpc <= a.endpc && a.endpc as usize <= p.code.len());
                    for b in lv.iter().skip(i + 1) {
                        let overlap = a.startpc < b.endpc && b.startpc < a.endpc;
                        // Two locals may share a register only while it holds one value (a
                        // coalesced `local y = x`): then both names describe the same value.
                        if overlap && a.reg == b.reg {
                            assert!(
                                a.name != b.name,
                                "{alloc:?}: overlapping records of {:?}",
                                String::from_utf8_lossy(&a.name)
                            );
                        }
                    }
                }
            }
        }
    }

    /// A local whose register is borrowed inside its scope and written again afterwards gets a
    /// record again from that write on: the error at `x >> 1` names it.
    #[test]
    fn record_resumes_after_the_register_is_written_again() {
        for alloc in [
            Allocator::Linear,
            Allocator::LinearLive,
            Allocator::ColoringLive,
        ] {
            let p = compile(SNIPPETS[2], alloc);
            let shr = p
                .code
                .iter()
                .position(|i| i.opcode() == aqua_bytecode::OpCode::ShrI)
                .expect("SHRI") as u32;
            assert!(
                p.locvars
                    .iter()
                    .any(|l| &*l.name == b"x" && l.startpc <= shr && shr < l.endpc),
                "{alloc:?}: {:?}",
                records(&p)
            );
        }
    }
}
