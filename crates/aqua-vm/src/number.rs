//! Numbers (lobject.c / lvm.c number helpers): the integer/float arithmetic and comparison
//! primitives of Lua 5.4 (floor division and modulo, shifts, float→integer conversion modes,
//! mixed int/float comparisons), and — re-exported from the leaf crate `aqua-number`, where they
//! are defined once for the lexer, the listings, the VM and the stdlib — string→number
//! ([`str2number`], `lua_stringtonumber`) and number→string ([`fmt_float`]: `tostring` of a
//! float, `%.14g` plus `.0`; [`fmt_g14`]: plain `%.14g`).
//!
//! All functions are pure; errors are reported as `None`/`Err(&'static str)` for the callers to
//! turn into Lua errors with position information.

/// A parsed number (`Num::Int` / `Num::Float`).
pub use aqua_number::Number as Num;
pub use aqua_number::{fmt_float, fmt_g14, str2number};

/// Float → integer rounding mode (lvm.h `F2Imod`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum F2I {
    /// Only accept integral values.
    Eq,
    Floor,
    Ceil,
}

const TWO63: f64 = 9223372036854775808.0;

/// `luaV_flttointns`: float to integer with rounding mode; `None` if out of range or NaN.
#[inline]
pub fn flt_to_int(f: f64, mode: F2I) -> Option<i64> {
    let fl = f.floor();
    let v = if fl != f {
        match mode {
            F2I::Eq => return None,
            F2I::Floor => fl,
            F2I::Ceil => fl + 1.0,
        }
    } else {
        fl
    };
    if (-TWO63..TWO63).contains(&v) {
        Some(v as i64)
    } else {
        None
    }
}

/// Integer == float (mathematical equality).
#[inline]
pub fn int_float_eq(i: i64, f: f64) -> bool {
    flt_to_int(f, F2I::Eq) == Some(i)
}

#[inline]
fn int_fits_float(i: i64) -> bool {
    const MAXINTFITSF: u64 = 1u64 << 53;
    (MAXINTFITSF.wrapping_add(i as u64)) <= 2 * MAXINTFITSF
}

/// i < f
pub fn lt_int_float(i: i64, f: f64) -> bool {
    if int_fits_float(i) {
        (i as f64) < f
    } else if let Some(fi) = flt_to_int(f, F2I::Ceil) {
        i < fi
    } else {
        f > 0.0
    }
}
/// i <= f
pub fn le_int_float(i: i64, f: f64) -> bool {
    if int_fits_float(i) {
        (i as f64) <= f
    } else if let Some(fi) = flt_to_int(f, F2I::Floor) {
        i <= fi
    } else {
        f > 0.0
    }
}
/// f < i
pub fn lt_float_int(f: f64, i: i64) -> bool {
    if int_fits_float(i) {
        f < (i as f64)
    } else if let Some(fi) = flt_to_int(f, F2I::Floor) {
        fi < i
    } else {
        !f.is_nan() && f < 0.0
    }
}
/// f <= i
pub fn le_float_int(f: f64, i: i64) -> bool {
    if int_fits_float(i) {
        f <= (i as f64)
    } else if let Some(fi) = flt_to_int(f, F2I::Ceil) {
        fi <= i
    } else {
        !f.is_nan() && f < 0.0
    }
}

/// Integer floor division (`luaV_idiv`); `None` for division by zero.
#[inline]
pub fn idiv(m: i64, n: i64) -> Option<i64> {
    if n == 0 {
        return None;
    }
    if n == -1 {
        return Some(m.wrapping_neg());
    }
    let q = m / n;
    if (m % n != 0) && ((m ^ n) < 0) {
        Some(q - 1)
    } else {
        Some(q)
    }
}

/// Integer modulo (`luaV_mod`); `None` for modulo by zero.
#[inline]
pub fn imod(m: i64, n: i64) -> Option<i64> {
    if n == 0 {
        return None;
    }
    if n == -1 {
        return Some(0);
    }
    let r = m % n;
    if r != 0 && (r ^ n) < 0 {
        Some(r + n)
    } else {
        Some(r)
    }
}

/// Float modulo (`luai_nummod`).
#[inline]
pub fn fmod(a: f64, b: f64) -> f64 {
    let m = a % b;
    // correct when the signs of m and b differ (fmod truncates, Lua floors)
    if if m > 0.0 { b < 0.0 } else { m < 0.0 && b > 0.0 } {
        m + b
    } else {
        m
    }
}

/// Float floor division (`luai_numidiv`).
#[inline]
pub fn fidiv(a: f64, b: f64) -> f64 {
    (a / b).floor()
}

/// `luai_numpow`.
#[inline]
pub fn fpow(a: f64, b: f64) -> f64 {
    if b == 2.0 {
        a * a
    } else {
        a.powf(b)
    }
}

/// `luaV_shiftl`.
#[inline]
pub fn shiftl(x: i64, y: i64) -> i64 {
    if y < 0 {
        if y <= -64 {
            0
        } else {
            ((x as u64) >> ((-y) as u32)) as i64
        }
    } else if y >= 64 {
        0
    } else {
        ((x as u64) << (y as u32)) as i64
    }
}

/// `ldexp` for finite `x`.
pub fn ldexp(mut x: f64, mut e: i32) -> f64 {
    // Scale in steps that keep each factor exactly representable.
    while e > 1000 {
        x *= 2f64.powi(1000);
        e -= 1000;
        if x.is_infinite() {
            return x;
        }
    }
    while e < -1000 {
        x *= 2f64.powi(-1000);
        e += 1000;
        if x == 0.0 {
            return x;
        }
    }
    if e < -1022 {
        // avoid double rounding through subnormal intermediate: split
        x * 2f64.powi(e + 60) * 2f64.powi(-60)
    } else {
        x * 2f64.powi(e)
    }
}

/// How Lua prints an integer.
pub fn fmt_int(i: i64) -> String {
    i.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arith() {
        assert_eq!(idiv(7, -2), Some(-4));
        assert_eq!(imod(7, -2), Some(-1));
        assert_eq!(imod(-7, 2), Some(1));
        assert_eq!(idiv(i64::MIN, -1), Some(i64::MIN));
        assert_eq!(fmod(-7.0, 2.0), 1.0);
        assert_eq!(fmod(-7.5, -2.0), -1.5);
        assert_eq!(fmod(7.5, -2.0), -0.5);
        assert_eq!(fmod(5.0, f64::NEG_INFINITY), f64::NEG_INFINITY);
        assert_eq!(shiftl(1, 64), 0);
        assert_eq!(shiftl(-1, -1), i64::MAX);
    }
}
