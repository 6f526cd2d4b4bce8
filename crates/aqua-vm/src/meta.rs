//! Metamethods and the slow paths of the operators (ltm.c + the `luaV_finish*` parts of lvm.c).
//!
//! Role: everything an opcode does when its fast path fails: `__index`/`__newindex` chains,
//! arithmetic and bitwise fallbacks (string coercion, metamethods, error messages), comparisons
//! with `__eq`/`__lt`/`__le`, `__len`, `__concat`, `tostring` with `__tostring`/`__name`.
//!
//! Two call modes: *interp* (called by an opcode of the running Lua frame: a Lua metamethod is
//! pushed as a frame flagged `CIST_FINISHOP` and the result arrives later through
//! `State::finish_op` — `None` is returned), and *direct* (Rust callers: the metamethod runs to
//! completion through `State::call`).

use crate::call::Pre;
use crate::debug::{varinfo_reg, varinfo_upval};
use crate::gc::GcRef;
use crate::meta_names::Tm;
use crate::number::*;
use crate::state::State;
use crate::string::LuaString;
use crate::thread::*;
use crate::value::*;
use crate::LuaError;

/// Where an operand came from (for `varinfo` in error messages).
#[derive(Clone, Copy, Debug)]
pub(crate) enum Origin {
    None,
    Reg(u32),
    Upval(u32),
}

/// Arithmetic and bitwise operators (`LUA_OP*`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArithOp {
    Add,
    Sub,
    Mul,
    Mod,
    Pow,
    Div,
    IDiv,
    BAnd,
    BOr,
    BXor,
    Shl,
    Shr,
    Unm,
    BNot,
}

impl ArithOp {
    /// The operator on two integers (`luaO_rawarith`'s `intarith`, bitwise ops included);
    /// `None` for `//` or `%` by zero and for `/`, `^` (never integer).
    #[inline(always)]
    pub(crate) fn int(self, x: i64, y: i64) -> Option<i64> {
        Some(match self {
            ArithOp::Add => x.wrapping_add(y),
            ArithOp::Sub => x.wrapping_sub(y),
            ArithOp::Mul => x.wrapping_mul(y),
            ArithOp::Mod => return imod(x, y),
            ArithOp::IDiv => return idiv(x, y),
            ArithOp::BAnd => x & y,
            ArithOp::BOr => x | y,
            ArithOp::BXor => x ^ y,
            ArithOp::Shl => shiftl(x, y),
            ArithOp::Shr => shiftl(x, y.wrapping_neg()),
            ArithOp::Unm => x.wrapping_neg(),
            ArithOp::BNot => !x,
            ArithOp::Pow | ArithOp::Div => return None,
        })
    }

    /// The operator on two floats (`numarith`); bitwise operators have no float form (NaN).
    #[inline(always)]
    pub(crate) fn flt(self, x: f64, y: f64) -> f64 {
        match self {
            ArithOp::Add => x + y,
            ArithOp::Sub => x - y,
            ArithOp::Mul => x * y,
            ArithOp::Div => x / y,
            ArithOp::Mod => fmod(x, y),
            ArithOp::IDiv => fidiv(x, y),
            ArithOp::Pow => fpow(x, y),
            ArithOp::Unm => -x,
            _ => f64::NAN,
        }
    }

    pub(crate) fn tm(self) -> Tm {
        match self {
            ArithOp::Add => Tm::Add,
            ArithOp::Sub => Tm::Sub,
            ArithOp::Mul => Tm::Mul,
            ArithOp::Mod => Tm::Mod,
            ArithOp::Pow => Tm::Pow,
            ArithOp::Div => Tm::Div,
            ArithOp::IDiv => Tm::IDiv,
            ArithOp::BAnd => Tm::BAnd,
            ArithOp::BOr => Tm::BOr,
            ArithOp::BXor => Tm::BXor,
            ArithOp::Shl => Tm::Shl,
            ArithOp::Shr => Tm::Shr,
            ArithOp::Unm => Tm::Unm,
            ArithOp::BNot => Tm::BNot,
        }
    }
    pub(crate) fn from_tm(tm: Tm) -> Option<ArithOp> {
        Some(match tm {
            Tm::Add => ArithOp::Add,
            Tm::Sub => ArithOp::Sub,
            Tm::Mul => ArithOp::Mul,
            Tm::Mod => ArithOp::Mod,
            Tm::Pow => ArithOp::Pow,
            Tm::Div => ArithOp::Div,
            Tm::IDiv => ArithOp::IDiv,
            Tm::BAnd => ArithOp::BAnd,
            Tm::BOr => ArithOp::BOr,
            Tm::BXor => ArithOp::BXor,
            Tm::Shl => ArithOp::Shl,
            Tm::Shr => ArithOp::Shr,
            Tm::Unm => ArithOp::Unm,
            Tm::BNot => ArithOp::BNot,
            _ => return None,
        })
    }
    fn is_bitwise(self) -> bool {
        matches!(
            self,
            ArithOp::BAnd
                | ArithOp::BOr
                | ArithOp::BXor
                | ArithOp::Shl
                | ArithOp::Shr
                | ArithOp::BNot
        )
    }
}

/// Result of a raw arithmetic attempt.
pub(crate) enum Raw {
    Val(Value),
    /// Operands are not numbers (try metamethods).
    NotNum,
    /// Integer division/modulo by zero.
    DivZero,
    ModZero,
    /// Bitwise on a float without integer representation.
    NoInt,
}

/// `luaO_rawarith` on two numbers (no strings).
pub(crate) fn arith_raw(op: ArithOp, a: Value, b: Value) -> Raw {
    if op.is_bitwise() {
        if !(a.is_number() && b.is_number()) {
            return Raw::NotNum;
        }
        let (Some(x), Some(y)) = (crate::interp::bit_int(&a), crate::interp::bit_int(&b)) else {
            return Raw::NoInt;
        };
        return Raw::Val(Value::int(op.int(x, y).unwrap_or(0)));
    }
    if a.tag == T_INT && b.tag == T_INT && !matches!(op, ArithOp::Div | ArithOp::Pow) {
        return match op.int(a.ival(), b.ival()) {
            Some(r) => Raw::Val(Value::int(r)),
            None if op == ArithOp::Mod => Raw::ModZero,
            None => Raw::DivZero,
        };
    }
    let (Some(x), Some(y)) = (a.as_num(), b.as_num()) else {
        return Raw::NotNum;
    };
    Raw::Val(Value::float(op.flt(x, y)))
}

impl State {
    /// Call metamethod `f` with `args`; see the module docs for the two modes.
    #[inline(never)]
    pub(crate) fn call_tm(
        &mut self,
        f: Value,
        args: &[Value],
        nres: i32,
        interp: bool,
    ) -> Result<Option<Value>, LuaError> {
        self.call_tm_status(f, args, nres, interp, 0)
    }

    pub(crate) fn call_tm_status(
        &mut self,
        f: Value,
        args: &[Value],
        nres: i32,
        interp: bool,
        extra: u16,
    ) -> Result<Option<Value>, LuaError> {
        if !interp {
            let r = self.call(f, args)?;
            return Ok(Some(r.first().copied().unwrap_or(Value::NIL)));
        }
        let th = self.cur.get_mut();
        let ci = *th.cur_ci();
        let func = ci.top.max(th.top);
        if th
            .ensure(&mut self.heap, func + 1 + args.len() + MIN_STACK)
            .is_err()
        {
            return Err(self.stack_overflow());
        }
        let cd = ci.cdepth + 1;
        self.check_cstack(cd)?;
        let th = self.cur.get_mut();
        th.stack[func] = f;
        th.stack[func + 1..func + 1 + args.len()].copy_from_slice(args);
        th.top = func + 1 + args.len();
        let status = CIST_FINISHOP | extra | if nres == 0 { CIST_NORESULT } else { 0 };
        match self.precall(func, nres, status, cd)? {
            Pre::Done => {
                let th = self.cur.get_mut();
                let v = if nres > 0 { th.stack[func] } else { Value::NIL };
                th.top = func;
                Ok(Some(v))
            }
            Pre::Lua | Pre::Switch => Ok(None),
            Pre::YieldOut => {
                self.yield_out = true;
                Ok(None)
            }
        }
    }

    #[cold]
    pub(crate) fn type_error_origin(&mut self, v: Value, op: &str, origin: Origin) -> LuaError {
        let info = match origin {
            Origin::None => Vec::new(),
            Origin::Reg(r) => varinfo_reg(self, r),
            Origin::Upval(u) => varinfo_upval(self, u),
        };
        let mut msg = format!("attempt to {op} a ").into_bytes();
        msg.extend_from_slice(&self.obj_type_name(v));
        msg.extend_from_slice(b" value");
        msg.extend_from_slice(&info);
        self.rt_error(&msg)
    }

    // ----- indexing ---------------------------------------------------------------------------

    /// `luaV_finishget`: `t[k]` when the raw access failed (or `t` is not a table).
    #[inline(never)]
    pub(crate) fn finish_get(
        &mut self,
        mut t: Value,
        k: Value,
        origin: Origin,
        interp: bool,
    ) -> Result<Option<Value>, LuaError> {
        let mut first = true;
        for _ in 0..2000 {
            let tm;
            if let Some(tab) = t.as_table() {
                let v = tab.get().get(k);
                if !v.is_nil() {
                    return Ok(Some(v));
                }
                tm = self.fast_tm(tab.get().meta, Tm::Index);
                if tm.is_nil() {
                    return Ok(Some(Value::NIL));
                }
            } else {
                tm = self.get_tm(t, Tm::Index);
                if tm.is_nil() {
                    let o = if first { origin } else { Origin::None };
                    return Err(self.type_error_origin(t, "index", o));
                }
            }
            first = false;
            if tm.is_function() {
                return self.call_tm(tm, &[t, k], 1, interp);
            }
            t = tm;
        }
        Err(self.rt_error(b"'__index' chain too long; possible loop"))
    }

    /// `luaV_finishset`: `t[k] = v` with `__newindex`. `Ok(true)`: done; `Ok(false)`: a
    /// metamethod frame was pushed.
    #[inline(never)]
    pub(crate) fn finish_set(
        &mut self,
        mut t: Value,
        k: Value,
        v: Value,
        origin: Origin,
        interp: bool,
    ) -> Result<bool, LuaError> {
        let mut first = true;
        for _ in 0..2000 {
            let tm;
            if let Some(tab) = t.as_table() {
                let cur = tab.get().get(k);
                if !cur.is_nil() {
                    self.table_store(tab, k, v)?;
                    return Ok(true);
                }
                tm = self.fast_tm(tab.get().meta, Tm::NewIndex);
                if tm.is_nil() {
                    self.table_store(tab, k, v)?;
                    return Ok(true);
                }
            } else {
                tm = self.get_tm(t, Tm::NewIndex);
                if tm.is_nil() {
                    let o = if first { origin } else { Origin::None };
                    return Err(self.type_error_origin(t, "index", o));
                }
            }
            first = false;
            if tm.is_function() {
                return Ok(self.call_tm(tm, &[t, k, v], 0, interp)?.is_some());
            }
            t = tm;
        }
        Err(self.rt_error(b"'__newindex' chain too long; possible loop"))
    }

    /// Raw store raising Lua errors for bad keys.
    #[inline(never)]
    pub(crate) fn table_store(
        &mut self,
        t: GcRef<crate::table::Table>,
        k: Value,
        v: Value,
    ) -> Result<(), LuaError> {
        match t.get_mut().set(&mut self.heap, k, v) {
            Ok(()) => Ok(()),
            Err(e) => Err(self.rt_error(e.message().as_bytes())),
        }
    }

    /// `t[k]` with metamethods (direct mode).
    pub fn index(&mut self, t: Value, k: Value) -> Result<Value, LuaError> {
        if let Some(tab) = t.as_table() {
            let v = tab.get().get(k);
            if !v.is_nil() {
                return Ok(v);
            }
        }
        Ok(self
            .finish_get(t, k, Origin::None, false)?
            .unwrap_or(Value::NIL))
    }

    /// `t[k] = v` with metamethods (direct mode).
    pub fn set_index(&mut self, t: Value, k: Value, v: Value) -> Result<(), LuaError> {
        self.finish_set(t, k, v, Origin::None, false).map(|_| ())
    }

    // ----- arithmetic -------------------------------------------------------------------------

    /// Arithmetic fallback (`luaT_trybinTM` with string coercion): `a op b` when the fast path
    /// failed. `origins` locate the operands for error messages.
    #[inline(never)]
    pub(crate) fn arith_slow(
        &mut self,
        op: ArithOp,
        a: Value,
        b: Value,
        oa: Origin,
        ob: Origin,
        interp: bool,
    ) -> Result<Option<Value>, LuaError> {
        match arith_raw(op, a, b) {
            Raw::Val(v) => return Ok(Some(v)),
            Raw::DivZero => return Err(self.rt_error(b"attempt to divide by zero")),
            Raw::ModZero => return Err(self.rt_error(b"attempt to perform 'n%0'")),
            Raw::NoInt | Raw::NotNum => {}
        }
        let tm = op.tm();
        let mut f = self.get_tm(a, tm);
        if f.is_nil() {
            f = self.get_tm(b, tm);
        }
        if f.is_nil() {
            // No metamethod: with the string library opened, strings have arithmetic
            // metamethods that do the coercion (lstrlib); without it, coerce here.
            if !op.is_bitwise() && (a.is_str() || b.is_str()) {
                if let (Some(x), Some(y)) = (self.to_number(a), self.to_number(b)) {
                    match arith_raw(op, x, y) {
                        Raw::Val(v) => return Ok(Some(v)),
                        Raw::DivZero => return Err(self.rt_error(b"attempt to divide by zero")),
                        Raw::ModZero => return Err(self.rt_error(b"attempt to perform 'n%0'")),
                        _ => {}
                    }
                }
            }
            return Err(self.arith_error(op, a, b, oa, ob));
        }
        self.call_tm(f, &[a, b], 1, interp)
    }

    #[cold]
    fn arith_error(&mut self, op: ArithOp, a: Value, b: Value, oa: Origin, ob: Origin) -> LuaError {
        if op.is_bitwise() {
            if a.is_number() && b.is_number() {
                // luaG_tointerror
                let (v, o) = if crate::interp::bit_int(&a).is_none() {
                    (a, oa)
                } else {
                    (b, ob)
                };
                let _ = v;
                let info = match o {
                    Origin::Reg(r) => varinfo_reg(self, r),
                    Origin::Upval(u) => varinfo_upval(self, u),
                    Origin::None => Vec::new(),
                };
                let mut m = b"number".to_vec();
                m.extend_from_slice(&info);
                m.extend_from_slice(b" has no integer representation");
                return self.rt_error(&m);
            }
            let (v, o) = if !a.is_number() { (a, oa) } else { (b, ob) };
            return self.type_error_origin(v, "perform bitwise operation on", o);
        }
        if a.is_str() || b.is_str() {
            // lstrlib's trymt message
            let name = &op.tm().name()[2..];
            let mut m = format!("attempt to {name} a '").into_bytes();
            m.extend_from_slice(&self.obj_type_name_basic(a));
            m.extend_from_slice(b"' with a '");
            m.extend_from_slice(&self.obj_type_name_basic(b));
            m.extend_from_slice(b"'");
            return self.rt_error(&m);
        }
        let (v, o) = if !a.is_number() { (a, oa) } else { (b, ob) };
        self.type_error_origin(v, "perform arithmetic on", o)
    }

    fn obj_type_name_basic(&self, v: Value) -> Vec<u8> {
        v.type_name().as_bytes().to_vec()
    }

    /// `a op b` with metamethods (direct mode).
    pub fn arith(&mut self, op: ArithOp, a: Value, b: Value) -> Result<Value, LuaError> {
        Ok(self
            .arith_slow(op, a, b, Origin::None, Origin::None, false)?
            .unwrap_or(Value::NIL))
    }

    // ----- comparisons ------------------------------------------------------------------------

    /// `a == b` (interp mode may push `__eq`).
    #[inline(never)]
    pub(crate) fn equals_mm(
        &mut self,
        a: Value,
        b: Value,
        interp: bool,
    ) -> Result<Option<bool>, LuaError> {
        if a.raw_eq(b) {
            return Ok(Some(true));
        }
        if a.tag != b.tag || !(a.tag == T_TABLE || a.tag == T_UDATA) {
            return Ok(Some(false));
        }
        let mt1 = self.get_metatable(a);
        let mut tm = self.fast_tm(mt1, Tm::Eq);
        if tm.is_nil() {
            let mt2 = self.get_metatable(b);
            tm = self.fast_tm(mt2, Tm::Eq);
        }
        if tm.is_nil() {
            return Ok(Some(false));
        }
        Ok(self.call_tm(tm, &[a, b], 1, interp)?.map(|v| v.truthy()))
    }

    /// `a == b` with `__eq` (direct mode).
    pub fn equals(&mut self, a: Value, b: Value) -> Result<bool, LuaError> {
        Ok(self.equals_mm(a, b, false)?.unwrap_or(false))
    }

    /// `a < b` / `a <= b` (interp mode may push `__lt`/`__le`).
    #[inline(never)]
    pub(crate) fn compare_mm(
        &mut self,
        a: Value,
        b: Value,
        le: bool,
        interp: bool,
    ) -> Result<Option<bool>, LuaError> {
        if let Some(r) = num_compare(a, b, le) {
            return Ok(Some(r));
        }
        if let (Some(x), Some(y)) = (a.as_str(), b.as_str()) {
            let (x, y) = (x.as_bytes(), y.as_bytes());
            return Ok(Some(if le { x <= y } else { x < y }));
        }
        let ev = if le { Tm::Le } else { Tm::Lt };
        let mut tm = self.get_tm(a, ev);
        if tm.is_nil() {
            tm = self.get_tm(b, ev);
        }
        if tm.is_nil() && le {
            // LUA_COMPAT_LT_LE: 'a <= b' as 'not (b < a)'
            let mut lt = self.get_tm(b, Tm::Lt);
            if lt.is_nil() {
                lt = self.get_tm(a, Tm::Lt);
            }
            if !lt.is_nil() {
                return Ok(self
                    .call_tm_status(lt, &[b, a], 1, interp, CIST_LEQ)?
                    .map(|v| !v.truthy()));
            }
        }
        if tm.is_nil() {
            return Err(self.order_error(a, b));
        }
        Ok(self.call_tm(tm, &[a, b], 1, interp)?.map(|v| v.truthy()))
    }

    #[cold]
    pub(crate) fn order_error(&mut self, a: Value, b: Value) -> LuaError {
        let t1 = self.obj_type_name(a);
        let t2 = self.obj_type_name(b);
        let mut m = b"attempt to compare ".to_vec();
        if t1 == t2 {
            m.extend_from_slice(b"two ");
            m.extend_from_slice(&t1);
            m.extend_from_slice(b" values");
        } else {
            m.extend_from_slice(&t1);
            m.extend_from_slice(b" with ");
            m.extend_from_slice(&t2);
        }
        self.rt_error(&m)
    }

    /// `a < b` with metamethods (direct mode).
    pub fn less_than(&mut self, a: Value, b: Value) -> Result<bool, LuaError> {
        Ok(self.compare_mm(a, b, false, false)?.unwrap_or(false))
    }
    /// `a <= b` with metamethods (direct mode).
    pub fn less_equal(&mut self, a: Value, b: Value) -> Result<bool, LuaError> {
        Ok(self.compare_mm(a, b, true, false)?.unwrap_or(false))
    }

    // ----- length -----------------------------------------------------------------------------

    /// `#v` (`luaV_objlen`).
    #[inline(never)]
    pub(crate) fn len_mm(
        &mut self,
        v: Value,
        origin: Origin,
        interp: bool,
    ) -> Result<Option<Value>, LuaError> {
        match v.tag {
            T_TABLE => {
                let t = v.as_table().expect("table");
                let tm = self.fast_tm(t.get().meta, Tm::Len);
                if tm.is_nil() {
                    return Ok(Some(Value::int(t.get().length() as i64)));
                }
                self.call_tm(tm, &[v, v], 1, interp)
            }
            T_STR => Ok(Some(
                Value::int(v.as_str().expect("str").get().len() as i64),
            )),
            _ => {
                let tm = self.get_tm(v, Tm::Len);
                if tm.is_nil() {
                    return Err(self.type_error_origin(v, "get length of", origin));
                }
                self.call_tm(tm, &[v, v], 1, interp)
            }
        }
    }

    /// `#v` with `__len` (direct mode).
    pub fn len(&mut self, v: Value) -> Result<Value, LuaError> {
        Ok(self.len_mm(v, Origin::None, false)?.unwrap_or(Value::NIL))
    }

    // ----- concatenation ----------------------------------------------------------------------

    /// `luaV_concat` over `stack[first .. first+n]` of the current thread; the result ends in
    /// `stack[first]`. Interp mode: `Ok(false)` when a `__concat` frame was pushed (the current
    /// frame's `aux` holds the count still to concatenate).
    #[inline(never)]
    pub(crate) fn concat_stack(
        &mut self,
        first: usize,
        mut n: usize,
        base: usize,
        interp: bool,
    ) -> Result<bool, LuaError> {
        while n > 1 {
            let th = self.cur.get_mut();
            let top = first + n;
            let a = th.stack[top - 2];
            let b = th.stack[top - 1];
            let is_sn = |v: Value| v.tag == T_STR || v.tag == T_INT || v.tag == T_FLOAT;
            if is_sn(a) && is_sn(b) {
                let mut cnt = 2;
                while cnt < n && is_sn(th.stack[top - cnt - 1]) {
                    cnt += 1;
                }
                let mut buf: Vec<u8> = Vec::new();
                for i in top - cnt..top {
                    let v = th.stack[i];
                    match v.view() {
                        Val::Str(s) => buf.extend_from_slice(s.as_bytes()),
                        Val::Int(x) => buf.extend_from_slice(fmt_int(x).as_bytes()),
                        Val::Num(x) => buf.extend_from_slice(fmt_float(x).as_bytes()),
                        _ => {}
                    }
                }
                let s = self.new_string(&buf);
                let th = self.cur.get_mut();
                th.stack[top - cnt] = s;
                n -= cnt - 1;
            } else {
                let mut tm = self.get_tm(a, Tm::Concat);
                if tm.is_nil() {
                    tm = self.get_tm(b, Tm::Concat);
                }
                if tm.is_nil() {
                    let (v, slot) = if is_sn(a) { (b, top - 1) } else { (a, top - 2) };
                    let o = if interp && slot >= base {
                        Origin::Reg((slot - base) as u32)
                    } else {
                        Origin::None
                    };
                    return Err(self.type_error_origin(v, "concatenate", o));
                }
                if interp {
                    let th = self.cur.get_mut();
                    if let Some(ci) = th.ci.last_mut() {
                        ci.aux = n as u32;
                    }
                }
                match self.call_tm(tm, &[a, b], 1, interp)? {
                    Some(v) => {
                        let th = self.cur.get_mut();
                        th.stack[top - 2] = v;
                        n -= 1;
                    }
                    None => return Ok(false),
                }
            }
        }
        Ok(true)
    }

    /// Concatenate values with `__concat` (direct mode).
    pub fn concat(&mut self, vals: &[Value]) -> Result<Value, LuaError> {
        if vals.is_empty() {
            return Ok(self.new_string(b""));
        }
        let th = self.cur.get_mut();
        let first = self.live_top();
        if th
            .ensure(&mut self.heap, first + vals.len() + MIN_STACK)
            .is_err()
        {
            return Err(self.stack_overflow());
        }
        let th = self.cur.get_mut();
        let saved = th.top;
        th.stack[first..first + vals.len()].copy_from_slice(vals);
        th.top = first + vals.len();
        let r = self.concat_stack(first, vals.len(), 0, false);
        let th = self.cur.get_mut();
        let v = th.stack[first];
        th.top = saved;
        r.map(|_| v)
    }

    // ----- tostring ---------------------------------------------------------------------------

    /// `luaL_tolstring`: string form of any value (`__tostring`, `__name`).
    pub fn tostring(&mut self, v: Value) -> Result<GcRef<LuaString>, LuaError> {
        let tm = self.get_metafield_tm(v, self.names.tostring);
        if !tm.is_nil() {
            let r = self.call(tm, &[v])?;
            let r = r.first().copied().unwrap_or(Value::NIL);
            return match r.as_str() {
                Some(s) => Ok(s),
                None => Err(self.error_at("'__tostring' must return a string")),
            };
        }
        let s: Vec<u8> = match v.view() {
            Val::Nil => b"nil".to_vec(),
            Val::Bool(b) => {
                if b {
                    b"true".to_vec()
                } else {
                    b"false".to_vec()
                }
            }
            Val::Int(i) => fmt_int(i).into_bytes(),
            Val::Num(f) => fmt_float(f).into_bytes(),
            Val::Str(s) => return Ok(s),
            _ => {
                let mut n = {
                    let nm = self.get_metafield_tm(v, self.names.name);
                    match nm.str_bytes() {
                        Some(b) => b.to_vec(),
                        None => v.type_name().as_bytes().to_vec(),
                    }
                };
                let p = match v.view() {
                    Val::NFunc(f) => f as usize,
                    _ => v.ptr_bits(),
                };
                n.extend_from_slice(format!(": {p:#x}").as_bytes());
                n
            }
        };
        Ok(self.intern(&s))
    }

    fn get_metafield_tm(&self, v: Value, name: GcRef<LuaString>) -> Value {
        match self.get_metatable(v) {
            Some(mt) => mt.get().get_str(name),
            None => Value::NIL,
        }
    }
}

/// Numeric comparison (`LTnum`/`LEnum`); `None` if not both numbers.
#[inline]
pub(crate) fn num_compare(a: Value, b: Value, le: bool) -> Option<bool> {
    match (a.tag, b.tag) {
        (T_INT, T_INT) => Some(if le {
            a.ival() <= b.ival()
        } else {
            a.ival() < b.ival()
        }),
        (T_FLOAT, T_FLOAT) => Some(if le {
            a.fval() <= b.fval()
        } else {
            a.fval() < b.fval()
        }),
        (T_INT, T_FLOAT) => Some(if le {
            le_int_float(a.ival(), b.fval())
        } else {
            lt_int_float(a.ival(), b.fval())
        }),
        (T_FLOAT, T_INT) => Some(if le {
            le_float_int(a.fval(), b.ival())
        } else {
            lt_float_int(a.fval(), b.ival())
        }),
        _ => None,
    }
}
