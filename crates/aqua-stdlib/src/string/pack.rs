//! `string.pack`, `string.unpack`, `string.packsize` (lstrlib.c's binary packing).
//!
//! Role: [`Header`] + [`Header::next_option`] are lstrlib's `getoption`/`getdetails` (format
//! parsing, sizes, alignment); the three natives drive them as lstrlib does. The format is a
//! C string in lstrlib: it ends at the first NUL byte, and so it does here.
//!
//! Limits as in lstrlib: integral sizes 1..=16 (`MAXINTSIZE`), native maximum alignment 8,
//! sizes of `c`/`i`/`s` parsed with `getnum`'s overflow guard (at most `INT_MAX`-ish).
//! Errors keep lstrlib's texts ("invalid format option 'y'", "data string too short", ...).

use aqua_vm::{Ctx, LuaError, Value};

/// Maximum size of an integral option (MAXINTSIZE).
const MAXINTSIZE: i64 = 16;
/// Bytes in a lua_Integer (SZINT).
const SZINT: usize = 8;
/// Native maximum alignment (offsetof(struct cD, u)).
const MAXALIGN: i64 = 8;
/// lstrlib MAXSIZE (INT_MAX on 64-bit systems).
pub const MAXSIZE: usize = i32::MAX as usize;

/// A format option kind (lstrlib `KOption`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KOption {
    Int,
    Uint,
    Float,
    Number,
    Double,
    Char,
    String,
    Zstr,
    Padding,
    PaddAlign,
    Nop,
}

/// Format parsing state (lstrlib `Header` + the format cursor).
pub struct Header<'a> {
    fmt: &'a [u8],
    pos: usize,
    pub islittle: bool,
    pub maxalign: i64,
}

/// One parsed option: kind, size, padding bytes needed before it.
#[derive(Clone, Copy, Debug)]
pub struct Item {
    pub opt: KOption,
    pub size: usize,
    pub ntoalign: usize,
}

/// A format error: (argument number or 0 for `luaL_error`, message).
pub type FmtError = (usize, Vec<u8>);

impl<'a> Header<'a> {
    pub fn new(fmt: &'a [u8]) -> Header<'a> {
        let end = fmt.iter().position(|&c| c == 0).unwrap_or(fmt.len());
        Header {
            fmt: &fmt[..end],
            pos: 0,
            islittle: cfg!(target_endian = "little"),
            maxalign: 1,
        }
    }

    pub fn at_end(&self) -> bool {
        self.pos >= self.fmt.len()
    }

    fn peek(&self) -> u8 {
        self.fmt.get(self.pos).copied().unwrap_or(0)
    }

    /// `getnum`.
    fn getnum(&mut self, df: i64) -> i64 {
        if !self.peek().is_ascii_digit() {
            return df;
        }
        let mut a: i64 = 0;
        loop {
            a = a * 10 + (self.peek() - b'0') as i64;
            self.pos += 1;
            if !(self.peek().is_ascii_digit() && a <= (MAXSIZE as i64 - 9) / 10) {
                break;
            }
        }
        a
    }

    /// `getnumlimit`.
    fn getnumlimit(&mut self, df: i64) -> Result<i64, FmtError> {
        let sz = self.getnum(df);
        if sz > MAXINTSIZE || sz <= 0 {
            return Err((
                0,
                format!("integral size ({sz}) out of limits [1,{MAXINTSIZE}]").into_bytes(),
            ));
        }
        Ok(sz)
    }

    /// `getoption`: (kind, size).
    fn getoption(&mut self) -> Result<(KOption, i64), FmtError> {
        let opt = self.peek();
        self.pos += 1;
        use KOption::*;
        Ok(match opt {
            b'b' => (Int, 1),
            b'B' => (Uint, 1),
            b'h' => (Int, 2),
            b'H' => (Uint, 2),
            b'l' | b'j' => (Int, 8),
            b'L' | b'J' | b'T' => (Uint, 8),
            b'f' => (Float, 4),
            b'n' => (Number, 8),
            b'd' => (Double, 8),
            b'i' => (Int, self.getnumlimit(4)?),
            b'I' => (Uint, self.getnumlimit(4)?),
            b's' => (String, self.getnumlimit(8)?),
            b'c' => {
                let sz = self.getnum(-1);
                if sz == -1 {
                    return Err((0, b"missing size for format option 'c'".to_vec()));
                }
                (Char, sz)
            }
            b'z' => (Zstr, 0),
            b'x' => (Padding, 1),
            b'X' => (PaddAlign, 0),
            b' ' => (Nop, 0),
            b'<' => {
                self.islittle = true;
                (Nop, 0)
            }
            b'>' => {
                self.islittle = false;
                (Nop, 0)
            }
            b'=' => {
                self.islittle = cfg!(target_endian = "little");
                (Nop, 0)
            }
            b'!' => {
                self.maxalign = self.getnumlimit(MAXALIGN)?;
                (Nop, 0)
            }
            _ => {
                let mut m = b"invalid format option '".to_vec();
                m.push(opt);
                m.push(b'\'');
                return Err((0, m));
            }
        })
    }

    /// `getdetails`: the next option at offset `totalsize`.
    pub fn next_option(&mut self, totalsize: usize) -> Result<Item, FmtError> {
        let (opt, size) = self.getoption()?;
        let mut align = size;
        if opt == KOption::PaddAlign {
            if self.at_end() {
                return Err((1, b"invalid next option for option 'X'".to_vec()));
            }
            let (o2, a2) = self.getoption()?;
            align = a2;
            if o2 == KOption::Char || align == 0 {
                return Err((1, b"invalid next option for option 'X'".to_vec()));
            }
        }
        let ntoalign = if align <= 1 || opt == KOption::Char {
            0
        } else {
            if align > self.maxalign {
                align = self.maxalign;
            }
            if align & (align - 1) != 0 {
                return Err((1, b"format asks for alignment not power of 2".to_vec()));
            }
            let a = align as usize;
            (a - (totalsize & (a - 1))) & (a - 1)
        };
        Ok(Item {
            opt,
            size: size as usize,
            ntoalign,
        })
    }
}

fn fmt_err(ctx: &mut Ctx, e: FmtError) -> LuaError {
    if e.0 == 0 {
        ctx.error_bytes_at(&e.1)
    } else {
        ctx.arg_error(e.0, &String::from_utf8_lossy(&e.1))
    }
}

/// `packint`.
fn packint(out: &mut Vec<u8>, mut n: u64, islittle: bool, size: usize, neg: bool) {
    let start = out.len();
    out.resize(start + size, 0);
    let b = &mut out[start..];
    for i in 0..size {
        let idx = if islittle { i } else { size - 1 - i };
        b[idx] = if i >= SZINT {
            if neg {
                0xff
            } else {
                0
            }
        } else {
            let v = (n & 0xff) as u8;
            n >>= 8;
            v
        };
    }
}

fn put_bytes(out: &mut Vec<u8>, bytes: &[u8], islittle: bool) {
    if islittle == cfg!(target_endian = "little") {
        out.extend_from_slice(bytes);
    } else {
        out.extend(bytes.iter().rev());
    }
}

/// `string.pack`.
pub fn str_pack(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let fs = ctx.check_str(1)?;
    let mut h = Header::new(fs.as_bytes());
    // lstrlib pushes a nil to separate the arguments from its buffer: a missing argument right
    // after the last one reads as nil ("number expected, got nil").
    ctx.push(Value::NIL);
    let mut out: Vec<u8> = Vec::new();
    let mut arg = 1usize;
    let mut totalsize = 0usize;
    while !h.at_end() {
        let it = h.next_option(totalsize).map_err(|e| fmt_err(ctx, e))?;
        let size = it.size;
        totalsize = totalsize.saturating_add(it.ntoalign + size);
        out.resize(out.len() + it.ntoalign, 0);
        arg += 1;
        match it.opt {
            KOption::Int => {
                let n = ctx.check_integer(arg)?;
                if size < SZINT {
                    let lim = 1i64 << (size * 8 - 1);
                    if !(-lim <= n && n < lim) {
                        return Err(ctx.arg_error(arg, "integer overflow"));
                    }
                }
                packint(&mut out, n as u64, h.islittle, size, n < 0);
            }
            KOption::Uint => {
                let n = ctx.check_integer(arg)?;
                if size < SZINT && (n as u64) >= (1u64 << (size * 8)) {
                    return Err(ctx.arg_error(arg, "unsigned overflow"));
                }
                packint(&mut out, n as u64, h.islittle, size, false);
            }
            KOption::Float => {
                let x = ctx.check_number(arg)? as f32;
                put_bytes(&mut out, &x.to_ne_bytes(), h.islittle);
            }
            KOption::Number | KOption::Double => {
                let x = ctx.check_number(arg)?;
                put_bytes(&mut out, &x.to_ne_bytes(), h.islittle);
            }
            KOption::Char => {
                let s = ctx.check_str(arg)?;
                let b = s.as_bytes();
                if b.len() > size {
                    return Err(ctx.arg_error(arg, "string longer than given size"));
                }
                if out.len().saturating_add(size) > MAXSIZE {
                    return Err(ctx.error("resulting string too large"));
                }
                out.extend_from_slice(b);
                out.resize(out.len() + (size - b.len()), 0);
            }
            KOption::String => {
                let s = ctx.check_str(arg)?;
                let b = s.as_bytes();
                if size < 8 && (b.len() as u64) >= (1u64 << (size * 8)) {
                    return Err(ctx.arg_error(arg, "string length does not fit in given size"));
                }
                packint(&mut out, b.len() as u64, h.islittle, size, false);
                out.extend_from_slice(b);
                totalsize = totalsize.saturating_add(b.len());
            }
            KOption::Zstr => {
                let s = ctx.check_str(arg)?;
                let b = s.as_bytes();
                if b.contains(&0) {
                    return Err(ctx.arg_error(arg, "string contains zeros"));
                }
                out.extend_from_slice(b);
                out.push(0);
                totalsize = totalsize.saturating_add(b.len() + 1);
            }
            KOption::Padding => {
                out.push(0);
                arg -= 1;
            }
            KOption::PaddAlign | KOption::Nop => arg -= 1,
        }
        if out.len() > MAXSIZE {
            return Err(ctx.error("resulting string too large"));
        }
    }
    let r = ctx.new_string(&out);
    ctx.ret1(r)
}

/// `string.packsize`.
pub fn str_packsize(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let fs = ctx.check_str(1)?;
    let mut h = Header::new(fs.as_bytes());
    let mut totalsize = 0usize;
    while !h.at_end() {
        let it = h.next_option(totalsize).map_err(|e| fmt_err(ctx, e))?;
        if matches!(it.opt, KOption::String | KOption::Zstr) {
            return Err(ctx.arg_error(1, "variable-length format"));
        }
        let size = it.size + it.ntoalign;
        if totalsize > MAXSIZE.saturating_sub(size) {
            return Err(ctx.arg_error(1, "format result too large"));
        }
        totalsize += size;
    }
    ctx.ret1(Value::int(totalsize as i64))
}

/// `unpackint`.
fn unpackint(
    ctx: &mut Ctx,
    b: &[u8],
    islittle: bool,
    size: usize,
    issigned: bool,
) -> Result<i64, LuaError> {
    let at = |i: usize| b[if islittle { i } else { size - 1 - i }];
    let limit = size.min(SZINT);
    let mut res: u64 = 0;
    for i in (0..limit).rev() {
        res = (res << 8) | at(i) as u64;
    }
    if size < SZINT {
        if issigned {
            let mask = 1u64 << (size * 8 - 1);
            res = (res ^ mask).wrapping_sub(mask);
        }
    } else if size > SZINT {
        let mask = if !issigned || (res as i64) >= 0 {
            0
        } else {
            0xff
        };
        for i in limit..size {
            if at(i) != mask {
                return Err(ctx.error(&format!(
                    "{size}-byte integer does not fit into Lua Integer"
                )));
            }
        }
    }
    Ok(res as i64)
}

/// `string.unpack`.
pub fn str_unpack(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let fs = ctx.check_str(1)?;
    let ds = ctx.check_str(2)?;
    let data: &[u8] = ds.as_bytes();
    let ld = data.len();
    let init = ctx.opt_integer(3, 1)?;
    let mut pos = super::posrelat_i(init, ld) - 1;
    if pos > ld {
        return Err(ctx.arg_error(3, "initial position out of string"));
    }
    let mut h = Header::new(fs.as_bytes());
    let mut n = 0usize;
    while !h.at_end() {
        let it = h.next_option(pos).map_err(|e| fmt_err(ctx, e))?;
        let size = it.size;
        if it.ntoalign.saturating_add(size) > ld - pos {
            return Err(ctx.arg_error(2, "data string too short"));
        }
        pos += it.ntoalign;
        if ctx.check_stack(2).is_err() {
            return Err(ctx.error("stack overflow (too many results)"));
        }
        n += 1;
        let item = &data[pos..pos + size];
        match it.opt {
            KOption::Int | KOption::Uint => {
                let v = unpackint(ctx, item, h.islittle, size, it.opt == KOption::Int)?;
                ctx.push(Value::int(v));
            }
            KOption::Float => {
                let mut b = [0u8; 4];
                b.copy_from_slice(item);
                if h.islittle != cfg!(target_endian = "little") {
                    b.reverse();
                }
                ctx.push(Value::float(f32::from_ne_bytes(b) as f64));
            }
            KOption::Number | KOption::Double => {
                let mut b = [0u8; 8];
                b.copy_from_slice(item);
                if h.islittle != cfg!(target_endian = "little") {
                    b.reverse();
                }
                ctx.push(Value::float(f64::from_ne_bytes(b)));
            }
            KOption::Char => {
                let v = ctx.new_string(item);
                ctx.push(v);
            }
            KOption::String => {
                let len = unpackint(ctx, item, h.islittle, size, false)? as u64;
                if len > (ld - pos - size) as u64 {
                    return Err(ctx.arg_error(2, "data string too short"));
                }
                let len = len as usize;
                let v = ctx.new_string(&data[pos + size..pos + size + len]);
                ctx.push(v);
                pos += len;
            }
            KOption::Zstr => {
                let len = data[pos..].iter().position(|&c| c == 0).unwrap_or(ld - pos);
                if pos + len >= ld {
                    return Err(ctx.arg_error(2, "unfinished string for format 'z'"));
                }
                let v = ctx.new_string(&data[pos..pos + len]);
                ctx.push(v);
                pos += len + 1;
            }
            KOption::PaddAlign | KOption::Padding | KOption::Nop => n -= 1,
        }
        pos += size;
    }
    ctx.push(Value::int(pos as i64 + 1));
    Ok(n + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sizes(f: &str) -> Result<Vec<(KOption, usize, usize)>, FmtError> {
        let mut h = Header::new(f.as_bytes());
        let mut v = Vec::new();
        let mut total = 0;
        while !h.at_end() {
            let it = h.next_option(total)?;
            total += it.ntoalign + it.size;
            v.push((it.opt, it.size, it.ntoalign));
        }
        Ok(v)
    }

    fn err(f: &str) -> String {
        String::from_utf8_lossy(&sizes(f).unwrap_err().1).into_owned()
    }

    #[test]
    fn options() {
        assert_eq!(sizes("i3").unwrap(), vec![(KOption::Int, 3, 0)]);
        assert_eq!(
            sizes("!4bi").unwrap()[2],
            (KOption::Int, 4, 3),
            "alignment padding"
        );
        assert_eq!(err("i17"), "integral size (17) out of limits [1,16]");
        assert_eq!(err("y"), "invalid format option 'y'");
        assert_eq!(err("!3 i3"), "format asks for alignment not power of 2");
        assert_eq!(err("c"), "missing size for format option 'c'");
        assert_eq!(err("Xc1"), "invalid next option for option 'X'");
        assert_eq!(err("c99999999999"), "invalid format option '9'");
    }

    #[test]
    fn ints() {
        let mut o = Vec::new();
        packint(&mut o, (-2i64) as u64, true, 12, true);
        assert_eq!(
            o,
            vec![0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]
        );
        let mut o = Vec::new();
        packint(&mut o, 0x0102, false, 2, false);
        assert_eq!(o, vec![1, 2]);
    }
}
