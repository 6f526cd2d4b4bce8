//! String → number, exactly as lua5.4's `luaO_str2num` (lobject.c: `l_str2int`, `l_str2d`,
//! `lua_strx2number`).
//!
//! Role: converts the text of a numeral token (lexer) or any string (the VM's coercions,
//! `tonumber`, `io.read("n")`) into an integer or a float: decimal integers that overflow `i64`
//! become floats, hexadecimal integers wrap around modulo 2^64, decimal floats are parsed with
//! correct rounding (Rust's `f64::from_str`, exact like glibc `strtod`), hexadecimal floats
//! (`0x1.8p3`) are rounded to nearest-even from the exact digit string (any number of digits:
//! excess ones are folded into a sticky bit), and `inf`/`nan` spellings are rejected.
//!
//! Invariant: never panics; returns `None` for anything lua5.4 would call a malformed number
//! (including strings with an embedded `\0`).

/// A converted numeral.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Number {
    /// An integer.
    Int(i64),
    /// A float.
    Float(f64),
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

fn hex_digit(c: u8) -> Option<u32> {
    (c as char).to_digit(16)
}

/// Trims C `isspace` bytes from both ends.
fn trim(s: &[u8]) -> &[u8] {
    let mut a = 0;
    let mut b = s.len();
    while a < b && is_space(s[a]) {
        a += 1;
    }
    while b > a && is_space(s[b - 1]) {
        b -= 1;
    }
    &s[a..b]
}

/// `luaO_str2num`: `None` when `s` (surrounding whitespace allowed) is not a valid numeral.
pub fn str2number(s: &[u8]) -> Option<Number> {
    if let Some(i) = str2int(s) {
        return Some(Number::Int(i));
    }
    str2float(s).map(Number::Float)
}

/// `l_str2int`: decimal (no overflow) or hexadecimal (wrapping) integer with optional `-`.
pub fn str2int(s: &[u8]) -> Option<i64> {
    let s = trim(s);
    let (neg, s) = match s.first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let mut a: u64 = 0;
    if s.len() >= 2 && s[0] == b'0' && (s[1] == b'x' || s[1] == b'X') {
        let digits = &s[2..];
        if digits.is_empty() {
            return None;
        }
        for &c in digits {
            a = a.wrapping_mul(16).wrapping_add(u64::from(hex_digit(c)?));
        }
    } else {
        if s.is_empty() {
            return None;
        }
        const MAXBY10: u64 = (i64::MAX as u64) / 10;
        const MAXLASTD: u64 = (i64::MAX as u64) % 10;
        for &c in s {
            if !c.is_ascii_digit() {
                return None;
            }
            let d = u64::from(c - b'0');
            if a >= MAXBY10 && (a > MAXBY10 || d > MAXLASTD + u64::from(neg)) {
                return None; // overflow: not accepted as an integer
            }
            a = a * 10 + d;
        }
    }
    let v = a as i64;
    Some(if neg { v.wrapping_neg() } else { v })
}

/// `l_str2d`: a float in C `strtod` syntax (decimal or hexadecimal), rejecting `inf`/`nan`.
pub fn str2float(s: &[u8]) -> Option<f64> {
    if s.iter().any(|&c| c == b'n' || c == b'N') {
        return None;
    }
    let s = trim(s);
    let (neg, body) = match s.first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let v = if body.len() >= 2 && body[0] == b'0' && (body[1] == b'x' || body[1] == b'X') {
        hex_float(&body[2..])?
    } else {
        dec_float(body)?
    };
    Some(if neg { -v } else { v })
}

/// Decimal `strtod` syntax: `digits [. digits] [(e|E) [sign] digits]`, at least one digit.
fn dec_float(s: &[u8]) -> Option<f64> {
    let mut i = 0;
    let mut ndig = 0;
    while i < s.len() && s[i].is_ascii_digit() {
        i += 1;
        ndig += 1;
    }
    if i < s.len() && s[i] == b'.' {
        i += 1;
        while i < s.len() && s[i].is_ascii_digit() {
            i += 1;
            ndig += 1;
        }
    }
    if ndig == 0 {
        return None;
    }
    if i < s.len() && (s[i] == b'e' || s[i] == b'E') {
        let mut j = i + 1;
        if j < s.len() && (s[j] == b'+' || s[j] == b'-') {
            j += 1;
        }
        let ds = j;
        while j < s.len() && s[j].is_ascii_digit() {
            j += 1;
        }
        if j == ds {
            return None; // strtod would stop before 'e': trailing garbage
        }
        i = j;
    }
    if i != s.len() {
        return None;
    }
    let text = std::str::from_utf8(s).ok()?;
    text.parse::<f64>().ok()
}

/// Hexadecimal `strtod` syntax after `0x`: `hexdigits [. hexdigits] [(p|P) [sign] digits]`.
fn hex_float(s: &[u8]) -> Option<f64> {
    let mut mant: u64 = 0;
    let mut sticky = false;
    let mut exp: i64 = 0; // binary exponent adjustment
    let mut any = false;
    let mut i = 0;
    let mut seen_dot = false;
    while i < s.len() {
        let c = s[i];
        if c == b'.' {
            if seen_dot {
                break;
            }
            seen_dot = true;
            i += 1;
            continue;
        }
        let Some(d) = hex_digit(c) else { break };
        any = true;
        if mant >> 60 == 0 {
            mant = (mant << 4) | u64::from(d);
            if seen_dot {
                exp -= 4;
            }
        } else {
            if d != 0 {
                sticky = true;
            }
            if !seen_dot {
                exp += 4;
            }
        }
        i += 1;
    }
    if !any {
        return None;
    }
    if i < s.len() && (s[i] == b'p' || s[i] == b'P') {
        let mut j = i + 1;
        let mut eneg = false;
        if j < s.len() && (s[j] == b'+' || s[j] == b'-') {
            eneg = s[j] == b'-';
            j += 1;
        }
        let ds = j;
        let mut e: i64 = 0;
        while j < s.len() && s[j].is_ascii_digit() {
            e = (e * 10 + i64::from(s[j] - b'0')).min(1_000_000_000);
            j += 1;
        }
        if j == ds {
            return None;
        }
        exp += if eneg { -e } else { e };
        i = j;
    }
    if i != s.len() {
        return None;
    }
    Some(make_float(mant, sticky, exp))
}

/// Correctly rounded (to nearest, ties to even) value of `(mant + sticky·ε) · 2^exp`.
fn make_float(mant: u64, sticky: bool, exp: i64) -> f64 {
    if mant == 0 {
        return 0.0;
    }
    let lz = mant.leading_zeros();
    let m = mant << lz; // top bit set
    let e = exp - i64::from(lz); // value = m * 2^e
    let top = e + 63; // unbiased exponent of the leading bit
    if top > 1023 {
        return f64::INFINITY;
    }
    // number of low bits of m to drop
    let shift: i64 = if top >= -1022 { 11 } else { 11 + (-1022 - top) };
    let (keep, rem, half) = if shift >= 65 {
        (0u64, m, None)
    } else if shift == 64 {
        (0u64, m, Some(1u64 << 63))
    } else {
        let sh = shift as u32;
        (m >> sh, m & ((1u64 << sh) - 1), Some(1u64 << (sh - 1)))
    };
    let round_up = match half {
        None => false,
        Some(h) => rem > h || (rem == h && (sticky || keep & 1 == 1)),
    };
    let keep = keep + u64::from(round_up);
    if top >= -1022 {
        // normal: keep has 53 bits (or 54 after rounding overflow)
        let (keep, top) = if keep >> 53 != 0 {
            (keep >> 1, top + 1)
        } else {
            (keep, top)
        };
        if top > 1023 {
            return f64::INFINITY;
        }
        let bits = (((top + 1023) as u64) << 52) | (keep & ((1u64 << 52) - 1));
        f64::from_bits(bits)
    } else {
        // subnormal (keep == 2^52 is exactly the smallest normal)
        f64::from_bits(keep)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(s: &str) -> Option<Number> {
        str2number(s.as_bytes())
    }

    #[test]
    fn integers() {
        assert_eq!(f("0x7fffffffffffffff"), Some(Number::Int(i64::MAX)));
        assert_eq!(f("0xffffffffffffffff"), Some(Number::Int(-1)));
        assert_eq!(f("0x10000000000000000"), Some(Number::Int(0)));
        assert_eq!(f("9223372036854775807"), Some(Number::Int(i64::MAX)));
        assert_eq!(
            f("9223372036854775808"),
            Some(Number::Float(9223372036854775808.0))
        );
        assert_eq!(f("-9223372036854775808"), Some(Number::Int(i64::MIN)));
        assert_eq!(f("  12  "), Some(Number::Int(12)));
        assert_eq!(f("0x"), None);
        assert_eq!(f(""), None);
        assert_eq!(f("3x"), None);
    }

    #[test]
    fn floats() {
        assert_eq!(f("1e309"), Some(Number::Float(f64::INFINITY)));
        assert_eq!(f("0x1p-2"), Some(Number::Float(0.25)));
        assert_eq!(f(".5"), Some(Number::Float(0.5)));
        assert_eq!(f("3."), Some(Number::Float(3.0)));
        assert_eq!(f("0x.8p1"), Some(Number::Float(1.0)));
        assert_eq!(f("0xA.8"), Some(Number::Float(10.5)));
        assert_eq!(f("0x1P+4"), Some(Number::Float(16.0)));
        assert_eq!(f("1E2"), Some(Number::Float(100.0)));
        assert_eq!(f("1e"), None);
        assert_eq!(f("1e+"), None);
        assert_eq!(f("."), None);
        assert_eq!(f("0x."), None);
        assert_eq!(f("0x1p"), None);
        assert_eq!(f("inf"), None);
        assert_eq!(f("nan"), None);
        assert_eq!(f("1..2"), None);
        assert_eq!(f("0x1.8p1"), Some(Number::Float(3.0)));
        // more than 64 bits of mantissa: correctly rounded
        assert_eq!(f("0x1.00000000000008p0"), Some(Number::Float(1.0)));
        assert_eq!(
            f("0x1.00000000000018p0"),
            Some(Number::Float(1.0000000000000004))
        );
        assert_eq!(
            f("0x1.000000000000080000001p0"),
            Some(Number::Float(1.0000000000000002))
        );
        assert_eq!(f("0x1p-1074"), Some(Number::Float(f64::from_bits(1))));
        assert_eq!(f("0x1p-1075"), Some(Number::Float(0.0)));
        assert_eq!(f("0x1.8p-1075"), Some(Number::Float(f64::from_bits(1))));
        assert_eq!(f("0x1p1024"), Some(Number::Float(f64::INFINITY)));
        assert_eq!(f("0x1.fffffffffffffp1023"), Some(Number::Float(f64::MAX)));
        assert_eq!(
            f("0xffffffffffffffff.0"),
            Some(Number::Float(18446744073709551616.0))
        );
        assert_eq!(
            f("0x123456789abcdef0123p0"),
            Some(Number::Float(5.373_003_642_731_685e21))
        );
    }

    /// Bit-exact identity of a result (so `-0.0` differs from `0.0`).
    fn key(n: Option<Number>) -> Option<(bool, u64)> {
        n.map(|n| match n {
            Number::Int(i) => (false, i as u64),
            Number::Float(x) => (true, x.to_bits()),
        })
    }

    /// Hard cases; expected values are lua5.4's `tonumber(s)` (comments: its `%a`).
    #[test]
    fn lua54_hard_cases() {
        let cases: &[(&[u8], Option<Number>)] = &[
            (
                b"0x1.fffffffffffffffffffp0",
                Some(Number::Float(f64::from_bits(0x4000000000000000))),
            ), // 0x1p+1
            (
                b"0x1.fffffffffffff8p0",
                Some(Number::Float(f64::from_bits(0x4000000000000000))),
            ), // 0x1p+1
            (
                b"0x1.fffffffffffff7ffffffffp0",
                Some(Number::Float(f64::from_bits(0x3fffffffffffffff))),
            ), // 0x1.fffffffffffffp+0
            (
                b"0x1.00000000000008p0",
                Some(Number::Float(f64::from_bits(0x3ff0000000000000))),
            ), // 0x1p+0
            (
                b"0x1.000000000000080000000001p0",
                Some(Number::Float(f64::from_bits(0x3ff0000000000001))),
            ), // 0x1.0000000000001p+0
            (
                b"0x1.00000000000018p0",
                Some(Number::Float(f64::from_bits(0x3ff0000000000002))),
            ), // 0x1.0000000000002p+0
            (
                b"0x123456789abcdef0123p0",
                Some(Number::Float(f64::from_bits(0x44723456789abcdf))),
            ), // 0x1.23456789abcdfp+72
            (
                b"0x.00000000000000000001p0",
                Some(Number::Float(f64::from_bits(0x3af0000000000000))),
            ), // 0x1p-80
            (
                b"0x0.0000000000000000000000000000000001p0",
                Some(Number::Float(f64::from_bits(0x3770000000000000))),
            ), // 0x1p-136
            (
                b"0xfffffffffffffffff.8p-4",
                Some(Number::Float(f64::from_bits(0x43f0000000000000))),
            ), // 0x1p+64
            (
                b"0x1p-1074",
                Some(Number::Float(f64::from_bits(0x0000000000000001))),
            ), // 0x0.0000000000001p-1022
            (
                b"0x1p-1075",
                Some(Number::Float(f64::from_bits(0x0000000000000000))),
            ), // 0x0p+0
            (
                b"0x1.0000000000001p-1075",
                Some(Number::Float(f64::from_bits(0x0000000000000001))),
            ), // 0x0.0000000000001p-1022
            (
                b"0x1.8p-1075",
                Some(Number::Float(f64::from_bits(0x0000000000000001))),
            ), // 0x0.0000000000001p-1022
            (
                b"0x1p1023",
                Some(Number::Float(f64::from_bits(0x7fe0000000000000))),
            ), // 0x1p+1023
            (
                b"0x1p1024",
                Some(Number::Float(f64::from_bits(0x7ff0000000000000))),
            ), // inf
            (
                b"0x1.fffffffffffff8p1023",
                Some(Number::Float(f64::from_bits(0x7ff0000000000000))),
            ), // inf
            (
                b"0x1.fffffffffffff7p1023",
                Some(Number::Float(f64::from_bits(0x7fefffffffffffff))),
            ), // 0x1.fffffffffffffp+1023
            (
                b"0x1P+4",
                Some(Number::Float(f64::from_bits(0x4030000000000000))),
            ), // 0x1p+4
            (
                b"0xA.8p-1",
                Some(Number::Float(f64::from_bits(0x4015000000000000))),
            ), // 0x1.5p+2
            (
                b"0x.8",
                Some(Number::Float(f64::from_bits(0x3fe0000000000000))),
            ), // 0x1p-1
            (
                b"0x8.",
                Some(Number::Float(f64::from_bits(0x4020000000000000))),
            ), // 0x1p+3
            (
                b"0x1p99999999999",
                Some(Number::Float(f64::from_bits(0x7ff0000000000000))),
            ), // inf
            (
                b"0x1p-99999999999",
                Some(Number::Float(f64::from_bits(0x0000000000000000))),
            ), // 0x0p+0
            (
                b"0x000000000000000000000000001p0",
                Some(Number::Float(f64::from_bits(0x3ff0000000000000))),
            ), // 0x1p+0
            (
                b"0x1000000000000000000000000000000000000000p-100",
                Some(Number::Float(f64::from_bits(0x4370000000000000))),
            ), // 0x1p+56
            (b"0xffffffffffffffff", Some(Number::Int(-1))),
            (b"0x10000000000000000", Some(Number::Int(0))),
            (b"0x1e", Some(Number::Int(30))),
            (b"0x1e+1", None),
            (
                b"2.2250738585072011e-308",
                Some(Number::Float(f64::from_bits(0x000fffffffffffff))),
            ), // 0x0.fffffffffffffp-1022
            (
                b"2.2250738585072012e-308",
                Some(Number::Float(f64::from_bits(0x0010000000000000))),
            ), // 0x1p-1022
            (b"9007199254740993", Some(Number::Int(9007199254740993))),
            (
                b"9007199254740993.0",
                Some(Number::Float(f64::from_bits(0x4340000000000000))),
            ), // 0x1p+53
            (
                b"9007199254740992.5",
                Some(Number::Float(f64::from_bits(0x4340000000000000))),
            ), // 0x1p+53
            (
                b"1.00000000000000011102230246251565404236316680908203125",
                Some(Number::Float(f64::from_bits(0x3ff0000000000000))),
            ), // 0x1p+0
            (
                b"1.00000000000000011102230246251565404236316680908203124",
                Some(Number::Float(f64::from_bits(0x3ff0000000000000))),
            ), // 0x1p+0
            (
                b"1.00000000000000011102230246251565404236316680908203126",
                Some(Number::Float(f64::from_bits(0x3ff0000000000001))),
            ), // 0x1.0000000000001p+0
            (
                b"1e400",
                Some(Number::Float(f64::from_bits(0x7ff0000000000000))),
            ), // inf
            (
                b"-1e400",
                Some(Number::Float(f64::from_bits(0xfff0000000000000))),
            ), // -inf
            (
                b"1e-400",
                Some(Number::Float(f64::from_bits(0x0000000000000000))),
            ), // 0x0p+0
            (
                b"4.9406564584124654e-324",
                Some(Number::Float(f64::from_bits(0x0000000000000001))),
            ), // 0x0.0000000000001p-1022
            (
                b"2.4703282292062327e-324",
                Some(Number::Float(f64::from_bits(0x0000000000000000))),
            ), // 0x0p+0
            (
                b"2.4703282292062328e-324",
                Some(Number::Float(f64::from_bits(0x0000000000000001))),
            ), // 0x0.0000000000001p-1022
            (
                b"1.7976931348623158e308",
                Some(Number::Float(f64::from_bits(0x7fefffffffffffff))),
            ), // 0x1.fffffffffffffp+1023
            (
                b"1.7976931348623159e308",
                Some(Number::Float(f64::from_bits(0x7ff0000000000000))),
            ), // inf
            (
                b"9223372036854775807",
                Some(Number::Int(9223372036854775807)),
            ),
            (
                b"9223372036854775808",
                Some(Number::Float(f64::from_bits(0x43e0000000000000))),
            ), // 0x1p+63
            (b"-9223372036854775808", Some(Number::Int(i64::MIN))),
            (
                b"-9223372036854775809",
                Some(Number::Float(f64::from_bits(0xc3e0000000000000))),
            ), // -0x1p+63
            (
                b"0.1",
                Some(Number::Float(f64::from_bits(0x3fb999999999999a))),
            ), // 0x1.999999999999ap-4
            (
                b"123456789012345678901234567890",
                Some(Number::Float(f64::from_bits(0x45f8ee90ff6c373e))),
            ), // 0x1.8ee90ff6c373ep+96
            (b"0x", None),
            (b"0x.", None),
            (b"0xp1", None),
            (b"0x1p", None),
            (b"0x1p+", None),
            (b".", None),
            (b"1e", None),
            (b"1e+", None),
            (b"", None),
            (b" ", None),
            (b"  0x10  ", Some(Number::Int(16))),
            (
                b" 1.5 ",
                Some(Number::Float(f64::from_bits(0x3ff8000000000000))),
            ), // 0x1.8p+0
            (b"\x09\x0a12\x0b\x0c\x0d", Some(Number::Int(12))),
            (b"1\x00", None),
            (b"\x00", None),
            (b"1 2", None),
            (b"inf", None),
            (b"-inf", None),
            (b"nan", None),
            (b"infinity", None),
            (b"INF", None),
            (b"NaN", None),
            (
                b"0x1.8p1 ",
                Some(Number::Float(f64::from_bits(0x4008000000000000))),
            ), // 0x1.8p+1
            (b"+0x10", Some(Number::Int(16))),
            (b"-0x10", Some(Number::Int(-16))),
            (b"- 1", None),
            (b"--1", None),
            (b"1e1.5", None),
            (b"1..2", None),
            (b"0x1.2.3", None),
            (b"1_000", None),
            (b"\xd9\xa1", None),
            (
                b"0X1P-2",
                Some(Number::Float(f64::from_bits(0x3fd0000000000000))),
            ), // 0x1p-2
            (b"00012", Some(Number::Int(12))),
            (b"-0", Some(Number::Int(0))),
            (
                b"-0.0",
                Some(Number::Float(f64::from_bits(0x8000000000000000))),
            ), // -0x0p+0
            (
                b"0e0",
                Some(Number::Float(f64::from_bits(0x0000000000000000))),
            ), // 0x0p+0
            (
                b"0x0p0",
                Some(Number::Float(f64::from_bits(0x0000000000000000))),
            ), // 0x0p+0
            (
                b"-0x0p0",
                Some(Number::Float(f64::from_bits(0x8000000000000000))),
            ), // -0x0p+0
            (
                b"1E+308",
                Some(Number::Float(f64::from_bits(0x7fe1ccf385ebc8a0))),
            ), // 0x1.1ccf385ebc8ap+1023
            (
                b"0x1.23456789abcdef0123456789p+10",
                Some(Number::Float(f64::from_bits(0x40923456789abcdf))),
            ), // 0x1.23456789abcdfp+10
            (
                b"3.",
                Some(Number::Float(f64::from_bits(0x4008000000000000))),
            ), // 0x1.8p+1
            (
                b".5e1",
                Some(Number::Float(f64::from_bits(0x4014000000000000))),
            ), // 0x1.4p+2
            (
                b"5e-324",
                Some(Number::Float(f64::from_bits(0x0000000000000001))),
            ), // 0x0.0000000000001p-1022
            (
                b"1e-324",
                Some(Number::Float(f64::from_bits(0x0000000000000000))),
            ), // 0x0p+0
            (b"0x8000000000000000", Some(Number::Int(i64::MIN))),
        ];
        for (s, want) in cases {
            assert_eq!(
                key(str2number(s)),
                key(*want),
                "{:?}",
                String::from_utf8_lossy(s)
            );
        }
    }

    /// Arbitrarily long numerals neither panic nor lose correct rounding.
    #[test]
    fn long_numerals() {
        let mut s = b"0x1.".to_vec();
        s.extend_from_slice(&[b'0'; 5000]);
        s.extend_from_slice(b"1p0");
        assert_eq!(str2number(&s), Some(Number::Float(1.0)));
        let mut s = b"0.".to_vec();
        s.extend_from_slice(&[b'0'; 400]);
        s.extend_from_slice(b"1e401");
        assert_eq!(str2number(&s), Some(Number::Float(1.0)));
        let mut s = b"1".to_vec();
        s.extend_from_slice(&[b'0'; 400]);
        assert_eq!(str2number(&s), Some(Number::Float(f64::INFINITY)));
        assert_eq!(
            str2number(b"0x1p99999999999999999999999"),
            Some(Number::Float(f64::INFINITY))
        );
    }
}
