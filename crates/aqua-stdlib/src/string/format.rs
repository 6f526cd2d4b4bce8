//! `string.format` (lstrlib.c `str_format`, lua 5.4.4): scans the format string, validates each
//! conversion specification exactly as lstrlib's `getformat`/`checkformat` do (flags allowed per
//! conversion, at most two digits of width and of precision, "invalid conversion" errors), and
//! formats each argument with the glibc-compatible engine in [`super::printf`]; `%q` is
//! lstrlib's `addliteral`/`addquoted`/`quotefloat`.
//!
//! Argument errors go through `Ctx::arg_error` (so they read "bad argument #2 to 'format'
//! (...)"), format errors through `Ctx::error` (`luaL_error`, with the caller's position).

use super::printf::{self, Spec};
use aqua_vm::{Ctx, LuaError, Val};

/// Flags valid for a, A, e, E, f, F, g, G.
const FLAGS_F: &[u8] = b"-+ #0";
/// Flags valid for o, x, X.
const FLAGS_X: &[u8] = b"-#0";
/// Flags valid for d, i.
const FLAGS_I: &[u8] = b"-+ 0";
/// Flags valid for u.
const FLAGS_U: &[u8] = b"-0";
/// Flags valid for c, p, s.
const FLAGS_C: &[u8] = b"-";
/// lstrlib MAX_FORMAT.
const MAX_FORMAT: usize = 32;

fn get2digits(s: &[u8], mut i: usize) -> usize {
    if s.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
        if s.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
    }
    i
}

/// `checkformat`: `form` is the whole spec including '%'.
fn check_format(ctx: &mut Ctx, form: &[u8], flags: &[u8], precision: bool) -> Result<(), LuaError> {
    let mut i = 1;
    while form.get(i).is_some_and(|c| flags.contains(c)) {
        i += 1;
    }
    if form.get(i) != Some(&b'0') {
        i = get2digits(form, i);
        if form.get(i) == Some(&b'.') && precision {
            i += 1;
            i = get2digits(form, i);
        }
    }
    if !form.get(i).is_some_and(u8::is_ascii_alphabetic) {
        let mut m = b"invalid conversion specification: '".to_vec();
        m.extend_from_slice(form);
        m.push(b'\'');
        return Err(ctx.error_bytes_at(&m));
    }
    Ok(())
}

/// `string.format`.
pub fn str_format(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let top = ctx.nargs();
    let fs = ctx.check_str(1)?;
    let fmt: &[u8] = fs.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(fmt.len() + 16);
    let mut arg = 1usize;
    let mut i = 0usize;
    while i < fmt.len() {
        let c = fmt[i];
        if c != b'%' {
            out.push(c);
            i += 1;
            continue;
        }
        i += 1;
        if fmt.get(i) == Some(&b'%') {
            out.push(b'%');
            i += 1;
            continue;
        }
        arg += 1;
        if arg > top {
            return Err(ctx.arg_error(arg, "no value"));
        }
        // getformat: span flags, digits and '.'
        let start = i;
        while fmt.get(i).is_some_and(|c| b"-+ #0123456789.".contains(c)) {
            i += 1;
        }
        let len = i - start + 1; // + the conversion character
        if len >= MAX_FORMAT - 10 {
            return Err(ctx.error("invalid format (too long)"));
        }
        let conv = fmt.get(i).copied().unwrap_or(0);
        let mut form = vec![b'%'];
        form.extend_from_slice(&fmt[start..i]);
        if conv != 0 {
            form.push(conv);
        }
        i += 1;
        let sp = Spec::parse(&form[1..]);
        let v = ctx.arg(arg);
        match conv {
            b'c' => {
                check_format(ctx, &form, FLAGS_C, false)?;
                let n = ctx.check_integer(arg)?;
                printf::fmt_char(&mut out, &sp, n as u8);
            }
            b'd' | b'i' | b'u' | b'o' | b'x' | b'X' => {
                let n = ctx.check_integer(arg)?;
                let flags = match conv {
                    b'd' | b'i' => FLAGS_I,
                    b'u' => FLAGS_U,
                    _ => FLAGS_X,
                };
                check_format(ctx, &form, flags, true)?;
                if matches!(conv, b'd' | b'i') {
                    printf::fmt_signed(&mut out, &sp, n);
                } else {
                    printf::fmt_unsigned(&mut out, &sp, n);
                }
            }
            b'a' | b'A' => {
                check_format(ctx, &form, FLAGS_F, true)?;
                let x = ctx.check_number(arg)?;
                printf::fmt_float(&mut out, &sp, x);
            }
            b'f' | b'e' | b'E' | b'g' | b'G' => {
                let x = ctx.check_number(arg)?;
                check_format(ctx, &form, FLAGS_F, true)?;
                printf::fmt_float(&mut out, &sp, x);
            }
            b'p' => {
                check_format(ctx, &form, FLAGS_C, false)?;
                let p = crate::auxlib::pointer_string(v);
                let p = if p == "(nil)" {
                    "(null)".to_string()
                } else {
                    p
                };
                printf::fmt_str(&mut out, &sp, p.as_bytes());
            }
            b'q' => {
                if form.len() > 2 {
                    return Err(ctx.error("specifier '%q' cannot have modifiers"));
                }
                add_literal(ctx, &mut out, arg)?;
            }
            b's' => {
                let s = crate::auxlib::tolstring(ctx, v)?;
                let bytes = s.as_bytes();
                if form.len() == 2 {
                    out.extend_from_slice(bytes);
                } else {
                    if bytes.contains(&0) {
                        return Err(ctx.arg_error(arg, "string contains zeros"));
                    }
                    check_format(ctx, &form, FLAGS_C, true)?;
                    if !form.contains(&b'.') && bytes.len() >= 100 {
                        out.extend_from_slice(bytes);
                    } else {
                        printf::fmt_str(&mut out, &sp, bytes);
                    }
                }
            }
            _ => {
                let mut m = b"invalid conversion '".to_vec();
                m.extend_from_slice(&form);
                m.extend_from_slice(b"' to 'format'");
                return Err(ctx.error_bytes_at(&m));
            }
        }
    }
    let r = ctx.new_string(&out);
    ctx.ret1(r)
}

/// `addquoted`: a string as a Lua literal that reads back to the same bytes.
pub fn add_quoted(out: &mut Vec<u8>, s: &[u8]) {
    out.push(b'"');
    for (i, &c) in s.iter().enumerate() {
        if c == b'"' || c == b'\\' || c == b'\n' {
            out.push(b'\\');
            out.push(c);
        } else if c < 32 || c == 127 {
            let next_digit = s.get(i + 1).is_some_and(u8::is_ascii_digit);
            if next_digit {
                out.extend_from_slice(format!("\\{c:03}").as_bytes());
            } else {
                out.extend_from_slice(format!("\\{c}").as_bytes());
            }
        } else {
            out.push(c);
        }
    }
    out.push(b'"');
}

/// `quotefloat`: a float as a literal that reads back exactly.
pub fn quote_float(out: &mut Vec<u8>, x: f64) {
    if x == f64::INFINITY {
        out.extend_from_slice(b"1e9999");
    } else if x == f64::NEG_INFINITY {
        out.extend_from_slice(b"-1e9999");
    } else if x.is_nan() {
        out.extend_from_slice(b"(0/0)");
    } else {
        let sp = Spec {
            conv: b'a',
            ..Spec::default()
        };
        printf::fmt_float(out, &sp, x);
    }
}

/// `addliteral` (`%q`).
fn add_literal(ctx: &mut Ctx, out: &mut Vec<u8>, arg: usize) -> Result<(), LuaError> {
    let v = ctx.arg(arg);
    match v.view() {
        Val::Str(s) => add_quoted(out, s.as_bytes()),
        Val::Num(x) => quote_float(out, x),
        Val::Int(n) => {
            if n == i64::MIN {
                out.extend_from_slice(b"0x8000000000000000");
            } else {
                out.extend_from_slice(n.to_string().as_bytes());
            }
        }
        Val::Nil | Val::Bool(_) => {
            let s = crate::auxlib::tolstring(ctx, v)?;
            out.extend_from_slice(s.as_bytes());
        }
        _ => return Err(ctx.arg_error(arg, "value has no literal form")),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted() {
        let mut o = Vec::new();
        add_quoted(&mut o, b"a\0b\r\n\"\\\x7f2\x80");
        assert_eq!(o, b"\"a\\0b\\13\\\n\\\"\\\\\\1272\x80\"".to_vec());
        let mut o = Vec::new();
        quote_float(&mut o, 0.1);
        assert_eq!(o, b"0x1.999999999999ap-4".to_vec());
    }
}
