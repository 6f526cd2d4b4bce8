//! The interpreter loop (lvm.c `luaV_execute`), stackless.
//!
//! Role: executes the Lua frame on top of the running thread; a call pushes a `CallInfo` and the
//! loop continues with the callee (`'newframe`), a return pops it and continues with the caller,
//! a metamethod implemented in Lua is pushed as a frame flagged `CIST_FINISHOP` whose return
//! completes the interrupted opcode (`State::finish_op`). Thread switches (resume/yield) also
//! just change which frame is on top.
//!
//! Invariant that makes the unchecked register accesses sound: every prototype run here passed
//! `aqua_bytecode::verify` (operands in range: registers < maxstacksize, constants, upvalues,
//! nested prototypes and jump targets valid), and `precall` reserved
//! `stack[base .. base + maxstacksize]` for the frame. `base` is re-derived after every
//! operation that may reallocate the stack (calls, metamethods, allocation safe points that may
//! run finalizers, VARARG growth).
//!
//! Hot paths read and write the tag and payload words of stack slots separately; slow paths
//! (metamethods, coercions, errors) live in `#[cold]`/out-of-line functions in `meta`/`call`.
//!
//! Handler structure: the hot state of the running frame (`ci` index and pointer, closure,
//! prototype, `code`, `k`, `pc`, `base`) lives in a `Frame` local of `run`. Each opcode is
//! executed by its own handler function in `ops` (`ops::op_move`, `ops::op_add`, ...; families
//! sharing a body are one generic fn instantiated per opcode with `const OP: u32`), with the
//! uniform signature `fn(&mut State, &mut Frame, Instruction) -> Result<Ctl, LuaError>`. The
//! dispatch loop fetches the instruction, advances `pc`, calls the handler through a `match` on
//! the opcode and acts on the returned `Ctl`: `Next` (continue with the possibly updated
//! `Frame`: CALL/RETURN1 fast paths switch frames in place), `NewFrame` (frames changed:
//! re-derive the `Frame` from the thread, lvm.c's `goto startfunc/ret`), `Yield`, or an error.
//! Handlers are `#[inline(always)]` so the `match` compiles to the same code as one big loop;
//! the uniform signature is what lets the `match` later become a table of tail-calling
//! handlers. Slow paths stay `#[cold]`/`#[inline(never)]` on `State`. Handlers must return
//! constant `Ctl`s (never a `Ctl` computed by an out-of-line call): that is what lets LLVM
//! thread the `match` on the result away (one opaque `Ctl` source cost +20% instructions).
//!
//! Shared with the stack interpreter (`crate::interp_stack`): the slot helpers (`set_int`,
//! `copy_val`, `ld`, ...), the fast paths (`arith_fast`, `get_fast`, `set_fast`), the checks at
//! 'newframe (`frame_entry`), the instance switch (`run_instances`), `Ctl`, and the slow paths
//! on `State` (`tail_call`, `do_return`, `for_prep`, ...).

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
use aqua_bytecode::{Instruction, OpCode};

macro_rules! ops {
    ($($name:ident = $op:ident),* $(,)?) => { $( const $name: u32 = OpCode::$op as u32; )* };
}
ops! {
    OP_MOVE = Move, OP_LOADI = LoadI, OP_LOADF = LoadF, OP_LOADK = LoadK, OP_LOADKX = LoadKX,
    OP_LOADFALSE = LoadFalse, OP_LFALSESKIP = LFalseSkip, OP_LOADTRUE = LoadTrue, OP_LOADNIL = LoadNil,
    OP_GETUPVAL = GetUpval, OP_SETUPVAL = SetUpval, OP_GETTABUP = GetTabUp, OP_GETTABLE = GetTable,
    OP_GETI = GetI, OP_GETFIELD = GetField, OP_SETTABUP = SetTabUp, OP_SETTABLE = SetTable,
    OP_SETI = SetI, OP_SETFIELD = SetField, OP_NEWTABLE = NewTable, OP_SELF = Self_,
    OP_ADDI = AddI, OP_ADDK = AddK, OP_SUBK = SubK, OP_MULK = MulK, OP_MODK = ModK, OP_POWK = PowK,
    OP_DIVK = DivK, OP_IDIVK = IDivK, OP_BANDK = BAndK, OP_BORK = BOrK, OP_BXORK = BXorK,
    OP_SHRI = ShrI, OP_SHLI = ShlI, OP_ADD = Add, OP_SUB = Sub, OP_MUL = Mul, OP_MOD = Mod,
    OP_POW = Pow, OP_DIV = Div, OP_IDIV = IDiv, OP_BAND = BAnd, OP_BOR = BOr, OP_BXOR = BXor,
    OP_SHL = Shl, OP_SHR = Shr, OP_MMBIN = MmBin, OP_MMBINI = MmBinI, OP_MMBINK = MmBinK,
    OP_UNM = Unm, OP_BNOT = BNot, OP_NOT = Not, OP_LEN = Len, OP_CONCAT = Concat, OP_CLOSE = Close,
    OP_TBC = Tbc, OP_JMP = Jmp, OP_EQ = Eq, OP_LT = Lt, OP_LE = Le, OP_EQK = EqK, OP_EQI = EqI,
    OP_LTI = LtI, OP_LEI = LeI, OP_GTI = GtI, OP_GEI = GeI, OP_TEST = Test, OP_TESTSET = TestSet,
    OP_CALL = Call, OP_TAILCALL = TailCall, OP_RETURN = Return, OP_RETURN0 = Return0,
    OP_RETURN1 = Return1, OP_FORLOOP = ForLoop, OP_FORPREP = ForPrep, OP_TFORPREP = TForPrep,
    OP_TFORCALL = TForCall, OP_TFORLOOP = TForLoop, OP_SETLIST = SetList, OP_CLOSURE = Closure,
    OP_VARARG = VarArg, OP_VARARGPREP = VarArgPrep, OP_EXTRAARG = ExtraArg,
}

#[inline(always)]
pub(crate) unsafe fn set_int(slot: *mut Value, i: i64) {
    // SAFETY: caller passes a valid slot.
    unsafe {
        (*slot).tag = T_INT;
        (*slot).p = i as u64;
    }
}
#[inline(always)]
pub(crate) unsafe fn set_flt(slot: *mut Value, f: f64) {
    // SAFETY: caller passes a valid slot.
    unsafe {
        (*slot).tag = T_FLOAT;
        (*slot).p = f.to_bits();
    }
}
#[inline(always)]
pub(crate) unsafe fn copy_val(dst: *mut Value, src: *const Value) {
    // SAFETY: caller passes valid slots. Tag and payload are read as two separate 8-byte loads
    // (volatile, so LLVM cannot merge them into one 16-byte load that would stall on the two
    // 8-byte stores that usually wrote the source slot just before: see the design note).
    unsafe {
        let t = (*src).tag;
        let p = (*src).p;
        (*dst).tag = t;
        (*dst).p = p;
    }
}

/// Load a register as two separate 8-byte loads (see `copy_val`).
#[inline(always)]
pub(crate) unsafe fn ld(src: *const Value) -> Value {
    // SAFETY: caller passes a valid slot.
    unsafe {
        Value {
            tag: (*src).tag,
            p: (*src).p,
        }
    }
}

/// Number as float for arithmetic fast paths.
#[inline(always)]
pub(crate) fn tonum(v: &Value) -> Option<f64> {
    if v.tag == T_FLOAT {
        Some(f64::from_bits(v.p))
    } else if v.tag == T_INT {
        Some(v.p as i64 as f64)
    } else {
        None
    }
}

#[inline(always)]
pub(crate) fn bit_int(v: &Value) -> Option<i64> {
    if v.tag == T_INT {
        Some(v.p as i64)
    } else if v.tag == T_FLOAT {
        flt_to_int(f64::from_bits(v.p), F2I::Eq)
    } else {
        None
    }
}

/// The interpreter's hot state for the running Lua frame, passed explicitly to every opcode
/// handler. It is a plain local of `run`: the handlers are `#[inline(always)]`, so LLVM keeps
/// these fields in registers exactly as if they were separate locals.
struct Frame {
    /// Index of this frame's `CallInfo` in the running thread's ci vector.
    ci_idx: usize,
    /// `&mut th.ci[ci_idx]`; re-derived (`reload!`) after anything that may push frames.
    ci_ptr: *mut CallInfo,
    cl: GcRef<LClosure>,
    proto: GcRef<LProto>,
    /// `proto.get()`, cached.
    p: *const LProto,
    code: *const Instruction,
    k: *const Value,
    /// Index of the next instruction.
    pc: usize,
    /// `&mut stack[ci.base]`; re-derived after anything that may reallocate the stack.
    base: *mut Value,
    /// The exit point of this `run` (RETURN1's direct return into the caller checks it).
    start: GcRef<Thread>,
    stop: usize,
    /// The hooked instance of the loop is running (constant per instance: folded away).
    hooked: bool,
}

impl Frame {
    /// The running prototype.
    #[inline(always)]
    fn p(&self) -> &LProto {
        // SAFETY: `p` is `proto.get()` and `proto` is kept alive by the closure in the frame's
        // function slot.
        unsafe { &*self.p }
    }
}

/// What the dispatch loop does after a handler (both interpreters).
pub(crate) enum Ctl {
    /// Execute the next instruction with the (possibly updated) `Frame`.
    Next,
    /// Frames were pushed/popped or the thread switched: re-derive the `Frame` ('newframe).
    NewFrame,
    /// Leave `run` with `Exec::Yield`.
    Yield,
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
macro_rules! savepc {
    ($f:ident) => {
        unsafe { (*$f.ci_ptr).pc = $f.pc }
    };
}
// After anything that may have pushed frames (reallocating the ci vector) or grown the
// stack: re-derive the frame pointers. Our frame is still at index `ci_idx`.
macro_rules! reload {
    ($st:ident, $f:ident) => {
        let th = $st.cur.get_mut();
        $f.ci_ptr = unsafe { th.ci.as_mut_ptr().add($f.ci_idx) };
        $f.base = unsafe { th.stack.as_mut_ptr().add((*$f.ci_ptr).base) };
    };
}
// Trap checks (see `crate::hook`), never per instruction. After a slow path that may have run
// code: code may have installed a hook on the running thread, so the plain loop leaves through
// 'newframe (which switches to the hooked instance) if the thread now has one. The trap word
// needs no test here, it was tested where the code ended: a native returns through
// `State::native_return` (which raises a pending interrupt with the native still on top), Lua
// code runs in a loop with its own checks. The hooked instance needs neither: `trace_exec`
// tests the trap word and the mask before the next instruction.
macro_rules! rehook {
    ($st:ident, $f:ident) => {
        if !$f.hooked && $st.cur.get().hook.mask != 0 {
            savepc!($f);
            return Ok(Ctl::NewFrame);
        }
    };
}
// At backward jumps only an interrupt can be new (no code ran since the last check): one load
// and test of the trap word.
macro_rules! back_edge {
    ($st:ident, $f:ident) => {
        if $st.trap.load(std::sync::atomic::Ordering::Relaxed) != 0 {
            savepc!($f);
            return Ok(Ctl::NewFrame);
        }
    };
}
macro_rules! cond_jump {
    ($st:ident, $f:ident, $cond:expr, $i:expr) => {
        if $cond != $i.k() {
            $f.pc += 1;
        } else {
            let ni = unsafe { *$f.code.add($f.pc) };
            $f.pc = ($f.pc as i64 + ni.sj() as i64 + 1) as usize;
            if ni.sj() < 0 {
                back_edge!($st, $f);
            }
        }
    };
}
// A slow path that may have pushed a metamethod frame: Some(v) -> store; None -> reload frame.
macro_rules! mm_result {
    ($st:ident, $f:ident, $res:expr, $dst:expr) => {{
        savepc!($f);
        match $res? {
            Some(v) => {
                reload!($st, $f);
                unsafe { *reg!($f, $dst) = v };
                rehook!($st, $f);
            }
            None => return Ok(Ctl::NewFrame),
        }
    }};
}
// GC safe point: everything live is below register `$lim` (lgc.c's `checkGC(L, c)`).
macro_rules! checkgc {
    ($st:ident, $f:ident, $lim:expr) => {
        if $st.heap.should_collect() {
            savepc!($f);
            let cib = unsafe { (*$f.ci_ptr).base };
            $st.cur.get_mut().top = cib + $lim as usize;
            $st.collect_garbage();
            reload!($st, $f);
            rehook!($st, $f);
        }
    };
}
/// Raw `t[key]` when `t` is a table and the value is not nil: the fast path of the `GET*`
/// opcodes and `SELF` (both interpreters); `None`: the slow path (`finish_get`: `__index`) is
/// needed. `STR`: `key` is a constant string (GETFIELD, GETTABUP, SELF): no integer test.
#[inline(always)]
pub(crate) fn get_fast<const STR: bool>(t: Value, key: Value) -> Option<Value> {
    if t.tag != T_TABLE {
        return None;
    }
    // SAFETY: tag checked.
    let tab: GcRef<Table> = unsafe { GcRef::from_addr(t.p) };
    let v = if !STR && key.tag == T_INT {
        tab.get().get_int(key.ival())
    } else {
        match key.as_str() {
            Some(s) => tab.get().get_str(s),
            None => tab.get().get(key),
        }
    };
    if v.is_nil() {
        None
    } else {
        Some(v)
    }
}

/// The table store of the `SET*` opcodes (both interpreters): the raw fast paths (an array
/// slot below `alimit`, the value of an existing short-string key), else a raw store through
/// `State::table_store` when no `__newindex` can apply (`save` saves the frame's pc first: that
/// store may raise "index is nil/NaN"). `Ok(false)`: the fallback (`finish_set`) is needed and
/// nothing was stored.
#[inline(always)]
pub(crate) fn set_fast(
    st: &mut State,
    t: Value,
    key: Value,
    v: Value,
    save: impl FnOnce(),
) -> Result<bool, LuaError> {
    if t.tag != T_TABLE {
        return Ok(false);
    }
    // SAFETY: tag checked.
    let tab: GcRef<Table> = unsafe { GcRef::from_addr(t.p) };
    let tb = tab.get_mut();
    if key.tag == T_INT {
        let idx = (key.ival() as u64).wrapping_sub(1);
        // (beyond `alimit` the slow path also moves the `#` hint)
        if idx < tb.alimit.get() as u64 && (tb.meta.is_none() || !tb.arr[idx as usize].is_nil()) {
            tb.arr[idx as usize] = v;
            return Ok(true);
        }
    } else if key.tag == T_STR {
        // SAFETY: tag checked.
        let ks: GcRef<crate::string::LuaString> = unsafe { GcRef::from_addr(key.p) };
        if ks.get().short {
            if let Some(n) = tb.find_short_str(ks) {
                // SAFETY: `find_short_str` returns an index into `node`.
                let nd = unsafe { tb.node.get_unchecked_mut(n) };
                if !nd.val.is_nil() {
                    nd.val = v;
                    return Ok(true);
                }
            }
        }
    }
    if tb.meta.is_none() || !tb.get(key).is_nil() {
        save();
        st.table_store(tab, key, v)?;
        return Ok(true);
    }
    Ok(false)
}

/// The result of an arithmetic fast path (see [`arith_fast`]).
pub(crate) enum Fast {
    Int(i64),
    Flt(f64),
    /// The fallback is needed (the following `MMBIN*`, or the stack VM's slow path).
    No,
}

impl Fast {
    /// Store a result into `dst` (tag and payload separately, see `copy_val`); `false`: the
    /// fallback is needed and nothing was written. `dst` is computed only on success.
    #[inline(always)]
    pub(crate) unsafe fn store(self, dst: impl FnOnce() -> *mut Value) -> bool {
        // SAFETY: the caller's `dst` is a slot of the running frame.
        match self {
            Fast::Int(r) => unsafe { set_int(dst(), r) },
            Fast::Flt(f) => unsafe { set_flt(dst(), f) },
            Fast::No => return false,
        }
        true
    }
}

/// `x op y` on the fast paths of a binary arithmetic or bitwise operator (lvm.c's
/// `op_arith`/`op_arithK`/`op_bitwise`, shared by both interpreters): two integers (except `/`
/// and `^`), two numbers as floats, or bitwise on integer-convertible numbers; `Fast::No` for
/// anything else — also for `//` and `%` by integer zero (the fallback raises the error). With
/// `aop` a constant (every caller derives it from a const generic opcode) this folds to the
/// operator's own fast path.
#[inline(always)]
pub(crate) fn arith_fast(aop: ArithOp, x: &Value, y: &Value) -> Fast {
    match aop {
        ArithOp::Add | ArithOp::Sub | ArithOp::Mul | ArithOp::Mod | ArithOp::IDiv => {
            if x.tag == T_INT && y.tag == T_INT {
                match aop.int(x.p as i64, y.p as i64) {
                    Some(r) => Fast::Int(r),
                    None => Fast::No,
                }
            } else if let (Some(a), Some(b)) = (tonum(x), tonum(y)) {
                Fast::Flt(aop.flt(a, b))
            } else {
                Fast::No
            }
        }
        ArithOp::Pow | ArithOp::Div => match (tonum(x), tonum(y)) {
            (Some(a), Some(b)) => Fast::Flt(aop.flt(a, b)),
            _ => Fast::No,
        },
        _ => match (bit_int(x), bit_int(y)) {
            (Some(a), Some(b)) => Fast::Int(aop.int(a, b).unwrap_or(0)),
            _ => Fast::No,
        },
    }
}

/// The operator of a binary arithmetic opcode, register (`ADD`) or constant (`ADDK`) form.
#[inline(always)]
const fn arith_op(op: u32) -> ArithOp {
    match op {
        OP_ADD | OP_ADDK => ArithOp::Add,
        OP_SUB | OP_SUBK => ArithOp::Sub,
        OP_MUL | OP_MULK => ArithOp::Mul,
        OP_MOD | OP_MODK => ArithOp::Mod,
        OP_POW | OP_POWK => ArithOp::Pow,
        OP_DIV | OP_DIVK => ArithOp::Div,
        OP_IDIV | OP_IDIVK => ArithOp::IDiv,
        OP_BAND | OP_BANDK => ArithOp::BAnd,
        OP_BOR | OP_BORK => ArithOp::BOr,
        OP_BXOR | OP_BXORK => ArithOp::BXor,
        OP_SHL => ArithOp::Shl,
        _ => ArithOp::Shr,
    }
}

/// Is `op` the constant form (`R[A] := R[B] op K[C]`)?
#[inline(always)]
const fn arith_is_k(op: u32) -> bool {
    matches!(
        op,
        OP_ADDK
            | OP_SUBK
            | OP_MULK
            | OP_MODK
            | OP_POWK
            | OP_DIVK
            | OP_IDIVK
            | OP_BANDK
            | OP_BORK
            | OP_BXORK
    )
}

mod ops;
use ops::*;

/// A `run_loop` instance (`Ok(None)`: the running thread's hook mask no longer matches it).
pub(crate) type LoopFn = fn(&mut State, GcRef<Thread>, usize) -> Result<Option<Exec>, LuaError>;

/// Run until the frame count of `start` drops to `stop` (or a yield out of `start`), in the
/// plain or the hooked instance of the loop, switching when the running thread's hooks change.
pub(crate) fn run(st: &mut State, start: GcRef<Thread>, stop: usize) -> Result<Exec, LuaError> {
    run_instances(st, start, stop, run_loop::<false>, run_loop::<true>)
}

/// `run` for either interpreter, given its plain and its hooked loop instance.
#[inline]
pub(crate) fn run_instances(
    st: &mut State,
    start: GcRef<Thread>,
    stop: usize,
    plain: LoopFn,
    hooked: LoopFn,
) -> Result<Exec, LuaError> {
    loop {
        let r = if st.cur.get().hook.mask != 0 {
            hooked(st, start, stop)?
        } else {
            plain(st, start, stop)?
        };
        if let Some(x) = r {
            return Ok(x);
        }
    }
}

/// What the checks at 'newframe found.
pub(crate) enum Entry {
    /// Run the Lua frame on top.
    Run,
    /// Leave the loop instance with this (`None`: switch instances).
    Leave(Option<Exec>),
}

/// The checks at 'newframe (lvm.c's `startfunc`/`ret` plus the trap), shared by both
/// interpreters (`H`: the hooked instance is running). A pending yield out of `start` leaves
/// with `Exec::Yield`; frames other than a Lua frame of this run are settled (`Exec::Done`: the
/// run is over). Then the trap check: a pending interrupt is raised "before" the instruction
/// the top frame resumes at, `ci.pc` being set meanwhile to `resume_pc` (that instruction's
/// register pc + 1, if known), as from lua's hooks: the frame's current line is that
/// instruction's (an error leaves the frame to the unwinding; otherwise `pc` is restored). A
/// thread whose hooked-ness no longer matches `H` leaves with `None` (`run` switches).
#[inline(always)]
pub(crate) fn frame_entry<const H: bool>(
    st: &mut State,
    start: GcRef<Thread>,
    stop: usize,
    resume_pc: impl FnOnce(&Thread) -> Option<usize>,
) -> Result<Entry, LuaError> {
    if st.yield_out {
        st.yield_out = false;
        return Ok(Entry::Leave(Some(Exec::Yield)));
    }
    {
        // fast check: a Lua frame on top that is not our exit point needs no settling
        let th = st.cur.get();
        let len = th.ci.len();
        // SAFETY: the ci vector always holds the base entry.
        let top_lua = unsafe { th.ci.get_unchecked(len - 1) }.is_lua();
        if !(top_lua && (len > stop || st.cur != start)) && st.settle(start, stop)? {
            return Ok(Entry::Leave(Some(Exec::Done)));
        }
    }
    // trap check on frame entry: interrupt, hook changes, hooked-ness of the thread
    let tw = st.trap.load(std::sync::atomic::Ordering::Relaxed);
    let hooked = st.cur.get().hook.mask != 0;
    if tw != 0 || hooked != H {
        if tw != 0 {
            let th = st.cur.get_mut();
            let i = th.ci.len() - 1;
            let saved = th.ci[i].pc;
            if let Some(pc) = resume_pc(th) {
                th.ci[i].pc = pc;
            }
            st.trap_slow(tw)?;
            if let Some(ci) = st.cur.get_mut().ci.get_mut(i) {
                ci.pc = saved;
            }
        }
        if hooked != H {
            return Ok(Entry::Leave(None));
        }
    }
    Ok(Entry::Run)
}

/// The interpreter loop. `H`: the hooked instance (`crate::hook`): call hooks on frame entry,
/// `trace_exec` (line/count hooks, interrupts) before every instruction, no CALL/RETURN fast
/// paths. The plain instance (`H = false`) has no per-instruction check. `Ok(None)`: the running
/// thread's hook mask no longer matches `H` — `run` switches instances.
#[inline(never)]
fn run_loop<const H: bool>(
    st: &mut State,
    start: GcRef<Thread>,
    stop: usize,
) -> Result<Option<Exec>, LuaError> {
    'newframe: loop {
        // the saved pc names the next instruction
        match frame_entry::<H>(st, start, stop, |th| th.ci.last().map(|c| c.pc + 1))? {
            Entry::Run => {}
            Entry::Leave(x) => return Ok(x),
        }
        let th: &mut Thread = st.cur.get_mut();
        let ci_idx = th.ci.len() - 1;
        // SAFETY: ci_idx < len.
        let ci_ptr: *mut CallInfo = unsafe { th.ci.as_mut_ptr().add(ci_idx) };
        // SAFETY: ci_ptr is valid until the ci vector changes; every path that may push or pop
        // frames either re-derives it (`reload!`) or leaves through `Ctl::NewFrame`.
        let ci = unsafe { *ci_ptr };
        // SAFETY: a Lua frame's function slot holds a Lua closure (precall invariant).
        let cl: GcRef<LClosure> = unsafe { GcRef::from_addr((*th.stack.as_ptr().add(ci.func)).p) };
        let proto: GcRef<LProto> = cl.get().proto;
        let p: &LProto = proto.get();
        let mut f = Frame {
            ci_idx,
            ci_ptr,
            cl,
            proto,
            p: p as *const LProto,
            code: p.code.as_ptr(),
            k: p.k.as_ptr(),
            pc: ci.pc,
            base: unsafe { th.stack.as_mut_ptr().add(ci.base) },
            start,
            stop,
            hooked: H,
        };
        if H && f.pc == 0 && !f.p().is_vararg {
            // a Lua function starts: call hook (vararg functions: after VARARGPREP)
            st.hook_call_lua()?;
            reload!(st, f);
        }

        loop {
            if H {
                // luaG_traceexec: hooks see the instruction about to run as the current one
                unsafe { (*f.ci_ptr).pc = f.pc + 1 };
                let p = f.p;
                // SAFETY: `p` is kept alive by the closure in the frame's function slot.
                if !st.trace_exec(unsafe { &*p }, f.pc)? {
                    savepc!(f);
                    return Ok(None);
                }
                reload!(st, f);
            }
            // SAFETY: verified code: pc stays inside `code` (every path ends in a return).
            let i = unsafe { *f.code.add(f.pc) };
            f.pc += 1;
            #[cfg(feature = "count-insns")]
            st.count_insn((i.0 & 0x7f) as usize); // AQUA_COUNT_INSNS (compared with the stack VM)
            let ctl = match i.0 & 0x7f {
                OP_MOVE => op_move(st, &mut f, i),
                OP_LOADI => op_loadi(st, &mut f, i),
                OP_LOADF => op_loadf(st, &mut f, i),
                OP_LOADK => op_loadk(st, &mut f, i),
                OP_LOADKX => op_loadkx(st, &mut f, i),
                OP_LOADFALSE => op_loadfalse(st, &mut f, i),
                OP_LFALSESKIP => op_lfalseskip(st, &mut f, i),
                OP_LOADTRUE => op_loadtrue(st, &mut f, i),
                OP_LOADNIL => op_loadnil(st, &mut f, i),
                OP_GETUPVAL => op_getupval(st, &mut f, i),
                OP_SETUPVAL => op_setupval(st, &mut f, i),
                OP_GETTABUP => op_gettabup(st, &mut f, i),
                OP_GETTABLE => op_gettable(st, &mut f, i),
                OP_GETI => op_geti(st, &mut f, i),
                OP_GETFIELD => op_getfield(st, &mut f, i),
                OP_SETTABUP => op_settabup::<OP_SETTABUP>(st, &mut f, i),
                OP_SETTABLE => op_settabup::<OP_SETTABLE>(st, &mut f, i),
                OP_SETI => op_settabup::<OP_SETI>(st, &mut f, i),
                OP_SETFIELD => op_settabup::<OP_SETFIELD>(st, &mut f, i),
                OP_NEWTABLE => op_newtable(st, &mut f, i),
                OP_SELF => op_self(st, &mut f, i),
                OP_ADDI => op_addi(st, &mut f, i),
                OP_ADDK => op_arith::<OP_ADDK>(st, &mut f, i),
                OP_SUBK => op_arith::<OP_SUBK>(st, &mut f, i),
                OP_MULK => op_arith::<OP_MULK>(st, &mut f, i),
                OP_MODK => op_arith::<OP_MODK>(st, &mut f, i),
                OP_IDIVK => op_arith::<OP_IDIVK>(st, &mut f, i),
                OP_POWK => op_arith::<OP_POWK>(st, &mut f, i),
                OP_DIVK => op_arith::<OP_DIVK>(st, &mut f, i),
                OP_BANDK => op_arith::<OP_BANDK>(st, &mut f, i),
                OP_BORK => op_arith::<OP_BORK>(st, &mut f, i),
                OP_BXORK => op_arith::<OP_BXORK>(st, &mut f, i),
                OP_SHRI => op_shri(st, &mut f, i),
                OP_SHLI => op_shli(st, &mut f, i),
                OP_ADD => op_arith::<OP_ADD>(st, &mut f, i),
                OP_SUB => op_arith::<OP_SUB>(st, &mut f, i),
                OP_MUL => op_arith::<OP_MUL>(st, &mut f, i),
                OP_MOD => op_arith::<OP_MOD>(st, &mut f, i),
                OP_IDIV => op_arith::<OP_IDIV>(st, &mut f, i),
                OP_POW => op_arith::<OP_POW>(st, &mut f, i),
                OP_DIV => op_arith::<OP_DIV>(st, &mut f, i),
                OP_BAND => op_arith::<OP_BAND>(st, &mut f, i),
                OP_BOR => op_arith::<OP_BOR>(st, &mut f, i),
                OP_BXOR => op_arith::<OP_BXOR>(st, &mut f, i),
                OP_SHL => op_arith::<OP_SHL>(st, &mut f, i),
                OP_SHR => op_arith::<OP_SHR>(st, &mut f, i),
                OP_MMBIN => op_mmbin::<OP_MMBIN>(st, &mut f, i),
                OP_MMBINI => op_mmbin::<OP_MMBINI>(st, &mut f, i),
                OP_MMBINK => op_mmbin::<OP_MMBINK>(st, &mut f, i),
                OP_UNM => op_unm(st, &mut f, i),
                OP_BNOT => op_bnot(st, &mut f, i),
                OP_NOT => op_not(st, &mut f, i),
                OP_LEN => op_len(st, &mut f, i),
                OP_CONCAT => op_concat(st, &mut f, i),
                OP_CLOSE => op_close(st, &mut f, i),
                OP_TBC => op_tbc(st, &mut f, i),
                OP_JMP => op_jmp(st, &mut f, i),
                OP_EQ => op_eq(st, &mut f, i),
                OP_LT => op_lt::<OP_LT>(st, &mut f, i),
                OP_LE => op_lt::<OP_LE>(st, &mut f, i),
                OP_EQK => op_eqk(st, &mut f, i),
                OP_EQI => op_eqi(st, &mut f, i),
                OP_LTI => op_lti::<OP_LTI>(st, &mut f, i),
                OP_LEI => op_lti::<OP_LEI>(st, &mut f, i),
                OP_GTI => op_lti::<OP_GTI>(st, &mut f, i),
                OP_GEI => op_lti::<OP_GEI>(st, &mut f, i),
                OP_TEST => op_test(st, &mut f, i),
                OP_TESTSET => op_testset(st, &mut f, i),
                OP_CALL => op_call::<H>(st, &mut f, i),
                OP_TAILCALL => op_tailcall(st, &mut f, i),
                OP_RETURN => op_return(st, &mut f, i),
                OP_RETURN0 => op_return0::<H>(st, &mut f, i),
                OP_RETURN1 => op_return1::<H>(st, &mut f, i),
                OP_FORLOOP => op_forloop(st, &mut f, i),
                OP_FORPREP => op_forprep(st, &mut f, i),
                OP_TFORPREP => op_tforprep(st, &mut f, i),
                OP_TFORCALL => op_tforcall(st, &mut f, i),
                OP_TFORLOOP => op_tforloop(st, &mut f, i),
                OP_SETLIST => op_setlist(st, &mut f, i),
                OP_CLOSURE => op_closure(st, &mut f, i),
                OP_VARARG => op_vararg(st, &mut f, i),
                OP_VARARGPREP => op_varargprep(st, &mut f, i),
                OP_EXTRAARG => op_extraarg(st, &mut f, i),
                // SAFETY: verified code contains only valid opcodes (aqua_bytecode::verify).
                _ => unsafe { std::hint::unreachable_unchecked() },
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

impl State {
    /// `TAILCALL` (both interpreters, `luaD_pretailcall`): call `stack[func]` with the
    /// arguments `stack[func+1 .. func+b]` in place of the running Lua frame on top; `close`:
    /// close its upvalues first. A Lua callee takes over the frame's `CallInfo`; a native one
    /// runs here and its results are returned from the frame. `Ok(true)`: the start thread
    /// yielded out (`Ctl::Yield`); `Ok(false)`: continue at 'newframe. (Not a `Ctl`: the
    /// handlers return constant `Ctl`s, which lets LLVM thread the dispatch loop's `match`.)
    #[inline(never)]
    pub(crate) fn tail_call(
        &mut self,
        func: usize,
        b: usize,
        close: bool,
    ) -> Result<bool, LuaError> {
        let th = self.cur.get_mut();
        th.top = func + b;
        let cic = *th.ci.last().expect("frame");
        if close {
            th.close_upvals(cic.base);
        }
        let f = th.stack[func];
        if !f.is_function() && self.get_tm(f, Tm::Call).is_nil() {
            return Err(self.call_error(func));
        }
        let th = self.cur.get_mut();
        if f.tag == T_LCL || !f.is_function() {
            // replace the frame (and the varargs below it)
            let mut dst = cic.func;
            if let Some(cl) = th.stack[cic.func].as_lclosure() {
                let p = cl.get().proto.get();
                if p.is_vararg {
                    dst -= cic.nextra as usize + p.numparams as usize + 1;
                }
            }
            th.stack.copy_within(func..func + b, dst);
            th.top = dst + b;
            let keep = cic.status & (CIST_FINISHOP | CIST_NORESULT | CIST_LEQ);
            if f.tag == T_LCL {
                // fast path: reuse this CallInfo for the callee
                let ncl: GcRef<LClosure> = unsafe { GcRef::from_addr(f.p) };
                let np = ncl.get().proto.get();
                let nargs = b - 1;
                let fsize = np.maxstacksize as usize;
                if dst + 2 + nargs + fsize <= th.stack.len() {
                    for j in nargs..np.numparams as usize {
                        th.stack[dst + 1 + j] = Value::NIL;
                    }
                    let c = th.ci.last_mut().expect("frame");
                    c.func = dst;
                    c.base = dst + 1;
                    c.top = dst + 1 + fsize;
                    c.pc = 0;
                    c.aux = 0;
                    c.status = CIST_LUA | CIST_TAIL | keep;
                    c.nextra = nargs as u32;
                    return Ok(false);
                }
            }
            th.ci.pop();
            match self.precall(dst, cic.nresults, keep | CIST_TAIL, cic.cdepth)? {
                Pre::Lua | Pre::Switch => return Ok(false),
                Pre::YieldOut => return Ok(true),
                Pre::Done => {
                    // a __call'ed native finished in place of this frame
                    if keep & CIST_FINISHOP != 0 {
                        let th = self.cur.get();
                        let mut r = if th.top > dst {
                            th.stack[dst]
                        } else {
                            Value::NIL
                        };
                        if keep & CIST_LEQ != 0 {
                            r = Value::boolean(r.is_falsy());
                        }
                        self.finish_op(r)?;
                    }
                    return Ok(false);
                }
            }
        }
        // native callee: call it, then return its results
        match self.precall(func, -1, 0, cic.cdepth)? {
            Pre::Done => {
                let n = self.cur.get().top - func;
                self.do_return(func, n)?;
                Ok(false)
            }
            Pre::Lua | Pre::Switch => Ok(false),
            Pre::YieldOut => Ok(true),
        }
    }

    #[inline(never)]
    pub(crate) fn new_table_op(&mut self, b: u32, c: usize) -> GcRef<Table> {
        // size hints come from the bytecode: cap them (tables grow on demand anyway)
        let hsize = if b > 0 { 1usize << (b - 1).min(20) } else { 0 };
        self.heap.alloc_table(Table::new(c.min(1 << 20), hsize))
    }

    /// TBC / TFORPREP: register stack slot `level` (register `reg`) as to-be-closed.
    #[inline(never)]
    pub(crate) fn new_tbc(
        &mut self,
        level: usize,
        reg: usize,
        proto: GcRef<LProto>,
        pc: usize,
    ) -> Result<(), LuaError> {
        let v = self.cur.get().stack[level];
        if v.truthy() {
            if self.get_tm(v, Tm::Close).is_nil() {
                let name = proto
                    .get()
                    .info
                    .local_name(reg + 1, (pc - 1) as u32)
                    .map(|n| n.to_vec())
                    .unwrap_or_else(|| b"?".to_vec());
                let mut m = b"variable '".to_vec();
                m.extend_from_slice(&name);
                m.extend_from_slice(b"' got a non-closable value");
                return Err(self.rt_error(&m));
            }
            self.cur.get_mut().tbc.push(level);
        }
        Ok(())
    }

    /// SETLIST: `t[last+j] = stack[ta+j]` for `1 <= j <= n`, `t = stack[ta]`.
    #[inline(never)]
    pub(crate) fn set_list(&mut self, ta: usize, n: usize, last: usize) {
        let th = self.cur.get();
        let t = th.stack[ta];
        if let Some(tab) = t.as_table() {
            let tb = tab.get_mut();
            if last + n > tb.arr.len() && last + n <= (1 << 26) {
                let hs = tb.node.len();
                tb.resize(&mut self.heap, last + n, hs);
            }
            for j in 1..=n {
                let v = th.stack[ta + j];
                let idx = last + j - 1;
                if idx < tb.arr.len() {
                    if idx >= tb.alimit.get() {
                        tb.alimit.set(idx + 1);
                    }
                    tb.arr[idx] = v;
                } else {
                    tb.set_int(&mut self.heap, (idx + 1) as i64, v);
                }
            }
        }
    }

    /// Create a closure for prototype `p` inside closure `encl` whose frame base is `base`.
    #[inline(never)]
    pub(crate) fn new_lclosure(
        &mut self,
        p: GcRef<LProto>,
        encl: GcRef<LClosure>,
        base: usize,
    ) -> GcRef<LClosure> {
        let descs = &p.get().info.upvalues;
        let mut ups = Vec::with_capacity(descs.len());
        let me = self.cur;
        for d in descs.iter() {
            if d.instack {
                let uv = me
                    .get_mut()
                    .find_upval(&mut self.heap, me, base + d.idx as usize);
                ups.push(uv);
            } else {
                let uv = encl.get().upvals.get(d.idx as usize).copied();
                match uv {
                    Some(u) => ups.push(u),
                    None => {
                        let u = self.heap.alloc(crate::closure::UpVal {
                            v: std::ptr::null_mut(),
                            closed: Value::NIL,
                            idx: 0,
                            thread: None,
                        });
                        let um = u.get_mut();
                        um.v = &mut um.closed;
                        ups.push(u);
                    }
                }
            }
        }
        self.heap.alloc(LClosure {
            proto: p,
            upvals: ups.into_boxed_slice(),
        })
    }

    /// Return from the current Lua frame with results `stack[first .. first+n]`.
    #[inline(never)]
    pub(crate) fn do_return(&mut self, first: usize, n: usize) -> Result<(), LuaError> {
        if self.cur.get().hook.mask != 0 {
            self.hook_return(first, n)?; // rethook (results still in place)
        }
        let th = self.cur.get_mut();
        let ci = *th.ci.last().expect("frame");
        let mut res = ci.func;
        if ci.is_lua() {
            let f = th.stack[ci.func];
            if let Some(cl) = f.as_lclosure() {
                let p = cl.get().proto.get();
                if p.is_vararg {
                    res -= ci.nextra as usize + p.numparams as usize + 1;
                }
            }
        }
        let th = self.cur.get_mut();
        th.ci.pop();
        let wanted = ci.nresults;
        if wanted < 0 {
            th.stack.copy_within(first..first + n, res);
            th.top = res + n;
        } else {
            let w = wanted as usize;
            let m = n.min(w);
            th.stack.copy_within(first..first + m, res);
            for j in m..w {
                th.stack[res + j] = Value::NIL;
            }
            th.top = res + w;
        }
        if ci.status & CIST_FINISHOP != 0 {
            let mut r = if n > 0 { th.stack[res] } else { Value::NIL };
            if ci.status & CIST_LEQ != 0 {
                r = Value::boolean(r.is_falsy()); // '<=' computed as 'not (b < a)'
            }
            self.finish_op(r)?;
        }
        Ok(())
    }

    /// `luaV_finishOp`: complete the opcode of the top Lua frame interrupted by a metamethod
    /// call that returned `res`.
    #[inline(never)]
    pub(crate) fn finish_op(&mut self, res: Value) -> Result<(), LuaError> {
        if self.stack_vm {
            return self.finish_op_stack(res); // stack-bytecode frames (interp_stack)
        }
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
        let Some(&inst) = p.code.get(ci.pc.wrapping_sub(1)) else {
            return Ok(());
        };
        let base = ci.base;
        match inst.opcode() {
            OpCode::MmBin | OpCode::MmBinI | OpCode::MmBinK => {
                if let Some(prev) = p.code.get(ci.pc.wrapping_sub(2)) {
                    th.stack[base + prev.a() as usize] = res;
                }
            }
            OpCode::Unm
            | OpCode::BNot
            | OpCode::Len
            | OpCode::GetTabUp
            | OpCode::GetTable
            | OpCode::GetI
            | OpCode::GetField
            | OpCode::Self_ => {
                th.stack[base + inst.a() as usize] = res;
            }
            OpCode::Lt
            | OpCode::Le
            | OpCode::LtI
            | OpCode::LeI
            | OpCode::GtI
            | OpCode::GeI
            | OpCode::Eq
                if res.truthy() != inst.k() =>
            {
                if let Some(c) = th.ci.last_mut() {
                    c.pc += 1;
                }
            }
            OpCode::Close => {
                if let Some(c) = th.ci.last_mut() {
                    c.pc -= 1; // close the remaining variables
                }
            }
            OpCode::Return => {
                let first = base + inst.a() as usize;
                th.top = first + ci.aux as usize;
                if let Some(c) = th.ci.last_mut() {
                    c.pc -= 1; // return again (closing the remaining variables)
                }
            }
            OpCode::Concat => {
                let n = ci.aux as usize;
                let first = base + inst.a() as usize;
                th.stack[first + n - 2] = res;
                self.concat_stack(first, n - 1, base, true)?;
            }
            _ => {}
        }
        Ok(())
    }

    /// Close upvalues and to-be-closed variables at or above `level` for a normal block exit
    /// (CLOSE/RETURN). A `__close` written in Lua is pushed as a frame (so it may yield) and
    /// `Ok(true)` is returned: `finish_op` then re-executes the instruction to close the rest.
    #[inline(never)]
    pub(crate) fn close_step(&mut self, level: usize) -> Result<bool, LuaError> {
        self.cur.get_mut().close_upvals(level);
        loop {
            let th = self.cur.get_mut();
            let Some(&idx) = th.tbc.last() else {
                return Ok(false);
            };
            if idx < level {
                return Ok(false);
            }
            th.tbc.pop();
            let obj = th.stack[idx];
            let tm = self.get_tm(obj, Tm::Close);
            if self.call_tm(tm, &[obj, Value::NIL], 0, true)?.is_none() {
                return Ok(true);
            }
        }
    }

    /// VARARG: copy `wanted` (-1: all) varargs to `R[a]...`.
    #[inline(never)]
    pub(crate) fn do_vararg(&mut self, a: usize, wanted: i32) -> Result<(), LuaError> {
        let th = self.cur.get_mut();
        let ci = *th.ci.last().expect("frame");
        let nextra = ci.nextra as usize;
        let n = if wanted < 0 { nextra } else { wanted as usize };
        let ra = ci.base + a;
        if th.ensure(&mut self.heap, ra + n + MIN_STACK).is_err() {
            return Err(self.stack_overflow());
        }
        let th = self.cur.get_mut();
        let src = ci.func - nextra;
        for j in 0..n {
            th.stack[ra + j] = if j < nextra {
                th.stack[src + j]
            } else {
                Value::NIL
            };
        }
        if wanted < 0 {
            th.top = ra + n;
        }
        Ok(())
    }

    /// VARARGPREP (`luaT_adjustvarargs`): move the function and fixed parameters above the
    /// actual arguments so varargs stay below the frame.
    #[inline(never)]
    pub(crate) fn varargprep(&mut self, nfix: usize, fsize: usize) -> Result<(), LuaError> {
        let th = self.cur.get_mut();
        let ci = *th.ci.last().expect("frame");
        let actual = (ci.nextra as usize).max(nfix);
        let nextra = actual - nfix;
        let func = ci.func;
        let newfunc = func + 1 + actual;
        if th.ensure(&mut self.heap, newfunc + 2 + fsize).is_err() {
            return Err(self.stack_overflow());
        }
        let th = self.cur.get_mut();
        th.stack[newfunc] = th.stack[func];
        for j in 1..=nfix {
            th.stack[newfunc + j] = th.stack[func + j];
            th.stack[func + j] = Value::NIL;
        }
        let c = th.ci.last_mut().expect("frame");
        c.func = newfunc;
        c.base = newfunc + 1;
        c.top = newfunc + 1 + fsize;
        c.nextra = nextra as u32;
        th.top = c.top;
        Ok(())
    }

    /// FORPREP (`forprep`): `Ok(true)` to skip the loop.
    #[inline(never)]
    pub(crate) fn for_prep(&mut self, ra: *mut Value) -> Result<bool, LuaError> {
        // SAFETY: ra..ra+3 are registers of the current frame (verified).
        let (init, limit, step) = unsafe { (*ra, *ra.add(1), *ra.add(2)) };
        if init.tag == T_INT && step.tag == T_INT {
            let (i0, s) = (init.ival(), step.ival());
            if s == 0 {
                return Err(self.rt_error(b"'for' step is zero"));
            }
            unsafe { set_int(ra.add(3), i0) };
            // forlimit
            let lim = match limit.view() {
                Val::Int(l) => l,
                _ => {
                    let fl = match self.to_number(limit) {
                        Some(v) => v,
                        None => return Err(self.for_error(limit, "limit")),
                    };
                    match fl.view() {
                        Val::Int(l) => l,
                        Val::Num(f) => {
                            match flt_to_int(f, if s < 0 { F2I::Ceil } else { F2I::Floor }) {
                                Some(l) => l,
                                None => {
                                    if f > 0.0 {
                                        if s < 0 {
                                            return Ok(true);
                                        }
                                        i64::MAX
                                    } else {
                                        if s > 0 {
                                            return Ok(true);
                                        }
                                        i64::MIN
                                    }
                                }
                            }
                        }
                        _ => return Err(self.for_error(limit, "limit")),
                    }
                }
            };
            if if s > 0 { i0 > lim } else { i0 < lim } {
                return Ok(true);
            }
            let count = if s > 0 {
                let c = (lim as u64).wrapping_sub(i0 as u64);
                if s != 1 {
                    c / (s as u64)
                } else {
                    c
                }
            } else {
                let c = (i0 as u64).wrapping_sub(lim as u64);
                c / ((-(s + 1)) as u64 + 1)
            };
            unsafe { set_int(ra.add(1), count as i64) };
            Ok(false)
        } else {
            let Some(fl) = self.to_float(limit) else {
                return Err(self.for_error(limit, "limit"));
            };
            let Some(fs) = self.to_float(step) else {
                return Err(self.for_error(step, "step"));
            };
            let Some(fi) = self.to_float(init) else {
                return Err(self.for_error(init, "initial value"));
            };
            if fs == 0.0 {
                return Err(self.rt_error(b"'for' step is zero"));
            }
            if if 0.0 < fs { fl < fi } else { fi < fl } {
                return Ok(true);
            }
            unsafe {
                set_flt(ra.add(1), fl);
                set_flt(ra.add(2), fs);
                set_flt(ra, fi);
                set_flt(ra.add(3), fi);
            }
            Ok(false)
        }
    }

    #[cold]
    fn for_error(&mut self, v: Value, what: &str) -> LuaError {
        let mut m = format!("bad 'for' {what} (number expected, got ").into_bytes();
        m.extend_from_slice(&self.obj_type_name(v));
        m.push(b')');
        self.rt_error(&m)
    }
}
