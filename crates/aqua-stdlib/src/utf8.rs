//! The `utf8` library (lutf8lib.c, Lua 5.4.4 behaviour) on aqua-vm's native ABI.
//!
//! Role: [`open`] creates the `utf8` table (global + `registry._LOADED.utf8`) with `offset`,
//! `codepoint`, `char`, `len`, `codes` and the `charpattern` string.
//!
//! Invariants, as lutf8lib:
//! - sequences up to six bytes / `0x7FFFFFFF` are decoded; strict mode (the default) also
//!   rejects code points above `0x10FFFF` and surrogates, `lax` accepts them;
//! - overlong encodings are always invalid;
//! - C strings end with a `'\0'`: reading one byte past the end yields 0 (never a
//!   continuation byte), which is how lutf8lib stops at the end of a string.

use aqua_vm::{Ctx, LuaError, NativeFn, State, Value};

/// Largest valid Unicode code point.
const MAXUNICODE: u32 = 0x10FFFF;
/// Largest code point the (lax) decoder and `char` accept.
const MAXUTF: u32 = 0x7FFF_FFFF;

/// "[\0-\x7F\xC2-\xFD][\x80-\xBF]*": matches exactly one UTF-8 byte sequence.
const CHARPATTERN: &[u8] = b"[\0-\x7F\xC2-\xFD][\x80-\xBF]*";

/// The library functions, in lutf8lib's `funcs` order.
pub const FUNCS: &[(&str, NativeFn)] = &[
    ("offset", byteoffset),
    ("codepoint", codepoint),
    ("char", utfchar),
    ("len", utflen),
    ("codes", iter_codes),
];

/// `luaopen_utf8`.
pub fn open(st: &mut State) {
    let lib = crate::auxlib::new_lib(st, "utf8", FUNCS);
    let pat = st.new_string(CHARPATTERN);
    st.raw_set_str(lib, "charpattern", pat);
}

/// Byte `i` of `s`, 0 past the end (the C string terminator).
fn byte(s: &[u8], i: usize) -> u8 {
    s.get(i).copied().unwrap_or(0)
}

/// Is byte `i` of `s` a continuation byte?
fn iscont(s: &[u8], i: usize) -> bool {
    byte(s, i) & 0xC0 == 0x80
}

/// `u_posrelat`: a relative string position (negative = from the end); 0 when too small.
fn u_posrelat(pos: i64, len: usize) -> i64 {
    if pos >= 0 {
        pos
    } else if pos.unsigned_abs() > len as u64 {
        0
    } else {
        len as i64 + pos + 1
    }
}

/// `utf8_decode`: the sequence starting at byte `i`: `Some((code, next index))`, or `None`
/// when invalid.
fn utf8_decode(s: &[u8], i: usize, strict: bool) -> Option<(u32, usize)> {
    const LIMITS: [u32; 6] = [!0, 0x80, 0x800, 0x10000, 0x200000, 0x4000000];
    let mut c = u32::from(byte(s, i));
    let mut res: u32 = 0;
    let mut next = i;
    if c < 0x80 {
        res = c;
    } else {
        let mut count = 0usize; // number of continuation bytes
        while c & 0x40 != 0 {
            count += 1;
            let cc = u32::from(byte(s, i + count));
            if cc & 0xC0 != 0x80 {
                return None; // not a continuation byte
            }
            res = (res << 6) | (cc & 0x3F);
            c <<= 1;
        }
        if count > 5 {
            return None;
        }
        res |= (c & 0x7F) << (count * 5); // add first byte
        if res > MAXUTF || res < LIMITS[count] {
            return None;
        }
        next += count;
    }
    if strict && (res > MAXUNICODE || (0xD800..=0xDFFF).contains(&res)) {
        return None; // too large or a surrogate
    }
    Some((res, next + 1))
}

/// `luaO_utf8esc`: the UTF-8 bytes of `x` (`x <= 0x7FFFFFFF`), appended to `out`.
fn utf8_esc(out: &mut Vec<u8>, mut x: u32) {
    if x < 0x80 {
        out.push(x as u8);
        return;
    }
    let mut buf = [0u8; 8];
    let mut n = 1;
    let mut mfb: u32 = 0x3f; // maximum that fits in first byte
    loop {
        buf[8 - n] = (0x80 | (x & 0x3f)) as u8;
        n += 1;
        x >>= 6;
        mfb >>= 1;
        if x <= mfb {
            break;
        }
    }
    buf[8 - n] = ((!mfb << 1) | x) as u8;
    out.extend_from_slice(&buf[8 - n..]);
}

/// `utf8.len(s [, i [, j [, lax]]])`.
fn utflen(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let s = ctx.check_str(1)?;
    let len = s.as_bytes().len();
    let posi = u_posrelat(ctx.opt_integer(2, 1)?, len);
    let posj = u_posrelat(ctx.opt_integer(3, -1)?, len);
    let lax = ctx.to_boolean(4);
    if !(1 <= posi && posi - 1 <= len as i64) {
        return Err(ctx.arg_error(2, "initial position out of bounds"));
    }
    let mut posi = posi - 1;
    let posj = posj - 1;
    if posj >= len as i64 {
        return Err(ctx.arg_error(3, "final position out of bounds"));
    }
    let bytes = s.as_bytes();
    let mut n: i64 = 0;
    while posi <= posj {
        match utf8_decode(bytes, posi as usize, !lax) {
            Some((_, next)) => {
                posi = next as i64;
                n += 1;
            }
            None => {
                ctx.push(Value::NIL);
                ctx.push(Value::int(posi + 1));
                return Ok(2);
            }
        }
    }
    ctx.ret1(Value::int(n))
}

/// `utf8.codepoint(s [, i [, j [, lax]]])`.
fn codepoint(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let s = ctx.check_str(1)?;
    let len = s.as_bytes().len();
    let posi = u_posrelat(ctx.opt_integer(2, 1)?, len);
    let pose = u_posrelat(ctx.opt_integer(3, posi)?, len);
    let lax = ctx.to_boolean(4);
    if posi < 1 {
        return Err(ctx.arg_error(2, "out of bounds"));
    }
    if pose > len as i64 {
        return Err(ctx.arg_error(3, "out of bounds"));
    }
    if posi > pose {
        return Ok(0); // empty interval
    }
    if pose - posi >= i64::from(i32::MAX) {
        return Err(ctx.error("string slice too long"));
    }
    let n = (pose - posi) as usize + 1;
    if ctx.check_stack(n).is_err() {
        return Err(ctx.error("stack overflow (string slice too long)"));
    }
    let bytes = s.as_bytes();
    let se = pose as usize;
    let mut i = posi as usize - 1;
    let mut count = 0;
    while i < se {
        match utf8_decode(bytes, i, !lax) {
            Some((code, next)) => {
                ctx.push(Value::int(i64::from(code)));
                count += 1;
                i = next;
            }
            None => return Err(ctx.error("invalid UTF-8 code")),
        }
    }
    Ok(count)
}

/// `utf8.char(...)`.
fn utfchar(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let n = ctx.nargs();
    let mut out = Vec::new();
    for i in 1..=n {
        let code = ctx.check_integer(i)? as u64;
        if code > u64::from(MAXUTF) {
            return Err(ctx.arg_error(i, "value out of range"));
        }
        utf8_esc(&mut out, code as u32);
    }
    let s = ctx.new_string(&out);
    ctx.ret1(s)
}

/// `utf8.offset(s, n [, i])`.
fn byteoffset(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let s = ctx.check_str(1)?;
    let len = s.as_bytes().len() as i64;
    let mut n = ctx.check_integer(2)?;
    let def = if n >= 0 { 1 } else { len + 1 };
    let posi = u_posrelat(ctx.opt_integer(3, def)?, len as usize);
    if !(1 <= posi && posi - 1 <= len) {
        return Err(ctx.arg_error(3, "position out of bounds"));
    }
    let bytes = s.as_bytes();
    let mut posi = posi - 1;
    let cont = |p: i64| iscont(bytes, p as usize);
    if n == 0 {
        // find beginning of current byte sequence
        while posi > 0 && cont(posi) {
            posi -= 1;
        }
    } else {
        if cont(posi) {
            return Err(ctx.error("initial position is a continuation byte"));
        }
        if n < 0 {
            while n < 0 && posi > 0 {
                // move back: find beginning of previous character
                loop {
                    posi -= 1;
                    if !(posi > 0 && cont(posi)) {
                        break;
                    }
                }
                n += 1;
            }
        } else {
            n -= 1; // do not move for 1st character
            while n > 0 && posi < len {
                // find beginning of next character
                loop {
                    posi += 1;
                    if !cont(posi) {
                        break; // (cannot pass the final '\0')
                    }
                }
                n -= 1;
            }
        }
    }
    if n == 0 {
        ctx.ret1(Value::int(posi + 1))
    } else {
        ctx.ret1(Value::NIL) // no such character
    }
}

/// The `utf8.codes` iterator (`iter_aux`): `(s, i)` -> next position and code point.
fn iter_aux(ctx: &mut Ctx, strict: bool) -> Result<usize, LuaError> {
    let s = ctx.check_str(1)?;
    let bytes = s.as_bytes();
    let len = bytes.len() as u64;
    let ctl = ctx.arg(2);
    // the previous position (1-based) is the 0-based index of the byte after its start
    let mut n = ctx.to_integer(ctl).unwrap_or(0) as u64;
    if n < len {
        while iscont(bytes, n as usize) {
            n += 1; // skip continuation bytes
        }
    }
    if n >= len {
        return Ok(0); // no more codepoints (also when the control was negative)
    }
    match utf8_decode(bytes, n as usize, strict) {
        Some((code, _)) => {
            ctx.push(Value::int(n as i64 + 1));
            ctx.push(Value::int(i64::from(code)));
            Ok(2)
        }
        None => Err(ctx.error("invalid UTF-8 code")),
    }
}

fn iter_auxstrict(ctx: &mut Ctx) -> Result<usize, LuaError> {
    iter_aux(ctx, true)
}

fn iter_auxlax(ctx: &mut Ctx) -> Result<usize, LuaError> {
    iter_aux(ctx, false)
}

/// `utf8.codes(s [, lax])`: the iterator triple.
fn iter_codes(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let lax = ctx.to_boolean(2);
    let s = ctx.check_str(1)?;
    let f: NativeFn = if lax { iter_auxlax } else { iter_auxstrict };
    ctx.push(Value::native(f));
    ctx.push(Value::str(s));
    ctx.push(Value::int(0));
    Ok(3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encode_decode_roundtrip() {
        for &c in &[
            0u32, 0x7f, 0x80, 0x7ff, 0x800, 0xffff, 0x10000, 0x10ffff, 0x7fffffff,
        ] {
            let mut v = Vec::new();
            utf8_esc(&mut v, c);
            assert_eq!(utf8_decode(&v, 0, false), Some((c, v.len())));
        }
        assert_eq!(utf8_decode(b"\xff\xbf\xbf\xbf\xbf\xbf\xbf", 0, false), None);
        assert_eq!(utf8_decode(b"\xc0\x80", 0, false), None); // overlong
        assert_eq!(utf8_decode(b"\xed\xa0\x80", 0, true), None); // surrogate
    }
}
