//! Stack-bytecode emission (`aqua --target=stack`): IR + LIFO allocation → [`StackCode`].
//!
//! Role: the second back end of issue 4, kept to compare the register VM against a fair stack
//! machine. [`compile`] builds the IR, lowers it with the LIFO allocator to register code as
//! usual (the register code stays the reference for debug information: every stack instruction
//! records the register pc it came from), then emits each function's stack code into
//! `Proto::stack`.
//!
//! How a register instruction becomes stack code: its register operands are *pushed* (`PUSHL r`,
//! constants `PUSHK`/`PUSHI`...), the operation pops them and pushes its results, and results
//! whose register is not the slot they landed in are popped into it (`STOREL r`). The operand
//! stack lives in the register window itself (stack slot n = register n), so under LIFO
//! allocation most temporaries are produced exactly in their register: an operand that is
//! already on top of the stack, in order, and dies here is not pushed again ("in place"), and a
//! result that lands in its own register is not stored. Call windows are therefore contiguous
//! for free.
//!
//! Invariants the emitter keeps (checked by construction):
//! - the static stack pointer `sp` is at or above every register live at that point (the
//!   registers of live values, pinned captured/tbc locals and active named locals), so a push
//!   never overwrites a live value (`SETTOP` raises `sp` where needed);
//! - every block is entered with one stack height (jumps whose height differs go through a
//!   trampoline doing the `SETTOP`/`STOREL` first);
//! - an open result (`CALL`/`VARARG` with all results) sits in place at its register and is
//!   consumed by the next instruction.

use crate::ir::{BlockId, Function, Inst, Opnd};
use crate::regalloc::lifo::Lifo;
use crate::regalloc::{Allocation, RegAlloc};
use crate::{CompileError, Options};
use aqua_bytecode::stack_isa::{SInst, SOp, StackCode, MAXARG_AX24, NO_TRACE};
use aqua_bytecode::{Instruction, OpCode, Proto};

/// Which back end the compiler targets.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Target {
    /// Lua 5.4 register bytecode (the default).
    #[default]
    Register,
    /// Register bytecode plus stack bytecode in every `Proto::stack` (run by the stack VM).
    Stack,
}

/// Compile a chunk for the stack target (the register code is produced too, with LIFO).
pub fn compile(source: &[u8], chunkname: &[u8], opts: &Options) -> Result<Proto, CompileError> {
    crate::compile_with(source, chunkname, &opts.with_target(crate::Target::Stack))
}

/// Emit the stack code of `f` (and its nested functions) into `p`, which `lower` produced from
/// `f` with the LIFO allocator.
pub fn attach(f: &Function, p: &mut Proto) -> Result<(), CompileError> {
    let alloc = Lifo.allocate(f).map_err(|e| CompileError {
        line: f.linedefined,
        message: e.message.into_bytes(),
    })?;
    let (sc, maxsp) = Emitter::new(f, &alloc, p)?.run()?;
    if maxsp > p.maxstacksize as u32 {
        if maxsp > 255 {
            return Err(CompileError {
                line: f.linedefined,
                message: crate::regalloc::TOO_MANY_REGISTERS.as_bytes().to_vec(),
            });
        }
        p.maxstacksize = maxsp as u8;
    }
    p.stack = Some(Box::new(sc));
    for (cf, cp) in f.protos.iter().zip(p.protos.iter_mut()) {
        attach(cf, cp)?;
    }
    Ok(())
}

fn internal(msg: impl Into<String>) -> CompileError {
    CompileError {
        line: 0,
        message: format!("internal compiler error: stack emission: {}", msg.into()).into_bytes(),
    }
}

/// A set of registers.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
struct Bits([u64; 4]);

impl Bits {
    fn set(&mut self, r: u32) {
        if r < 256 {
            self.0[(r / 64) as usize] |= 1 << (r % 64);
        }
    }
    fn has(&self, r: u32) -> bool {
        r < 256 && self.0[(r / 64) as usize] & (1 << (r % 64)) != 0
    }
    fn or(&mut self, o: &Bits) {
        for i in 0..4 {
            self.0[i] |= o.0[i];
        }
    }
    fn minus(&mut self, o: &Bits) {
        for i in 0..4 {
            self.0[i] &= !o.0[i];
        }
    }
    /// One past the highest member (0 when empty).
    fn top(&self) -> u32 {
        for i in (0..4).rev() {
            if self.0[i] != 0 {
                return i as u32 * 64 + 64 - self.0[i].leading_zeros();
            }
        }
        0
    }
}

/// An operand to push.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Src {
    R(u32),
    K(u32),
}

/// A jump that needs a landing pad before its target.
struct Tramp {
    word: usize,
    store: Option<u32>,
    level: u32,
    target: BlockId,
    rpc: u32,
}

struct Emitter<'a> {
    f: &'a Function,
    p: &'a Proto,
    inst_pc: Vec<u32>,
    live_in: Vec<Bits>,
    live_out: Vec<Bits>,
    block_in: Vec<Bits>,
    code: Vec<SInst>,
    regpc: Vec<u32>,
    trace: Vec<u32>,
    /// Static stack height (`None`: unreachable point).
    sp: Option<u32>,
    /// The stack top is the thread's top (after an open result).
    open: bool,
    maxsp: u32,
    entry: Vec<Option<u32>>,
    label: Vec<Option<u32>>,
    fixups: Vec<(usize, BlockId)>,
    tramps: Vec<Tramp>,
    rpc: u32,
    /// The test just emitted: stack height on its jump path and the register its kept value
    /// goes to (`TESTSET` not in place).
    pending_test: Option<(u32, Option<u32>)>,
}

impl<'a> Emitter<'a> {
    fn new(f: &'a Function, alloc: &'a Allocation, p: &'a Proto) -> Result<Self, CompileError> {
        if !alloc.moves.is_empty() {
            return Err(internal("allocation with moves"));
        }
        let n = f.insts.len();
        let mut inst_pc = vec![0u32; n + 1];
        let mut pc = 0u32;
        for (q, i) in f.insts.iter().enumerate() {
            inst_pc[q] = pc;
            pc += i.size();
        }
        inst_pc[n] = pc;
        if pc as usize != p.code.len() {
            return Err(internal("register code does not match the IR"));
        }
        let reg = |v| alloc.reg(v).map(|r| r.0 as u32);
        // uses / defs per instruction, in registers (MMBIN* are fused into their arithmetic)
        let mut uses = vec![Bits::default(); n];
        let mut defs = vec![Bits::default(); n];
        for (q, i) in f.insts.iter().enumerate() {
            if !matches!(i.op, OpCode::MmBin | OpCode::MmBinI | OpCode::MmBinK) {
                for v in i.uses() {
                    if let Some(r) = reg(v) {
                        uses[q].set(r);
                    }
                }
            }
            for v in i.defs() {
                if let Some(r) = reg(v) {
                    defs[q].set(r);
                }
            }
        }
        // Register liveness per instruction: the block-level fixed point is the register
        // allocators' (`regalloc::liveness`, over vregs, mapped to the LIFO registers: under a
        // valid allocation a register is live exactly when the vreg it holds is); inside a block,
        // the same backward walk over registers.
        let nb = f.blocks.len();
        let vlive = crate::regalloc::liveness::compute(f);
        let mut block_in = vec![Bits::default(); nb];
        let mut live_in = vec![Bits::default(); n];
        let mut live_out = vec![Bits::default(); n];
        for (b, blk) in f.blocks.iter().enumerate() {
            let mut live = Bits::default();
            for v in vlive.live_out.get(b).into_iter().flat_map(|s| s.iter()) {
                if let Some(r) = reg(v) {
                    live.set(r);
                }
            }
            for q in (blk.start as usize..(blk.end as usize).min(n)).rev() {
                live_out[q] = live;
                live.minus(&defs[q]);
                live.or(&uses[q]);
                live_in[q] = live;
            }
            block_in[b] = live;
        }
        // pinned (captured / tbc) locals and active named locals stay untouched over their range
        let mut extra = vec![Bits::default(); n + 1];
        let mut add = |v, s: u32, e: u32| {
            if let Some(r) = reg(v) {
                for x in extra
                    .iter_mut()
                    .take((e as usize).min(n + 1))
                    .skip(s as usize)
                {
                    x.set(r);
                }
            }
        };
        for pn in &f.pinned {
            add(pn.vreg, pn.start.0, pn.end.0);
        }
        for l in &f.locals {
            add(l.vreg, l.start.0, l.end.0);
        }
        for q in 0..n {
            live_in[q].or(&extra[q]);
            let next = extra[q + 1];
            live_out[q].or(&next);
        }
        for (b, blk) in f.blocks.iter().enumerate() {
            if let Some(x) = extra.get(blk.start as usize) {
                block_in[b].or(x);
            }
        }
        Ok(Emitter {
            f,
            p,
            inst_pc,
            live_in,
            live_out,
            block_in,
            code: Vec::new(),
            regpc: Vec::new(),
            trace: Vec::new(),
            sp: Some(p.numparams as u32),
            open: false,
            maxsp: p.numparams as u32,
            entry: vec![None; nb],
            label: vec![None; nb],
            fixups: Vec::new(),
            tramps: Vec::new(),
            rpc: 0,
            pending_test: None,
        })
    }

    fn run(mut self) -> Result<(StackCode, u32), CompileError> {
        let f = self.f;
        for (b, blk) in f.blocks.iter().enumerate() {
            self.enter_block(b)?;
            for q in blk.start as usize..(blk.end as usize).min(f.insts.len()) {
                let first = self.code.len();
                let inline_jump = self.pending_test.is_some();
                self.inst(q, b)?;
                // where the register VM would dispatch this instruction (not the MMBIN* after
                // an arithmetic, nor the jump after a test, which it executes inline)
                if self.code.len() > first && !inline_jump {
                    if let Some(t) = self.trace.get_mut(first) {
                        *t = self.inst_pc[q];
                    }
                }
            }
        }
        // falling off the end cannot happen (the last instruction is a return)
        let tramps = std::mem::take(&mut self.tramps);
        for t in tramps {
            self.rpc = t.rpc;
            let here = self.code.len();
            self.patch(t.word, here)?;
            let mut lvl = t.level;
            if let Some(r) = t.store {
                self.emit(SInst::ab(SOp::StoreL, r, 0));
                lvl -= 1;
            }
            let e = self.entry_of(t.target, lvl);
            if e != lvl {
                self.emit(SInst::ab(SOp::SetTop, e, 0));
            }
            let w = self.emit(SInst::sax(SOp::Jmp, 0));
            self.fixups.push((w, t.target));
        }
        let fixups = std::mem::take(&mut self.fixups);
        for (w, b) in fixups {
            let Some(t) = self.label.get(b.0 as usize).copied().flatten() else {
                return Err(internal("jump to a block without code"));
            };
            self.patch(w, t as usize)?;
        }
        if self.code.len() as u32 >= (1 << 20) {
            return Err(CompileError {
                line: self.f.linedefined,
                message: b"function too long for the stack target".to_vec(),
            });
        }
        Ok((
            StackCode {
                code: self.code,
                regpc: self.regpc,
                trace: self.trace,
            },
            self.maxsp,
        ))
    }

    fn patch(&mut self, word: usize, target: usize) -> Result<(), CompileError> {
        let off = target as i64 - (word as i64 + 1);
        if off.abs() >= (1 << 23) {
            return Err(CompileError {
                line: self.f.linedefined,
                message: b"control structure too long".to_vec(),
            });
        }
        match self.code.get_mut(word) {
            Some(w) => {
                w.set_sax(off as i32);
                Ok(())
            }
            None => Err(internal("bad jump word")),
        }
    }

    fn emit(&mut self, i: SInst) -> usize {
        self.code.push(i);
        self.regpc.push(self.rpc);
        self.trace.push(NO_TRACE);
        self.code.len() - 1
    }

    fn floor_block(&self, b: BlockId) -> u32 {
        self.block_in.get(b.0 as usize).map_or(0, |x| x.top())
    }

    /// Does block `b` start with an instruction that sets `sp` itself (`TFORCALL`)?
    fn agnostic(&self, b: BlockId) -> bool {
        self.f
            .blocks
            .get(b.0 as usize)
            .and_then(|blk| self.f.insts.get(blk.start as usize))
            .is_some_and(|i| i.op == OpCode::TForCall)
    }

    /// The entry height of `b`, fixing it to `proposal` (or the block's floor) if not yet known.
    fn entry_of(&mut self, b: BlockId, proposal: u32) -> u32 {
        let fl = self.floor_block(b);
        match self.entry.get(b.0 as usize).copied().flatten() {
            Some(e) => e,
            None => {
                let e = proposal.max(fl);
                if let Some(x) = self.entry.get_mut(b.0 as usize) {
                    *x = Some(e);
                }
                e
            }
        }
    }

    fn enter_block(&mut self, b: usize) -> Result<(), CompileError> {
        let bid = BlockId(b as u32);
        if self.open {
            return Err(internal("open result across a block boundary"));
        }
        let fl = self.floor_block(bid);
        match (self.entry[b], self.sp) {
            (Some(e), Some(s)) => {
                if s != e && !self.agnostic(bid) {
                    self.rpc = self.first_rpc(b);
                    self.emit(SInst::ab(SOp::SetTop, e, 0));
                }
                self.sp = Some(e);
            }
            (Some(e), None) => self.sp = Some(e),
            (None, Some(s)) => {
                if s < fl {
                    self.rpc = self.first_rpc(b);
                    self.emit(SInst::ab(SOp::SetTop, fl, 0));
                }
                let e = s.max(fl);
                self.entry[b] = Some(e);
                self.sp = Some(e);
            }
            (None, None) => {
                self.entry[b] = Some(fl);
                self.sp = Some(fl);
            }
        }
        self.label[b] = Some(self.code.len() as u32);
        Ok(())
    }

    fn first_rpc(&self, b: usize) -> u32 {
        self.f
            .blocks
            .get(b)
            .and_then(|blk| self.inst_pc.get(blk.start as usize))
            .copied()
            .unwrap_or(0)
    }

    fn cur_sp(&self) -> Result<u32, CompileError> {
        if self.open {
            return Err(internal("open result not consumed"));
        }
        self.sp.ok_or_else(|| internal("no stack height"))
    }

    fn set_sp(&mut self, s: u32) {
        self.sp = Some(s);
        self.maxsp = self.maxsp.max(s);
    }

    fn settop(&mut self, n: u32) -> Result<(), CompileError> {
        if self.cur_sp()? != n {
            self.emit(SInst::ab(SOp::SetTop, n, 0));
        }
        self.set_sp(n);
        Ok(())
    }

    /// Raise `sp` above every register live before instruction `q`.
    fn ensure_floor(&mut self, q: usize) -> Result<(), CompileError> {
        let fl = self.live_in[q].top();
        let s = self.cur_sp()?;
        if s < fl {
            self.settop(fl)?;
        }
        Ok(())
    }

    /// Push the operands of instruction `q` (those already on top, in order, dying here, are
    /// used in place); `defs` are the registers its results will be stored to (a live operand
    /// may be used in place when its own result overwrites it). Returns the slot of the first
    /// operand.
    fn operands(&mut self, q: usize, ops: &[Src], defs: &[u32]) -> Result<u32, CompileError> {
        self.ensure_floor(q)?;
        let sp = self.cur_sp()?;
        let out = self.live_out[q];
        let mut k = 0;
        'cand: for cand in (1..=ops.len()).rev() {
            if cand as u32 > sp {
                continue;
            }
            let base = sp - cand as u32;
            for (j, o) in ops[..cand].iter().enumerate() {
                let slot = base + j as u32;
                match *o {
                    Src::R(r) if r == slot => {
                        if out.has(r) && defs.get(j) != Some(&r) {
                            continue 'cand;
                        }
                    }
                    _ => continue 'cand,
                }
            }
            k = cand;
            break;
        }
        if k == 0 {
            // nothing in place: start the operands where the first result belongs, when no
            // live value is in the way (results then land in their registers)
            if let Some(&d) = defs.first() {
                if d >= self.live_in[q].top() && d != sp {
                    self.settop(d)?;
                }
            }
        }
        let sp = self.cur_sp()?;
        let base = sp - k as u32;
        for o in &ops[k..] {
            match *o {
                Src::R(r) => self.emit(SInst::ab(SOp::PushL, r, 0)),
                Src::K(c) => self.push_k(c)?,
            };
            let s = self.cur_sp()? + 1;
            self.set_sp(s);
        }
        Ok(base)
    }

    /// Operands `[x, t]` where `t` was just computed in place on top and `x` is not there
    /// (`x + f(y)` lowered as `t := f(y); r := x + t`): push `x` and use the reversed opcode
    /// (what a compiler pushing `x` first would get, at the same count). Returns the slot of `t`
    /// (where the result lands) or `None` when the pattern does not apply.
    fn reversed(
        &mut self,
        q: usize,
        ops: &[Src],
        defs: &[u32],
    ) -> Result<Option<u32>, CompileError> {
        if ops.len() != 2 || self.open {
            return Ok(None);
        }
        self.ensure_floor(q)?;
        let sp = self.cur_sp()?;
        let Src::R(t) = ops[1] else { return Ok(None) };
        if sp == 0 || t != sp - 1 {
            return Ok(None);
        }
        let out = self.live_out[q];
        if sp >= 2
            && ops[0] == Src::R(sp - 2)
            && (!out.has(sp - 2) || defs.first() == Some(&(sp - 2)))
        {
            return Ok(None); // both in place: the plain form
        }
        if out.has(t) && defs.first() != Some(&t) {
            return Ok(None);
        }
        match ops[0] {
            Src::R(r) => self.emit(SInst::ab(SOp::PushL, r, 0)),
            Src::K(c) => self.push_k(c)?,
        };
        self.set_sp(sp + 1);
        Ok(Some(t))
    }

    fn push_k(&mut self, c: u32) -> Result<usize, CompileError> {
        if c > MAXARG_AX24 {
            return Err(CompileError {
                line: self.f.linedefined,
                message: b"too many constants for the stack target".to_vec(),
            });
        }
        Ok(self.emit(SInst::ax(SOp::PushK, c)))
    }

    /// After an operation that left `defs.len()` results at `base..`: store those not in their
    /// register.
    fn results(&mut self, base: u32, defs: &[u32]) -> Result<(), CompileError> {
        let m = defs.len() as u32;
        self.set_sp(base + m);
        let mut q = 0;
        while (q as usize) < defs.len() && defs[q as usize] == base + q {
            q += 1;
        }
        for j in (q..m).rev() {
            let d = defs[j as usize];
            if d >= base && d < base + j {
                return Err(internal(format!(
                    "result stored over a pending result (pc {}, line {})",
                    self.rpc + 1,
                    self.p.lineinfo.get(self.rpc as usize).copied().unwrap_or(0)
                )));
            }
            self.emit(SInst::ab(SOp::StoreL, d, 0));
            self.set_sp(base + j);
        }
        Ok(())
    }

    /// A one-result operation: push `ops`, emit `op` (mapped to register pc `oprpc`), store into
    /// `dst`.
    fn unop(
        &mut self,
        q: usize,
        ops: &[Src],
        op: SInst,
        dst: u32,
        oprpc: u32,
    ) -> Result<(), CompileError> {
        self.unop_rev(q, ops, op, None, dst, oprpc)
    }

    /// `unop` with the reversed form `rev` of a two-operand `op` (see [`Self::reversed`]).
    fn unop_rev(
        &mut self,
        q: usize,
        ops: &[Src],
        op: SInst,
        rev: Option<SOp>,
        dst: u32,
        oprpc: u32,
    ) -> Result<(), CompileError> {
        let (base, op) = match rev {
            Some(r) => match self.reversed(q, ops, &[dst])? {
                Some(b) => (b, SInst::ab(r, op.a(), op.b())),
                None => (self.operands(q, ops, &[dst])?, op),
            },
            None => (self.operands(q, ops, &[dst])?, op),
        };
        let save = self.rpc;
        self.rpc = oprpc;
        self.emit(op);
        self.rpc = save;
        self.results(base, &[dst])
    }

    /// An operation without results.
    fn sink(&mut self, q: usize, ops: &[Src], op: SInst) -> Result<u32, CompileError> {
        let base = self.operands(q, ops, &[])?;
        self.emit(op);
        self.set_sp(base);
        Ok(base)
    }

    /// The jump word of a test or loop instruction (or a plain `JMP` with `uncond`), taken with
    /// the stack at height `level` (`store`: pop the top into that register first).
    fn jump(
        &mut self,
        target: BlockId,
        level: u32,
        store: Option<u32>,
        uncond: bool,
    ) -> Result<(), CompileError> {
        if store.is_none() {
            let direct = if self.agnostic(target) {
                true
            } else {
                let e = self.entry_of(target, level);
                if e != level && uncond {
                    self.emit(SInst::ab(SOp::SetTop, e, 0));
                    self.maxsp = self.maxsp.max(e);
                    true
                } else {
                    e == level
                }
            };
            if direct {
                let w = self.emit(SInst::sax(SOp::Jmp, 0));
                self.fixups.push((w, target));
                return Ok(());
            }
        }
        let w = self.emit(SInst::sax(SOp::Jmp, 0));
        self.tramps.push(Tramp {
            word: w,
            store,
            level,
            target,
            rpc: self.rpc,
        });
        Ok(())
    }

    fn inst(&mut self, q: usize, b: usize) -> Result<(), CompileError> {
        let f = self.f;
        let i: &Inst = &f.insts[q];
        let rpc = self.inst_pc[q];
        self.rpc = rpc;
        let w: Instruction = *self
            .p
            .code
            .get(rpc as usize)
            .ok_or_else(|| internal("pc out of range"))?;
        let next_word = self.p.code.get(rpc as usize + 1).copied();
        if self.sp.is_none() && !self.open {
            // unreachable code (after a return or jump inside its block): any consistent height
            let fl = self.live_in[q].top();
            self.sp = Some(fl);
        }
        let (a, bb, c, k) = (w.a(), w.b(), w.c(), w.k());
        let rk = |c: u32, k: bool| if k { Src::K(c) } else { Src::R(c) };
        use OpCode as O;
        match w.opcode() {
            O::Move => {
                let base = self.operands(q, &[Src::R(bb)], &[a])?;
                self.results(base, &[a])?;
            }
            O::LoadI => {
                self.operands(q, &[], &[a])?;
                let base = self.cur_sp()?;
                self.emit(SInst::sax(SOp::PushI, w.sbx()));
                self.results(base, &[a])?;
            }
            O::LoadF => {
                self.operands(q, &[], &[a])?;
                let base = self.cur_sp()?;
                self.emit(SInst::sax(SOp::PushF, w.sbx()));
                self.results(base, &[a])?;
            }
            O::LoadK | O::LoadKX => {
                let kx = if w.opcode() == O::LoadK {
                    w.bx()
                } else {
                    next_word.map_or(0, |x| x.ax())
                };
                self.operands(q, &[], &[a])?;
                let base = self.cur_sp()?;
                self.push_k(kx)?;
                self.results(base, &[a])?;
            }
            O::LoadFalse | O::LoadTrue | O::LFalseSkip => {
                self.operands(q, &[], &[a])?;
                let base = self.cur_sp()?;
                let op = if w.opcode() == O::LoadTrue {
                    SOp::PushTrue
                } else {
                    SOp::PushFalse
                };
                self.emit(SInst::ab(op, 0, 0));
                self.results(base, &[a])?;
                if w.opcode() == O::LFalseSkip {
                    let s = self.cur_sp()?;
                    self.jump(BlockId(b as u32 + 2), s, None, true)?;
                    self.sp = None;
                }
            }
            O::LoadNil => {
                self.operands(q, &[], &[a])?;
                let base = self.cur_sp()?;
                let defs: Vec<u32> = (a..=a + bb).collect();
                self.emit(SInst::ab(SOp::PushNil, bb + 1, 0));
                self.results(base, &defs)?;
            }
            O::GetUpval => {
                self.operands(q, &[], &[a])?;
                let base = self.cur_sp()?;
                self.emit(SInst::ab(SOp::PushUp, bb, 0));
                self.results(base, &[a])?;
            }
            O::SetUpval => {
                self.sink(q, &[Src::R(a)], SInst::ab(SOp::StoreUp, bb, 0))?;
            }
            O::GetTabUp => {
                self.operands(q, &[], &[a])?;
                let base = self.cur_sp()?;
                self.emit(SInst::ab(SOp::GetTabUp, bb, c));
                self.results(base, &[a])?;
            }
            O::GetTable => self.unop_rev(
                q,
                &[Src::R(bb), Src::R(c)],
                SInst::ab(SOp::GetTable, 0, 0),
                Some(SOp::GetTableR),
                a,
                rpc,
            )?,
            O::GetI => self.unop(q, &[Src::R(bb)], SInst::ab(SOp::GetI, 0, c), a, rpc)?,
            O::GetField => self.unop(q, &[Src::R(bb)], SInst::ab(SOp::GetField, 0, c), a, rpc)?,
            O::SetTabUp => {
                self.sink(q, &[rk(c, k)], SInst::ab(SOp::SetTabUp, a, bb))?;
            }
            O::SetTable => {
                self.sink(
                    q,
                    &[Src::R(a), Src::R(bb), rk(c, k)],
                    SInst::ab(SOp::SetTable, 0, 0),
                )?;
            }
            O::SetI | O::SetField => {
                let ops = [Src::R(a), rk(c, k)];
                let (op, rev) = if w.opcode() == O::SetI {
                    (SOp::SetI, SOp::SetIR)
                } else {
                    (SOp::SetField, SOp::SetFieldR)
                };
                match self.reversed(q, &ops, &[])? {
                    Some(base) => {
                        self.emit(SInst::ab(rev, 0, bb));
                        self.set_sp(base);
                    }
                    None => {
                        self.sink(q, &ops, SInst::ab(op, 0, bb))?;
                    }
                }
            }
            O::NewTable => {
                let mut size = c;
                if k {
                    size += next_word.map_or(0, |x| x.ax()) * 256;
                }
                self.operands(q, &[], &[a])?;
                let base = self.cur_sp()?;
                self.emit(SInst::ab(SOp::NewTable, bb, size.min(0xffff)));
                self.results(base, &[a])?;
            }
            O::Self_ => {
                let (ops, op) = if k {
                    (vec![Src::R(bb)], SInst::ab(SOp::Self_, 0, c))
                } else {
                    (vec![Src::R(bb), Src::R(c)], SInst::ab(SOp::SelfT, 0, 0))
                };
                let base = self.operands(q, &ops, &[a, a + 1])?;
                self.emit(op);
                self.results(base, &[a, a + 1])?;
            }
            O::AddI | O::ShrI | O::ShlI => {
                let (flip, mrpc) = mm_info(next_word, rpc);
                let op = match w.opcode() {
                    O::AddI => SOp::AddI,
                    O::ShrI => SOp::ShrI,
                    _ => SOp::ShlI,
                };
                let imm = (w.sc() as i16) as u16 as u32;
                self.unop(q, &[Src::R(bb)], SInst::ab(op, flip, imm), a, mrpc)?;
            }
            O::AddK
            | O::SubK
            | O::MulK
            | O::ModK
            | O::PowK
            | O::DivK
            | O::IDivK
            | O::BAndK
            | O::BOrK
            | O::BXorK => {
                let (flip, mrpc) = mm_info(next_word, rpc);
                let op = match w.opcode() {
                    O::AddK => SOp::AddK,
                    O::SubK => SOp::SubK,
                    O::MulK => SOp::MulK,
                    O::ModK => SOp::ModK,
                    O::PowK => SOp::PowK,
                    O::DivK => SOp::DivK,
                    O::IDivK => SOp::IDivK,
                    O::BAndK => SOp::BAndK,
                    O::BOrK => SOp::BOrK,
                    _ => SOp::BXorK,
                };
                self.unop(q, &[Src::R(bb)], SInst::ab(op, flip, c), a, mrpc)?;
            }
            O::Add
            | O::Sub
            | O::Mul
            | O::Mod
            | O::Pow
            | O::Div
            | O::IDiv
            | O::BAnd
            | O::BOr
            | O::BXor
            | O::Shl
            | O::Shr => {
                let op = match w.opcode() {
                    O::Add => SOp::Add,
                    O::Sub => SOp::Sub,
                    O::Mul => SOp::Mul,
                    O::Mod => SOp::Mod,
                    O::Pow => SOp::Pow,
                    O::Div => SOp::Div,
                    O::IDiv => SOp::IDiv,
                    O::BAnd => SOp::BAnd,
                    O::BOr => SOp::BOr,
                    O::BXor => SOp::BXor,
                    O::Shl => SOp::Shl,
                    _ => SOp::Shr,
                };
                let rev = match op {
                    SOp::Add => SOp::AddR,
                    SOp::Sub => SOp::SubR,
                    SOp::Mul => SOp::MulR,
                    SOp::Mod => SOp::ModR,
                    SOp::Pow => SOp::PowR,
                    SOp::Div => SOp::DivR,
                    SOp::IDiv => SOp::IDivR,
                    SOp::BAnd => SOp::BAndR,
                    SOp::BOr => SOp::BOrR,
                    SOp::BXor => SOp::BXorR,
                    SOp::Shl => SOp::ShlR,
                    _ => SOp::ShrR,
                };
                self.unop_rev(
                    q,
                    &[Src::R(bb), Src::R(c)],
                    SInst::ab(op, 0, 0),
                    Some(rev),
                    a,
                    mm_info(next_word, rpc).1,
                )?;
            }
            O::MmBin | O::MmBinI | O::MmBinK | O::ExtraArg => {}
            O::Unm | O::BNot | O::Not | O::Len => {
                let op = match w.opcode() {
                    O::Unm => SOp::Unm,
                    O::BNot => SOp::BNot,
                    O::Not => SOp::Not,
                    _ => SOp::Len,
                };
                self.unop(q, &[Src::R(bb)], SInst::ab(op, 0, 0), a, rpc)?;
            }
            O::Concat => {
                self.ensure_floor(q)?;
                self.settop(a + bb)?;
                self.emit(SInst::ab(SOp::Concat, a, bb));
                self.results(a, &[a])?;
            }
            O::Close => {
                self.emit(SInst::ab(SOp::Close, a, 0));
            }
            O::Tbc => {
                self.emit(SInst::ab(SOp::Tbc, a, 0));
            }
            O::Jmp => {
                let t = i.target.ok_or_else(|| internal("jump without target"))?;
                if let Some((lvl, store)) = self.pending_test.take() {
                    // the jump word of the test just emitted
                    self.jump(t, lvl, store, false)?;
                } else {
                    let s = self.cur_sp()?;
                    self.jump(t, s, None, true)?;
                    self.sp = None;
                }
            }
            O::Eq | O::Lt | O::Le => {
                let (op, rev) = match w.opcode() {
                    O::Eq => (SOp::Eq, SOp::EqR),
                    O::Lt => (SOp::Lt, SOp::LtR),
                    _ => (SOp::Le, SOp::LeR),
                };
                let ops = [Src::R(a), Src::R(bb)];
                match self.reversed(q, &ops, &[])? {
                    Some(base) => {
                        self.emit(SInst::ab(rev, k as u32, 0));
                        self.set_sp(base);
                        self.pending_test = Some((base, None));
                    }
                    None => self.test(q, &ops, SInst::ab(op, k as u32, 0))?,
                }
            }
            O::EqK => {
                self.test(q, &[Src::R(a)], SInst::ab(SOp::EqK, k as u32, bb))?;
            }
            O::EqI | O::LtI | O::LeI | O::GtI | O::GeI => {
                let op = match w.opcode() {
                    O::EqI => SOp::EqI,
                    O::LtI => SOp::LtI,
                    O::LeI => SOp::LeI,
                    O::GtI => SOp::GtI,
                    _ => SOp::GeI,
                };
                let flags = k as u32 | ((c != 0) as u32) << 1;
                let imm = (w.sb() as i16) as u16 as u32;
                self.test(q, &[Src::R(a)], SInst::ab(op, flags, imm))?;
            }
            O::Test => {
                // a value on top that is the result on the jump path and dead on the other
                // (`x and y`, `x or y`): keep it on the jump, as TESTSET does
                let sp = self.cur_sp()?;
                let next_in = self.block_in.get(b + 1).copied().unwrap_or_default();
                let target_in = f
                    .insts
                    .get(q + 1)
                    .and_then(|j| j.target)
                    .and_then(|t| self.block_in.get(t.0 as usize).copied())
                    .unwrap_or_default();
                if !self.open && sp >= 1 && a == sp - 1 && !next_in.has(a) && target_in.has(a) {
                    self.ensure_floor(q)?;
                    if self.cur_sp()? == sp {
                        self.emit(SInst::ab(SOp::TestSet, k as u32, 0));
                        self.pending_test = Some((sp, None));
                        self.set_sp(a);
                        return Ok(());
                    }
                }
                self.test(q, &[Src::R(a)], SInst::ab(SOp::Test, k as u32, 0))?;
            }
            O::TestSet => {
                let base = self.operands(q, &[Src::R(bb)], &[a])?;
                self.emit(SInst::ab(SOp::TestSet, k as u32, 0));
                // jump path: the value stays at `base` (in place if that is `a`)
                let store = if base == a { None } else { Some(a) };
                self.pending_test = Some((base + 1, store));
                self.set_sp(base);
            }
            O::Call => {
                self.ensure_window(q, a, bb)?;
                self.emit(SInst::ab(SOp::Call, a, bb | (c << 8)));
                if c == 0 {
                    self.open = true;
                    self.sp = None;
                    self.maxsp = self.maxsp.max(a + 1);
                } else {
                    let defs: Vec<u32> = (a..a + c - 1).collect();
                    self.results(a, &defs)?;
                }
            }
            O::TailCall => {
                self.ensure_window(q, a, bb)?;
                self.emit(SInst::ab(SOp::TailCall, a, bb | ((k as u32) << 8)));
                self.open = true;
                self.sp = None;
            }
            O::Return => {
                if bb == 0 {
                    if !self.open {
                        return Err(internal("open RETURN without an open producer"));
                    }
                    self.open = false;
                    self.emit(SInst::ab(SOp::Return, a, (k as u32) << 8));
                } else {
                    self.open = false;
                    if self.sp.is_none() {
                        self.sp = Some(self.live_in[q].top());
                    }
                    let n = bb - 1;
                    if n > 0 {
                        self.ensure_floor(q)?;
                        self.settop(a + n)?;
                    }
                    if !k && n == 0 {
                        self.emit(SInst::ab(SOp::Return0, 0, 0));
                    } else if !k && n == 1 {
                        self.emit(SInst::ab(SOp::Return1, 0, 0));
                    } else {
                        self.emit(SInst::ab(SOp::Return, a, bb | ((k as u32) << 8)));
                    }
                }
                self.sp = None;
            }
            O::Return0 => {
                self.open = false;
                self.emit(SInst::ab(SOp::Return0, 0, 0));
                self.sp = None;
            }
            O::Return1 => {
                self.open = false;
                if self.sp.is_none() {
                    self.sp = Some(self.live_in[q].top());
                }
                self.ensure_floor(q)?;
                self.settop(a + 1)?;
                self.emit(SInst::ab(SOp::Return1, 0, 0));
                self.sp = None;
            }
            O::ForPrep => {
                let t = i.target.ok_or_else(|| internal("FORPREP without target"))?;
                self.ensure_floor(q)?;
                self.settop(a + 3)?;
                self.emit(SInst::ab(SOp::ForPrep, a, 0));
                self.set_sp(a + 4);
                // not run: the loop state is dropped (sp := A)
                self.jump(t, a, None, false)?;
            }
            O::ForLoop => {
                // continues with sp := A+4 (the body's entry height), exits with sp := A
                let t = i.target.ok_or_else(|| internal("FORLOOP without target"))?;
                self.emit(SInst::ab(SOp::ForLoop, a, 0));
                self.jump(t, a + 4, None, false)?;
                self.set_sp(a);
            }
            O::TForPrep => {
                let t = i
                    .target
                    .ok_or_else(|| internal("TFORPREP without target"))?;
                self.ensure_floor(q)?;
                self.settop(a + 4)?;
                self.emit(SInst::ab(SOp::TForPrep, a, 0));
                self.jump(t, a + 4, None, false)?;
                self.sp = None;
            }
            O::TForCall => {
                self.emit(SInst::ab(SOp::TForCall, a, c));
                let defs: Vec<u32> = (a + 4..a + 4 + c).collect();
                self.results(a + 4, &defs)?;
            }
            O::TForLoop => {
                let t = i
                    .target
                    .ok_or_else(|| internal("TFORLOOP without target"))?;
                self.emit(SInst::ab(SOp::TForLoop, a, 0));
                let s = self.cur_sp()?;
                self.jump(t, s, None, false)?;
                self.set_sp(a); // exit: the loop state is dropped
            }
            O::SetList => {
                let mut last = c;
                if k {
                    last += next_word.map_or(0, |x| x.ax()) * 256;
                }
                if bb == 0 {
                    if !self.open {
                        return Err(internal("open SETLIST without an open producer"));
                    }
                    self.open = false;
                    self.sp = Some(a + 1);
                } else {
                    self.ensure_floor(q)?;
                    self.settop(a + bb + 1)?;
                }
                self.emit(SInst::ab(SOp::SetList, a, bb));
                self.emit(SInst::ax(SOp::Extra, last.min(MAXARG_AX24)));
                self.set_sp(a + 1);
            }
            O::Closure => {
                self.operands(q, &[], &[a])?;
                let base = self.cur_sp()?;
                self.emit(SInst::ax(SOp::Closure, w.bx()));
                self.results(base, &[a])?;
            }
            O::VarArg => {
                self.ensure_floor(q)?;
                self.settop(a)?;
                self.emit(SInst::ab(SOp::VarArg, a, c));
                if c == 0 {
                    self.open = true;
                    self.sp = None;
                } else {
                    self.set_sp(a + c - 1);
                }
            }
            O::VarArgPrep => {
                self.emit(SInst::ab(SOp::VarArgPrep, 0, 0));
                self.set_sp(self.p.numparams as u32);
            }
        }
        Ok(())
    }

    /// `CALL`/`TAILCALL` window: the function and arguments are at `a..a+nargs` (in place).
    fn ensure_window(&mut self, q: usize, a: u32, b: u32) -> Result<(), CompileError> {
        if b == 0 {
            if !self.open {
                return Err(internal("open call without an open producer"));
            }
            self.open = false;
            self.sp = Some(a + 1);
            return Ok(());
        }
        self.ensure_floor(q)?;
        self.settop(a + b)
    }

    /// A test: push operands, emit `op` (its jump word follows with the block's `JMP`).
    fn test(&mut self, q: usize, ops: &[Src], op: SInst) -> Result<(), CompileError> {
        let base = self.operands(q, ops, &[])?;
        self.emit(op);
        self.set_sp(base);
        self.pending_test = Some((base, None));
        Ok(())
    }
}

/// The flipped flag of the `MMBIN*` after an arithmetic instruction at `rpc` and the pc its
/// metamethod fallback reports (the `MMBIN*`'s, as in the register VM).
fn mm_info(next: Option<Instruction>, rpc: u32) -> (u32, u32) {
    match next {
        Some(x) if matches!(x.opcode(), OpCode::MmBin | OpCode::MmBinI | OpCode::MmBinK) => {
            (x.k() as u32, rpc + 1)
        }
        _ => (0, rpc),
    }
}

/// Give `p` (e.g. an undumped binary chunk, which carries no IR) and its nested functions stack
/// code, by rebuilding IR over registers from its register code (vreg n = register n, the
/// identity allocation).
pub fn attach_to_register_code(p: &mut Proto) -> Result<(), CompileError> {
    let f = ir_from_register_code(p);
    let alloc = Allocation {
        regs: (0..=255u8).map(|r| Some(aqua_bytecode::Reg(r))).collect(),
        moves: Vec::new(),
        maxstacksize: p.maxstacksize,
        lifo_levels: true,
    };
    let (sc, maxsp) = Emitter::new(&f, &alloc, p)?.run()?;
    if maxsp > p.maxstacksize as u32 {
        if maxsp > 255 {
            return Err(internal("frame too large for the stack target"));
        }
        p.maxstacksize = maxsp as u8;
    }
    p.stack = Some(Box::new(sc));
    for c in p.protos.iter_mut() {
        attach_to_register_code(c)?;
    }
    Ok(())
}

/// IR over registers rebuilt from register code: one `Inst` per instruction (EXTRAARG words
/// folded into their owner), blocks from the jump targets, uses/defs from the opcode semantics,
/// locals from the debug information.
fn ir_from_register_code(p: &Proto) -> Function {
    use crate::ir::{Block, InstId, LocalInfo, VReg};
    let r = |x: u32| Opnd::R(VReg(x));
    let code = &p.code;
    // positions of instruction words (EXTRAARG folded)
    let mut pos_of_pc = vec![0u32; code.len() + 1];
    let mut pcs = Vec::new();
    let mut pc = 0usize;
    while pc < code.len() {
        pos_of_pc[pc] = pcs.len() as u32;
        pcs.push(pc);
        let w = code[pc];
        let size = match w.opcode() {
            OpCode::LoadKX | OpCode::NewTable => 2,
            OpCode::SetList if w.k() => 2,
            _ => 1,
        };
        let owner = pcs.len() as u32 - 1;
        for slot in pos_of_pc
            .iter_mut()
            .take((pc + size).min(code.len()))
            .skip(pc + 1)
        {
            *slot = owner;
        }
        pc += size;
    }
    pos_of_pc[code.len()] = pcs.len() as u32;
    let target_pc = |pc: usize, w: Instruction| -> Option<usize> {
        let next = pc as i64 + 1;
        let t = match w.opcode() {
            OpCode::Jmp => next + w.sj() as i64,
            OpCode::ForPrep => next + w.bx() as i64 + 1,
            OpCode::ForLoop | OpCode::TForLoop => next - w.bx() as i64,
            OpCode::TForPrep => next + w.bx() as i64,
            _ => return None,
        };
        (t >= 0 && (t as usize) <= code.len()).then_some(t as usize)
    };
    // leaders
    let n = pcs.len();
    let mut leader = vec![false; n + 1];
    leader[0] = true;
    for (q, &pc) in pcs.iter().enumerate() {
        let w = code[pc];
        if let Some(t) = target_pc(pc, w) {
            leader[pos_of_pc[t] as usize] = true;
        }
        let op = w.opcode();
        if matches!(
            op,
            OpCode::Jmp
                | OpCode::Return
                | OpCode::Return0
                | OpCode::Return1
                | OpCode::ForPrep
                | OpCode::ForLoop
                | OpCode::TForPrep
                | OpCode::TForLoop
                | OpCode::LFalseSkip
        ) {
            leader[q + 1] = true;
        }
        if op == OpCode::LFalseSkip {
            leader[(q + 2).min(n)] = true;
        }
    }
    // a test and its jump stay in one block
    for (q, &pc) in pcs.iter().enumerate() {
        if code[pc].opcode().is_test() && q + 1 < n {
            leader[q + 1] = false;
        }
    }
    let mut blocks = Vec::new();
    let mut block_of = vec![0u32; n + 1];
    let mut start = 0;
    for q in 1..=n {
        if leader[q] || q == n {
            blocks.push(Block {
                start: start as u32,
                end: q as u32,
            });
            start = q;
        }
        block_of[q] = blocks.len() as u32;
    }
    block_of[0] = 0;
    let bid = |pc: usize| BlockId(block_of[pos_of_pc[pc.min(code.len())] as usize]);
    let mut insts = Vec::with_capacity(n);
    let mut open_base: Option<u32> = None;
    for &pc in &pcs {
        let w = code[pc];
        let (a, b, c, k) = (w.a(), w.b(), w.c(), w.k());
        let line = p.lineinfo.get(pc).copied().unwrap_or(0);
        let mut i = Inst::new(w.opcode(), line);
        let rk = |c: u32, k: bool| if k { Opnd::None } else { r(c) };
        let range = |from: u32, to: u32| (from..to).map(VReg).collect::<Vec<_>>();
        use OpCode as O;
        match w.opcode() {
            O::Move
            | O::GetTable
            | O::Add
            | O::Sub
            | O::Mul
            | O::Mod
            | O::Pow
            | O::Div
            | O::IDiv
            | O::BAnd
            | O::BOr
            | O::BXor
            | O::Shl
            | O::Shr
            | O::MmBin
            | O::Eq
            | O::Lt
            | O::Le
            | O::TestSet => {
                i.a = r(a);
                i.b = r(b);
                if !matches!(
                    w.opcode(),
                    O::Move | O::MmBin | O::Eq | O::Lt | O::Le | O::TestSet
                ) {
                    i.c = r(c);
                }
            }
            O::LoadI
            | O::LoadF
            | O::LoadK
            | O::LoadKX
            | O::LoadFalse
            | O::LFalseSkip
            | O::LoadTrue
            | O::GetUpval
            | O::SetUpval
            | O::GetTabUp
            | O::NewTable
            | O::Closure
            | O::MmBinI
            | O::MmBinK
            | O::EqK
            | O::EqI
            | O::LtI
            | O::LeI
            | O::GtI
            | O::GeI
            | O::Test
            | O::Tbc
            | O::Return1 => i.a = r(a),
            O::GetI
            | O::GetField
            | O::AddI
            | O::AddK
            | O::SubK
            | O::MulK
            | O::ModK
            | O::PowK
            | O::DivK
            | O::IDivK
            | O::BAndK
            | O::BOrK
            | O::BXorK
            | O::ShrI
            | O::ShlI
            | O::Unm
            | O::BNot
            | O::Not
            | O::Len => {
                i.a = r(a);
                i.b = r(b);
            }
            O::LoadNil => i.wout = range(a, a + b + 1),
            O::SetTabUp => i.c = rk(c, k),
            O::SetTable => {
                i.a = r(a);
                i.b = r(b);
                i.c = rk(c, k);
            }
            O::SetI | O::SetField => {
                i.a = r(a);
                i.c = rk(c, k);
            }
            O::Self_ => {
                i.b = r(b);
                i.c = rk(c, k);
                i.wout = range(a, a + 2);
            }
            O::Concat => {
                i.win = range(a, a + b);
                i.wout = vec![VReg(a)];
            }
            O::Close | O::Return0 | O::VarArgPrep | O::ExtraArg => {}
            O::Jmp => {}
            O::Call | O::TailCall | O::Return | O::SetList => {
                let fixed_end = match w.opcode() {
                    O::SetList if b != 0 => Some(a + b + 1),
                    O::Return if b != 0 => Some(a + b - 1),
                    O::Call | O::TailCall if b != 0 => Some(a + b),
                    _ => None,
                };
                let end = fixed_end.or(open_base).unwrap_or(a + 1).max(a);
                i.win = range(a, end);
                i.open_in = b == 0;
                i.k = w.opcode() == O::SetList && k; // (EXTRAARG word: `Inst::size`)
                if w.opcode() == O::Call {
                    if c == 0 {
                        i.open_out = true;
                    } else {
                        i.wout = range(a, a + c - 1);
                    }
                }
            }
            O::VarArg => {
                if c == 0 {
                    i.open_out = true;
                } else {
                    i.wout = range(a, a + c - 1);
                }
            }
            O::ForPrep | O::ForLoop => {
                i.win = range(a, a + 3);
                i.wout = range(a, a + 4);
            }
            O::TForPrep => i.win = range(a, a + 4),
            O::TForCall => {
                i.win = range(a, a + 3);
                i.wout = range(a + 4, a + 4 + c);
                i.wout_off = 4;
            }
            O::TForLoop => {
                i.win = range(a, a + 5);
                i.wout = vec![VReg(a + 2)];
                i.wout_off = 2;
            }
        }
        open_base = if i.open_out { Some(a) } else { None };
        if let Some(t) = target_pc(pc, w) {
            i.target = Some(bid(t));
        }
        insts.push(i);
    }
    // locals (lua's convention: the n-th active local is in register n - 1)
    let mut locals = Vec::new();
    for (j, lv) in p.locvars.iter().enumerate() {
        let reg = match lv.reg {
            Some(x) => x.0 as u32,
            None => p.locvars[..j]
                .iter()
                .filter(|o| o.startpc <= lv.startpc && lv.startpc < o.endpc)
                .count() as u32,
        };
        let at = |pc: u32| InstId(pos_of_pc[(pc as usize).min(code.len())]);
        locals.push(LocalInfo {
            name: lv.name.clone(),
            vreg: VReg(reg),
            start: at(lv.startpc),
            end: at(lv.endpc),
        });
    }
    Function {
        insts,
        blocks,
        num_vregs: 256,
        params: (0..p.numparams as u32).map(VReg).collect(),
        is_vararg: p.is_vararg,
        constants: Vec::new(),
        upvalues: Vec::new(),
        protos: Vec::new(),
        locals,
        lifo: Vec::new(),
        linedefined: p.linedefined,
        lastlinedefined: p.lastlinedefined,
        pinned: Vec::new(),
    }
}
