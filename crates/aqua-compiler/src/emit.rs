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
//! - local-variable records carry their register ([`LocVar::reg`]) and end at the local's last
//!   read or write (extended through coalesced copies into single-assignment temporaries), so a
//!   register reused after a local died is never described as that local.

use crate::ir::{Function, Inst, Opnd, VReg};
use crate::regalloc::liveness::{for_each_def, for_each_use};
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
        let root = copy_roots(f, alloc, &keep);
        let writes = register_writes(f, alloc, &keep);
        f.locals
            .iter()
            .map(|l| {
                let startpc = pos_pc[(l.start.0 as usize).min(n)];
                let scope_end = (l.end.0 as usize).min(n);
                // The record lasts from the declaration until the local's register is first
                // written by anything else than the local (or a coalesced copy of it), or the
                // scope ends: the register holds the local's value all that time (including
                // while that writing instruction reads its operands, if it reads the local).
                let rv = root.get(l.vreg.0 as usize).copied().unwrap_or(l.vreg.0);
                let me = l.vreg.0;
                let start = l.start.0 as usize;
                let end = match alloc.reg(l.vreg).and_then(|r| writes.get(r.0 as usize)) {
                    Some(ws) => {
                        let k = ws.partition_point(|&(q, _)| (q as usize) < start);
                        match ws.get(k..).unwrap_or(&[]).iter().find(|&&(_, w)| w != me) {
                            None => scope_end,
                            Some(&(q, _)) => {
                                let q = q as usize;
                                let mut reads = false;
                                if let Some(i) = f.insts.get(q) {
                                    for_each_use(i, |u| {
                                        reads |= root.get(u.0 as usize) == Some(&rv);
                                    });
                                }
                                // An MMBIN after q runs only when q failed (wrote
                                // nothing) and reads q's operands.
                                let mm = f.insts.get(q + 1).is_some_and(|i| i.op.is_mm());
                                let e = match (reads, mm) {
                                    (true, true) => q + 2,
                                    (true, false) => q + 1,
                                    _ => q,
                                };
                                e.min(scope_end.max(q + 1))
                            }
                        }
                    }
                    None => scope_end,
                };
                let mut endpc = pos_pc[end].max(startpc);
                if alloc.reg(l.vreg).is_none() {
                    // Never written nor read: no register describes it.
                    endpc = startpc;
                }
                if f.params.contains(&l.vreg) {
                    endpc = endpc.max(pos_pc[scope_end].min(1));
                }
                LocVar {
                    name: l.name.clone(),
                    startpc,
                    endpc,
                    reg: Some(alloc.reg(l.vreg).unwrap_or(aqua_bytecode::Reg(0))),
                }
            })
            .collect()
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

/// For each vreg, the vreg whose value it may hold in the same register: itself, or for a vreg
/// written by a coalesced copy (a `MOVE` that emitted nothing), the root of the copy's source.
/// (Its other writes are register writes of their own, so until the next one it holds that
/// value.)
fn copy_roots(f: &Function, alloc: &Allocation, keep: &[bool]) -> Vec<u32> {
    let n = f.num_vregs as usize;
    let mut root: Vec<u32> = (0..n as u32).collect();
    for (p, i) in f.insts.iter().enumerate() {
        if i.op != OpCode::Move || keep.get(p).copied().unwrap_or(true) {
            continue;
        }
        if let (Opnd::R(d), Opnd::R(s)) = (i.a, i.b) {
            let (du, su) = (d.0 as usize, s.0 as usize);
            if du < n && su < n && alloc.reg(d) == alloc.reg(s) {
                root[du] = root[su];
            }
        }
    }
    root
}

/// For each register holding a named local, the sorted `(position, writer)` pairs of the
/// instructions that change its content: writes of a vreg (coalesced copies emit nothing and are
/// skipped) and clobbers by calls and open results (writer `u32::MAX`).
fn register_writes(f: &Function, alloc: &Allocation, keep: &[bool]) -> Vec<Vec<(u32, u32)>> {
    let top = alloc.maxstacksize as usize;
    // Only the registers of named locals are asked about.
    let mut wanted = vec![false; top.max(1)];
    for l in &f.locals {
        if let Some(x) = alloc.reg(l.vreg).and_then(|r| wanted.get_mut(r.0 as usize)) {
            *x = true;
        }
    }
    let mut w: Vec<Vec<(u32, u32)>> = vec![Vec::new(); top.max(1)];
    for (p, i) in f.insts.iter().enumerate() {
        if i.op == OpCode::Move && !keep.get(p).copied().unwrap_or(true) {
            continue;
        }
        for_each_def(i, |d| {
            if let Some(r) = alloc.reg(d) {
                if wanted.get(r.0 as usize).copied().unwrap_or(false) {
                    w[r.0 as usize].push((p as u32, d.0));
                }
            }
        });
        let clob = match (i.clobber_base(), i.open_out) {
            (Some(c), _) => Some(c as usize),
            (None, true) => Some(0),
            _ => None,
        };
        if let Some(c) = clob {
            let base = i
                .win
                .first()
                .and_then(|&v| alloc.reg(v))
                .map(|r| r.0 as usize)
                .or_else(|| {
                    i.wout
                        .first()
                        .and_then(|&v| alloc.reg(v))
                        .map(|r| (r.0 as usize).saturating_sub(i.wout_off as usize))
                });
            if let Some(b) = base {
                for (x, &want) in w.iter_mut().zip(wanted.iter()).skip(b + c) {
                    if want {
                        x.push((p as u32, u32::MAX));
                    }
                }
            }
        }
    }
    for x in w.iter_mut() {
        x.sort_unstable();
        x.dedup();
    }
    w
}
