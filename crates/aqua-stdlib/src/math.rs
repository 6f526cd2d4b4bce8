//! The `math` library (lmathlib.c, Lua 5.4.4 behaviour) on aqua-vm's native ABI.
//!
//! Role: [`open`] creates the `math` table (global + `registry._LOADED.math`) with the
//! functions of lmathlib's `mathlib` plus `pi`, `huge`, `maxinteger`, `mininteger`, and the
//! pseudo-random generator (`random`, `randomseed`, see [`rand`]).
//!
//! Invariants, as lmathlib:
//! - functions that keep integers (`abs`, `ceil`, `floor`, `fmod`, `modf`, `tointeger`) test
//!   the *value* type (`lua_isinteger`): a numeric string is converted to a float first, so
//!   `math.abs("-3")` is `3.0`;
//! - results of `floor`/`ceil`/`modf` are integers when the float fits (`pushnumint`);
//! - `max`/`min` compare with the VM's `<` (metamethods and "attempt to compare" errors
//!   included) and return the first extreme argument unchanged.

pub mod rand;

use aqua_vm::number::{flt_to_int, F2I};
use aqua_vm::{Ctx, LuaError, NativeFn, State, Val, Value};

/// The library functions, in lmathlib's `mathlib` order (`random`/`randomseed` are closures
/// added by [`rand::register`]).
pub const FUNCS: &[(&str, NativeFn)] = &[
    ("abs", math_abs),
    ("ceil", math_ceil),
    ("floor", math_floor),
    ("fmod", math_fmod),
    ("modf", math_modf),
    ("sqrt", math_sqrt),
    ("exp", math_exp),
    ("log", math_log),
    ("sin", math_sin),
    ("cos", math_cos),
    ("tan", math_tan),
    ("asin", math_asin),
    ("acos", math_acos),
    ("atan", math_atan),
    ("tointeger", math_toint),
    ("type", math_type),
    ("ult", math_ult),
    ("max", math_max),
    ("min", math_min),
    ("deg", math_deg),
    ("rad", math_rad),
    // LUA_COMPAT_MATHLIB (Debian's lua5.4 is built with LUA_COMPAT_5_3); `atan2` is added
    // by `open`
    ("cosh", math_cosh),
    ("sinh", math_sinh),
    ("tanh", math_tanh),
    ("pow", math_pow),
    ("frexp", math_frexp),
    ("ldexp", math_ldexp),
    ("log10", math_log10),
];

/// `luaopen_math` (with the `LUA_COMPAT_MATHLIB` functions, as Debian's lua5.4 has them).
pub fn open(st: &mut State) {
    let lib = crate::auxlib::new_lib(st, "math", FUNCS);
    st.raw_set_str(lib, "pi", Value::float(std::f64::consts::PI));
    st.raw_set_str(lib, "huge", Value::float(f64::INFINITY));
    st.raw_set_str(lib, "maxinteger", Value::int(i64::MAX));
    st.raw_set_str(lib, "mininteger", Value::int(i64::MIN));
    // `atan2` is `math_atan` in lmathlib. Lua names it in argument errors as 'math.atan' or
    // 'math.atan2' depending on its (seeded) hash order; here `atan2` is a distinct closure
    // object so that errors of `math.atan` always say 'math.atan'.
    let atan2 = st.new_native_closure(math_atan, Vec::new());
    st.raw_set_str(lib, "atan2", atan2);
    rand::register(st, lib);
}

/// `pushnumint`: an integer when the float has an exact integer value that fits.
fn numint(d: f64) -> Value {
    match flt_to_int(d, F2I::Eq) {
        Some(i) => Value::int(i),
        None => Value::float(d),
    }
}

/// The argument as an integer when it *is* an integer value (`lua_isinteger`).
fn is_int(ctx: &Ctx, i: usize) -> Option<i64> {
    match ctx.arg(i).view() {
        Val::Int(n) => Some(n),
        _ => None,
    }
}

fn math_abs(ctx: &mut Ctx) -> Result<usize, LuaError> {
    if let Some(n) = is_int(ctx, 1) {
        return ctx.ret1(Value::int(n.wrapping_abs()));
    }
    let x = ctx.check_number(1)?;
    ctx.ret1(Value::float(x.abs()))
}

fn math_floor(ctx: &mut Ctx) -> Result<usize, LuaError> {
    if let Some(n) = is_int(ctx, 1) {
        return ctx.ret1(Value::int(n));
    }
    let x = ctx.check_number(1)?;
    ctx.ret1(numint(x.floor()))
}

fn math_ceil(ctx: &mut Ctx) -> Result<usize, LuaError> {
    if let Some(n) = is_int(ctx, 1) {
        return ctx.ret1(Value::int(n));
    }
    let x = ctx.check_number(1)?;
    ctx.ret1(numint(x.ceil()))
}

fn math_fmod(ctx: &mut Ctx) -> Result<usize, LuaError> {
    if let (Some(m), Some(d)) = (is_int(ctx, 1), is_int(ctx, 2)) {
        if (d as u64).wrapping_add(1) <= 1 {
            // special cases: -1 or 0
            if d == 0 {
                return Err(ctx.arg_error(2, "zero"));
            }
            return ctx.ret1(Value::int(0)); // avoid overflow with mininteger % -1
        }
        return ctx.ret1(Value::int(m % d)); // C remainder (truncating)
    }
    // `fmod(luaL_checknumber(L, 1), luaL_checknumber(L, 2))`: gcc evaluates the second
    // argument first, so lua5.4 reports a bad argument #2 before a bad #1.
    let b = ctx.check_number(2)?;
    let a = ctx.check_number(1)?;
    ctx.ret1(Value::float(libm_fmod(a, b)))
}

/// C `fmod` (Rust's `%` on floats is the same operation: truncated remainder, sign of `a`).
fn libm_fmod(a: f64, b: f64) -> f64 {
    a % b
}

fn math_modf(ctx: &mut Ctx) -> Result<usize, LuaError> {
    if let Some(n) = is_int(ctx, 1) {
        ctx.push(Value::int(n)); // number is its own integer part
        ctx.push(Value::float(0.0)); // no fractional part
        return Ok(2);
    }
    let n = ctx.check_number(1)?;
    // integer part (rounds toward zero)
    let ip = if n < 0.0 { n.ceil() } else { n.floor() };
    ctx.push(numint(ip));
    // fractional part (test needed for inf/-inf)
    ctx.push(Value::float(if n == ip { 0.0 } else { n - ip }));
    Ok(2)
}

fn float1(ctx: &mut Ctx, f: fn(f64) -> f64) -> Result<usize, LuaError> {
    let x = ctx.check_number(1)?;
    ctx.ret1(Value::float(f(x)))
}

fn math_sqrt(ctx: &mut Ctx) -> Result<usize, LuaError> {
    float1(ctx, f64::sqrt)
}
fn math_exp(ctx: &mut Ctx) -> Result<usize, LuaError> {
    float1(ctx, f64::exp)
}
fn math_sin(ctx: &mut Ctx) -> Result<usize, LuaError> {
    float1(ctx, f64::sin)
}
fn math_cos(ctx: &mut Ctx) -> Result<usize, LuaError> {
    float1(ctx, f64::cos)
}
fn math_tan(ctx: &mut Ctx) -> Result<usize, LuaError> {
    float1(ctx, f64::tan)
}
fn math_asin(ctx: &mut Ctx) -> Result<usize, LuaError> {
    float1(ctx, f64::asin)
}
fn math_acos(ctx: &mut Ctx) -> Result<usize, LuaError> {
    float1(ctx, f64::acos)
}

fn math_atan(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let y = ctx.check_number(1)?;
    let x = ctx.opt_number(2, 1.0)?;
    ctx.ret1(Value::float(y.atan2(x)))
}

fn math_log(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let x = ctx.check_number(1)?;
    let res = if ctx.is_none_or_nil(2) {
        x.ln()
    } else {
        let base = ctx.check_number(2)?;
        if base == 2.0 {
            x.log2()
        } else if base == 10.0 {
            x.log10()
        } else {
            x.ln() / base.ln()
        }
    };
    ctx.ret1(Value::float(res))
}

fn math_toint(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let v = ctx.arg(1);
    match ctx.to_integer(v) {
        Some(i) => ctx.ret1(Value::int(i)),
        None => {
            ctx.check_any(1)?;
            ctx.ret1(Value::NIL)
        }
    }
}

fn math_type(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let v = ctx.check_any(1)?;
    let r = match v.view() {
        Val::Int(_) => ctx.new_string(b"integer"),
        Val::Num(_) => ctx.new_string(b"float"),
        _ => Value::NIL,
    };
    ctx.ret1(r)
}

fn math_ult(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let a = ctx.check_integer(1)?;
    let b = ctx.check_integer(2)?;
    ctx.ret1(Value::boolean((a as u64) < (b as u64)))
}

/// `math.min` (`max` = true: `math.max`): the first extreme argument, compared with `<`.
fn min_max(ctx: &mut Ctx, max: bool) -> Result<usize, LuaError> {
    let n = ctx.nargs();
    if n < 1 {
        return Err(ctx.arg_error(1, "value expected"));
    }
    let mut best = ctx.arg(1);
    for i in 2..=n {
        let v = ctx.arg(i);
        let better = if max {
            ctx.less_than(best, v)?
        } else {
            ctx.less_than(v, best)?
        };
        if better {
            best = v;
        }
    }
    ctx.ret1(best)
}

fn math_max(ctx: &mut Ctx) -> Result<usize, LuaError> {
    min_max(ctx, true)
}
fn math_min(ctx: &mut Ctx) -> Result<usize, LuaError> {
    min_max(ctx, false)
}

fn math_deg(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let x = ctx.check_number(1)?;
    ctx.ret1(Value::float(x * (180.0 / std::f64::consts::PI)))
}
fn math_rad(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let x = ctx.check_number(1)?;
    ctx.ret1(Value::float(x * (std::f64::consts::PI / 180.0)))
}

// ----- LUA_COMPAT_MATHLIB ------------------------------------------------------------------

fn math_cosh(ctx: &mut Ctx) -> Result<usize, LuaError> {
    float1(ctx, f64::cosh)
}
fn math_sinh(ctx: &mut Ctx) -> Result<usize, LuaError> {
    float1(ctx, f64::sinh)
}
fn math_tanh(ctx: &mut Ctx) -> Result<usize, LuaError> {
    float1(ctx, f64::tanh)
}
fn math_log10(ctx: &mut Ctx) -> Result<usize, LuaError> {
    float1(ctx, f64::log10)
}

fn math_pow(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let x = ctx.check_number(1)?;
    let y = ctx.check_number(2)?;
    ctx.ret1(Value::float(x.powf(y)))
}

fn math_frexp(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let x = ctx.check_number(1)?;
    let (m, e) = frexp(x);
    ctx.push(Value::float(m));
    ctx.push(Value::int(i64::from(e)));
    Ok(2)
}

/// C `frexp`: `x = m * 2^e` with `0.5 <= |m| < 1` (`(x, 0)` for zero, inf and NaN).
fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let (x, adj) = if x.abs() < f64::MIN_POSITIVE {
        (x * 2f64.powi(64), -64) // subnormal: normalise first
    } else {
        (x, 0)
    };
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, exp - 1022 + adj)
}

fn math_ldexp(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let x = ctx.check_number(1)?;
    let e = ctx.check_integer(2)? as i32; // C's (int) cast
    ctx.ret1(Value::float(aqua_vm::number::ldexp(x, e)))
}

#[cfg(test)]
mod tests {
    use super::frexp;

    #[test]
    fn frexp_like_c() {
        assert_eq!(frexp(8.0), (0.5, 4));
        assert_eq!(frexp(-3.0), (-0.75, 2));
        assert_eq!(frexp(1.0), (0.5, 1));
        assert_eq!(frexp(5e-324), (0.5, -1073));
        assert_eq!(frexp(0.0), (0.0, 0));
    }
}
