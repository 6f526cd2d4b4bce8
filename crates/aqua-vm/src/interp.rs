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
unsafe fn set_int(slot: *mut Value, i: i64) {
    // SAFETY: caller passes a valid slot.
    unsafe {
        (*slot).tag = T_INT;
        (*slot).p = i as u64;
    }
}
#[inline(always)]
unsafe fn set_flt(slot: *mut Value, f: f64) {
    // SAFETY: caller passes a valid slot.
    unsafe {
        (*slot).tag = T_FLOAT;
        (*slot).p = f.to_bits();
    }
}
#[inline(always)]
unsafe fn copy_val(dst: *mut Value, src: *const Value) {
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
unsafe fn ld(src: *const Value) -> Value {
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
fn tonum(v: &Value) -> Option<f64> {
    if v.tag == T_FLOAT {
        Some(f64::from_bits(v.p))
    } else if v.tag == T_INT {
        Some(v.p as i64 as f64)
    } else {
        None
    }
}

#[inline(always)]
fn bit_int(v: &Value) -> Option<i64> {
    if v.tag == T_INT {
        Some(v.p as i64)
    } else if v.tag == T_FLOAT {
        flt_to_int(f64::from_bits(v.p), F2I::Eq)
    } else {
        None
    }
}

#[inline(always)]
fn bit_op(op: u32, x: i64, y: i64) -> i64 {
    match op {
        OP_BAND | OP_BANDK => x & y,
        OP_BOR | OP_BORK => x | y,
        OP_BXOR | OP_BXORK => x ^ y,
        OP_SHL => shiftl(x, y),
        _ => shiftl(x, y.wrapping_neg()),
    }
}

/// Run until the frame count of `start` drops to `stop` (or a yield out of `start`).
pub(crate) fn run(st: &mut State, start: GcRef<Thread>, stop: usize) -> Result<Exec, LuaError> {
    'newframe: loop {
        if st.yield_out {
            st.yield_out = false;
            return Ok(Exec::Yield);
        }
        {
            // fast check: a Lua frame on top that is not our exit point needs no settling
            let th = st.cur.get();
            let len = th.ci.len();
            // SAFETY: the ci vector always holds the base entry.
            let top_lua = unsafe { th.ci.get_unchecked(len - 1) }.is_lua();
            if !(top_lua && (len > stop || st.cur != start)) && st.settle(start, stop)? {
                return Ok(Exec::Done);
            }
        }
        let th: &mut Thread = st.cur.get_mut();
        let mut ci_idx = th.ci.len() - 1;
        // SAFETY: ci_idx < len.
        let mut ci_ptr: *mut CallInfo = unsafe { th.ci.as_mut_ptr().add(ci_idx) };
        // SAFETY: ci_ptr is valid until the ci vector changes; every path that may push or pop
        // frames leaves through `continue 'newframe` before using it again.
        let ci = unsafe { *ci_ptr };
        // SAFETY: a Lua frame's function slot holds a Lua closure (precall invariant).
        let mut cl: GcRef<LClosure> =
            unsafe { GcRef::from_addr((*th.stack.as_ptr().add(ci.func)).p) };
        let mut proto: GcRef<LProto> = cl.get().proto;
        let mut p: &LProto = proto.get();
        let mut code: *const Instruction = p.code.as_ptr();
        let mut k: *const Value = p.k.as_ptr();
        let mut pc = ci.pc;
        let mut base: *mut Value = unsafe { th.stack.as_mut_ptr().add(ci.base) };

        macro_rules! reg {
            ($r:expr) => {
                unsafe { base.add($r as usize) }
            };
        }
        macro_rules! kst {
            ($r:expr) => {
                unsafe { &*k.add($r as usize) }
            };
        }
        macro_rules! savepc {
            () => {
                unsafe { (*ci_ptr).pc = pc }
            };
        }
        // After anything that may have pushed frames (reallocating the ci vector) or grown the
        // stack: re-derive the frame pointers. Our frame is still at index `ci_idx`.
        macro_rules! reload {
            () => {
                let th = st.cur.get_mut();
                ci_ptr = unsafe { th.ci.as_mut_ptr().add(ci_idx) };
                base = unsafe { th.stack.as_mut_ptr().add((*ci_ptr).base) };
            };
        }
        macro_rules! cond_jump {
            ($cond:expr, $i:expr) => {
                if $cond != $i.k() {
                    pc += 1;
                } else {
                    let ni = unsafe { *code.add(pc) };
                    pc = (pc as i64 + ni.sj() as i64 + 1) as usize;
                }
            };
        }
        // A slow path that may have pushed a metamethod frame: Some(v) -> store; None -> reload frame.
        macro_rules! mm_result {
            ($res:expr, $dst:expr) => {{
                savepc!();
                match $res? {
                    Some(v) => {
                        reload!();
                        unsafe { *reg!($dst) = v };
                    }
                    None => continue 'newframe,
                }
            }};
        }
        // GC safe point: everything live is below register `$lim` (lgc.c's `checkGC(L, c)`).
        macro_rules! checkgc {
            ($lim:expr) => {
                if st.heap.should_collect() {
                    savepc!();
                    let cib = unsafe { (*ci_ptr).base };
                    st.cur.get_mut().top = cib + $lim as usize;
                    st.collect_garbage();
                    reload!();
                }
            };
        }

        loop {
            // SAFETY: verified code: pc stays inside `code` (every path ends in a return).
            let i = unsafe { *code.add(pc) };
            pc += 1;
            let op = i.0 & 0x7f;
            // Arithmetic fast paths (the following MMBIN* is skipped on success, as in lvm.c).
            macro_rules! arith_rr {
                ($iop:expr, $fop:expr) => {{
                    let rb = unsafe { &*reg!(i.b()) };
                    let rc = unsafe { &*reg!(i.c()) };
                    if rb.tag == T_INT && rc.tag == T_INT {
                        if let Some(r) = $iop(rb.p as i64, rc.p as i64) {
                            unsafe { set_int(reg!(i.a()), r) };
                            pc += 1;
                        }
                    } else if let (Some(x), Some(y)) = (tonum(rb), tonum(rc)) {
                        unsafe { set_flt(reg!(i.a()), $fop(x, y)) };
                        pc += 1;
                    }
                }};
            }
            macro_rules! arith_rrf {
                ($fop:expr) => {{
                    let rb = unsafe { &*reg!(i.b()) };
                    let rc = unsafe { &*reg!(i.c()) };
                    if let (Some(x), Some(y)) = (tonum(rb), tonum(rc)) {
                        unsafe { set_flt(reg!(i.a()), $fop(x, y)) };
                        pc += 1;
                    }
                }};
            }
            macro_rules! arith_k {
                ($iop:expr, $fop:expr) => {{
                    let rb = unsafe { &*reg!(i.b()) };
                    let kc = kst!(i.c());
                    if rb.tag == T_INT && kc.tag == T_INT {
                        if let Some(r) = $iop(rb.p as i64, kc.p as i64) {
                            unsafe { set_int(reg!(i.a()), r) };
                            pc += 1;
                        }
                    } else if let (Some(x), Some(y)) = (tonum(rb), tonum(kc)) {
                        unsafe { set_flt(reg!(i.a()), $fop(x, y)) };
                        pc += 1;
                    }
                }};
            }
            macro_rules! arith_kf {
                ($fop:expr) => {{
                    let rb = unsafe { &*reg!(i.b()) };
                    if let (Some(x), Some(y)) = (tonum(rb), tonum(kst!(i.c()))) {
                        unsafe { set_flt(reg!(i.a()), $fop(x, y)) };
                        pc += 1;
                    }
                }};
            }

            match op {
                OP_MOVE => unsafe { copy_val(reg!(i.a()), reg!(i.b())) },
                OP_LOADI => unsafe { set_int(reg!(i.a()), i.sbx() as i64) },
                OP_LOADF => unsafe { set_flt(reg!(i.a()), i.sbx() as f64) },
                OP_LOADK => unsafe { copy_val(reg!(i.a()), kst!(i.bx())) },
                OP_LOADKX => {
                    let ax = unsafe { (*code.add(pc)).ax() };
                    pc += 1;
                    unsafe { copy_val(reg!(i.a()), kst!(ax)) }
                }
                OP_LOADFALSE => unsafe { *reg!(i.a()) = Value::FALSE },
                OP_LFALSESKIP => {
                    unsafe { *reg!(i.a()) = Value::FALSE };
                    pc += 1;
                }
                OP_LOADTRUE => unsafe { *reg!(i.a()) = Value::TRUE },
                OP_LOADNIL => {
                    let a = i.a();
                    for r in a..=a + i.b() {
                        unsafe { *reg!(r) = Value::NIL };
                    }
                }
                OP_GETUPVAL => {
                    let uv = unsafe { *cl.get().upvals.get_unchecked(i.b() as usize) };
                    unsafe { copy_val(reg!(i.a()), uv.get().v) };
                }
                OP_SETUPVAL => {
                    let uv = unsafe { *cl.get().upvals.get_unchecked(i.b() as usize) };
                    uv.get_mut().set(unsafe { ld(reg!(i.a())) });
                }
                OP_GETTABUP => {
                    let uv = unsafe { *cl.get().upvals.get_unchecked(i.b() as usize) };
                    let t = uv.get().get();
                    let key = *kst!(i.c());
                    let mut done = false;
                    if t.tag == T_TABLE {
                        // SAFETY: tag checked; K[C] is a string (verified).
                        let tab: GcRef<Table> = unsafe { GcRef::from_addr(t.p) };
                        let v = match key.as_str() {
                            Some(s) => tab.get().get_str(s),
                            None => tab.get().get(key),
                        };
                        if !v.is_nil() {
                            unsafe { *reg!(i.a()) = v };
                            done = true;
                        }
                    }
                    if !done {
                        mm_result!(st.finish_get(t, key, Origin::Upval(i.b()), true), i.a());
                    }
                }
                OP_GETTABLE => {
                    let t = unsafe { ld(reg!(i.b())) };
                    let key = unsafe { ld(reg!(i.c())) };
                    let mut done = false;
                    if t.tag == T_TABLE {
                        let tab: GcRef<Table> = unsafe { GcRef::from_addr(t.p) };
                        let v = if key.tag == T_INT {
                            tab.get().get_int(key.ival())
                        } else {
                            tab.get().get(key)
                        };
                        if !v.is_nil() {
                            unsafe { *reg!(i.a()) = v };
                            done = true;
                        }
                    }
                    if !done {
                        mm_result!(st.finish_get(t, key, Origin::Reg(i.b()), true), i.a());
                    }
                }
                OP_GETI => {
                    let t = unsafe { ld(reg!(i.b())) };
                    let mut done = false;
                    if t.tag == T_TABLE {
                        let tab: GcRef<Table> = unsafe { GcRef::from_addr(t.p) };
                        let v = tab.get().get_int(i.c() as i64);
                        if !v.is_nil() {
                            unsafe { *reg!(i.a()) = v };
                            done = true;
                        }
                    }
                    if !done {
                        mm_result!(
                            st.finish_get(t, Value::int(i.c() as i64), Origin::Reg(i.b()), true),
                            i.a()
                        );
                    }
                }
                OP_GETFIELD => {
                    let t = unsafe { ld(reg!(i.b())) };
                    let key = *kst!(i.c());
                    let mut done = false;
                    if t.tag == T_TABLE {
                        let tab: GcRef<Table> = unsafe { GcRef::from_addr(t.p) };
                        let v = match key.as_str() {
                            Some(s) => tab.get().get_str(s),
                            None => tab.get().get(key),
                        };
                        if !v.is_nil() {
                            unsafe { *reg!(i.a()) = v };
                            done = true;
                        }
                    }
                    if !done {
                        mm_result!(st.finish_get(t, key, Origin::Reg(i.b()), true), i.a());
                    }
                }
                OP_SETTABUP | OP_SETTABLE | OP_SETI | OP_SETFIELD => {
                    let (t, key, origin) = match op {
                        OP_SETTABUP => {
                            let uv = unsafe { *cl.get().upvals.get_unchecked(i.a() as usize) };
                            (uv.get().get(), *kst!(i.b()), Origin::Upval(i.a()))
                        }
                        OP_SETTABLE => (
                            unsafe { ld(reg!(i.a())) },
                            unsafe { ld(reg!(i.b())) },
                            Origin::Reg(i.a()),
                        ),
                        OP_SETI => (
                            unsafe { ld(reg!(i.a())) },
                            Value::int(i.b() as i64),
                            Origin::Reg(i.a()),
                        ),
                        _ => (unsafe { ld(reg!(i.a())) }, *kst!(i.b()), Origin::Reg(i.a())),
                    };
                    let v = if i.k() {
                        *kst!(i.c())
                    } else {
                        unsafe { ld(reg!(i.c())) }
                    };
                    let mut done = false;
                    if t.tag == T_TABLE {
                        let tab: GcRef<Table> = unsafe { GcRef::from_addr(t.p) };
                        let tb = tab.get_mut();
                        if key.tag == T_INT {
                            let idx = (key.ival() as u64).wrapping_sub(1);
                            // (beyond `alimit` the slow path also moves the `#` hint)
                            if idx < tb.alimit.get() as u64
                                && (tb.meta.is_none() || !tb.arr[idx as usize].is_nil())
                            {
                                tb.arr[idx as usize] = v;
                                done = true;
                            }
                        } else if key.tag == T_STR {
                            let ks: GcRef<crate::string::LuaString> =
                                unsafe { GcRef::from_addr(key.p) };
                            if ks.get().short {
                                if let Some(n) = tb.find_short_str(ks) {
                                    let nd = unsafe { tb.node.get_unchecked_mut(n) };
                                    if !nd.val.is_nil() {
                                        nd.val = v;
                                        done = true;
                                    }
                                }
                            }
                        }
                        if !done && (tb.meta.is_none() || !tb.get(key).is_nil()) {
                            savepc!();
                            st.table_store(tab, key, v)?;
                            done = true;
                        }
                    }
                    if !done {
                        savepc!();
                        if !st.finish_set(t, key, v, origin, true)? {
                            continue 'newframe;
                        }
                        reload!();
                    }
                }
                OP_NEWTABLE => {
                    let b = i.b();
                    let mut c = i.c() as usize;
                    if i.k() {
                        c += unsafe { (*code.add(pc)).ax() } as usize * 256;
                    }
                    pc += 1; // skip EXTRAARG
                    let t = st.new_table_op(b, c);
                    unsafe { *reg!(i.a()) = Value::table(t) };
                    checkgc!(i.a() + 1);
                }
                OP_SELF => {
                    let t = unsafe { ld(reg!(i.b())) };
                    let key = if i.k() {
                        *kst!(i.c())
                    } else {
                        unsafe { ld(reg!(i.c())) }
                    };
                    unsafe { *reg!(i.a() + 1) = t };
                    let mut done = false;
                    if t.tag == T_TABLE {
                        let tab: GcRef<Table> = unsafe { GcRef::from_addr(t.p) };
                        let v = match key.as_str() {
                            Some(s) => tab.get().get_str(s),
                            None => tab.get().get(key),
                        };
                        if !v.is_nil() {
                            unsafe { *reg!(i.a()) = v };
                            done = true;
                        }
                    }
                    if !done {
                        mm_result!(st.finish_get(t, key, Origin::Reg(i.b()), true), i.a());
                    }
                }
                OP_ADDI => {
                    let rb = unsafe { &*reg!(i.b()) };
                    let ic = i.sc() as i64;
                    if rb.tag == T_INT {
                        unsafe { set_int(reg!(i.a()), (rb.p as i64).wrapping_add(ic)) };
                        pc += 1;
                    } else if rb.tag == T_FLOAT {
                        unsafe { set_flt(reg!(i.a()), f64::from_bits(rb.p) + ic as f64) };
                        pc += 1;
                    }
                }
                OP_ADDK => arith_k!(
                    |x: i64, y: i64| Some(x.wrapping_add(y)),
                    |x: f64, y: f64| x + y
                ),
                OP_SUBK => arith_k!(
                    |x: i64, y: i64| Some(x.wrapping_sub(y)),
                    |x: f64, y: f64| x - y
                ),
                OP_MULK => arith_k!(
                    |x: i64, y: i64| Some(x.wrapping_mul(y)),
                    |x: f64, y: f64| x * y
                ),
                OP_MODK => arith_k!(imod, fmod),
                OP_IDIVK => arith_k!(idiv, fidiv),
                OP_POWK => arith_kf!(fpow),
                OP_DIVK => arith_kf!(|x: f64, y: f64| x / y),
                OP_BANDK | OP_BORK | OP_BXORK => {
                    let rb = unsafe { &*reg!(i.b()) };
                    if let (Some(x), Some(y)) = (bit_int(rb), bit_int(kst!(i.c()))) {
                        unsafe { set_int(reg!(i.a()), bit_op(op, x, y)) };
                        pc += 1;
                    }
                }
                OP_SHRI => {
                    let rb = unsafe { &*reg!(i.b()) };
                    if let Some(x) = bit_int(rb) {
                        unsafe { set_int(reg!(i.a()), shiftl(x, -(i.sc() as i64))) };
                        pc += 1;
                    }
                }
                OP_SHLI => {
                    let rb = unsafe { &*reg!(i.b()) };
                    if let Some(x) = bit_int(rb) {
                        unsafe { set_int(reg!(i.a()), shiftl(i.sc() as i64, x)) };
                        pc += 1;
                    }
                }
                OP_ADD => arith_rr!(
                    |x: i64, y: i64| Some(x.wrapping_add(y)),
                    |x: f64, y: f64| x + y
                ),
                OP_SUB => arith_rr!(
                    |x: i64, y: i64| Some(x.wrapping_sub(y)),
                    |x: f64, y: f64| x - y
                ),
                OP_MUL => arith_rr!(
                    |x: i64, y: i64| Some(x.wrapping_mul(y)),
                    |x: f64, y: f64| x * y
                ),
                OP_MOD => arith_rr!(imod, fmod),
                OP_IDIV => arith_rr!(idiv, fidiv),
                OP_POW => arith_rrf!(fpow),
                OP_DIV => arith_rrf!(|x: f64, y: f64| x / y),
                OP_BAND | OP_BOR | OP_BXOR | OP_SHL | OP_SHR => {
                    let rb = unsafe { &*reg!(i.b()) };
                    let rc = unsafe { &*reg!(i.c()) };
                    if let (Some(x), Some(y)) = (bit_int(rb), bit_int(rc)) {
                        unsafe { set_int(reg!(i.a()), bit_op(op, x, y)) };
                        pc += 1;
                    }
                }
                OP_MMBIN | OP_MMBINI | OP_MMBINK => {
                    let prev = unsafe { *code.add(pc - 2) };
                    let ra = unsafe { ld(reg!(i.a())) };
                    let Some(aop) = Tm::from_u32(i.c()).and_then(ArithOp::from_tm) else {
                        continue;
                    };
                    let (x, y, ox, oy) = match op {
                        OP_MMBIN => (
                            ra,
                            unsafe { ld(reg!(i.b())) },
                            Origin::Reg(i.a()),
                            Origin::Reg(i.b()),
                        ),
                        OP_MMBINI => {
                            let imm = Value::int(i.sb() as i64);
                            if i.k() {
                                (imm, ra, Origin::None, Origin::Reg(i.a()))
                            } else {
                                (ra, imm, Origin::Reg(i.a()), Origin::None)
                            }
                        }
                        _ => {
                            let kb = *kst!(i.b());
                            if i.k() {
                                (kb, ra, Origin::None, Origin::Reg(i.a()))
                            } else {
                                (ra, kb, Origin::Reg(i.a()), Origin::None)
                            }
                        }
                    };
                    mm_result!(st.arith_slow(aop, x, y, ox, oy, true), prev.a());
                }
                OP_UNM => {
                    let rb = unsafe { &*reg!(i.b()) };
                    if rb.tag == T_INT {
                        unsafe { set_int(reg!(i.a()), (rb.p as i64).wrapping_neg()) };
                    } else if rb.tag == T_FLOAT {
                        unsafe { set_flt(reg!(i.a()), -f64::from_bits(rb.p)) };
                    } else {
                        let v = *rb;
                        mm_result!(
                            st.arith_slow(
                                ArithOp::Unm,
                                v,
                                v,
                                Origin::Reg(i.b()),
                                Origin::Reg(i.b()),
                                true
                            ),
                            i.a()
                        );
                    }
                }
                OP_BNOT => {
                    let rb = unsafe { &*reg!(i.b()) };
                    if let Some(x) = bit_int(rb) {
                        unsafe { set_int(reg!(i.a()), !x) };
                    } else {
                        let v = *rb;
                        mm_result!(
                            st.arith_slow(
                                ArithOp::BNot,
                                v,
                                v,
                                Origin::Reg(i.b()),
                                Origin::Reg(i.b()),
                                true
                            ),
                            i.a()
                        );
                    }
                }
                OP_NOT => {
                    let f = unsafe { (*reg!(i.b())).is_falsy() };
                    unsafe { *reg!(i.a()) = Value::boolean(f) };
                }
                OP_LEN => {
                    let v = unsafe { ld(reg!(i.b())) };
                    let mut done = false;
                    if v.tag == T_TABLE {
                        let tab: GcRef<Table> = unsafe { GcRef::from_addr(v.p) };
                        if tab.get().meta.is_none() {
                            unsafe { set_int(reg!(i.a()), tab.get().length() as i64) };
                            done = true;
                        }
                    } else if v.tag == T_STR {
                        unsafe {
                            set_int(reg!(i.a()), v.as_str().map_or(0, |s| s.get().len()) as i64)
                        };
                        done = true;
                    }
                    if !done {
                        mm_result!(st.len_mm(v, Origin::Reg(i.b()), true), i.a());
                    }
                }
                OP_CONCAT => {
                    savepc!();
                    let th = st.cur.get();
                    let cib = unsafe { (*ci_ptr).base };
                    let first = cib + i.a() as usize;
                    let _ = th;
                    if !st.concat_stack(first, i.b() as usize, cib, true)? {
                        continue 'newframe;
                    }
                    reload!();
                    checkgc!(i.a() + 1);
                }
                OP_CLOSE => {
                    savepc!();
                    let level = unsafe { (*ci_ptr).base } + i.a() as usize;
                    st.cur.get_mut().top = st.live_top();
                    if st.close_step(level)? {
                        continue 'newframe; // a Lua __close runs; CLOSE is re-executed after it
                    }
                    reload!();
                }
                OP_TBC => {
                    savepc!();
                    let level = unsafe { (*ci_ptr).base } + i.a() as usize;
                    st.new_tbc(level, i.a() as usize, proto, pc)?;
                }
                OP_JMP => {
                    pc = (pc as i64 + i.sj() as i64) as usize;
                }
                OP_EQ => {
                    let a = unsafe { ld(reg!(i.a())) };
                    let b = unsafe { ld(reg!(i.b())) };
                    let cond = if a.tag == b.tag
                        && a.tag != T_TABLE
                        && a.tag != T_UDATA
                        && a.tag != T_FLOAT
                        && a.tag != T_STR
                    {
                        a.p == b.p
                    } else {
                        savepc!();
                        match st.equals_mm(a, b, true)? {
                            Some(c) => {
                                reload!();
                                c
                            }
                            None => continue 'newframe,
                        }
                    };
                    cond_jump!(cond, i);
                }
                OP_LT | OP_LE => {
                    let a = unsafe { &*reg!(i.a()) };
                    let b = unsafe { &*reg!(i.b()) };
                    let le = op == OP_LE;
                    let cond = if a.tag == T_INT && b.tag == T_INT {
                        if le {
                            (a.p as i64) <= (b.p as i64)
                        } else {
                            (a.p as i64) < (b.p as i64)
                        }
                    } else if let Some(c) = num_compare(*a, *b, le) {
                        c
                    } else {
                        let (x, y) = (*a, *b);
                        savepc!();
                        match st.compare_mm(x, y, le, true)? {
                            Some(c) => {
                                reload!();
                                c
                            }
                            None => continue 'newframe,
                        }
                    };
                    cond_jump!(cond, i);
                }
                OP_EQK => {
                    let a = unsafe { ld(reg!(i.a())) };
                    let cond = a.raw_eq(*kst!(i.b()));
                    cond_jump!(cond, i);
                }
                OP_EQI => {
                    let a = unsafe { &*reg!(i.a()) };
                    let im = i.sb() as i64;
                    let cond = if a.tag == T_INT {
                        a.p as i64 == im
                    } else if a.tag == T_FLOAT {
                        f64::from_bits(a.p) == im as f64
                    } else {
                        false
                    };
                    cond_jump!(cond, i);
                }
                OP_LTI | OP_LEI | OP_GTI | OP_GEI => {
                    let a = unsafe { &*reg!(i.a()) };
                    let im = i.sb() as i64;
                    let cond = if a.tag == T_INT {
                        let x = a.p as i64;
                        match op {
                            OP_LTI => x < im,
                            OP_LEI => x <= im,
                            OP_GTI => x > im,
                            _ => x >= im,
                        }
                    } else if a.tag == T_FLOAT {
                        let x = f64::from_bits(a.p);
                        let y = im as f64;
                        match op {
                            OP_LTI => x < y,
                            OP_LEI => x <= y,
                            OP_GTI => x > y,
                            _ => x >= y,
                        }
                    } else {
                        let imv = if i.c() != 0 {
                            Value::float(im as f64)
                        } else {
                            Value::int(im)
                        };
                        let av = *a;
                        let (x, y, le) = match op {
                            OP_LTI => (av, imv, false),
                            OP_LEI => (av, imv, true),
                            OP_GTI => (imv, av, false),
                            _ => (imv, av, true),
                        };
                        savepc!();
                        match st.compare_mm(x, y, le, true)? {
                            Some(c) => {
                                reload!();
                                c
                            }
                            None => continue 'newframe,
                        }
                    };
                    cond_jump!(cond, i);
                }
                OP_TEST => {
                    let cond = unsafe { (*reg!(i.a())).truthy() };
                    cond_jump!(cond, i);
                }
                OP_TESTSET => {
                    let rb = unsafe { ld(reg!(i.b())) };
                    if rb.is_falsy() == i.k() {
                        pc += 1;
                    } else {
                        unsafe { *reg!(i.a()) = rb };
                        let ni = unsafe { *code.add(pc) };
                        pc = (pc as i64 + ni.sj() as i64 + 1) as usize;
                    }
                }
                OP_CALL => {
                    let a = i.a() as usize;
                    let b = i.b() as usize;
                    let nres = i.c() as i32 - 1;
                    let cib = unsafe { (*ci_ptr).base };
                    let func = cib + a;
                    let th = st.cur.get_mut();
                    if b != 0 {
                        th.top = func + b;
                    }
                    savepc!();
                    let cd = unsafe { (*ci_ptr).cdepth };
                    // inline fast path of `precall` for Lua functions
                    let f = unsafe { ld(base.add(a)) };
                    if f.tag == T_LCL {
                        let ncl: GcRef<LClosure> = unsafe { GcRef::from_addr(f.p) };
                        let np = ncl.get().proto.get();
                        let nargs = th.top - func - 1;
                        let fsize = np.maxstacksize as usize;
                        let need = func + 2 + nargs + fsize;
                        if need <= th.stack.len() {
                            let npar = np.numparams as usize;
                            for j in nargs..npar {
                                unsafe { *th.stack.as_mut_ptr().add(func + 1 + j) = Value::NIL };
                            }
                            th.ci.push(CallInfo {
                                func,
                                base: func + 1,
                                top: func + 1 + fsize,
                                pc: 0,
                                nresults: nres,
                                status: CIST_LUA,
                                cdepth: cd,
                                nextra: nargs as u32,
                                aux: 0,
                            });
                            // enter the callee directly (what 'newframe would derive)
                            ci_idx += 1;
                            ci_ptr = unsafe { th.ci.as_mut_ptr().add(ci_idx) };
                            cl = ncl;
                            proto = ncl.get().proto;
                            p = proto.get();
                            code = p.code.as_ptr();
                            k = p.k.as_ptr();
                            pc = 0;
                            base = unsafe { th.stack.as_mut_ptr().add(func + 1) };
                            continue;
                        }
                    }
                    match st.precall(func, nres, 0, cd)? {
                        Pre::Done => {
                            reload!();
                            if st.heap.should_collect() {
                                st.collect_garbage();
                                reload!();
                            }
                        }
                        Pre::Lua | Pre::Switch => continue 'newframe,
                        Pre::YieldOut => return Ok(Exec::Yield),
                    }
                }
                OP_TAILCALL => {
                    savepc!();
                    let a = i.a() as usize;
                    let cic = unsafe { *ci_ptr };
                    let func = cic.base + a;
                    let th = st.cur.get_mut();
                    let mut b = i.b() as usize;
                    if b == 0 {
                        b = th.top - func;
                    } else {
                        th.top = func + b;
                    }
                    if i.k() {
                        th.close_upvals(cic.base);
                    }
                    let f = th.stack[func];
                    if !f.is_function() && st.get_tm(f, Tm::Call).is_nil() {
                        return Err(st.call_error(func));
                    }
                    let th = st.cur.get_mut();
                    if f.tag == T_LCL || !f.is_function() {
                        // replace the frame
                        let mut dst = cic.func;
                        if p.is_vararg {
                            dst -= cic.nextra as usize + p.numparams as usize + 1;
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
                                let c = unsafe { &mut *ci_ptr };
                                c.func = dst;
                                c.base = dst + 1;
                                c.top = dst + 1 + fsize;
                                c.pc = 0;
                                c.status = CIST_LUA | CIST_TAIL | keep;
                                c.nextra = nargs as u32;
                                continue 'newframe;
                            }
                        }
                        th.ci.pop();
                        match st.precall(dst, cic.nresults, keep | CIST_TAIL, cic.cdepth)? {
                            Pre::Lua | Pre::Switch => continue 'newframe,
                            Pre::YieldOut => return Ok(Exec::Yield),
                            Pre::Done => {
                                // a __call'ed native finished in place of this frame
                                if keep & CIST_FINISHOP != 0 {
                                    let th = st.cur.get();
                                    let mut r = if th.top > dst {
                                        th.stack[dst]
                                    } else {
                                        Value::NIL
                                    };
                                    if keep & CIST_LEQ != 0 {
                                        r = Value::boolean(r.is_falsy());
                                    }
                                    st.finish_op(r)?;
                                }
                                continue 'newframe;
                            }
                        }
                    }
                    // native callee: call it, then return its results
                    match st.precall(func, -1, 0, cic.cdepth)? {
                        Pre::Done => {
                            let th = st.cur.get();
                            let n = th.top - func;
                            st.do_return(func, n)?;
                            continue 'newframe;
                        }
                        Pre::Lua | Pre::Switch => continue 'newframe,
                        Pre::YieldOut => return Ok(Exec::Yield),
                    }
                }
                OP_RETURN => {
                    savepc!();
                    let a = i.a() as usize;
                    let cib = unsafe { (*ci_ptr).base };
                    let first = cib + a;
                    let th = st.cur.get_mut();
                    let n = if i.b() == 0 {
                        th.top - first
                    } else {
                        i.b() as usize - 1
                    };
                    if i.k() {
                        th.top = first + n;
                        unsafe { (*ci_ptr).aux = n as u32 };
                        if st.close_step(cib)? {
                            continue 'newframe; // RETURN is re-executed after the __close
                        }
                    }
                    st.do_return(first, n)?;
                    continue 'newframe;
                }
                OP_RETURN0 => {
                    let cic = unsafe { *ci_ptr };
                    if cic.status == CIST_LUA && cic.nresults >= 0 && !p.is_vararg {
                        let th = st.cur.get_mut();
                        let res = cic.func;
                        for j in 0..cic.nresults as usize {
                            th.stack[res + j] = Value::NIL;
                        }
                        th.top = res + cic.nresults as usize;
                        th.ci.pop();
                    } else {
                        savepc!();
                        let first = cic.base + i.a() as usize;
                        st.do_return(first, 0)?;
                    }
                    continue 'newframe;
                }
                OP_RETURN1 => {
                    let cic = unsafe { *ci_ptr };
                    if cic.status == CIST_LUA && cic.nresults == 1 && !p.is_vararg {
                        let th = st.cur.get_mut();
                        unsafe { copy_val(th.stack.as_mut_ptr().add(cic.func), reg!(i.a())) };
                        th.top = cic.func + 1;
                        th.ci.pop();
                        // return directly into a Lua caller that is not our exit point
                        let len = ci_idx; // frames left
                        let caller = unsafe { *th.ci.as_ptr().add(len - 1) };
                        if caller.is_lua() && (len > stop || st.cur != start) {
                            ci_idx = len - 1;
                            ci_ptr = unsafe { th.ci.as_mut_ptr().add(ci_idx) };
                            cl = unsafe {
                                GcRef::from_addr((*th.stack.as_ptr().add(caller.func)).p)
                            };
                            proto = cl.get().proto;
                            p = proto.get();
                            code = p.code.as_ptr();
                            k = p.k.as_ptr();
                            pc = caller.pc;
                            base = unsafe { th.stack.as_mut_ptr().add(caller.base) };
                            continue;
                        }
                    } else {
                        savepc!();
                        let first = cic.base + i.a() as usize;
                        st.do_return(first, 1)?;
                    }
                    continue 'newframe;
                }
                OP_FORLOOP => {
                    let ra = reg!(i.a());
                    unsafe {
                        if (*ra.add(2)).tag == T_INT {
                            let count = (*ra.add(1)).p;
                            if count > 0 {
                                let step = (*ra.add(2)).p as i64;
                                let idx = ((*ra).p as i64).wrapping_add(step);
                                // Whole-slot stores (tag too): R[A] and R[A+1] are the loop's
                                // internal state, but a debug hook or an aliasing upvalue may
                                // have put a GC value there; a payload-only store would leave
                                // that tag over an integer, i.e. a wild pointer.
                                set_int(ra.add(1), (count - 1) as i64);
                                set_int(ra, idx);
                                set_int(ra.add(3), idx);
                                pc -= i.bx() as usize;
                            }
                        } else {
                            let step = (*ra.add(2)).fval();
                            let limit = (*ra.add(1)).fval();
                            let idx = (*ra).fval() + step;
                            if if step > 0.0 {
                                idx <= limit
                            } else {
                                limit <= idx
                            } {
                                set_flt(ra, idx);
                                set_flt(ra.add(3), idx);
                                pc -= i.bx() as usize;
                            }
                        }
                    }
                }
                OP_FORPREP => {
                    savepc!();
                    let ra = reg!(i.a());
                    if st.for_prep(ra)? {
                        pc += i.bx() as usize + 1;
                    }
                }
                OP_TFORPREP => {
                    savepc!();
                    let a = i.a() as usize;
                    let level = unsafe { (*ci_ptr).base } + a + 3;
                    st.new_tbc(level, a + 3, proto, pc)?;
                    pc = (pc as i64 + i.bx() as i64) as usize;
                }
                OP_TFORCALL => {
                    let a = i.a() as usize;
                    unsafe {
                        copy_val(reg!(a + 4), reg!(a));
                        copy_val(reg!(a + 5), reg!(a + 1));
                        copy_val(reg!(a + 6), reg!(a + 2));
                    }
                    let cib = unsafe { (*ci_ptr).base };
                    let func = cib + a + 4;
                    st.cur.get_mut().top = func + 3;
                    savepc!();
                    let cd = unsafe { (*ci_ptr).cdepth };
                    match st.precall(func, i.c() as i32, 0, cd)? {
                        Pre::Done => {
                            reload!();
                        }
                        Pre::Lua | Pre::Switch => continue 'newframe,
                        Pre::YieldOut => return Ok(Exec::Yield),
                    }
                }
                OP_TFORLOOP => {
                    let a = i.a() as usize;
                    let v = unsafe { ld(reg!(a + 4)) };
                    if !v.is_nil() {
                        unsafe { *reg!(a + 2) = v };
                        pc -= i.bx() as usize;
                    }
                }
                OP_SETLIST => {
                    let a = i.a() as usize;
                    let cib = unsafe { (*ci_ptr).base };
                    let mut n = i.b() as usize;
                    if n == 0 {
                        n = st.cur.get().top - (cib + a) - 1;
                    }
                    let mut last = i.c() as usize;
                    if i.k() {
                        last += unsafe { (*code.add(pc)).ax() } as usize * 256;
                        pc += 1;
                    }
                    st.set_list(cib + a, n, last);
                    checkgc!(i.a() + 1);
                }
                OP_CLOSURE => {
                    let np = unsafe { *p.protos.get_unchecked(i.bx() as usize) };
                    savepc!();
                    let ncl = st.new_lclosure(np, cl, unsafe { (*ci_ptr).base });
                    unsafe { *reg!(i.a()) = Value::lclosure(ncl) };
                    checkgc!(i.a() + 1);
                }
                OP_VARARG => {
                    savepc!();
                    let a = i.a() as usize;
                    let wanted = i.c() as i32 - 1;
                    st.do_vararg(a, wanted)?;
                    reload!();
                }
                OP_VARARGPREP => {
                    savepc!();
                    st.varargprep(p.numparams as usize, p.maxstacksize as usize)?;
                    continue 'newframe;
                }
                OP_EXTRAARG => {}
                // SAFETY: verified code contains only valid opcodes (aqua_bytecode::verify).
                _ => unsafe { std::hint::unreachable_unchecked() },
            }
        }
    }
}

impl State {
    #[inline(never)]
    fn new_table_op(&mut self, b: u32, c: usize) -> GcRef<Table> {
        // size hints come from the bytecode: cap them (tables grow on demand anyway)
        let hsize = if b > 0 { 1usize << (b - 1).min(20) } else { 0 };
        self.heap.alloc_table(Table::new(c.min(1 << 20), hsize))
    }

    /// TBC / TFORPREP: register stack slot `level` (register `reg`) as to-be-closed.
    #[inline(never)]
    fn new_tbc(
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
    fn set_list(&mut self, ta: usize, n: usize, last: usize) {
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
            if tm.is_nil() {
                continue;
            }
            if self.call_tm(tm, &[obj, Value::NIL], 0, true)?.is_none() {
                return Ok(true);
            }
        }
    }

    /// VARARG: copy `wanted` (-1: all) varargs to `R[a]...`.
    #[inline(never)]
    fn do_vararg(&mut self, a: usize, wanted: i32) -> Result<(), LuaError> {
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
    fn varargprep(&mut self, nfix: usize, fsize: usize) -> Result<(), LuaError> {
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
    fn for_prep(&mut self, ra: *mut Value) -> Result<bool, LuaError> {
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
