//! Instruction handlers of the stack interpreter (`super::run`), one per stack opcode (families
//! with one body are generic over the opcode byte), `#[inline(always)]`, with the slow paths
//! (metamethods, coercions, errors, allocation) on `State` out of line, shared with the register
//! VM.
//!
//! Invariants: those of `super`. A handler that may have pushed or popped frames, switched
//! threads or reallocated the stack either re-derives the `SFrame` pointers (`reload!`) or
//! returns `Ctl::NewFrame`; before any call out of the loop it saves the resume point
//! (`save!`) with `fr.sp` set to the height the instruction completes with.

#![allow(unused_unsafe)]

use super::*;
use aqua_bytecode::stack_isa::SOp;

type R = Result<Ctl, LuaError>;

#[inline(always)]
unsafe fn push(fr: &mut SFrame, v: *const Value) {
    // SAFETY: the compiler keeps the operand stack inside the frame.
    unsafe {
        copy_val(fr.sp, v);
        fr.sp = fr.sp.add(1);
    }
}

#[inline(always)]
pub(super) fn op_pushl(_st: &mut State, fr: &mut SFrame, i: SInst) -> R {
    unsafe { push(fr, reg!(fr, i.a())) };
    Ok(Ctl::Next)
}

#[inline(always)]
pub(super) fn op_storel(_st: &mut State, fr: &mut SFrame, i: SInst) -> R {
    unsafe {
        fr.sp = fr.sp.sub(1);
        copy_val(reg!(fr, i.a()), fr.sp);
    }
    Ok(Ctl::Next)
}

#[inline(always)]
pub(super) fn op_pushk(_st: &mut State, fr: &mut SFrame, i: SInst) -> R {
    unsafe { push(fr, kst!(fr, i.ax_field())) };
    Ok(Ctl::Next)
}

#[inline(always)]
pub(super) fn op_pushi(_st: &mut State, fr: &mut SFrame, i: SInst) -> R {
    unsafe {
        set_int(fr.sp, i.sax_field() as i64);
        fr.sp = fr.sp.add(1);
    }
    Ok(Ctl::Next)
}

#[inline(always)]
pub(super) fn op_pushf(_st: &mut State, fr: &mut SFrame, i: SInst) -> R {
    unsafe {
        set_flt(fr.sp, i.sax_field() as f64);
        fr.sp = fr.sp.add(1);
    }
    Ok(Ctl::Next)
}

#[inline(always)]
pub(super) fn op_pushnil(_st: &mut State, fr: &mut SFrame, i: SInst) -> R {
    for _ in 0..i.a() {
        unsafe {
            *fr.sp = Value::NIL;
            fr.sp = fr.sp.add(1);
        }
    }
    Ok(Ctl::Next)
}

#[inline(always)]
pub(super) fn op_pushbool<const B: bool>(_st: &mut State, fr: &mut SFrame, _i: SInst) -> R {
    unsafe {
        *fr.sp = Value::boolean(B);
        fr.sp = fr.sp.add(1);
    }
    Ok(Ctl::Next)
}

#[inline(always)]
pub(super) fn op_pushup(_st: &mut State, fr: &mut SFrame, i: SInst) -> R {
    let uv = unsafe { *fr.cl.get().upvals.get_unchecked(i.a() as usize) };
    unsafe { push(fr, uv.get().v) };
    Ok(Ctl::Next)
}

#[inline(always)]
pub(super) fn op_storeup(_st: &mut State, fr: &mut SFrame, i: SInst) -> R {
    let uv = unsafe { *fr.cl.get().upvals.get_unchecked(i.a() as usize) };
    unsafe {
        fr.sp = fr.sp.sub(1);
        uv.get_mut().set(ld(fr.sp));
    }
    Ok(Ctl::Next)
}

#[inline(always)]
pub(super) fn op_settop(_st: &mut State, fr: &mut SFrame, i: SInst) -> R {
    fr.sp = reg!(fr, i.a());
    Ok(Ctl::Next)
}

#[inline(always)]
pub(super) fn op_gettabup(st: &mut State, fr: &mut SFrame, i: SInst) -> R {
    let uv = unsafe { *fr.cl.get().upvals.get_unchecked(i.a() as usize) };
    let t = uv.get().get();
    let key = *kst!(fr, i.b());
    unsafe { fr.sp = fr.sp.add(1) };
    match get_fast::<true>(t, key) {
        Some(v) => unsafe { *fr.sp.sub(1) = v },
        None => mm_top!(st, fr, st.finish_get(t, key, Origin::Upval(i.a()), true)),
    }
    Ok(Ctl::Next)
}

#[inline(always)]
pub(super) fn op_gettable<const REV: bool>(st: &mut State, fr: &mut SFrame, _i: SInst) -> R {
    let (t, key) = unsafe { operands2::<REV>(fr) };
    unsafe { fr.sp = fr.sp.sub(1) };
    match get_fast::<false>(t, key) {
        Some(v) => unsafe { *fr.sp.sub(1) = v },
        None => {
            let o = Origin::Reg(fr.reg_inst().b());
            mm_top!(st, fr, st.finish_get(t, key, o, true))
        }
    }
    Ok(Ctl::Next)
}

#[inline(always)]
pub(super) fn op_geti(st: &mut State, fr: &mut SFrame, i: SInst) -> R {
    let t = unsafe { ld(fr.sp.sub(1)) };
    let key = Value::int(i.b() as i64);
    match get_fast::<false>(t, key) {
        Some(v) => unsafe { *fr.sp.sub(1) = v },
        None => {
            let o = Origin::Reg(fr.reg_inst().b());
            mm_top!(st, fr, st.finish_get(t, key, o, true))
        }
    }
    Ok(Ctl::Next)
}

#[inline(always)]
pub(super) fn op_getfield(st: &mut State, fr: &mut SFrame, i: SInst) -> R {
    let t = unsafe { ld(fr.sp.sub(1)) };
    let key = *kst!(fr, i.b());
    match get_fast::<true>(t, key) {
        Some(v) => unsafe { *fr.sp.sub(1) = v },
        None => {
            let o = Origin::Reg(fr.reg_inst().b());
            mm_top!(st, fr, st.finish_get(t, key, o, true))
        }
    }
    Ok(Ctl::Next)
}

const SETTABUP: u8 = SOp::SetTabUp as u8;
const SETTABLE: u8 = SOp::SetTable as u8;
const SETI: u8 = SOp::SetI as u8;

/// The two operands `(first, second)` on top of the stack (`REV`: the first is on top).
#[inline(always)]
unsafe fn operands2<const REV: bool>(fr: &SFrame) -> (Value, Value) {
    // SAFETY: two operands are on the stack.
    unsafe {
        if REV {
            (ld(fr.sp.sub(1)), ld(fr.sp.sub(2)))
        } else {
            (ld(fr.sp.sub(2)), ld(fr.sp.sub(1)))
        }
    }
}

const SETIR: u8 = SOp::SetIR as u8;
const SETFIELDR: u8 = SOp::SetFieldR as u8;

/// `SETTABUP | SETTABLE | SETI | SETFIELD` (and `SETIR | SETFIELDR`: `[v t --]`).
#[inline(always)]
pub(super) fn op_set<const OP: u8>(st: &mut State, fr: &mut SFrame, i: SInst) -> R {
    let v = if OP == SETIR || OP == SETFIELDR {
        unsafe { ld(fr.sp.sub(2)) }
    } else {
        unsafe { ld(fr.sp.sub(1)) }
    };
    let (t, key, npop) = match OP {
        SETIR => (unsafe { ld(fr.sp.sub(1)) }, Value::int(i.b() as i64), 2),
        SETFIELDR => (unsafe { ld(fr.sp.sub(1)) }, *kst!(fr, i.b()), 2),
        SETTABUP => {
            let uv = unsafe { *fr.cl.get().upvals.get_unchecked(i.a() as usize) };
            (uv.get().get(), *kst!(fr, i.b()), 1)
        }
        SETTABLE => unsafe { (ld(fr.sp.sub(3)), ld(fr.sp.sub(2)), 3) },
        SETI => (unsafe { ld(fr.sp.sub(2)) }, Value::int(i.b() as i64), 2),
        _ => (unsafe { ld(fr.sp.sub(2)) }, *kst!(fr, i.b()), 2),
    };
    unsafe { fr.sp = fr.sp.sub(npop) };
    if !set_fast(st, t, key, v, || save!(fr))? {
        let origin = if OP == SETTABUP {
            Origin::Upval(i.a())
        } else {
            Origin::Reg(fr.reg_inst().a())
        };
        save!(fr);
        if !st.finish_set(t, key, v, origin, true)? {
            return Ok(Ctl::NewFrame);
        }
        reload!(st, fr);
        rehook!(st, fr);
    }
    Ok(Ctl::Next)
}

#[inline(always)]
pub(super) fn op_newtable(st: &mut State, fr: &mut SFrame, i: SInst) -> R {
    let t = st.new_table_op(i.a(), i.b() as usize);
    unsafe {
        *fr.sp = Value::table(t);
        fr.sp = fr.sp.add(1);
    }
    checkgc!(st, fr);
    Ok(Ctl::Next)
}

#[inline(always)]
pub(super) fn op_setlist(st: &mut State, fr: &mut SFrame, i: SInst) -> R {
    let last = unsafe { (*fr.code.add(fr.pc)).ax_field() } as usize;
    fr.pc += 1;
    let cib = unsafe { (*fr.ci_ptr).base };
    let ta = cib + i.a() as usize;
    let spi = cib + fr.sp_rel();
    let n = if i.b() == 0 {
        spi.saturating_sub(ta + 1)
    } else {
        i.b() as usize
    };
    st.set_list(ta, n, last);
    fr.sp = reg!(fr, i.a() + 1);
    checkgc!(st, fr);
    Ok(Ctl::Next)
}

/// `SELF` (key constant) / `SELFT` (key on the stack).
#[inline(always)]
pub(super) fn op_self<const K: bool>(st: &mut State, fr: &mut SFrame, i: SInst) -> R {
    let (t, key) = if K {
        (unsafe { ld(fr.sp.sub(1)) }, *kst!(fr, i.b()))
    } else {
        unsafe {
            fr.sp = fr.sp.sub(1);
            (ld(fr.sp.sub(1)), ld(fr.sp))
        }
    };
    // [o] -> [m o]
    unsafe {
        *fr.sp = t;
        fr.sp = fr.sp.add(1);
    }
    match get_fast::<K>(t, key) {
        Some(v) => unsafe { *fr.sp.sub(2) = v },
        None => {
            let o = Origin::Reg(fr.reg_inst().b());
            save!(fr);
            match st.finish_get(t, key, o, true)? {
                Some(v) => {
                    reload!(st, fr);
                    unsafe { *fr.sp.sub(2) = v };
                    rehook!(st, fr);
                }
                None => return Ok(Ctl::NewFrame),
            }
        }
    }
    Ok(Ctl::Next)
}

/// Arithmetic fallback (metamethods, coercions, errors) for the register instruction `ri` the
/// running stack instruction comes from; `top` is the operand on top of the stack. Out of line
/// and without the `SFrame`, which must stay in registers.
#[cold]
#[inline(never)]
fn arith_slow_stack(
    st: &mut State,
    ri: Instruction,
    k: *const Value,
    top: Value,
    op: ArithOp,
    x: Value,
    y: Value,
) -> Result<Option<Value>, LuaError> {
    let (ox, oy) = arith_origins(ri);
    // the event and the constant operand are the MMBINI/MMBINK's (`x - 1` is `ADDI -1`
    // with an `__sub` fallback over 1)
    let (op, x, y) = match ri.opcode() {
        OpCode::MmBinI | OpCode::MmBinK => {
            let ev = Tm::from_u32(ri.c())
                .and_then(ArithOp::from_tm)
                .unwrap_or(op);
            let c = if ri.opcode() == OpCode::MmBinI {
                Value::int(ri.sb() as i64)
            } else {
                // SAFETY: MMBINK's B is a constant index of the running function (verified).
                unsafe { *k.add(ri.b() as usize) }
            };
            if ri.k() {
                (ev, c, top)
            } else {
                (ev, top, c)
            }
        }
        _ => (op, x, y),
    };
    st.arith_slow(op, x, y, ox, oy, true)
}

/// The arithmetic fallback from a handler: the result replaces the top (`sp` already at the
/// instruction's final height).
macro_rules! arith_fallback {
    ($st:ident, $fr:ident, $op:expr, $x:expr, $y:expr) => {{
        let ri = $fr.reg_inst();
        let top = unsafe { ld($fr.sp.sub(1)) };
        let k = $fr.k;
        mm_top!($st, $fr, arith_slow_stack($st, ri, k, top, $op, $x, $y));
        Ok(Ctl::Next)
    }};
}

#[inline(always)]
pub(super) fn op_addi(st: &mut State, fr: &mut SFrame, i: SInst) -> R {
    let slot = unsafe { fr.sp.sub(1) };
    let v = unsafe { &*slot };
    let ic = i.sb() as i64;
    if v.tag == T_INT {
        unsafe { set_int(slot, (v.p as i64).wrapping_add(ic)) };
    } else if v.tag == T_FLOAT {
        unsafe { set_flt(slot, f64::from_bits(v.p) + ic as f64) };
    } else {
        let (a, b) = if i.a() & 1 != 0 {
            (Value::int(ic), *v)
        } else {
            (*v, Value::int(ic))
        };
        return arith_fallback!(st, fr, ArithOp::Add, a, b);
    }
    Ok(Ctl::Next)
}

const ADD: u8 = SOp::Add as u8;
const SUB: u8 = SOp::Sub as u8;
const MUL: u8 = SOp::Mul as u8;
const MOD: u8 = SOp::Mod as u8;
const POW: u8 = SOp::Pow as u8;
const DIV: u8 = SOp::Div as u8;
const IDIV: u8 = SOp::IDiv as u8;
const BAND: u8 = SOp::BAnd as u8;
const BOR: u8 = SOp::BOr as u8;
const BXOR: u8 = SOp::BXor as u8;
const SHL: u8 = SOp::Shl as u8;
const ADDK: u8 = SOp::AddK as u8;
const SUBK: u8 = SOp::SubK as u8;
const MULK: u8 = SOp::MulK as u8;
const MODK: u8 = SOp::ModK as u8;
const POWK: u8 = SOp::PowK as u8;
const DIVK: u8 = SOp::DivK as u8;
const IDIVK: u8 = SOp::IDivK as u8;
const BANDK: u8 = SOp::BAndK as u8;
const BORK: u8 = SOp::BOrK as u8;

/// The operator of a binary arithmetic opcode (register or constant form).
#[inline(always)]
const fn arith_of(op: u8) -> ArithOp {
    match op {
        ADD | ADDK => ArithOp::Add,
        SUB | SUBK => ArithOp::Sub,
        MUL | MULK => ArithOp::Mul,
        MOD | MODK => ArithOp::Mod,
        POW | POWK => ArithOp::Pow,
        DIV | DIVK => ArithOp::Div,
        IDIV | IDIVK => ArithOp::IDiv,
        BAND | BANDK => ArithOp::BAnd,
        BOR | BORK => ArithOp::BOr,
        BXOR => ArithOp::BXor,
        SHL => ArithOp::Shl,
        _ => {
            if op == SOp::BXorK as u8 {
                ArithOp::BXor
            } else {
                ArithOp::Shr
            }
        }
    }
}

/// `[a b -- a op b]`.
#[inline(always)]
pub(super) fn op_arith<const OP: u8, const REV: bool>(
    st: &mut State,
    fr: &mut SFrame,
    _i: SInst,
) -> R {
    let aop = arith_of(OP);
    let pa = unsafe { fr.sp.sub(2) };
    // (the operands are read before the result overwrites the first slot)
    let (xv, yv) = if REV {
        unsafe { (ld(fr.sp.sub(1)), ld(pa)) }
    } else {
        unsafe { (ld(pa), ld(fr.sp.sub(1))) }
    };
    if unsafe { arith_fast(aop, &xv, &yv).store(|| pa) } {
        unsafe { fr.sp = fr.sp.sub(1) };
        return Ok(Ctl::Next);
    }
    unsafe { fr.sp = fr.sp.sub(1) };
    arith_fallback!(st, fr, aop, xv, yv)
}

/// `[a -- a op K[B]]` (A bit 0: operands flipped for the metamethod).
#[inline(always)]
pub(super) fn op_arithk<const OP: u8>(st: &mut State, fr: &mut SFrame, i: SInst) -> R {
    let aop = arith_of(OP);
    let pa = unsafe { fr.sp.sub(1) };
    let xv = unsafe { ld(pa) };
    let yv = *kst!(fr, i.b());
    if unsafe { arith_fast(aop, &xv, &yv).store(|| pa) } {
        return Ok(Ctl::Next);
    }
    let (a, b) = if i.a() & 1 != 0 { (yv, xv) } else { (xv, yv) };
    arith_fallback!(st, fr, aop, a, b)
}

/// `SHRI` (`[a -- a >> sB]`) / `SHLI` (`[a -- sB << a]`).
#[inline(always)]
pub(super) fn op_shifti<const LEFT: bool>(st: &mut State, fr: &mut SFrame, i: SInst) -> R {
    let pa = unsafe { fr.sp.sub(1) };
    let x = unsafe { *pa };
    let ic = i.sb() as i64;
    match bit_int(&x) {
        Some(v) => unsafe {
            set_int(
                pa,
                if LEFT {
                    shiftl(ic, v)
                } else {
                    shiftl(v, ic.wrapping_neg())
                },
            )
        },
        None => {
            let (op, a, b) = if LEFT {
                (ArithOp::Shl, Value::int(ic), x)
            } else {
                (ArithOp::Shr, x, Value::int(ic))
            };
            return arith_fallback!(st, fr, op, a, b);
        }
    }
    Ok(Ctl::Next)
}

#[inline(always)]
pub(super) fn op_unm(st: &mut State, fr: &mut SFrame, _i: SInst) -> R {
    let pa = unsafe { fr.sp.sub(1) };
    let v = unsafe { *pa };
    if v.tag == T_INT {
        unsafe { set_int(pa, (v.p as i64).wrapping_neg()) };
    } else if v.tag == T_FLOAT {
        unsafe { set_flt(pa, -f64::from_bits(v.p)) };
    } else {
        return arith_fallback!(st, fr, ArithOp::Unm, v, v);
    }
    Ok(Ctl::Next)
}

#[inline(always)]
pub(super) fn op_bnot(st: &mut State, fr: &mut SFrame, _i: SInst) -> R {
    let pa = unsafe { fr.sp.sub(1) };
    let v = unsafe { *pa };
    match bit_int(&v) {
        Some(x) => unsafe { set_int(pa, !x) },
        None => return arith_fallback!(st, fr, ArithOp::BNot, v, v),
    }
    Ok(Ctl::Next)
}

#[inline(always)]
pub(super) fn op_not(_st: &mut State, fr: &mut SFrame, _i: SInst) -> R {
    let pa = unsafe { fr.sp.sub(1) };
    unsafe { *pa = Value::boolean((*pa).is_falsy()) };
    Ok(Ctl::Next)
}

#[inline(always)]
pub(super) fn op_len(st: &mut State, fr: &mut SFrame, _i: SInst) -> R {
    let pa = unsafe { fr.sp.sub(1) };
    let v = unsafe { *pa };
    if v.tag == T_TABLE {
        let tab: GcRef<Table> = unsafe { GcRef::from_addr(v.p) };
        if tab.get().meta.is_none() {
            unsafe { set_int(pa, tab.get().length() as i64) };
            return Ok(Ctl::Next);
        }
    } else if v.tag == T_STR {
        unsafe { set_int(pa, v.as_str().map_or(0, |s| s.get().len()) as i64) };
        return Ok(Ctl::Next);
    }
    let o = Origin::Reg(fr.reg_inst().b());
    mm_top!(st, fr, st.len_mm(v, o, true));
    Ok(Ctl::Next)
}

#[inline(always)]
pub(super) fn op_concat(st: &mut State, fr: &mut SFrame, i: SInst) -> R {
    let a = i.a() as usize;
    fr.sp = reg!(fr, a + 1);
    save!(fr);
    let cib = unsafe { (*fr.ci_ptr).base };
    if !st.concat_stack(cib + a, i.b() as usize, cib, true)? {
        return Ok(Ctl::NewFrame);
    }
    // (`concat_stack` may have used `aux`)
    save!(fr);
    reload!(st, fr);
    checkgc!(st, fr);
    rehook!(st, fr); // (a native __concat may have run)
    Ok(Ctl::Next)
}

#[inline(always)]
pub(super) fn op_close(st: &mut State, fr: &mut SFrame, i: SInst) -> R {
    save!(fr);
    let level = unsafe { (*fr.ci_ptr).base } + i.a() as usize;
    st.cur.get_mut().top = st.live_top();
    if st.close_step(level)? {
        return Ok(Ctl::NewFrame);
    }
    reload!(st, fr);
    rehook!(st, fr); // (a native __close may have run)
    Ok(Ctl::Next)
}

#[inline(always)]
pub(super) fn op_tbc(st: &mut State, fr: &mut SFrame, i: SInst) -> R {
    save!(fr);
    let level = unsafe { (*fr.ci_ptr).base } + i.a() as usize;
    let rpc = unsafe { (*fr.ci_ptr).pc };
    st.new_tbc(level, i.a() as usize, fr.proto, rpc)?;
    Ok(Ctl::Next)
}

#[inline(always)]
pub(super) fn op_jmp(st: &mut State, fr: &mut SFrame, i: SInst) -> R {
    let sj = i.sax_field();
    fr.pc = (fr.pc as i64 + sj as i64) as usize;
    if sj < 0 {
        back_edge!(st, fr);
    }
    Ok(Ctl::Next)
}

/// A comparison fallback that may push a metamethod frame (operands already popped); when it
/// completes here, the jump (on `c == $k`) is taken before the hook check.
macro_rules! cmp_slow {
    ($st:ident, $fr:ident, $res:expr, $k:expr) => {{
        save!($fr);
        match $res? {
            Some(c) => {
                reload!($st, $fr);
                cond_jump!($st, $fr, c, $k);
                rehook!($st, $fr, next);
                return Ok(Ctl::Next);
            }
            None => return Ok(Ctl::NewFrame),
        }
    }};
}

#[inline(always)]
pub(super) fn op_eq<const REV: bool>(st: &mut State, fr: &mut SFrame, i: SInst) -> R {
    let (a, b) = unsafe { operands2::<REV>(fr) };
    unsafe { fr.sp = fr.sp.sub(2) };
    let cond = if a.tag == b.tag
        && a.tag != T_TABLE
        && a.tag != T_UDATA
        && a.tag != T_FLOAT
        && a.tag != T_STR
    {
        a.p == b.p
    } else {
        cmp_slow!(st, fr, st.equals_mm(a, b, true), i.a() != 0)
    };
    cond_jump!(st, fr, cond, i.a() != 0);
    Ok(Ctl::Next)
}

/// `LT` / `LE` (`LE` = true).
#[inline(always)]
pub(super) fn op_lt<const LE: bool, const REV: bool>(
    st: &mut State,
    fr: &mut SFrame,
    i: SInst,
) -> R {
    let (a, b) = unsafe { operands2::<REV>(fr) };
    unsafe { fr.sp = fr.sp.sub(2) };
    let cond = if a.tag == T_INT && b.tag == T_INT {
        if LE {
            (a.p as i64) <= (b.p as i64)
        } else {
            (a.p as i64) < (b.p as i64)
        }
    } else if let Some(c) = num_compare(a, b, LE) {
        c
    } else {
        cmp_slow!(st, fr, st.compare_mm(a, b, LE, true), i.a() != 0)
    };
    cond_jump!(st, fr, cond, i.a() != 0);
    Ok(Ctl::Next)
}

#[inline(always)]
pub(super) fn op_eqk(st: &mut State, fr: &mut SFrame, i: SInst) -> R {
    let a = unsafe { ld(fr.sp.sub(1)) };
    unsafe { fr.sp = fr.sp.sub(1) };
    let cond = a.raw_eq(*kst!(fr, i.b()));
    cond_jump!(st, fr, cond, i.a() & 1 != 0);
    Ok(Ctl::Next)
}

#[inline(always)]
pub(super) fn op_eqi(st: &mut State, fr: &mut SFrame, i: SInst) -> R {
    let a = unsafe { ld(fr.sp.sub(1)) };
    unsafe { fr.sp = fr.sp.sub(1) };
    let im = i.sb() as i64;
    let cond = if a.tag == T_INT {
        a.p as i64 == im
    } else if a.tag == T_FLOAT {
        f64::from_bits(a.p) == im as f64
    } else {
        false
    };
    cond_jump!(st, fr, cond, i.a() & 1 != 0);
    Ok(Ctl::Next)
}

const LTI: u8 = SOp::LtI as u8;
const LEI: u8 = SOp::LeI as u8;
const GTI: u8 = SOp::GtI as u8;

/// `LTI | LEI | GTI | GEI`.
#[inline(always)]
pub(super) fn op_cmpi<const OP: u8>(st: &mut State, fr: &mut SFrame, i: SInst) -> R {
    let a = unsafe { ld(fr.sp.sub(1)) };
    unsafe { fr.sp = fr.sp.sub(1) };
    let im = i.sb() as i64;
    let cond = if a.tag == T_INT {
        let x = a.p as i64;
        match OP {
            LTI => x < im,
            LEI => x <= im,
            GTI => x > im,
            _ => x >= im,
        }
    } else if a.tag == T_FLOAT {
        let x = f64::from_bits(a.p);
        let y = im as f64;
        match OP {
            LTI => x < y,
            LEI => x <= y,
            GTI => x > y,
            _ => x >= y,
        }
    } else {
        let imv = if i.a() & 2 != 0 {
            Value::float(im as f64)
        } else {
            Value::int(im)
        };
        let (x, y, le) = match OP {
            LTI => (a, imv, false),
            LEI => (a, imv, true),
            GTI => (imv, a, false),
            _ => (imv, a, true),
        };
        cmp_slow!(st, fr, st.compare_mm(x, y, le, true), i.a() & 1 != 0)
    };
    cond_jump!(st, fr, cond, i.a() & 1 != 0);
    Ok(Ctl::Next)
}

#[inline(always)]
pub(super) fn op_test(st: &mut State, fr: &mut SFrame, i: SInst) -> R {
    let cond = unsafe {
        fr.sp = fr.sp.sub(1);
        (*fr.sp).truthy()
    };
    cond_jump!(st, fr, cond, i.a() != 0);
    Ok(Ctl::Next)
}

#[inline(always)]
pub(super) fn op_testset(st: &mut State, fr: &mut SFrame, i: SInst) -> R {
    let cond = unsafe { (*fr.sp.sub(1)).truthy() };
    if cond != (i.a() != 0) {
        unsafe { fr.sp = fr.sp.sub(1) };
        fr.pc += 1;
    } else {
        take_jump!(st, fr);
    }
    Ok(Ctl::Next)
}

/// Enter the Lua frame on top of the thread (just pushed or returned into) without leaving the
/// loop.
#[inline(always)]
fn enter_top(st: &mut State, fr: &mut SFrame) -> bool {
    let th = st.cur.get_mut();
    let idx = th.ci.len() - 1;
    let ci = unsafe { *th.ci.as_ptr().add(idx) };
    let cl: GcRef<LClosure> = unsafe { GcRef::from_addr((*th.stack.as_ptr().add(ci.func)).p) };
    let proto = cl.get().proto;
    let Some(sc) = proto.get().info.stack.as_deref() else {
        return false;
    };
    fr.ci_idx = idx;
    fr.ci_ptr = unsafe { th.ci.as_mut_ptr().add(idx) };
    fr.cl = cl;
    fr.proto = proto;
    fr.p = proto.get() as *const LProto;
    fr.code = sc.code.as_ptr();
    fr.regpc = sc.regpc.as_ptr();
    fr.trace = sc.trace.as_ptr();
    fr.k = fr.p().k.as_ptr();
    fr.base = unsafe { th.stack.as_mut_ptr().add(ci.base) };
    let spc = (ci.aux >> 12) as usize;
    let rel = ci.aux & 0xfff;
    fr.pc = spc;
    fr.sp = if spc == 0 {
        unsafe { fr.base.add(fr.p().numparams as usize) }
    } else if rel == SP_TOP {
        unsafe { th.stack.as_mut_ptr().add(th.top) }
    } else {
        unsafe { fr.base.add(rel as usize) }
    };
    true
}

/// `CALL A B`: function at slot A, `B = (nargs+1) | (nres+1) << 8` (0: open).
#[inline(always)]
pub(super) fn op_call(st: &mut State, fr: &mut SFrame, i: SInst) -> R {
    let a = i.a() as usize;
    let nres = (i.b() >> 8) as i32 - 1;
    let cib = unsafe { (*fr.ci_ptr).base };
    let func = cib + a;
    let th = st.cur.get_mut();
    th.top = cib + fr.sp_rel();
    if nres >= 0 {
        save!(fr, a as u32 + nres as u32);
    } else {
        save!(fr, SP_TOP);
    }
    let cd = unsafe { (*fr.ci_ptr).cdepth };
    let f = unsafe { ld(fr.base.add(a)) };
    if f.tag == T_LCL && !fr.hooked {
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
            if enter_top(st, fr) {
                return Ok(Ctl::Next);
            }
            return Ok(Ctl::NewFrame);
        }
    }
    match st.precall(func, nres, 0, cd)? {
        Pre::Done => {
            reload!(st, fr);
            fr.sp = unsafe { st.cur.get_mut().stack.as_mut_ptr().add(st.cur.get().top) };
            if st.heap.should_collect() {
                save!(fr);
                st.collect_garbage();
                reload!(st, fr);
            }
            rehook!(st, fr);
        }
        Pre::Lua | Pre::Switch => return Ok(Ctl::NewFrame),
        Pre::YieldOut => return Ok(Ctl::Yield),
    }
    Ok(Ctl::Next)
}

/// `TAILCALL A B`: function at slot A, `B = (nargs+1) | close << 8`.
#[inline(always)]
pub(super) fn op_tailcall(st: &mut State, fr: &mut SFrame, i: SInst) -> R {
    // a native callee that switches threads returns here later: the open RETURN after the
    // TAILCALL then returns its results (up to the thread's top)
    save!(fr, SP_TOP);
    let cib = unsafe { (*fr.ci_ptr).base };
    let func = cib + i.a() as usize;
    let b = cib + fr.sp_rel() - func;
    if st.tail_call(func, b, i.b() & 0x100 != 0)? {
        return Ok(Ctl::Yield);
    }
    Ok(Ctl::NewFrame)
}

/// `RETURN A B`: values from slot A, `B = (n+1) | close << 8` (n+1 = 0: up to sp).
#[inline(always)]
pub(super) fn op_return(st: &mut State, fr: &mut SFrame, i: SInst) -> R {
    save!(fr);
    let a = i.a() as usize;
    let cib = unsafe { (*fr.ci_ptr).base };
    let first = cib + a;
    let nb = (i.b() & 0xff) as usize;
    let n = if nb == 0 {
        (cib + fr.sp_rel()).saturating_sub(first)
    } else {
        nb - 1
    };
    if i.b() & 0x100 != 0 {
        st.cur.get_mut().top = first + n;
        if st.close_step(cib)? {
            return Ok(Ctl::NewFrame); // RETURN is executed again after the __close
        }
    }
    st.do_return(first, n)?;
    Ok(Ctl::NewFrame)
}

/// After a plain return popped our frame: continue in a Lua caller directly if we may.
#[inline(always)]
fn return_to_caller(st: &mut State, fr: &mut SFrame) -> R {
    let th = st.cur.get();
    let len = th.ci.len();
    let caller = unsafe { *th.ci.as_ptr().add(len - 1) };
    if caller.is_lua() && (len > fr.stop || st.cur != fr.start) && enter_top(st, fr) {
        return Ok(Ctl::Next);
    }
    Ok(Ctl::NewFrame)
}

#[inline(always)]
pub(super) fn op_return0(st: &mut State, fr: &mut SFrame, _i: SInst) -> R {
    let cic = unsafe { *fr.ci_ptr };
    if !fr.hooked && cic.status == CIST_LUA && cic.nresults >= 0 && !fr.p().is_vararg {
        let th = st.cur.get_mut();
        let res = cic.func;
        for j in 0..cic.nresults as usize {
            th.stack[res + j] = Value::NIL;
        }
        th.top = res + cic.nresults as usize;
        th.ci.pop();
        return return_to_caller(st, fr);
    }
    save!(fr);
    let first = cic.base + fr.sp_rel();
    st.do_return(first, 0)?;
    Ok(Ctl::NewFrame)
}

#[inline(always)]
pub(super) fn op_return1(st: &mut State, fr: &mut SFrame, _i: SInst) -> R {
    let cic = unsafe { *fr.ci_ptr };
    if !fr.hooked && cic.status == CIST_LUA && cic.nresults == 1 && !fr.p().is_vararg {
        let th = st.cur.get_mut();
        unsafe { copy_val(th.stack.as_mut_ptr().add(cic.func), fr.sp.sub(1)) };
        th.top = cic.func + 1;
        th.ci.pop();
        return return_to_caller(st, fr);
    }
    save!(fr);
    let first = cic.base + fr.sp_rel() - 1;
    st.do_return(first, 1)?;
    Ok(Ctl::NewFrame)
}

#[inline(always)]
pub(super) fn op_forprep(st: &mut State, fr: &mut SFrame, i: SInst) -> R {
    fr.sp = reg!(fr, i.a() + 4);
    save!(fr);
    let ra = reg!(fr, i.a());
    if st.for_prep(ra)? {
        fr.sp = ra;
        take_jump!(st, fr);
    } else {
        fr.pc += 1;
    }
    Ok(Ctl::Next)
}

#[inline(always)]
pub(super) fn op_forloop(st: &mut State, fr: &mut SFrame, i: SInst) -> R {
    let ra = reg!(fr, i.a());
    unsafe {
        if (*ra.add(2)).tag == T_INT {
            let count = (*ra.add(1)).p;
            if count > 0 {
                let step = (*ra.add(2)).p as i64;
                let idx = ((*ra).p as i64).wrapping_add(step);
                set_int(ra.add(1), (count - 1) as i64);
                set_int(ra, idx);
                set_int(ra.add(3), idx);
                fr.sp = ra.add(4);
                let j = (*fr.code.add(fr.pc)).sax_field();
                fr.pc = (fr.pc as i64 + 1 + j as i64) as usize;
                // an integer loop is bounded: an interrupt check every 1024 iterations (as
                // the register VM's FORLOOP)
                if count & 1023 == 0 {
                    back_edge!(st, fr);
                }
                return Ok(Ctl::Next);
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
                fr.sp = ra.add(4);
                take_jump!(st, fr);
                return Ok(Ctl::Next);
            }
        }
    }
    fr.sp = ra;
    fr.pc += 1;
    Ok(Ctl::Next)
}

#[inline(always)]
pub(super) fn op_tforprep(st: &mut State, fr: &mut SFrame, i: SInst) -> R {
    save!(fr);
    let a = i.a() as usize;
    let level = unsafe { (*fr.ci_ptr).base } + a + 3;
    let rpc = unsafe { (*fr.ci_ptr).pc };
    st.new_tbc(level, a + 3, fr.proto, rpc)?;
    take_jump!(st, fr);
    Ok(Ctl::Next)
}

#[inline(always)]
pub(super) fn op_tforcall(st: &mut State, fr: &mut SFrame, i: SInst) -> R {
    let a = i.a() as usize;
    unsafe {
        copy_val(reg!(fr, a + 4), reg!(fr, a));
        copy_val(reg!(fr, a + 5), reg!(fr, a + 1));
        copy_val(reg!(fr, a + 6), reg!(fr, a + 2));
    }
    let cib = unsafe { (*fr.ci_ptr).base };
    let func = cib + a + 4;
    st.cur.get_mut().top = func + 3;
    fr.sp = reg!(fr, a + 4 + i.b() as usize);
    save!(fr);
    let cd = unsafe { (*fr.ci_ptr).cdepth };
    match st.precall(func, i.b() as i32, 0, cd)? {
        Pre::Done => {
            reload!(st, fr);
            rehook!(st, fr);
        }
        Pre::Lua | Pre::Switch => return Ok(Ctl::NewFrame),
        Pre::YieldOut => return Ok(Ctl::Yield),
    }
    Ok(Ctl::Next)
}

#[inline(always)]
pub(super) fn op_tforloop(st: &mut State, fr: &mut SFrame, i: SInst) -> R {
    let a = i.a() as usize;
    let v = unsafe { ld(reg!(fr, a + 4)) };
    if !v.is_nil() {
        unsafe { *reg!(fr, a + 2) = v };
        take_jump!(st, fr);
    } else {
        fr.sp = reg!(fr, a);
        fr.pc += 1;
    }
    Ok(Ctl::Next)
}

#[inline(always)]
pub(super) fn op_closure(st: &mut State, fr: &mut SFrame, i: SInst) -> R {
    let np = unsafe { *fr.p().protos.get_unchecked(i.ax_field() as usize) };
    unsafe { fr.sp = fr.sp.add(1) };
    save!(fr);
    let ncl = st.new_lclosure(np, fr.cl, unsafe { (*fr.ci_ptr).base });
    unsafe { *fr.sp.sub(1) = Value::lclosure(ncl) };
    checkgc!(st, fr);
    Ok(Ctl::Next)
}

#[inline(always)]
pub(super) fn op_vararg(st: &mut State, fr: &mut SFrame, i: SInst) -> R {
    let a = i.a() as usize;
    let wanted = i.b() as i32 - 1;
    if wanted >= 0 {
        fr.sp = reg!(fr, a + wanted as usize);
        save!(fr);
    } else {
        save!(fr, SP_TOP);
    }
    st.do_vararg(a, wanted)?;
    reload!(st, fr);
    if wanted < 0 {
        let th = st.cur.get_mut();
        fr.sp = unsafe { th.stack.as_mut_ptr().add(th.top) };
    }
    Ok(Ctl::Next)
}

#[inline(always)]
pub(super) fn op_varargprep(st: &mut State, fr: &mut SFrame, _i: SInst) -> R {
    save!(fr, fr.p().numparams as u32);
    st.varargprep(fr.p().numparams as usize, fr.p().maxstacksize as usize)?;
    if st.cur.get().hook.mask != 0 {
        // luaD_hookcall after the adjustment; the next instruction is seen as a new line
        st.hook_call_lua()?;
        st.cur.get_mut().hook.oldpc = 1;
    }
    Ok(Ctl::NewFrame)
}
