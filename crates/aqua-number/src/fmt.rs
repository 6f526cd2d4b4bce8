//! Number → string: C's `%.<prec>g` as glibc prints it, `%.14g` (`LUAI_NUMFFORMAT`), and
//! `tostring` of a float (lobject.c's `tostringbuff`: `%.14g`, then `.0` when the result looks
//! like an integer).
//!
//! Role: the one float formatter for listings (`luac -l` constants), the VM's `tostring`, `..`
//! coercion and `io.write`. The digits come from Rust's exact, correctly rounded `{:.*e}` /
//! `{:.*}` formatting (round-half-even on the exact binary value, as glibc), laid out by the C
//! `%g` rules: exponent form when the decimal exponent `X` after rounding to `P` significant
//! digits is `< -4` or `>= P`, else fixed form with `P - 1 - X` decimals; trailing zeros and a
//! trailing `.` removed; exponents have at least two digits (`1e+100`, `1e-05`).
//!
//! Invariant: total and panic-free; `inf`, `-inf`, `nan`, `-nan` (sign bit of the NaN), `-0`.

/// C `%.14g` (`LUAI_NUMFFORMAT`), glibc style (`inf`, `-nan`, `1e+100`, `-0`).
pub fn fmt_g14(x: f64) -> String {
    fmt_g(x, 14)
}

/// C `%.<prec>g` (precision 0 means 1), glibc style, without flags.
pub fn fmt_g(x: f64, prec: usize) -> String {
    if x.is_nan() {
        return if x.is_sign_negative() { "-nan" } else { "nan" }.to_string();
    }
    if x.is_infinite() {
        return if x < 0.0 { "-inf" } else { "inf" }.to_string();
    }
    let p = prec.max(1);
    if x == 0.0 {
        return if x.is_sign_negative() { "-0" } else { "0" }.to_string();
    }
    let e_repr = format!("{:.*e}", p - 1, x);
    let (mant, exp) = match e_repr.split_once('e') {
        Some((m, e)) => (m.to_string(), e.parse::<i32>().unwrap_or(0)),
        None => (e_repr.clone(), 0),
    };
    if exp < -4 || i64::from(exp) >= p as i64 {
        let mant = strip_zeros(&mant);
        let sign = if exp < 0 { '-' } else { '+' };
        format!("{}e{}{:02}", mant, sign, exp.unsigned_abs())
    } else {
        let decimals = (p as i64 - 1 - i64::from(exp)).max(0) as usize;
        strip_zeros(&format!("{:.*}", decimals, x))
    }
}

/// Removes the trailing zeros of a fraction, and the `.` if nothing is left after it.
fn strip_zeros(s: &str) -> String {
    if s.contains('.') {
        let t = s.trim_end_matches('0');
        t.trim_end_matches('.').to_string()
    } else {
        s.to_string()
    }
}

/// `tostring` of a float (`lua_Number2str` + `tostringbuff`'s `.0` rule): `1.0`, `-0.0`,
/// `1e+100`, `0.1`, `inf`, `-nan`. Also how `luac -l` prints float constants.
pub fn fmt_float(x: f64) -> String {
    let mut s = fmt_g14(x);
    if s.bytes().all(|c| c == b'-' || c.is_ascii_digit()) {
        s.push_str(".0");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `(x, tostring(x), string.format("%.14g", x))` as printed by lua5.4.
    #[test]
    #[allow(clippy::approx_constant)] // a 15-digit pi on purpose: it rounds to 14 digits
    fn lua54_tostring() {
        let cases: &[(f64, &str, &str)] = &[
            (1e100, "1e+100", "1e+100"),
            (-0.0, "-0.0", "-0"),
            (0.0, "0.0", "0"),
            (f64::INFINITY, "inf", "inf"),
            (f64::NEG_INFINITY, "-inf", "-inf"),
            // 0/0 on x86-64 has the sign bit set: lua5.4 prints `-nan`, and `-(0/0)` prints `nan`
            (-f64::NAN, "-nan", "-nan"),
            (f64::NAN, "nan", "nan"),
            (0.1, "0.1", "0.1"),
            (1e15, "1e+15", "1e+15"),
            (1e14, "1e+14", "1e+14"),
            (
                123456789012345.0,
                "1.2345678901234e+14",
                "1.2345678901234e+14",
            ),
            (12345678901234.0, "12345678901234.0", "12345678901234"),
            (
                9007199254740992.0,
                "9.007199254741e+15",
                "9.007199254741e+15",
            ),
            (
                9223372036854775808.0,
                "9.2233720368548e+18",
                "9.2233720368548e+18",
            ),
            (
                -9223372036854775808.0,
                "-9.2233720368548e+18",
                "-9.2233720368548e+18",
            ),
            (1e-5, "1e-05", "1e-05"),
            (1e-4, "0.0001", "0.0001"),
            (5e-324, "4.9406564584125e-324", "4.9406564584125e-324"),
            (f64::MAX, "1.7976931348623e+308", "1.7976931348623e+308"),
            (
                f64::MIN_POSITIVE,
                "2.2250738585072e-308",
                "2.2250738585072e-308",
            ),
            (1.0 / 3.0, "0.33333333333333", "0.33333333333333"),
            (-1.5e300, "-1.5e+300", "-1.5e+300"),
            (99999999999999.5, "1e+14", "1e+14"),
            (999999999999995.0, "1e+15", "1e+15"),
            (0.30000000000000004, "0.3", "0.3"),
            (100.0, "100.0", "100"),
            (3.0, "3.0", "3"),
            (-3.0, "-3.0", "-3"),
            (1e16, "1e+16", "1e+16"),
            (123456.789, "123456.789", "123456.789"),
            (0.5, "0.5", "0.5"),
            (2.5, "2.5", "2.5"),
            (1e21, "1e+21", "1e+21"),
            (1e22, "1e+22", "1e+22"),
            (3.14159265358979, "3.1415926535898", "3.1415926535898"),
            (std::f64::consts::PI, "3.1415926535898", "3.1415926535898"),
            (
                -std::f64::consts::PI,
                "-3.1415926535898",
                "-3.1415926535898",
            ),
            (1e-310, "1e-310", "1e-310"),
        ];
        for &(x, ts, g) in cases {
            assert_eq!(fmt_float(x), ts, "tostring of bits {:#x}", x.to_bits());
            assert_eq!(fmt_g14(x), g, "%.14g of bits {:#x}", x.to_bits());
        }
    }

    #[test]
    fn other_precisions() {
        assert_eq!(fmt_g(0.5, 0), "0.5");
        assert_eq!(fmt_g(1.5, 0), "2");
        assert_eq!(fmt_g(2.5, 1), "2");
        assert_eq!(fmt_g(123456.0, 6), "123456");
        assert_eq!(fmt_g(1234567.0, 6), "1.23457e+06");
        assert_eq!(fmt_g(0.1, 17), "0.10000000000000001");
        assert_eq!(fmt_g(f64::MAX, 400).len(), 309);
    }
}
