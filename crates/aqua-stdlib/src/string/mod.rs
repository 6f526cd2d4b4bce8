//! The `string` library (lstrlib.c, Lua 5.4.4 behaviour) on aqua-vm's native ABI.
//!
//! Role: [`open`] creates the `string` table (recorded in `registry._LOADED` and as a global)
//! and installs the metatable of strings: `{__index = string}` plus lstrlib's arithmetic
//! metamethods (`__add`, `__sub`, `__mul`, `__div`, `__mod`, `__pow`, `__unm`, `__idiv`), which
//! convert numeric strings (`"10" + 1`) and otherwise raise "attempt to add a 'string' with a
//! 'table'"-style errors or defer to the other operand's metamethod.
//!
//! Sub-modules: [`pattern`] (the matcher: find/match/gmatch/gsub), [`printf`] (glibc-exact
//! number formatting), [`format`] (`string.format` driver and `%q`), [`pack`] (`pack`,
//! `unpack`, `packsize`). This file holds the small functions (byte, char, len, lower, upper,
//! rep, reverse, sub, dump) and the pattern-matching natives.
//!
//! Invariants: subject and pattern strings are arguments of the running native, so they stay
//! rooted while Lua code runs (gsub's replacement functions, `__index` of a replacement table);
//! values returned by such calls are converted to bytes immediately.

pub mod format;
pub mod pack;
pub mod pattern;
pub mod printf;

use aqua_vm::{ArithOp, Ctx, LuaError, NativeFn, State, Val, Value};
use pattern::{CapValue, MatchState, PatError};

/// lstrlib MAXSIZE: the largest string `rep` may build (INT_MAX, as on 64-bit Linux).
const MAXSIZE: usize = pack::MAXSIZE;

/// The library functions, in lstrlib's `strlib` order.
pub const FUNCS: &[(&str, NativeFn)] = &[
    ("byte", str_byte),
    ("char", str_char),
    ("dump", str_dump),
    ("find", str_find),
    ("format", format::str_format),
    ("gmatch", str_gmatch),
    ("gsub", str_gsub),
    ("len", str_len),
    ("lower", str_lower),
    ("match", str_match),
    ("rep", str_rep),
    ("reverse", str_reverse),
    ("sub", str_sub),
    ("upper", str_upper),
    ("pack", pack::str_pack),
    ("packsize", pack::str_packsize),
    ("unpack", pack::str_unpack),
];

/// Arithmetic metamethods of strings (lstrlib `stringmetamethods`).
const METAMETHODS: &[(&str, NativeFn)] = &[
    ("__add", arith_add),
    ("__sub", arith_sub),
    ("__mul", arith_mul),
    ("__mod", arith_mod),
    ("__pow", arith_pow),
    ("__div", arith_div),
    ("__idiv", arith_idiv),
    ("__unm", arith_unm),
];

/// `luaopen_string`: the `string` table (global + `_LOADED.string`) and the string metatable.
pub fn open(st: &mut State) {
    let lib = crate::auxlib::new_lib(st, "string", FUNCS);
    let mt = st.new_table_sized(0, METAMETHODS.len() + 1);
    crate::auxlib::set_funcs(st, mt, METAMETHODS);
    st.raw_set_str(mt, "__index", Value::table(lib));
    let s = st.new_string(b"");
    st.set_metatable(s, Some(mt));
}

// ----- positions ------------------------------------------------------------------------------

/// `posrelatI`: a 1-based start position clipped to `[1, inf)`.
pub(crate) fn posrelat_i(pos: i64, len: usize) -> usize {
    if pos > 0 {
        pos as usize
    } else if pos == 0 || pos < -(len as i64) {
        1
    } else {
        (len as i64 + pos + 1) as usize
    }
}

/// `getendpos`: an end position (argument `arg`, default `def`) clipped to `[0, len]`.
fn getendpos(ctx: &mut Ctx, arg: usize, def: i64, len: usize) -> Result<usize, LuaError> {
    let pos = ctx.opt_integer(arg, def)?;
    Ok(if pos > len as i64 {
        len
    } else if pos >= 0 {
        pos as usize
    } else if pos < -(len as i64) {
        0
    } else {
        (len as i64 + pos + 1) as usize
    })
}

// ----- simple functions -----------------------------------------------------------------------

fn str_len(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let s = ctx.check_str(1)?;
    let n = s.as_bytes().len() as i64;
    ctx.ret1(Value::int(n))
}

fn str_sub(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let s = ctx.check_str(1)?;
    let b = s.as_bytes();
    let l = b.len();
    let start = posrelat_i(ctx.check_integer(2)?, l);
    let end = getendpos(ctx, 3, -1, l)?;
    let r = if start > end {
        ctx.new_string(b"")
    } else {
        ctx.new_string(&b[start - 1..end])
    };
    ctx.ret1(r)
}

fn str_reverse(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let s = ctx.check_str(1)?;
    let mut v = s.as_bytes().to_vec();
    v.reverse();
    let r = ctx.new_string(&v);
    ctx.ret1(r)
}

fn str_lower(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let s = ctx.check_str(1)?;
    let v = s.as_bytes().to_ascii_lowercase();
    let r = ctx.new_string(&v);
    ctx.ret1(r)
}

fn str_upper(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let s = ctx.check_str(1)?;
    let v = s.as_bytes().to_ascii_uppercase();
    let r = ctx.new_string(&v);
    ctx.ret1(r)
}

fn str_rep(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let s = ctx.check_str(1)?;
    let n = ctx.check_integer(2)?;
    let sep = ctx.opt_str(3)?;
    let b = s.as_bytes();
    let sepb: &[u8] = match &sep {
        Some(x) => x.as_bytes(),
        None => b"",
    };
    if n <= 0 {
        let r = ctx.new_string(b"");
        return ctx.ret1(r);
    }
    let (l, lsep) = (b.len(), sepb.len());
    let unit = l + lsep;
    let limit = if (n as u64) > MAXSIZE as u64 {
        0
    } else {
        MAXSIZE / n as usize
    };
    if unit > limit {
        return Err(ctx.error("resulting string too large"));
    }
    if unit == 0 {
        let r = ctx.new_string(b"");
        return ctx.ret1(r);
    }
    let n = n as usize;
    let total = n * l + (n - 1) * lsep;
    let mut out = Vec::with_capacity(total);
    for i in 0..n {
        out.extend_from_slice(b);
        if i + 1 < n {
            out.extend_from_slice(sepb);
        }
    }
    let r = ctx.new_string(&out);
    ctx.ret1(r)
}

fn str_byte(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let s = ctx.check_str(1)?;
    let b = s.as_bytes();
    let l = b.len();
    let pi = ctx.opt_integer(2, 1)?;
    let pose = getendpos(ctx, 3, pi, l)?;
    let posi = posrelat_i(pi, l);
    if posi > pose {
        return Ok(0);
    }
    let n = pose - posi + 1;
    if n >= i32::MAX as usize {
        return Err(ctx.error("string slice too long"));
    }
    if ctx.check_stack(n).is_err() {
        return Err(ctx.error("stack overflow (string slice too long)"));
    }
    for &c in &b[posi - 1..pose] {
        ctx.push(Value::int(c as i64));
    }
    Ok(n)
}

fn str_char(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let n = ctx.nargs();
    let mut out = Vec::with_capacity(n);
    for i in 1..=n {
        let c = ctx.check_integer(i)? as u64;
        if c > 255 {
            return Err(ctx.arg_error(i, "value out of range"));
        }
        out.push(c as u8);
    }
    let r = ctx.new_string(&out);
    ctx.ret1(r)
}

/// `string.dump(f [, strip])`: the binary chunk of a Lua function (`aqua_bytecode::dump`, the
/// same format as luac5.4); natives cannot be dumped.
fn str_dump(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let strip = ctx.to_boolean(2);
    let f = ctx.check_function(1)?;
    match ctx.function_proto(f) {
        Some(p) => {
            let bytes = aqua_bytecode::dump(&p, strip);
            let r = ctx.new_string(&bytes);
            ctx.ret1(r)
        }
        None => Err(ctx.error("unable to dump given function")),
    }
}

// ----- pattern matching -----------------------------------------------------------------------

fn pattern_error(ctx: &mut Ctx, e: PatError) -> LuaError {
    ctx.error(&e.message())
}

/// Push capture values; returns how many.
fn push_caps(ctx: &mut Ctx, src: &[u8], caps: &[CapValue]) -> usize {
    for c in caps {
        let v = cap_value(ctx, src, *c);
        ctx.push(v);
    }
    caps.len()
}

fn cap_value(ctx: &mut Ctx, src: &[u8], c: CapValue) -> Value {
    match c {
        CapValue::Str(a, b) => ctx.new_string(&src[a..b]),
        CapValue::Pos(p) => Value::int(p as i64),
    }
}

fn str_find_aux(ctx: &mut Ctx, find: bool) -> Result<usize, LuaError> {
    let s = ctx.check_str(1)?;
    let p = ctx.check_str(2)?;
    let src: &[u8] = s.as_bytes();
    let pat: &[u8] = p.as_bytes();
    let ls = src.len();
    let init = posrelat_i(ctx.opt_integer(3, 1)?, ls) - 1;
    if init > ls {
        return ctx.ret1(Value::NIL);
    }
    if find && (ctx.to_boolean(4) || pattern::no_specials(pat)) {
        if let Some(i) = pattern::find_plain(&src[init..], pat) {
            let st = init + i;
            ctx.push(Value::int(st as i64 + 1));
            ctx.push(Value::int((st + pat.len()) as i64));
            return Ok(2);
        }
        return ctx.ret1(Value::NIL);
    }
    match pattern::find(src, pat, init, find) {
        Err(m) => Err(pattern_error(ctx, m)),
        Ok(None) => ctx.ret1(Value::NIL),
        Ok(Some(f)) => {
            if find {
                ctx.push(Value::int(f.start as i64 + 1));
                ctx.push(Value::int(f.end as i64));
                Ok(2 + push_caps(ctx, src, &f.caps))
            } else {
                Ok(push_caps(ctx, src, &f.caps))
            }
        }
    }
}

fn str_find(ctx: &mut Ctx) -> Result<usize, LuaError> {
    str_find_aux(ctx, true)
}

fn str_match(ctx: &mut Ctx) -> Result<usize, LuaError> {
    str_find_aux(ctx, false)
}

fn str_gmatch(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let s = ctx.check_str(1)?;
    let p = ctx.check_str(2)?;
    let ls = s.as_bytes().len();
    let mut init = posrelat_i(ctx.opt_integer(3, 1)?, ls) - 1;
    if init > ls {
        init = ls + 1;
    }
    let f = ctx.new_native_closure(
        gmatch_aux,
        vec![
            Value::str(s),
            Value::str(p),
            Value::int(init as i64),
            Value::NIL,
        ],
    );
    ctx.ret1(f)
}

/// The iterator of `gmatch`: upvalues (subject, pattern, next start, end of last match).
fn gmatch_aux(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let up = ctx.upvalues();
    let (Some(s), Some(p)) = (
        up.first().and_then(|v| v.as_str()),
        up.get(1).and_then(|v| v.as_str()),
    ) else {
        return Ok(0);
    };
    let start = up.get(2).and_then(|v| v.as_int()).unwrap_or(0).max(0) as usize;
    let lastmatch = up.get(3).and_then(|v| v.as_int()).map(|x| x as usize);
    let src: &[u8] = s.as_bytes();
    let pat: &[u8] = p.as_bytes();
    let mut ms = MatchState::new(src, pat);
    let mut pos = start;
    while pos <= src.len() {
        ms.reprep();
        match ms.do_match(pos, 0) {
            Err(m) => return Err(pattern_error(ctx, m)),
            Ok(Some(e)) if Some(e) != lastmatch => {
                ctx.set_upvalue(2, Value::int(e as i64));
                ctx.set_upvalue(3, Value::int(e as i64));
                let caps = match ms.captures(Some((pos, e))) {
                    Ok(c) => c,
                    Err(m) => return Err(pattern_error(ctx, m)),
                };
                return Ok(push_caps(ctx, src, &caps));
            }
            Ok(_) => {}
        }
        pos += 1;
    }
    ctx.set_upvalue(2, Value::int(pos as i64));
    Ok(0)
}

/// `add_s`: the replacement string with `%0`-`%9` and `%%`.
fn add_s(
    ms: &MatchState,
    out: &mut Vec<u8>,
    news: &[u8],
    s: usize,
    e: usize,
) -> Result<(), PatError> {
    let mut i = 0;
    while i < news.len() {
        let c = news[i];
        i += 1;
        if c != b'%' {
            out.push(c);
            continue;
        }
        let d = news.get(i).copied().unwrap_or(0);
        i += 1;
        if d == b'%' {
            out.push(b'%');
        } else if d.is_ascii_digit() {
            let cv = if d == b'0' {
                CapValue::Str(s, e)
            } else {
                ms.get_capture((d - b'1') as usize, s, e)?
            };
            match cv {
                CapValue::Str(a, b) => out.extend_from_slice(&ms.src[a..b]),
                CapValue::Pos(p) => out.extend_from_slice(p.to_string().as_bytes()),
            }
        } else {
            return Err(PatError::InvalidReplacementEsc);
        }
    }
    Ok(())
}

#[derive(Clone, Copy, PartialEq)]
enum Repl {
    Str,
    Table,
    Func,
}

fn str_gsub(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let s = ctx.check_str(1)?;
    let p = ctx.check_str(2)?;
    let src: &[u8] = s.as_bytes();
    let mut pat: &[u8] = p.as_bytes();
    let repl = ctx.arg(3);
    let max_s = ctx.opt_integer(4, src.len() as i64 + 1)?;
    let tr = match repl.view() {
        Val::Int(_) | Val::Num(_) | Val::Str(_) => Repl::Str,
        Val::Table(_) => Repl::Table,
        Val::LFunc(_) | Val::NFunc(_) | Val::NClosure(_) => Repl::Func,
        _ => return Err(ctx.type_error(3, "string/function/table")),
    };
    // the replacement string (numbers converted, as lua_tolstring does)
    let news: Vec<u8> = if tr == Repl::Str {
        ctx.to_str_bytes(repl).unwrap_or_default()
    } else {
        Vec::new()
    };
    let anchor = pat.first() == Some(&b'^');
    if anchor {
        pat = &pat[1..];
    }
    let mut ms = MatchState::new(src, pat);
    let mut out: Vec<u8> = Vec::new();
    let mut pos = 0usize;
    let mut lastmatch: Option<usize> = None;
    let mut n: i64 = 0;
    let mut changed = false;
    while n < max_s {
        ms.reprep();
        let r = match ms.do_match(pos, 0) {
            Ok(r) => r,
            Err(m) => return Err(pattern_error(ctx, m)),
        };
        match r {
            Some(e) if Some(e) != lastmatch => {
                n += 1;
                // add_value
                let value = match tr {
                    Repl::Str => {
                        if let Err(m) = add_s(&ms, &mut out, &news, pos, e) {
                            return Err(pattern_error(ctx, m));
                        }
                        changed = true;
                        None
                    }
                    Repl::Func => {
                        let caps = match ms.captures(Some((pos, e))) {
                            Ok(c) => c,
                            Err(m) => return Err(pattern_error(ctx, m)),
                        };
                        let mut args = Vec::with_capacity(caps.len());
                        let base = ctx.top();
                        for c in &caps {
                            let v = cap_value(ctx, src, *c);
                            ctx.push(v); // keep the capture strings rooted during the call
                            args.push(v);
                        }
                        let res = ctx.call(repl, &args)?;
                        ctx.set_top(base);
                        Some(res.first().copied().unwrap_or(Value::NIL))
                    }
                    Repl::Table => {
                        let c = match ms.get_capture(0, pos, e) {
                            Ok(c) => c,
                            Err(m) => return Err(pattern_error(ctx, m)),
                        };
                        let k = cap_value(ctx, src, c);
                        let base = ctx.top();
                        ctx.push(k);
                        let v = ctx.index(repl, k)?;
                        ctx.set_top(base);
                        Some(v)
                    }
                };
                if let Some(v) = value {
                    if !v.truthy() {
                        out.extend_from_slice(&src[pos..e]);
                    } else {
                        match v.view() {
                            Val::Str(_) | Val::Int(_) | Val::Num(_) => {
                                let b = ctx.to_str_bytes(v).unwrap_or_default();
                                out.extend_from_slice(&b);
                                changed = true;
                            }
                            _ => {
                                let m = format!("invalid replacement value (a {})", v.type_name());
                                return Err(ctx.error(&m));
                            }
                        }
                    }
                }
                pos = e;
                lastmatch = Some(e);
            }
            _ => {
                if pos < src.len() {
                    out.push(src[pos]);
                    pos += 1;
                } else {
                    break;
                }
            }
        }
        if anchor {
            break;
        }
    }
    if !changed {
        ctx.push(Value::str(s));
    } else {
        out.extend_from_slice(&src[pos..]);
        let r = ctx.new_string(&out);
        ctx.push(r);
    }
    ctx.push(Value::int(n));
    Ok(2)
}

// ----- arithmetic metamethods -----------------------------------------------------------------

/// `tonum`: a number, or a string that is a numeral.
fn tonum(ctx: &Ctx, v: Value) -> Option<Value> {
    match v.view() {
        Val::Int(_) | Val::Num(_) => Some(v),
        Val::Str(_) => ctx.to_number(v),
        _ => None,
    }
}

fn arith(ctx: &mut Ctx, op: ArithOp, mtname: &str) -> Result<usize, LuaError> {
    let (a, b) = (ctx.arg(1), ctx.arg(2));
    if let (Some(x), Some(y)) = (tonum(ctx, a), tonum(ctx, b)) {
        let r = ctx.arith(op, x, y)?;
        return ctx.ret1(r);
    }
    // trymt
    let mm = if b.is_str() {
        Value::NIL
    } else {
        ctx.get_metafield(b, mtname)
    };
    if mm.is_nil() {
        let m = format!(
            "attempt to {} a '{}' with a '{}'",
            &mtname[2..],
            a.type_name(),
            b.type_name()
        );
        return Err(ctx.error(&m));
    }
    let r = ctx.call(mm, &[a, b])?;
    let r = r.first().copied().unwrap_or(Value::NIL);
    ctx.ret1(r)
}

fn arith_add(ctx: &mut Ctx) -> Result<usize, LuaError> {
    arith(ctx, ArithOp::Add, "__add")
}
fn arith_sub(ctx: &mut Ctx) -> Result<usize, LuaError> {
    arith(ctx, ArithOp::Sub, "__sub")
}
fn arith_mul(ctx: &mut Ctx) -> Result<usize, LuaError> {
    arith(ctx, ArithOp::Mul, "__mul")
}
fn arith_mod(ctx: &mut Ctx) -> Result<usize, LuaError> {
    arith(ctx, ArithOp::Mod, "__mod")
}
fn arith_pow(ctx: &mut Ctx) -> Result<usize, LuaError> {
    arith(ctx, ArithOp::Pow, "__pow")
}
fn arith_div(ctx: &mut Ctx) -> Result<usize, LuaError> {
    arith(ctx, ArithOp::Div, "__div")
}
fn arith_idiv(ctx: &mut Ctx) -> Result<usize, LuaError> {
    arith(ctx, ArithOp::IDiv, "__idiv")
}
fn arith_unm(ctx: &mut Ctx) -> Result<usize, LuaError> {
    arith(ctx, ArithOp::Unm, "__unm")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions() {
        assert_eq!(posrelat_i(0, 5), 1);
        assert_eq!(posrelat_i(-2, 5), 4);
        assert_eq!(posrelat_i(-10, 5), 1);
        assert_eq!(posrelat_i(i64::MIN, 5), 1);
        assert_eq!(posrelat_i(7, 5), 7);
    }
}
