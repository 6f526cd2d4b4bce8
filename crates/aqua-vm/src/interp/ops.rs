//! Opcode handlers of the interpreter loop (`super::run`).
//!
//! One function per opcode, `fn(st, &mut Frame, Instruction) -> Result<Ctl, LuaError>`: it
//! executes the instruction against the explicit hot state in `Frame` (registers via `base`,
//! constants via `k`, `pc`, the `CallInfo` pointer) and tells the dispatch loop what to do next
//! (`Ctl`). Opcode families with one body (e.g. `BAND`/`BOR`/`BXOR`/`SHL`/`SHR`, the `SET*`
//! opcodes, `LTI`/`LEI`/`GTI`/`GEI`) are one generic function instantiated per opcode through
//! `const OP: u32`, so every opcode still gets its own monomorphic handler. All handlers are
//! `#[inline(always)]`; their slow paths (metamethods, coercions, errors, allocation) call
//! out-of-line `#[cold]`/`#[inline(never)]` functions on `State`.
//!
//! Invariants: those of `super` (verified bytecode, reserved frame registers). A handler that
//! may have pushed or popped frames, switched threads or reallocated the ci vector either
//! re-derives `Frame::ci_ptr`/`Frame::base` (`reload!`) or returns `Ctl::NewFrame`.

#![allow(unused_unsafe)]

use super::*;

/// `MOVE`.
#[inline(always)]
pub(super) fn op_move(_st: &mut State, fr: &mut Frame, i: Instruction) -> Result<Ctl, LuaError> {
    unsafe { copy_val(reg!(fr, i.a()), reg!(fr, i.b())) };
    Ok(Ctl::Next)
}

/// `LOADI`.
#[inline(always)]
pub(super) fn op_loadi(_st: &mut State, fr: &mut Frame, i: Instruction) -> Result<Ctl, LuaError> {
    unsafe { set_int(reg!(fr, i.a()), i.sbx() as i64) };
    Ok(Ctl::Next)
}

/// `LOADF`.
#[inline(always)]
pub(super) fn op_loadf(_st: &mut State, fr: &mut Frame, i: Instruction) -> Result<Ctl, LuaError> {
    unsafe { set_flt(reg!(fr, i.a()), i.sbx() as f64) };
    Ok(Ctl::Next)
}

/// `LOADK`.
#[inline(always)]
pub(super) fn op_loadk(_st: &mut State, fr: &mut Frame, i: Instruction) -> Result<Ctl, LuaError> {
    unsafe { copy_val(reg!(fr, i.a()), kst!(fr, i.bx())) };
    Ok(Ctl::Next)
}

/// `LOADKX`.
#[inline(always)]
pub(super) fn op_loadkx(_st: &mut State, fr: &mut Frame, i: Instruction) -> Result<Ctl, LuaError> {
    let ax = unsafe { (*fr.code.add(fr.pc)).ax() };
    fr.pc += 1;
    unsafe { copy_val(reg!(fr, i.a()), kst!(fr, ax)) }
    Ok(Ctl::Next)
}

/// `LOADFALSE`.
#[inline(always)]
pub(super) fn op_loadfalse(
    _st: &mut State,
    fr: &mut Frame,
    i: Instruction,
) -> Result<Ctl, LuaError> {
    unsafe { *reg!(fr, i.a()) = Value::FALSE };
    Ok(Ctl::Next)
}

/// `LFALSESKIP`.
#[inline(always)]
pub(super) fn op_lfalseskip(
    _st: &mut State,
    fr: &mut Frame,
    i: Instruction,
) -> Result<Ctl, LuaError> {
    unsafe { *reg!(fr, i.a()) = Value::FALSE };
    fr.pc += 1;
    Ok(Ctl::Next)
}

/// `LOADTRUE`.
#[inline(always)]
pub(super) fn op_loadtrue(
    _st: &mut State,
    fr: &mut Frame,
    i: Instruction,
) -> Result<Ctl, LuaError> {
    unsafe { *reg!(fr, i.a()) = Value::TRUE };
    Ok(Ctl::Next)
}

/// `LOADNIL`.
#[inline(always)]
pub(super) fn op_loadnil(_st: &mut State, fr: &mut Frame, i: Instruction) -> Result<Ctl, LuaError> {
    let a = i.a();
    for r in a..=a + i.b() {
        unsafe { *reg!(fr, r) = Value::NIL };
    }
    Ok(Ctl::Next)
}

/// `GETUPVAL`.
#[inline(always)]
pub(super) fn op_getupval(
    _st: &mut State,
    fr: &mut Frame,
    i: Instruction,
) -> Result<Ctl, LuaError> {
    let uv = unsafe { *fr.cl.get().upvals.get_unchecked(i.b() as usize) };
    unsafe { copy_val(reg!(fr, i.a()), uv.get().v) };
    Ok(Ctl::Next)
}

/// `SETUPVAL`.
#[inline(always)]
pub(super) fn op_setupval(
    _st: &mut State,
    fr: &mut Frame,
    i: Instruction,
) -> Result<Ctl, LuaError> {
    let uv = unsafe { *fr.cl.get().upvals.get_unchecked(i.b() as usize) };
    uv.get_mut().set(unsafe { ld(reg!(fr, i.a())) });
    Ok(Ctl::Next)
}

/// `GETTABUP`.
#[inline(always)]
pub(super) fn op_gettabup(st: &mut State, fr: &mut Frame, i: Instruction) -> Result<Ctl, LuaError> {
    let uv = unsafe { *fr.cl.get().upvals.get_unchecked(i.b() as usize) };
    let t = uv.get().get();
    let key = *kst!(fr, i.c());
    match get_fast::<true>(t, key) {
        Some(v) => unsafe { *reg!(fr, i.a()) = v },
        None => mm_result!(
            st,
            fr,
            st.finish_get(t, key, Origin::Upval(i.b()), true),
            i.a()
        ),
    }
    Ok(Ctl::Next)
}

/// `GETTABLE`.
#[inline(always)]
pub(super) fn op_gettable(st: &mut State, fr: &mut Frame, i: Instruction) -> Result<Ctl, LuaError> {
    let t = unsafe { ld(reg!(fr, i.b())) };
    let key = unsafe { ld(reg!(fr, i.c())) };
    match get_fast::<false>(t, key) {
        Some(v) => unsafe { *reg!(fr, i.a()) = v },
        None => mm_result!(
            st,
            fr,
            st.finish_get(t, key, Origin::Reg(i.b()), true),
            i.a()
        ),
    }
    Ok(Ctl::Next)
}

/// `GETI`.
#[inline(always)]
pub(super) fn op_geti(st: &mut State, fr: &mut Frame, i: Instruction) -> Result<Ctl, LuaError> {
    let t = unsafe { ld(reg!(fr, i.b())) };
    match get_fast::<false>(t, Value::int(i.c() as i64)) {
        Some(v) => unsafe { *reg!(fr, i.a()) = v },
        None => mm_result!(
            st,
            fr,
            st.finish_get(t, Value::int(i.c() as i64), Origin::Reg(i.b()), true),
            i.a()
        ),
    }
    Ok(Ctl::Next)
}

/// `GETFIELD`.
#[inline(always)]
pub(super) fn op_getfield(st: &mut State, fr: &mut Frame, i: Instruction) -> Result<Ctl, LuaError> {
    let t = unsafe { ld(reg!(fr, i.b())) };
    let key = *kst!(fr, i.c());
    match get_fast::<true>(t, key) {
        Some(v) => unsafe { *reg!(fr, i.a()) = v },
        None => mm_result!(
            st,
            fr,
            st.finish_get(t, key, Origin::Reg(i.b()), true),
            i.a()
        ),
    }
    Ok(Ctl::Next)
}

/// `SETTABUP | SETTABLE | SETI | SETFIELD`.
#[inline(always)]
pub(super) fn op_settabup<const OP: u32>(
    st: &mut State,
    fr: &mut Frame,
    i: Instruction,
) -> Result<Ctl, LuaError> {
    let (t, key, origin) = match OP {
        OP_SETTABUP => {
            let uv = unsafe { *fr.cl.get().upvals.get_unchecked(i.a() as usize) };
            (uv.get().get(), *kst!(fr, i.b()), Origin::Upval(i.a()))
        }
        OP_SETTABLE => (
            unsafe { ld(reg!(fr, i.a())) },
            unsafe { ld(reg!(fr, i.b())) },
            Origin::Reg(i.a()),
        ),
        OP_SETI => (
            unsafe { ld(reg!(fr, i.a())) },
            Value::int(i.b() as i64),
            Origin::Reg(i.a()),
        ),
        _ => (
            unsafe { ld(reg!(fr, i.a())) },
            *kst!(fr, i.b()),
            Origin::Reg(i.a()),
        ),
    };
    let v = if i.k() {
        *kst!(fr, i.c())
    } else {
        unsafe { ld(reg!(fr, i.c())) }
    };
    if !set_fast(st, t, key, v, || savepc!(fr))? {
        savepc!(fr);
        if !st.finish_set(t, key, v, origin, true)? {
            return Ok(Ctl::NewFrame);
        }
        reload!(st, fr);
        rehook!(st, fr);
    }
    Ok(Ctl::Next)
}

/// `NEWTABLE`.
#[inline(always)]
pub(super) fn op_newtable(st: &mut State, fr: &mut Frame, i: Instruction) -> Result<Ctl, LuaError> {
    let b = i.b();
    let mut c = i.c() as usize;
    if i.k() {
        c += unsafe { (*fr.code.add(fr.pc)).ax() } as usize * 256;
    }
    fr.pc += 1; // skip EXTRAARG
    let t = st.new_table_op(b, c);
    unsafe { *reg!(fr, i.a()) = Value::table(t) };
    checkgc!(st, fr, i.a() + 1);
    Ok(Ctl::Next)
}

/// `SELF`.
#[inline(always)]
pub(super) fn op_self(st: &mut State, fr: &mut Frame, i: Instruction) -> Result<Ctl, LuaError> {
    let t = unsafe { ld(reg!(fr, i.b())) };
    let key = if i.k() {
        *kst!(fr, i.c())
    } else {
        unsafe { ld(reg!(fr, i.c())) }
    };
    unsafe { *reg!(fr, i.a() + 1) = t };
    match get_fast::<true>(t, key) {
        Some(v) => unsafe { *reg!(fr, i.a()) = v },
        None => mm_result!(
            st,
            fr,
            st.finish_get(t, key, Origin::Reg(i.b()), true),
            i.a()
        ),
    }
    Ok(Ctl::Next)
}

/// `ADDI`.
#[inline(always)]
pub(super) fn op_addi(_st: &mut State, fr: &mut Frame, i: Instruction) -> Result<Ctl, LuaError> {
    let rb = unsafe { &*reg!(fr, i.b()) };
    let ic = i.sc() as i64;
    if rb.tag == T_INT {
        unsafe { set_int(reg!(fr, i.a()), (rb.p as i64).wrapping_add(ic)) };
        fr.pc += 1;
    } else if rb.tag == T_FLOAT {
        unsafe { set_flt(reg!(fr, i.a()), f64::from_bits(rb.p) + ic as f64) };
        fr.pc += 1;
    }
    Ok(Ctl::Next)
}

/// `SHRI`.
#[inline(always)]
pub(super) fn op_shri(_st: &mut State, fr: &mut Frame, i: Instruction) -> Result<Ctl, LuaError> {
    let rb = unsafe { &*reg!(fr, i.b()) };
    if let Some(x) = bit_int(rb) {
        unsafe { set_int(reg!(fr, i.a()), shiftl(x, -(i.sc() as i64))) };
        fr.pc += 1;
    }
    Ok(Ctl::Next)
}

/// `SHLI`.
#[inline(always)]
pub(super) fn op_shli(_st: &mut State, fr: &mut Frame, i: Instruction) -> Result<Ctl, LuaError> {
    let rb = unsafe { &*reg!(fr, i.b()) };
    if let Some(x) = bit_int(rb) {
        unsafe { set_int(reg!(fr, i.a()), shiftl(i.sc() as i64, x)) };
        fr.pc += 1;
    }
    Ok(Ctl::Next)
}

/// `ADD .. SHR` (`R[A] := R[B] op R[C]`) and `ADDK .. BXORK` (`R[A] := R[B] op K[C]`): the fast
/// path; on success the following `MMBIN*` is skipped (as in lvm.c), else it runs the fallback.
#[inline(always)]
pub(super) fn op_arith<const OP: u32>(
    _st: &mut State,
    fr: &mut Frame,
    i: Instruction,
) -> Result<Ctl, LuaError> {
    let rb = unsafe { &*reg!(fr, i.b()) };
    let y = if arith_is_k(OP) {
        kst!(fr, i.c())
    } else {
        unsafe { &*reg!(fr, i.c()) }
    };
    if unsafe { arith_fast(arith_op(OP), rb, y).store(|| reg!(fr, i.a())) } {
        fr.pc += 1;
    }
    Ok(Ctl::Next)
}

/// `MMBIN | MMBINI | MMBINK`.
#[inline(always)]
pub(super) fn op_mmbin<const OP: u32>(
    st: &mut State,
    fr: &mut Frame,
    i: Instruction,
) -> Result<Ctl, LuaError> {
    let prev = unsafe { *fr.code.add(fr.pc - 2) };
    let ra = unsafe { ld(reg!(fr, i.a())) };
    let Some(aop) = Tm::from_u32(i.c()).and_then(ArithOp::from_tm) else {
        return Ok(Ctl::Next);
    };
    let (x, y, ox, oy) = match OP {
        OP_MMBIN => (
            ra,
            unsafe { ld(reg!(fr, i.b())) },
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
            let kb = *kst!(fr, i.b());
            if i.k() {
                (kb, ra, Origin::None, Origin::Reg(i.a()))
            } else {
                (ra, kb, Origin::Reg(i.a()), Origin::None)
            }
        }
    };
    mm_result!(st, fr, st.arith_slow(aop, x, y, ox, oy, true), prev.a());
    Ok(Ctl::Next)
}

/// `UNM`.
#[inline(always)]
pub(super) fn op_unm(st: &mut State, fr: &mut Frame, i: Instruction) -> Result<Ctl, LuaError> {
    let rb = unsafe { &*reg!(fr, i.b()) };
    if rb.tag == T_INT {
        unsafe { set_int(reg!(fr, i.a()), (rb.p as i64).wrapping_neg()) };
    } else if rb.tag == T_FLOAT {
        unsafe { set_flt(reg!(fr, i.a()), -f64::from_bits(rb.p)) };
    } else {
        let v = *rb;
        mm_result!(
            st,
            fr,
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
    Ok(Ctl::Next)
}

/// `BNOT`.
#[inline(always)]
pub(super) fn op_bnot(st: &mut State, fr: &mut Frame, i: Instruction) -> Result<Ctl, LuaError> {
    let rb = unsafe { &*reg!(fr, i.b()) };
    if let Some(x) = bit_int(rb) {
        unsafe { set_int(reg!(fr, i.a()), !x) };
    } else {
        let v = *rb;
        mm_result!(
            st,
            fr,
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
    Ok(Ctl::Next)
}

/// `NOT`.
#[inline(always)]
pub(super) fn op_not(_st: &mut State, fr: &mut Frame, i: Instruction) -> Result<Ctl, LuaError> {
    let f = unsafe { (*reg!(fr, i.b())).is_falsy() };
    unsafe { *reg!(fr, i.a()) = Value::boolean(f) };
    Ok(Ctl::Next)
}

/// `LEN`.
#[inline(always)]
pub(super) fn op_len(st: &mut State, fr: &mut Frame, i: Instruction) -> Result<Ctl, LuaError> {
    let v = unsafe { ld(reg!(fr, i.b())) };
    let mut done = false;
    if v.tag == T_TABLE {
        let tab: GcRef<Table> = unsafe { GcRef::from_addr(v.p) };
        if tab.get().meta.is_none() {
            unsafe { set_int(reg!(fr, i.a()), tab.get().length() as i64) };
            done = true;
        }
    } else if v.tag == T_STR {
        unsafe {
            set_int(
                reg!(fr, i.a()),
                v.as_str().map_or(0, |s| s.get().len()) as i64,
            )
        };
        done = true;
    }
    if !done {
        mm_result!(st, fr, st.len_mm(v, Origin::Reg(i.b()), true), i.a());
    }
    Ok(Ctl::Next)
}

/// `CONCAT`.
#[inline(always)]
pub(super) fn op_concat(st: &mut State, fr: &mut Frame, i: Instruction) -> Result<Ctl, LuaError> {
    savepc!(fr);
    let cib = unsafe { (*fr.ci_ptr).base };
    let first = cib + i.a() as usize;
    if !st.concat_stack(first, i.b() as usize, cib, true)? {
        return Ok(Ctl::NewFrame);
    }
    reload!(st, fr);
    checkgc!(st, fr, i.a() + 1);
    rehook!(st, fr); // (a native __concat may have run)
    Ok(Ctl::Next)
}

/// `CLOSE`.
#[inline(always)]
pub(super) fn op_close(st: &mut State, fr: &mut Frame, i: Instruction) -> Result<Ctl, LuaError> {
    savepc!(fr);
    let level = unsafe { (*fr.ci_ptr).base } + i.a() as usize;
    st.cur.get_mut().top = st.live_top();
    if st.close_step(level)? {
        return Ok(Ctl::NewFrame); // a Lua __close runs; CLOSE is re-executed after it
    }
    reload!(st, fr);
    rehook!(st, fr); // (a native __close may have run)
    Ok(Ctl::Next)
}

/// `TBC`.
#[inline(always)]
pub(super) fn op_tbc(st: &mut State, fr: &mut Frame, i: Instruction) -> Result<Ctl, LuaError> {
    savepc!(fr);
    let level = unsafe { (*fr.ci_ptr).base } + i.a() as usize;
    st.new_tbc(level, i.a() as usize, fr.proto, fr.pc)?;
    Ok(Ctl::Next)
}

/// `JMP`.
#[inline(always)]
pub(super) fn op_jmp(st: &mut State, fr: &mut Frame, i: Instruction) -> Result<Ctl, LuaError> {
    let sj = i.sj();
    fr.pc = (fr.pc as i64 + sj as i64) as usize;
    if sj < 0 {
        back_edge!(st, fr);
    }
    Ok(Ctl::Next)
}

/// `EQ`.
#[inline(always)]
pub(super) fn op_eq(st: &mut State, fr: &mut Frame, i: Instruction) -> Result<Ctl, LuaError> {
    let a = unsafe { ld(reg!(fr, i.a())) };
    let b = unsafe { ld(reg!(fr, i.b())) };
    let cond = if a.tag == b.tag
        && a.tag != T_TABLE
        && a.tag != T_UDATA
        && a.tag != T_FLOAT
        && a.tag != T_STR
    {
        a.p == b.p
    } else {
        savepc!(fr);
        match st.equals_mm(a, b, true)? {
            Some(c) => {
                reload!(st, fr);
                // (the metamethod ran code: the jump first, then the hook check)
                cond_jump!(st, fr, c, i);
                rehook!(st, fr);
                return Ok(Ctl::Next);
            }
            None => return Ok(Ctl::NewFrame),
        }
    };
    cond_jump!(st, fr, cond, i);
    Ok(Ctl::Next)
}

/// `LT | LE`.
#[inline(always)]
pub(super) fn op_lt<const OP: u32>(
    st: &mut State,
    fr: &mut Frame,
    i: Instruction,
) -> Result<Ctl, LuaError> {
    let a = unsafe { &*reg!(fr, i.a()) };
    let b = unsafe { &*reg!(fr, i.b()) };
    let le = OP == OP_LE;
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
        savepc!(fr);
        match st.compare_mm(x, y, le, true)? {
            Some(c) => {
                reload!(st, fr);
                // (the metamethod ran code: the jump first, then the hook check)
                cond_jump!(st, fr, c, i);
                rehook!(st, fr);
                return Ok(Ctl::Next);
            }
            None => return Ok(Ctl::NewFrame),
        }
    };
    cond_jump!(st, fr, cond, i);
    Ok(Ctl::Next)
}

/// `EQK`.
#[inline(always)]
pub(super) fn op_eqk(st: &mut State, fr: &mut Frame, i: Instruction) -> Result<Ctl, LuaError> {
    let a = unsafe { ld(reg!(fr, i.a())) };
    let cond = a.raw_eq(*kst!(fr, i.b()));
    cond_jump!(st, fr, cond, i);
    Ok(Ctl::Next)
}

/// `EQI`.
#[inline(always)]
pub(super) fn op_eqi(st: &mut State, fr: &mut Frame, i: Instruction) -> Result<Ctl, LuaError> {
    let a = unsafe { &*reg!(fr, i.a()) };
    let im = i.sb() as i64;
    let cond = if a.tag == T_INT {
        a.p as i64 == im
    } else if a.tag == T_FLOAT {
        f64::from_bits(a.p) == im as f64
    } else {
        false
    };
    cond_jump!(st, fr, cond, i);
    Ok(Ctl::Next)
}

/// `LTI | LEI | GTI | GEI`.
#[inline(always)]
pub(super) fn op_lti<const OP: u32>(
    st: &mut State,
    fr: &mut Frame,
    i: Instruction,
) -> Result<Ctl, LuaError> {
    let a = unsafe { &*reg!(fr, i.a()) };
    let im = i.sb() as i64;
    let cond = if a.tag == T_INT {
        let x = a.p as i64;
        match OP {
            OP_LTI => x < im,
            OP_LEI => x <= im,
            OP_GTI => x > im,
            _ => x >= im,
        }
    } else if a.tag == T_FLOAT {
        let x = f64::from_bits(a.p);
        let y = im as f64;
        match OP {
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
        let (x, y, le) = match OP {
            OP_LTI => (av, imv, false),
            OP_LEI => (av, imv, true),
            OP_GTI => (imv, av, false),
            _ => (imv, av, true),
        };
        savepc!(fr);
        match st.compare_mm(x, y, le, true)? {
            Some(c) => {
                reload!(st, fr);
                // (the metamethod ran code: the jump first, then the hook check)
                cond_jump!(st, fr, c, i);
                rehook!(st, fr);
                return Ok(Ctl::Next);
            }
            None => return Ok(Ctl::NewFrame),
        }
    };
    cond_jump!(st, fr, cond, i);
    Ok(Ctl::Next)
}

/// `TEST`.
#[inline(always)]
pub(super) fn op_test(st: &mut State, fr: &mut Frame, i: Instruction) -> Result<Ctl, LuaError> {
    let cond = unsafe { (*reg!(fr, i.a())).truthy() };
    cond_jump!(st, fr, cond, i);
    Ok(Ctl::Next)
}

/// `TESTSET`.
#[inline(always)]
pub(super) fn op_testset(st: &mut State, fr: &mut Frame, i: Instruction) -> Result<Ctl, LuaError> {
    let rb = unsafe { ld(reg!(fr, i.b())) };
    if rb.is_falsy() == i.k() {
        fr.pc += 1;
    } else {
        unsafe { *reg!(fr, i.a()) = rb };
        let ni = unsafe { *fr.code.add(fr.pc) };
        fr.pc = (fr.pc as i64 + ni.sj() as i64 + 1) as usize;
        if ni.sj() < 0 {
            back_edge!(st, fr);
        }
    }
    Ok(Ctl::Next)
}

/// `CALL`.
#[inline(always)]
pub(super) fn op_call<const H: bool>(
    st: &mut State,
    fr: &mut Frame,
    i: Instruction,
) -> Result<Ctl, LuaError> {
    let a = i.a() as usize;
    let b = i.b() as usize;
    let nres = i.c() as i32 - 1;
    let cib = unsafe { (*fr.ci_ptr).base };
    let func = cib + a;
    let th = st.cur.get_mut();
    if b != 0 {
        th.top = func + b;
    }
    savepc!(fr);
    let cd = unsafe { (*fr.ci_ptr).cdepth };
    // inline fast path of `precall` for Lua functions (not under hooks: the call hook fires on
    // entry at 'newframe)
    let f = unsafe { ld(fr.base.add(a)) };
    if !H && f.tag == T_LCL {
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
            fr.ci_idx += 1;
            fr.ci_ptr = unsafe { th.ci.as_mut_ptr().add(fr.ci_idx) };
            fr.cl = ncl;
            fr.proto = ncl.get().proto;
            fr.p = fr.proto.get() as *const LProto;
            fr.code = fr.p().code.as_ptr();
            fr.k = fr.p().k.as_ptr();
            fr.pc = 0;
            fr.base = unsafe { th.stack.as_mut_ptr().add(func + 1) };
            return Ok(Ctl::Next);
        }
    }
    match st.precall(func, nres, 0, cd)? {
        Pre::Done => {
            reload!(st, fr);
            if st.heap.should_collect() {
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

/// `TAILCALL`.
#[inline(always)]
pub(super) fn op_tailcall(st: &mut State, fr: &mut Frame, i: Instruction) -> Result<Ctl, LuaError> {
    savepc!(fr);
    let func = unsafe { (*fr.ci_ptr).base } + i.a() as usize;
    let b = match i.b() as usize {
        0 => st.cur.get().top - func,
        b => b,
    };
    if st.tail_call(func, b, i.k())? {
        return Ok(Ctl::Yield);
    }
    Ok(Ctl::NewFrame)
}

/// `RETURN`.
#[inline(always)]
pub(super) fn op_return(st: &mut State, fr: &mut Frame, i: Instruction) -> Result<Ctl, LuaError> {
    savepc!(fr);
    let a = i.a() as usize;
    let cib = unsafe { (*fr.ci_ptr).base };
    let first = cib + a;
    let th = st.cur.get_mut();
    let n = if i.b() == 0 {
        th.top - first
    } else {
        i.b() as usize - 1
    };
    if i.k() {
        th.top = first + n;
        unsafe { (*fr.ci_ptr).aux = n as u32 };
        if st.close_step(cib)? {
            return Ok(Ctl::NewFrame); // RETURN is re-executed after the __close
        }
    }
    st.do_return(first, n)?;
    Ok(Ctl::NewFrame)
}

/// `RETURN0`.
#[inline(always)]
pub(super) fn op_return0<const H: bool>(
    st: &mut State,
    fr: &mut Frame,
    i: Instruction,
) -> Result<Ctl, LuaError> {
    let cic = unsafe { *fr.ci_ptr };
    if !H && cic.status == CIST_LUA && cic.nresults >= 0 && !fr.p().is_vararg {
        let th = st.cur.get_mut();
        let res = cic.func;
        for j in 0..cic.nresults as usize {
            th.stack[res + j] = Value::NIL;
        }
        th.top = res + cic.nresults as usize;
        th.ci.pop();
    } else {
        savepc!(fr);
        let first = cic.base + i.a() as usize;
        st.do_return(first, 0)?;
    }
    Ok(Ctl::NewFrame)
}

/// `RETURN1`.
#[inline(always)]
pub(super) fn op_return1<const H: bool>(
    st: &mut State,
    fr: &mut Frame,
    i: Instruction,
) -> Result<Ctl, LuaError> {
    let cic = unsafe { *fr.ci_ptr };
    if !H && cic.status == CIST_LUA && cic.nresults == 1 && !fr.p().is_vararg {
        let th = st.cur.get_mut();
        unsafe { copy_val(th.stack.as_mut_ptr().add(cic.func), reg!(fr, i.a())) };
        th.top = cic.func + 1;
        th.ci.pop();
        // return directly into a Lua caller that is not our exit point
        let len = fr.ci_idx; // frames left
        let caller = unsafe { *th.ci.as_ptr().add(len - 1) };
        if caller.is_lua() && (len > fr.stop || st.cur != fr.start) {
            fr.ci_idx = len - 1;
            fr.ci_ptr = unsafe { th.ci.as_mut_ptr().add(fr.ci_idx) };
            fr.cl = unsafe { GcRef::from_addr((*th.stack.as_ptr().add(caller.func)).p) };
            fr.proto = fr.cl.get().proto;
            fr.p = fr.proto.get() as *const LProto;
            fr.code = fr.p().code.as_ptr();
            fr.k = fr.p().k.as_ptr();
            fr.pc = caller.pc;
            fr.base = unsafe { th.stack.as_mut_ptr().add(caller.base) };
            return Ok(Ctl::Next);
        }
    } else {
        savepc!(fr);
        let first = cic.base + i.a() as usize;
        st.do_return(first, 1)?;
    }
    Ok(Ctl::NewFrame)
}

/// `FORLOOP`.
#[inline(always)]
pub(super) fn op_forloop(st: &mut State, fr: &mut Frame, i: Instruction) -> Result<Ctl, LuaError> {
    let ra = reg!(fr, i.a());
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
                fr.pc -= i.bx() as usize;
                // an integer loop is bounded: an interrupt check every 1024 iterations is
                // enough, and tests a register instead of loading the trap word
                if count & 1023 == 0 {
                    back_edge!(st, fr);
                }
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
                fr.pc -= i.bx() as usize;
                back_edge!(st, fr);
            }
        }
    }
    Ok(Ctl::Next)
}

/// `FORPREP`.
#[inline(always)]
pub(super) fn op_forprep(st: &mut State, fr: &mut Frame, i: Instruction) -> Result<Ctl, LuaError> {
    savepc!(fr);
    let ra = reg!(fr, i.a());
    if st.for_prep(ra)? {
        fr.pc += i.bx() as usize + 1;
    }
    Ok(Ctl::Next)
}

/// `TFORPREP`.
#[inline(always)]
pub(super) fn op_tforprep(st: &mut State, fr: &mut Frame, i: Instruction) -> Result<Ctl, LuaError> {
    savepc!(fr);
    let a = i.a() as usize;
    let level = unsafe { (*fr.ci_ptr).base } + a + 3;
    st.new_tbc(level, a + 3, fr.proto, fr.pc)?;
    fr.pc = (fr.pc as i64 + i.bx() as i64) as usize;
    Ok(Ctl::Next)
}

/// `TFORCALL`.
#[inline(always)]
pub(super) fn op_tforcall(st: &mut State, fr: &mut Frame, i: Instruction) -> Result<Ctl, LuaError> {
    let a = i.a() as usize;
    unsafe {
        copy_val(reg!(fr, a + 4), reg!(fr, a));
        copy_val(reg!(fr, a + 5), reg!(fr, a + 1));
        copy_val(reg!(fr, a + 6), reg!(fr, a + 2));
    }
    let cib = unsafe { (*fr.ci_ptr).base };
    let func = cib + a + 4;
    st.cur.get_mut().top = func + 3;
    savepc!(fr);
    let cd = unsafe { (*fr.ci_ptr).cdepth };
    match st.precall(func, i.c() as i32, 0, cd)? {
        Pre::Done => {
            reload!(st, fr);
            rehook!(st, fr);
        }
        Pre::Lua | Pre::Switch => return Ok(Ctl::NewFrame),
        Pre::YieldOut => return Ok(Ctl::Yield),
    }
    Ok(Ctl::Next)
}

/// `TFORLOOP`.
#[inline(always)]
pub(super) fn op_tforloop(st: &mut State, fr: &mut Frame, i: Instruction) -> Result<Ctl, LuaError> {
    let a = i.a() as usize;
    let v = unsafe { ld(reg!(fr, a + 4)) };
    if !v.is_nil() {
        unsafe { *reg!(fr, a + 2) = v };
        fr.pc -= i.bx() as usize;
        back_edge!(st, fr);
    }
    Ok(Ctl::Next)
}

/// `SETLIST`.
#[inline(always)]
pub(super) fn op_setlist(st: &mut State, fr: &mut Frame, i: Instruction) -> Result<Ctl, LuaError> {
    let a = i.a() as usize;
    let cib = unsafe { (*fr.ci_ptr).base };
    let mut n = i.b() as usize;
    if n == 0 {
        n = st.cur.get().top - (cib + a) - 1;
    }
    let mut last = i.c() as usize;
    if i.k() {
        last += unsafe { (*fr.code.add(fr.pc)).ax() } as usize * 256;
        fr.pc += 1;
    }
    st.set_list(cib + a, n, last);
    checkgc!(st, fr, i.a() + 1);
    Ok(Ctl::Next)
}

/// `CLOSURE`.
#[inline(always)]
pub(super) fn op_closure(st: &mut State, fr: &mut Frame, i: Instruction) -> Result<Ctl, LuaError> {
    let np = unsafe { *fr.p().protos.get_unchecked(i.bx() as usize) };
    savepc!(fr);
    let ncl = st.new_lclosure(np, fr.cl, unsafe { (*fr.ci_ptr).base });
    unsafe { *reg!(fr, i.a()) = Value::lclosure(ncl) };
    checkgc!(st, fr, i.a() + 1);
    Ok(Ctl::Next)
}

/// `VARARG`.
#[inline(always)]
pub(super) fn op_vararg(st: &mut State, fr: &mut Frame, i: Instruction) -> Result<Ctl, LuaError> {
    savepc!(fr);
    let a = i.a() as usize;
    let wanted = i.c() as i32 - 1;
    st.do_vararg(a, wanted)?;
    reload!(st, fr);
    Ok(Ctl::Next)
}

/// `VARARGPREP`.
#[inline(always)]
pub(super) fn op_varargprep(
    st: &mut State,
    fr: &mut Frame,
    _i: Instruction,
) -> Result<Ctl, LuaError> {
    savepc!(fr);
    st.varargprep(fr.p().numparams as usize, fr.p().maxstacksize as usize)?;
    if st.cur.get().hook.mask != 0 {
        // luaD_hookcall after the adjustment; the next instruction is seen as a new line
        st.hook_call_lua()?;
        st.cur.get_mut().hook.oldpc = 1;
    }
    Ok(Ctl::NewFrame)
}

/// `EXTRAARG`.
#[inline(always)]
pub(super) fn op_extraarg(
    _st: &mut State,
    _fr: &mut Frame,
    _i: Instruction,
) -> Result<Ctl, LuaError> {
    Ok(Ctl::Next)
}
