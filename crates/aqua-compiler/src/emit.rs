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

use crate::ir::{Function, Inst, Opnd, VReg};
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
fn encode(ctx: &Ctx, i: &Inst, f: &Function) -> Result<Vec<Instruction>, CompileError> {
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
                let mut m = u32::MAX;
                for &v in &i.closes {
                    m = m.min(ctx.r(v)?);
                }
                if m == u32::MAX {
                    ctx.a.maxstacksize as u32
                } else {
                    m
                }
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
                0
            } else {
                ctx.base(i)?
            };
            vec![Instruction::abc(op, base, bb, c()?, i.k)]
        }
        Return0 => {
            let base = if ctx.a.lifo_levels { i.level as u32 } else { 0 };
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
    let ctx = Ctx { a: alloc };
    let n = f.insts.len();
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
        pc += f.insts.get(p).map(|i| i.size()).unwrap_or(1);
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
        let mut words = encode(&ctx, inst, f)?;
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
    let locvars = f
        .locals
        .iter()
        .map(|l| LocVar {
            name: l.name.clone(),
            startpc: pos_pc[(l.start.0 as usize).min(n)],
            endpc: pos_pc[(l.end.0 as usize).min(n)],
        })
        .collect();
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
    })
}
