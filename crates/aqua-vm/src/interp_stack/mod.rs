//! The stack-bytecode interpreter (`aqua --target=stack`): the second back end of issue 4, kept
//! to compare the register VM against a fair stack machine.
//!
//! Role: runs the Lua frame on top of the running thread from its prototype's stack code
//! (`aqua_bytecode::stack_isa`), exactly as `crate::interp::run` runs register code: stackless
//! calls (`CallInfo` pushes, the same `precall`/`do_return`/`settle` machinery), metamethods
//! implemented in Lua pushed as frames whose return completes the interrupted instruction
//! (`State::finish_op_stack`), errors, coroutines and GC shared with the register VM.
//! `State::execute` dispatches here when `State::stack_vm` is set; every Lua function of that
//! state must then carry stack code.
//!
//! Frame state: the operand stack lives in the frame's register window (stack slot n is
//! register n), above the live locals; `sp` is kept in the `SFrame` local. A frame that leaves
//! the loop (a call, a metamethod frame, a yield, an error) saves in its `CallInfo`:
//! - `pc`: the *register* pc + 1 of the instruction (each stack instruction records the
//!   register pc it was lowered from), so current lines, variable names in error messages
//!   (symbolic execution over the register code), tracebacks and `debug.getinfo` are exactly
//!   the register VM's;
//! - `aux`: `stack pc << 12 | sp` where `sp` is the stack height (relative to `base`) the frame
//!   resumes with, `4095` meaning "the thread's top" (after an open call). A fresh frame has
//!   `aux == 0`: stack pc 0 and `sp = numparams`.
//!
//! Safety: the compiler emits stack code whose slots stay below `maxstacksize` (the frame
//! reserved by `precall`), constants, upvalues, nested prototypes and jump targets in range.
//! Stack code only exists for prototypes produced by our compiler in this process (binary
//! chunks carry none), so it is trusted like the verified register code.

#![allow(unused_unsafe)]

use crate::call::{Exec, Pre};
use crate::closure::{LClosure, LProto};
use crate::gc::GcRef;
use crate::meta::{num_compare, ArithOp, Origin};
use crate::meta_names::Tm;
use crate::number::*;
use crate::state::State;
use crate::table::Table;
use crate::thread::*;
use crate::value::*;
use crate::LuaError;
use aqua_bytecode::stack_isa::{SInst, SOp};
use aqua_bytecode::{Instruction, OpCode};

/// Opcode bytes, as `match` patterns.
#[allow(non_upper_case_globals)]
mod op {
    use aqua_bytecode::stack_isa::SOp;
    pub(super) const PushL: u8 = SOp::PushL as u8;
    pub(super) const StoreL: u8 = SOp::StoreL as u8;
    pub(super) const PushK: u8 = SOp::PushK as u8;
    pub(super) const PushI: u8 = SOp::PushI as u8;
    pub(super) const PushF: u8 = SOp::PushF as u8;
    pub(super) const PushNil: u8 = SOp::PushNil as u8;
    pub(super) const PushTrue: u8 = SOp::PushTrue as u8;
    pub(super) const PushFalse: u8 = SOp::PushFalse as u8;
    pub(super) const PushUp: u8 = SOp::PushUp as u8;
    pub(super) const StoreUp: u8 = SOp::StoreUp as u8;
    pub(super) const SetTop: u8 = SOp::SetTop as u8;
    pub(super) const GetTabUp: u8 = SOp::GetTabUp as u8;
    pub(super) const GetTable: u8 = SOp::GetTable as u8;
    pub(super) const GetI: u8 = SOp::GetI as u8;
    pub(super) const GetField: u8 = SOp::GetField as u8;
    pub(super) const SetTabUp: u8 = SOp::SetTabUp as u8;
    pub(super) const SetTable: u8 = SOp::SetTable as u8;
    pub(super) const SetI: u8 = SOp::SetI as u8;
    pub(super) const SetField: u8 = SOp::SetField as u8;
    pub(super) const NewTable: u8 = SOp::NewTable as u8;
    pub(super) const SetList: u8 = SOp::SetList as u8;
    pub(super) const Self_: u8 = SOp::Self_ as u8;
    pub(super) const SelfT: u8 = SOp::SelfT as u8;
    pub(super) const AddI: u8 = SOp::AddI as u8;
    pub(super) const AddK: u8 = SOp::AddK as u8;
    pub(super) const SubK: u8 = SOp::SubK as u8;
    pub(super) const MulK: u8 = SOp::MulK as u8;
    pub(super) const ModK: u8 = SOp::ModK as u8;
    pub(super) const PowK: u8 = SOp::PowK as u8;
    pub(super) const DivK: u8 = SOp::DivK as u8;
    pub(super) const IDivK: u8 = SOp::IDivK as u8;
    pub(super) const BAndK: u8 = SOp::BAndK as u8;
    pub(super) const BOrK: u8 = SOp::BOrK as u8;
    pub(super) const BXorK: u8 = SOp::BXorK as u8;
    pub(super) const ShrI: u8 = SOp::ShrI as u8;
    pub(super) const ShlI: u8 = SOp::ShlI as u8;
    pub(super) const Add: u8 = SOp::Add as u8;
    pub(super) const Sub: u8 = SOp::Sub as u8;
    pub(super) const Mul: u8 = SOp::Mul as u8;
    pub(super) const Mod: u8 = SOp::Mod as u8;
    pub(super) const Pow: u8 = SOp::Pow as u8;
    pub(super) const Div: u8 = SOp::Div as u8;
    pub(super) const IDiv: u8 = SOp::IDiv as u8;
    pub(super) const BAnd: u8 = SOp::BAnd as u8;
    pub(super) const BOr: u8 = SOp::BOr as u8;
    pub(super) const BXor: u8 = SOp::BXor as u8;
    pub(super) const Shl: u8 = SOp::Shl as u8;
    pub(super) const Shr: u8 = SOp::Shr as u8;
    pub(super) const Unm: u8 = SOp::Unm as u8;
    pub(super) const BNot: u8 = SOp::BNot as u8;
    pub(super) const Not: u8 = SOp::Not as u8;
    pub(super) const Len: u8 = SOp::Len as u8;
    pub(super) const Concat: u8 = SOp::Concat as u8;
    pub(super) const Close: u8 = SOp::Close as u8;
    pub(super) const Tbc: u8 = SOp::Tbc as u8;
    pub(super) const Jmp: u8 = SOp::Jmp as u8;
    pub(super) const Eq: u8 = SOp::Eq as u8;
    pub(super) const Lt: u8 = SOp::Lt as u8;
    pub(super) const Le: u8 = SOp::Le as u8;
    pub(super) const EqK: u8 = SOp::EqK as u8;
    pub(super) const EqI: u8 = SOp::EqI as u8;
    pub(super) const LtI: u8 = SOp::LtI as u8;
    pub(super) const LeI: u8 = SOp::LeI as u8;
    pub(super) const GtI: u8 = SOp::GtI as u8;
    pub(super) const GeI: u8 = SOp::GeI as u8;
    pub(super) const Test: u8 = SOp::Test as u8;
    pub(super) const TestSet: u8 = SOp::TestSet as u8;
    pub(super) const Call: u8 = SOp::Call as u8;
    pub(super) const TailCall: u8 = SOp::TailCall as u8;
    pub(super) const Return: u8 = SOp::Return as u8;
    pub(super) const Return0: u8 = SOp::Return0 as u8;
    pub(super) const Return1: u8 = SOp::Return1 as u8;
    pub(super) const ForPrep: u8 = SOp::ForPrep as u8;
    pub(super) const ForLoop: u8 = SOp::ForLoop as u8;
    pub(super) const TForPrep: u8 = SOp::TForPrep as u8;
    pub(super) const TForCall: u8 = SOp::TForCall as u8;
    pub(super) const TForLoop: u8 = SOp::TForLoop as u8;
    pub(super) const Closure: u8 = SOp::Closure as u8;
    pub(super) const VarArg: u8 = SOp::VarArg as u8;
    pub(super) const VarArgPrep: u8 = SOp::VarArgPrep as u8;
    pub(super) const GetTableR: u8 = SOp::GetTableR as u8;
    pub(super) const SetFieldR: u8 = SOp::SetFieldR as u8;
    pub(super) const SetIR: u8 = SOp::SetIR as u8;
    pub(super) const EqR: u8 = SOp::EqR as u8;
    pub(super) const LtR: u8 = SOp::LtR as u8;
    pub(super) const LeR: u8 = SOp::LeR as u8;
    pub(super) const AddR: u8 = SOp::AddR as u8;
    pub(super) const SubR: u8 = SOp::SubR as u8;
    pub(super) const MulR: u8 = SOp::MulR as u8;
    pub(super) const ModR: u8 = SOp::ModR as u8;
    pub(super) const PowR: u8 = SOp::PowR as u8;
    pub(super) const DivR: u8 = SOp::DivR as u8;
    pub(super) const IDivR: u8 = SOp::IDivR as u8;
    pub(super) const BAndR: u8 = SOp::BAndR as u8;
    pub(super) const BOrR: u8 = SOp::BOrR as u8;
    pub(super) const BXorR: u8 = SOp::BXorR as u8;
    pub(super) const ShlR: u8 = SOp::ShlR as u8;
    pub(super) const ShrR: u8 = SOp::ShrR as u8;
}

/// `aux` low bits meaning "sp is the thread's top".
const SP_TOP: u32 = 4095;

// Shared with the register interpreter: slot helpers (same layout, same two-load discipline),
// fast paths, the 'newframe checks.
use crate::interp::{
    arith_fast, bit_int, copy_val, frame_entry, get_fast, ld, set_fast, set_flt, set_int, Ctl,
    Entry,
};

/// The hot state of the running stack frame (see `crate::interp`'s `Frame`).
struct SFrame {
    ci_idx: usize,
    ci_ptr: *mut CallInfo,
    cl: GcRef<LClosure>,
    proto: GcRef<LProto>,
    p: *const LProto,
    code: *const SInst,
    regpc: *const u32,
    /// `StackCode::trace` (hook points).
    trace: *const u32,
    k: *const Value,
    /// Index of the next stack instruction.
    pc: usize,
    base: *mut Value,
    /// First free operand-stack slot.
    sp: *mut Value,
    start: GcRef<Thread>,
    stop: usize,
    /// The hooked instance of the loop is running (no CALL/RETURN fast paths).
    hooked: bool,
}

impl SFrame {
    #[inline(always)]
    fn p(&self) -> &LProto {
        // SAFETY: `p` is `proto.get()`, kept alive by the closure in the frame's function slot.
        unsafe { &*self.p }
    }
    /// `sp` relative to `base`.
    #[inline(always)]
    fn sp_rel(&self) -> usize {
        (self.sp as usize - self.base as usize) / std::mem::size_of::<Value>()
    }
    /// The register instruction the current stack instruction was lowered from.
    #[inline(always)]
    fn reg_inst(&self) -> Instruction {
        // SAFETY: pc >= 1 while an instruction runs; regpc has one entry per instruction.
        let rpc = unsafe { *self.regpc.add(self.pc - 1) } as usize;
        self.p().code.get(rpc).copied().unwrap_or(Instruction(0))
    }
}

macro_rules! reg {
    ($f:ident, $r:expr) => {
        unsafe { $f.base.add($r as usize) }
    };
}
macro_rules! kst {
    ($f:ident, $r:expr) => {
        unsafe { &*$f.k.add($r as usize) }
    };
}
/// Save the register pc (for debug information) and the resume point (stack pc, `fr.sp`).
macro_rules! save {
    ($f:ident) => {{
        let rel = $f.sp_rel().min((SP_TOP - 1) as usize) as u32;
        save!($f, rel)
    }};
    ($f:ident, $rel:expr) => {
        unsafe {
            let ci = &mut *$f.ci_ptr;
            ci.pc = *$f.regpc.add($f.pc - 1) as usize + 1;
            ci.aux = (($f.pc as u32) << 12) | ($rel as u32);
        }
    };
}
/// Save the resume point between instructions (after a jump: `pc` is the next instruction to
/// run, whose register instruction `ci.pc` names as the current one).
macro_rules! save_next {
    ($f:ident) => {{
        let rel = $f.sp_rel().min((SP_TOP - 1) as usize) as u32;
        unsafe {
            let ci = &mut *$f.ci_ptr;
            ci.pc = *$f.regpc.add($f.pc) as usize + 1;
            ci.aux = (($f.pc as u32) << 12) | rel;
        }
    }};
}
/// Trap checks, at the points of the register VM (see `crate::interp`'s `back_edge!` and
/// `rehook!`). At a backward jump only an interrupt can be new: one load and test of the trap
/// word; 'newframe raises it.
macro_rules! back_edge {
    ($st:ident, $f:ident) => {
        if $st.trap.load(std::sync::atomic::Ordering::Relaxed) != 0 {
            save_next!($f);
            return Ok(Ctl::NewFrame);
        }
    };
}
/// After a slow path that may have run code: in the plain loop, leave through 'newframe if the
/// running thread now has a hook (the trap word was tested where that code ended). `next`: the
/// instruction is complete (a jump was taken), resume at `pc`.
macro_rules! rehook {
    ($st:ident, $f:ident) => {
        if !$f.hooked && $st.cur.get().hook.mask != 0 {
            save!($f);
            return Ok(Ctl::NewFrame);
        }
    };
    ($st:ident, $f:ident, next) => {
        if !$f.hooked && $st.cur.get().hook.mask != 0 {
            save_next!($f);
            return Ok(Ctl::NewFrame);
        }
    };
}
/// Re-derive the frame pointers after anything that may have reallocated the stack or the ci
/// vector (`sp` keeps its height).
macro_rules! reload {
    ($st:ident, $f:ident) => {
        let rel = $f.sp_rel();
        let th = $st.cur.get_mut();
        $f.ci_ptr = unsafe { th.ci.as_mut_ptr().add($f.ci_idx) };
        $f.base = unsafe { th.stack.as_mut_ptr().add((*$f.ci_ptr).base) };
        $f.sp = unsafe { $f.base.add(rel) };
    };
}
/// Take the jump word at `pc` (the word after a test or loop instruction); a backward jump is
/// a trap check.
macro_rules! take_jump {
    ($st:ident, $f:ident) => {{
        let j = unsafe { *$f.code.add($f.pc) }.sax_field();
        $f.pc = ($f.pc as i64 + 1 + j as i64) as usize;
        if j < 0 {
            back_edge!($st, $f);
        }
    }};
}
/// Take the jump word after a test when `$cond == k`, else skip it.
macro_rules! cond_jump {
    ($st:ident, $f:ident, $cond:expr, $k:expr) => {
        if $cond != $k {
            $f.pc += 1;
        } else {
            take_jump!($st, $f);
        }
    };
}
/// A slow path that may push a metamethod frame: the result (if any) replaces the top.
macro_rules! mm_top {
    ($st:ident, $f:ident, $res:expr) => {{
        save!($f);
        match $res? {
            Some(v) => {
                reload!($st, $f);
                unsafe { *$f.sp.sub(1) = v };
                rehook!($st, $f);
            }
            None => return Ok(Ctl::NewFrame),
        }
    }};
}
/// GC safe point: everything live is below `sp`.
macro_rules! checkgc {
    ($st:ident, $f:ident) => {
        if $st.heap.should_collect() {
            save!($f);
            let top = $f.sp_rel() + unsafe { (*$f.ci_ptr).base };
            $st.cur.get_mut().top = top;
            $st.collect_garbage();
            reload!($st, $f);
            rehook!($st, $f); // (finalizers ran)
        }
    };
}

mod ops;
use ops::*;

/// Build the `SFrame` of the Lua frame on top of the running thread. Inlined: an `SFrame`
/// returned through memory from a call would keep the whole frame state (`sp`!) in memory.
#[inline(always)]
fn load_frame(
    st: &mut State,
    start: GcRef<Thread>,
    stop: usize,
    hooked: bool,
) -> Result<SFrame, LuaError> {
    let th: &mut Thread = st.cur.get_mut();
    let ci_idx = th.ci.len() - 1;
    // SAFETY: ci_idx < len.
    let ci_ptr: *mut CallInfo = unsafe { th.ci.as_mut_ptr().add(ci_idx) };
    let ci = unsafe { *ci_ptr };
    // SAFETY: a Lua frame's function slot holds a Lua closure (precall invariant).
    let cl: GcRef<LClosure> = unsafe { GcRef::from_addr((*th.stack.as_ptr().add(ci.func)).p) };
    let proto: GcRef<LProto> = cl.get().proto;
    let p: &LProto = proto.get();
    let Some(sc) = p.info.stack.as_deref() else {
        return Err(
            st.rt_error(b"function has no stack code (binary chunk run with --target=stack)")
        );
    };
    let th: &mut Thread = st.cur.get_mut();
    let base = unsafe { th.stack.as_mut_ptr().add(ci.base) };
    let spc = (ci.aux >> 12) as usize;
    let rel = ci.aux & 0xfff;
    let sp = if spc == 0 {
        unsafe { base.add(p.numparams as usize) }
    } else if rel == SP_TOP {
        unsafe { th.stack.as_mut_ptr().add(th.top) }
    } else {
        unsafe { base.add(rel as usize) }
    };
    Ok(SFrame {
        ci_idx,
        ci_ptr,
        cl,
        proto,
        p: p as *const LProto,
        code: sc.code.as_ptr(),
        regpc: sc.regpc.as_ptr(),
        trace: sc.trace.as_ptr(),
        k: p.k.as_ptr(),
        pc: spc,
        base,
        sp,
        start,
        stop,
        hooked,
    })
}

/// Run until the frame count of `start` drops to `stop` (or a yield out of `start`), in the
/// plain or the hooked instance of the loop (as `crate::interp::run`).
pub(crate) fn run(st: &mut State, start: GcRef<Thread>, stop: usize) -> Result<Exec, LuaError> {
    crate::interp::run_instances(st, start, stop, run_loop::<false>, run_loop::<true>)
}

/// The register pc + 1 of the instruction the top frame resumes at, when its resume point
/// (`aux`) starts a register instruction.
fn resume_pc(th: &Thread) -> Option<usize> {
    let ci = th.ci.last()?;
    let cl = th.stack.get(ci.func)?.as_lclosure()?;
    let sc = cl.get().proto.get().info.stack.as_deref()?;
    let tp = *sc.trace.get((ci.aux >> 12) as usize)?;
    (tp != aqua_bytecode::stack_isa::NO_TRACE).then_some(tp as usize + 1)
}

/// The loop. `H`: the hooked instance: call hooks on frame entry, `trace_exec` (line and count
/// hooks, interrupts) where a register instruction starts, no CALL/RETURN fast paths.
/// `Ok(None)`: the running thread's hook mask no longer matches `H`.
#[inline(never)]
fn run_loop<const H: bool>(
    st: &mut State,
    start: GcRef<Thread>,
    stop: usize,
) -> Result<Option<Exec>, LuaError> {
    'newframe: loop {
        match frame_entry::<H>(st, start, stop, resume_pc)? {
            Entry::Run => {}
            Entry::Leave(x) => return Ok(x),
        }
        let mut f = load_frame(st, start, stop, H)?;
        if H && f.pc == 0 && !f.p().is_vararg {
            st.hook_call_lua()?;
            reload!(st, f);
        }
        loop {
            if H {
                // SAFETY: one trace entry per instruction.
                let tp = unsafe { *f.trace.add(f.pc) };
                if tp != aqua_bytecode::stack_isa::NO_TRACE {
                    // hooks see the register instruction about to run as the current one
                    unsafe { (*f.ci_ptr).pc = tp as usize + 1 };
                    let p = f.p;
                    // SAFETY: `p` is kept alive by the closure in the frame's function slot.
                    if !st.trace_exec(unsafe { &*p }, tp as usize)? {
                        save_next!(f);
                        return Ok(None);
                    }
                    reload!(st, f);
                }
            }
            // SAFETY: compiler-produced stack code: pc stays inside `code` (every path ends in
            // a return).
            let i = unsafe { *f.code.add(f.pc) };
            f.pc += 1;
            #[cfg(feature = "count-insns")]
            st.count_insn(256 + i.op_byte() as usize);
            let ctl = match i.op_byte() {
                op::PushL => op_pushl(st, &mut f, i),
                op::StoreL => op_storel(st, &mut f, i),
                op::PushK => op_pushk(st, &mut f, i),
                op::PushI => op_pushi(st, &mut f, i),
                op::PushF => op_pushf(st, &mut f, i),
                op::PushNil => op_pushnil(st, &mut f, i),
                op::PushTrue => op_pushbool::<true>(st, &mut f, i),
                op::PushFalse => op_pushbool::<false>(st, &mut f, i),
                op::PushUp => op_pushup(st, &mut f, i),
                op::StoreUp => op_storeup(st, &mut f, i),
                op::SetTop => op_settop(st, &mut f, i),
                op::GetTabUp => op_gettabup(st, &mut f, i),
                op::GetTable => op_gettable::<false>(st, &mut f, i),
                op::GetTableR => op_gettable::<true>(st, &mut f, i),
                op::GetI => op_geti(st, &mut f, i),
                op::GetField => op_getfield(st, &mut f, i),
                op::SetTabUp => op_set::<{ SOp::SetTabUp as u8 }>(st, &mut f, i),
                op::SetTable => op_set::<{ SOp::SetTable as u8 }>(st, &mut f, i),
                op::SetI => op_set::<{ SOp::SetI as u8 }>(st, &mut f, i),
                op::SetField => op_set::<{ SOp::SetField as u8 }>(st, &mut f, i),
                op::SetFieldR => op_set::<{ SOp::SetFieldR as u8 }>(st, &mut f, i),
                op::SetIR => op_set::<{ SOp::SetIR as u8 }>(st, &mut f, i),
                op::NewTable => op_newtable(st, &mut f, i),
                op::SetList => op_setlist(st, &mut f, i),
                op::Self_ => op_self::<true>(st, &mut f, i),
                op::SelfT => op_self::<false>(st, &mut f, i),
                op::AddI => op_addi(st, &mut f, i),
                op::AddK => op_arithk::<{ SOp::AddK as u8 }>(st, &mut f, i),
                op::SubK => op_arithk::<{ SOp::SubK as u8 }>(st, &mut f, i),
                op::MulK => op_arithk::<{ SOp::MulK as u8 }>(st, &mut f, i),
                op::ModK => op_arithk::<{ SOp::ModK as u8 }>(st, &mut f, i),
                op::PowK => op_arithk::<{ SOp::PowK as u8 }>(st, &mut f, i),
                op::DivK => op_arithk::<{ SOp::DivK as u8 }>(st, &mut f, i),
                op::IDivK => op_arithk::<{ SOp::IDivK as u8 }>(st, &mut f, i),
                op::BAndK => op_arithk::<{ SOp::BAndK as u8 }>(st, &mut f, i),
                op::BOrK => op_arithk::<{ SOp::BOrK as u8 }>(st, &mut f, i),
                op::BXorK => op_arithk::<{ SOp::BXorK as u8 }>(st, &mut f, i),
                op::ShrI => op_shifti::<false>(st, &mut f, i),
                op::ShlI => op_shifti::<true>(st, &mut f, i),
                op::Add => op_arith::<{ SOp::Add as u8 }, false>(st, &mut f, i),
                op::AddR => op_arith::<{ SOp::Add as u8 }, true>(st, &mut f, i),
                op::Sub => op_arith::<{ SOp::Sub as u8 }, false>(st, &mut f, i),
                op::SubR => op_arith::<{ SOp::Sub as u8 }, true>(st, &mut f, i),
                op::Mul => op_arith::<{ SOp::Mul as u8 }, false>(st, &mut f, i),
                op::MulR => op_arith::<{ SOp::Mul as u8 }, true>(st, &mut f, i),
                op::Mod => op_arith::<{ SOp::Mod as u8 }, false>(st, &mut f, i),
                op::ModR => op_arith::<{ SOp::Mod as u8 }, true>(st, &mut f, i),
                op::Pow => op_arith::<{ SOp::Pow as u8 }, false>(st, &mut f, i),
                op::PowR => op_arith::<{ SOp::Pow as u8 }, true>(st, &mut f, i),
                op::Div => op_arith::<{ SOp::Div as u8 }, false>(st, &mut f, i),
                op::DivR => op_arith::<{ SOp::Div as u8 }, true>(st, &mut f, i),
                op::IDiv => op_arith::<{ SOp::IDiv as u8 }, false>(st, &mut f, i),
                op::IDivR => op_arith::<{ SOp::IDiv as u8 }, true>(st, &mut f, i),
                op::BAnd => op_arith::<{ SOp::BAnd as u8 }, false>(st, &mut f, i),
                op::BAndR => op_arith::<{ SOp::BAnd as u8 }, true>(st, &mut f, i),
                op::BOr => op_arith::<{ SOp::BOr as u8 }, false>(st, &mut f, i),
                op::BOrR => op_arith::<{ SOp::BOr as u8 }, true>(st, &mut f, i),
                op::BXor => op_arith::<{ SOp::BXor as u8 }, false>(st, &mut f, i),
                op::BXorR => op_arith::<{ SOp::BXor as u8 }, true>(st, &mut f, i),
                op::Shl => op_arith::<{ SOp::Shl as u8 }, false>(st, &mut f, i),
                op::ShlR => op_arith::<{ SOp::Shl as u8 }, true>(st, &mut f, i),
                op::Shr => op_arith::<{ SOp::Shr as u8 }, false>(st, &mut f, i),
                op::ShrR => op_arith::<{ SOp::Shr as u8 }, true>(st, &mut f, i),
                op::Unm => op_unm(st, &mut f, i),
                op::BNot => op_bnot(st, &mut f, i),
                op::Not => op_not(st, &mut f, i),
                op::Len => op_len(st, &mut f, i),
                op::Concat => op_concat(st, &mut f, i),
                op::Close => op_close(st, &mut f, i),
                op::Tbc => op_tbc(st, &mut f, i),
                op::Jmp => op_jmp(st, &mut f, i),
                op::Eq => op_eq::<false>(st, &mut f, i),
                op::EqR => op_eq::<true>(st, &mut f, i),
                op::Lt => op_lt::<false, false>(st, &mut f, i),
                op::LtR => op_lt::<false, true>(st, &mut f, i),
                op::Le => op_lt::<true, false>(st, &mut f, i),
                op::LeR => op_lt::<true, true>(st, &mut f, i),
                op::EqK => op_eqk(st, &mut f, i),
                op::EqI => op_eqi(st, &mut f, i),
                op::LtI => op_cmpi::<{ SOp::LtI as u8 }>(st, &mut f, i),
                op::LeI => op_cmpi::<{ SOp::LeI as u8 }>(st, &mut f, i),
                op::GtI => op_cmpi::<{ SOp::GtI as u8 }>(st, &mut f, i),
                op::GeI => op_cmpi::<{ SOp::GeI as u8 }>(st, &mut f, i),
                op::Test => op_test(st, &mut f, i),
                op::TestSet => op_testset(st, &mut f, i),
                op::Call => op_call(st, &mut f, i),
                op::TailCall => op_tailcall(st, &mut f, i),
                op::Return => op_return(st, &mut f, i),
                op::Return0 => op_return0(st, &mut f, i),
                op::Return1 => op_return1(st, &mut f, i),
                op::ForPrep => op_forprep(st, &mut f, i),
                op::ForLoop => op_forloop(st, &mut f, i),
                op::TForPrep => op_tforprep(st, &mut f, i),
                op::TForCall => op_tforcall(st, &mut f, i),
                op::TForLoop => op_tforloop(st, &mut f, i),
                op::Closure => op_closure(st, &mut f, i),
                op::VarArg => op_vararg(st, &mut f, i),
                op::VarArgPrep => op_varargprep(st, &mut f, i),
                _ => Ok(Ctl::Next), // EXTRA (never dispatched: skipped by its owner)
            };
            match ctl {
                Ok(Ctl::Next) => {}
                Ok(Ctl::NewFrame) => continue 'newframe,
                Ok(Ctl::Yield) => return Ok(Some(Exec::Yield)),
                Err(e) => return Err(e),
            }
        }
    }
}

/// Operand origins (for error messages) of the arithmetic whose fallback is the register
/// instruction `ri` (an `MMBIN*` or a unary operator).
fn arith_origins(ri: Instruction) -> (Origin, Origin) {
    match ri.opcode() {
        OpCode::MmBin => (Origin::Reg(ri.a()), Origin::Reg(ri.b())),
        OpCode::MmBinI | OpCode::MmBinK => {
            if ri.k() {
                (Origin::None, Origin::Reg(ri.a()))
            } else {
                (Origin::Reg(ri.a()), Origin::None)
            }
        }
        OpCode::Unm | OpCode::BNot => (Origin::Reg(ri.b()), Origin::Reg(ri.b())),
        _ => (Origin::None, Origin::None),
    }
}

impl State {
    /// `luaV_finishOp` for stack frames: complete the stack instruction of the top Lua frame
    /// interrupted by a metamethod call that returned `res`.
    #[inline(never)]
    pub(crate) fn finish_op_stack(&mut self, res: Value) -> Result<(), LuaError> {
        let th = self.cur.get_mut();
        let Some(ci) = th.ci.last().copied() else {
            return Ok(());
        };
        if !ci.is_lua() {
            return Ok(());
        }
        let Some(cl) = th.stack[ci.func].as_lclosure() else {
            return Ok(());
        };
        let p = cl.get().proto.get();
        let Some(sc) = p.info.stack.as_deref() else {
            return Ok(());
        };
        let base = ci.base;
        let rpc = ci.pc.wrapping_sub(1);
        if p.code.get(rpc).map(|w| w.opcode()) == Some(OpCode::Concat) {
            // `concat_stack` keeps the count of values left in `aux`: find the CONCAT again
            let Some(j) = (0..sc.code.len()).find(|&j| {
                sc.regpc.get(j) == Some(&(rpc as u32)) && sc.code[j].op() == Some(SOp::Concat)
            }) else {
                return Ok(());
            };
            let a = sc.code[j].a() as usize;
            let n = ci.aux as usize;
            let first = base + a;
            if n >= 2 {
                if let Some(s) = th.stack.get_mut(first + n - 2) {
                    *s = res;
                }
            }
            let done = self.concat_stack(first, n.saturating_sub(1), base, true)?;
            if done {
                let th = self.cur.get_mut();
                if let Some(c) = th.ci.last_mut() {
                    c.aux = (((j + 1) as u32) << 12) | (a as u32 + 1);
                }
            }
            return Ok(());
        }
        let spc = (ci.aux >> 12) as usize;
        let rel = (ci.aux & 0xfff) as usize;
        let Some(inst) = spc.checked_sub(1).and_then(|j| sc.code.get(j)) else {
            return Ok(());
        };
        let Some(op) = inst.op() else { return Ok(()) };
        use SOp::*;
        match op {
            GetTabUp | GetTable | GetI | GetField | AddI | AddK | SubK | MulK | ModK | PowK
            | DivK | IDivK | BAndK | BOrK | BXorK | ShrI | ShlI | Add | Sub | Mul | Mod | Pow
            | Div | IDiv | BAnd | BOr | BXor | Shl | Shr | Unm | BNot | Len | GetTableR | AddR
            | SubR | MulR | ModR | PowR | DivR | IDivR | BAndR | BOrR | BXorR | ShlR | ShrR
                if rel >= 1 =>
            {
                if let Some(s) = th.stack.get_mut(base + rel - 1) {
                    *s = res;
                }
            }
            Self_ | SelfT if rel >= 2 => {
                if let Some(s) = th.stack.get_mut(base + rel - 2) {
                    *s = res;
                }
            }
            Eq | Lt | Le | EqR | LtR | LeR | LtI | LeI | GtI | GeI
                if res.truthy() != (inst.a() & 1 != 0) =>
            {
                if let Some(c) = th.ci.last_mut() {
                    c.aux += 1 << 12; // skip the jump word
                }
            }
            Close | Return => {
                if let Some(c) = th.ci.last_mut() {
                    c.aux -= 1 << 12; // execute again (closing the remaining variables)
                }
            }
            _ => {}
        }
        Ok(())
    }
}
