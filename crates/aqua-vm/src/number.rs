//! Numbers (lobject.c / lvm.c number helpers): string→number conversion exactly as
//! `lua_stringtonumber`, number→string as `lua_Number2str` (`%.14g`, ".0" suffix), and the
//! integer/float arithmetic and comparison primitives of Lua 5.4 (floor division and modulo,
//! shifts, float→integer conversion modes, mixed int/float comparisons).
//!
//! All functions are pure; errors are reported as `None`/`Err(&'static str)` for the callers to
//! turn into Lua errors with position information.

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

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

fn hexval(c: u8) -> Option<u32> {
    (c as char).to_digit(16)
}

/// A parsed number.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Num {
    Int(i64),
    Float(f64),
}

/// `l_str2int`.
fn str2int(s: &[u8]) -> Option<i64> {
    let mut i = 0;
    while i < s.len() && is_space(s[i]) {
        i += 1;
    }
    let mut neg = false;
    if i < s.len() && s[i] == b'-' {
        neg = true;
        i += 1;
    } else if i < s.len() && s[i] == b'+' {
        i += 1;
    }
    let mut a: u64 = 0;
    let mut empty = true;
    if i + 1 < s.len() && s[i] == b'0' && (s[i + 1] == b'x' || s[i + 1] == b'X') {
        i += 2;
        while i < s.len() {
            match hexval(s[i]) {
                Some(d) => {
                    a = a.wrapping_mul(16).wrapping_add(d as u64);
                    empty = false;
                    i += 1;
                }
                None => break,
            }
        }
    } else {
        let maxby10 = (i64::MAX as u64) / 10;
        let maxlastd = (i64::MAX as u64) % 10;
        while i < s.len() && s[i].is_ascii_digit() {
            let d = (s[i] - b'0') as u64;
            if a >= maxby10 && (a > maxby10 || d > maxlastd + neg as u64) {
                return None; // overflow: let it be a float
            }
            a = a * 10 + d;
            empty = false;
            i += 1;
        }
    }
    while i < s.len() && is_space(s[i]) {
        i += 1;
    }
    if empty || i != s.len() {
        return None;
    }
    Some(if neg {
        (0u64.wrapping_sub(a)) as i64
    } else {
        a as i64
    })
}

/// `lua_strx2number`: hexadecimal float (with optional binary exponent).
fn strx2number(s: &[u8]) -> Option<f64> {
    let mut i = 0;
    let mut neg = false;
    if i < s.len() && s[i] == b'-' {
        neg = true;
        i += 1;
    } else if i < s.len() && s[i] == b'+' {
        i += 1;
    }
    if !(i + 1 < s.len() && s[i] == b'0' && (s[i + 1] == b'x' || s[i + 1] == b'X')) {
        return None;
    }
    i += 2;
    let mut r = 0.0f64;
    let mut sigdig = 0;
    let mut nosigdig = 0;
    let mut e: i64 = 0;
    let mut hasdot = false;
    let mut any = false;
    while i < s.len() {
        let c = s[i];
        if c == b'.' {
            if hasdot {
                break;
            }
            hasdot = true;
        } else if let Some(d) = hexval(c) {
            any = true;
            if sigdig == 0 && d == 0 {
                nosigdig += 1;
            } else {
                sigdig += 1;
                if sigdig <= 30 {
                    r = r * 16.0 + d as f64;
                } else {
                    e += 1; // too many digits; ignore but still count for exponent
                }
            }
            if hasdot {
                e -= 1;
            }
        } else {
            break;
        }
        i += 1;
    }
    if !any {
        return None;
    }
    let _ = nosigdig;
    e *= 4;
    if i < s.len() && (s[i] == b'p' || s[i] == b'P') {
        i += 1;
        let mut eneg = false;
        if i < s.len() && s[i] == b'-' {
            eneg = true;
            i += 1;
        } else if i < s.len() && s[i] == b'+' {
            i += 1;
        }
        if i >= s.len() || !s[i].is_ascii_digit() {
            return None;
        }
        let mut exp1: i64 = 0;
        while i < s.len() && s[i].is_ascii_digit() {
            exp1 = (exp1 * 10 + (s[i] - b'0') as i64).min(1 << 20);
            i += 1;
        }
        if eneg {
            exp1 = -exp1;
        }
        e += exp1;
    }
    if i != s.len() {
        return None;
    }
    let v = ldexp(r, e.clamp(-100000, 100000) as i32);
    Some(if neg { -v } else { v })
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

/// `l_str2d`.
fn str2d(s: &[u8]) -> Option<f64> {
    if s.iter().any(|&c| c == b'n' || c == b'N') {
        return None; // reject 'inf' and 'nan'
    }
    let start = s.iter().position(|&c| !is_space(c))?;
    let end = s.iter().rposition(|&c| !is_space(c))? + 1;
    let t = &s[start..end];
    if t.iter().any(|&c| c == b'x' || c == b'X') {
        return strx2number(t);
    }
    // validate strtod decimal syntax: [sign] (digits [. digits*] | . digits) [(e|E) [sign] digits]
    let mut i = 0;
    if i < t.len() && (t[i] == b'+' || t[i] == b'-') {
        i += 1;
    }
    let mut nd = 0;
    while i < t.len() && t[i].is_ascii_digit() {
        i += 1;
        nd += 1;
    }
    if i < t.len() && t[i] == b'.' {
        i += 1;
        while i < t.len() && t[i].is_ascii_digit() {
            i += 1;
            nd += 1;
        }
    }
    if nd == 0 {
        return None;
    }
    if i < t.len() && (t[i] == b'e' || t[i] == b'E') {
        i += 1;
        if i < t.len() && (t[i] == b'+' || t[i] == b'-') {
            i += 1;
        }
        let st = i;
        while i < t.len() && t[i].is_ascii_digit() {
            i += 1;
        }
        if st == i {
            return None;
        }
    }
    if i != t.len() {
        return None;
    }
    let txt = std::str::from_utf8(t).ok()?;
    txt.parse::<f64>().ok()
}

/// `luaO_str2num` / `lua_stringtonumber`: the whole string must be a numeral (surrounding
/// whitespace allowed).
pub fn str2number(s: &[u8]) -> Option<Num> {
    if let Some(i) = str2int(s) {
        return Some(Num::Int(i));
    }
    str2d(s).map(Num::Float)
}

/// Format a float with C's `%.{prec}g` (correctly rounded, as glibc).
pub fn fmt_g(x: f64, prec: usize, upper: bool, alt: bool) -> String {
    if x.is_nan() {
        let s = if x.is_sign_negative() { "-nan" } else { "nan" };
        return if upper {
            s.to_uppercase()
        } else {
            s.to_string()
        };
    }
    if x.is_infinite() {
        let s = if x < 0.0 { "-inf" } else { "inf" };
        return if upper {
            s.to_uppercase()
        } else {
            s.to_string()
        };
    }
    let p = if prec == 0 { 1 } else { prec };
    let e_fmt = format!("{:.*e}", p - 1, x);
    // e_fmt looks like "-1.2345e-5" or "1e3"
    let (mant, exp) = match e_fmt.split_once('e') {
        Some(v) => v,
        None => return e_fmt,
    };
    let exp: i32 = exp.parse().unwrap_or(0);
    let neg = mant.starts_with('-');
    let digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    if exp < -4 || exp >= p as i32 {
        // exponent form
        let (first, rest) = digits.split_at(1);
        out.push_str(first);
        let mut rest = rest.to_string();
        if !alt {
            while rest.ends_with('0') {
                rest.pop();
            }
        }
        if !rest.is_empty() || alt {
            out.push('.');
            out.push_str(&rest);
        }
        out.push(if upper { 'E' } else { 'e' });
        out.push(if exp < 0 { '-' } else { '+' });
        let ae = exp.unsigned_abs();
        if ae < 10 {
            out.push('0');
        }
        out.push_str(&ae.to_string());
    } else {
        // fixed form with p - 1 - exp decimals
        let s: String = if exp >= 0 {
            let ip = (exp + 1) as usize;
            let (a, b) = digits.split_at(ip.min(digits.len()));
            let mut ints = a.to_string();
            while ints.len() < ip {
                ints.push('0');
            }
            let mut frac = b.to_string();
            if !alt {
                while frac.ends_with('0') {
                    frac.pop();
                }
            }
            if frac.is_empty() && !alt {
                ints
            } else {
                format!("{ints}.{frac}")
            }
        } else {
            let zeros = (-exp - 1) as usize;
            let mut frac = "0".repeat(zeros);
            frac.push_str(&digits);
            if !alt {
                while frac.ends_with('0') {
                    frac.pop();
                }
            }
            if frac.is_empty() && !alt {
                "0".to_string()
            } else {
                format!("0.{frac}")
            }
        };
        out.push_str(&s);
    }
    out
}

/// `lua_Number2str` + the ".0" rule of `tostringbuff`: how Lua prints a float.
pub fn fmt_float(x: f64) -> String {
    let mut s = fmt_g(x, 14, false, false);
    if s.bytes().all(|c| c == b'-' || c.is_ascii_digit()) {
        s.push_str(".0");
    }
    s
}

/// How Lua prints an integer.
pub fn fmt_int(i: i64) -> String {
    i.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printing() {
        assert_eq!(
            fmt_float(0.0 / 0.0_f64.max(0.0)),
            fmt_float(f64::NAN.copysign(1.0))
        );
        assert_eq!(fmt_float(f64::INFINITY), "inf");
        assert_eq!(fmt_float(-f64::INFINITY), "-inf");
        assert_eq!(fmt_float(1e15), "1e+15");
        assert_eq!(fmt_float(1e16), "1e+16");
        assert_eq!(fmt_float(2f64.powi(53)), "9.007199254741e+15");
        assert_eq!(fmt_float(0.1), "0.1");
        assert_eq!(fmt_float(1.0), "1.0");
        assert_eq!(fmt_float(-0.0), "-0.0");
        assert_eq!(fmt_float(100.0), "100.0");
        assert_eq!(fmt_float(1e14), "1e+14");
        assert_eq!(fmt_float(123456789012345.0), "1.2345678901234e+14");
        assert_eq!(fmt_float(1.0 / 3.0), "0.33333333333333");
        assert_eq!(fmt_float(1e-5), "1e-05");
        assert_eq!(fmt_float(0.0001), "0.0001");
        assert_eq!(fmt_float(5e-324), "4.9406564584125e-324");
        assert_eq!(fmt_float(3.25159), "3.25159");
        assert_eq!(fmt_float(-1.5e300), "-1.5e+300");
    }

    #[test]
    fn parsing() {
        assert_eq!(str2number(b" 10 "), Some(Num::Int(10)));
        assert_eq!(str2number(b"0x10"), Some(Num::Int(16)));
        assert_eq!(str2number(b"0xffffffffffffffff"), Some(Num::Int(-1)));
        assert_eq!(
            str2number(b"9223372036854775808"),
            Some(Num::Float(9223372036854775808.0))
        );
        assert_eq!(
            str2number(b"-9223372036854775808"),
            Some(Num::Int(i64::MIN))
        );
        assert_eq!(str2number(b"1e1"), Some(Num::Float(10.0)));
        assert_eq!(str2number(b"0x1p4"), Some(Num::Float(16.0)));
        assert_eq!(str2number(b"0x.8"), Some(Num::Float(0.5)));
        assert_eq!(str2number(b".5"), Some(Num::Float(0.5)));
        assert_eq!(str2number(b"5."), Some(Num::Float(5.0)));
        assert_eq!(str2number(b"inf"), None);
        assert_eq!(str2number(b"nan"), None);
        assert_eq!(str2number(b"1 2"), None);
        assert_eq!(str2number(b""), None);
        assert_eq!(str2number(b"0x"), None);
        assert_eq!(str2number(b"1e"), None);
    }

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
