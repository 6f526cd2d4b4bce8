//! Binary chunk writer: `luaU_dump` (ldump.c) for Lua 5.4, byte for byte as `luac5.4` writes.
//!
//! Role: `string.dump` and `aqua -o`/`luac`-style output. Format (all multi-byte scalars in native
//! little-endian order, as on every platform Aqua targets; sizes as MSB-first base-128 varints with
//! the high bit marking the last byte):
//! ```text
//! header:   "\x1bLua" 0x54 0x00 "\x19\x93\r\n\x1a\n" 4 8 8 <i64 0x5678> <f64 370.5>
//!           <u8 number of upvalues of the main function>
//! function: source(string|NULL) linedefined lastlinedefined numparams is_vararg maxstacksize
//!           code constants upvalues protos debug
//! ```
//! A nested function whose source equals its parent's writes NULL (as ldump.c compares the
//! `TString` pointers; the compiler shares one source per chunk, so comparing bytes is the same).
//! `strip` drops source, line info, local names and upvalue names.
//! Line info is re-compressed with [`crate::lineinfo::encode`] (see there for the one corner case
//! where the bytes can differ from luac's).

use crate::lineinfo;
use crate::proto::{Constant, Proto};

/// `LUA_SIGNATURE`.
pub const LUA_SIGNATURE: &[u8] = b"\x1bLua";
/// `LUAC_VERSION` (5*16+4).
pub const LUAC_VERSION: u8 = 0x54;
/// `LUAC_FORMAT` (the official format).
pub const LUAC_FORMAT: u8 = 0;
/// `LUAC_DATA`: bytes catching text-mode conversions.
pub const LUAC_DATA: &[u8] = b"\x19\x93\r\n\x1a\n";
/// `LUAC_INT`: checks integer format and endianness.
pub const LUAC_INT: i64 = 0x5678;
/// `LUAC_NUM`: checks float format.
pub const LUAC_NUM: f64 = 370.5;
/// Strings up to this length are short strings (`LUAI_MAXSHORTLEN`), dumped with tag `LUA_VSHRSTR`.
pub const LUAI_MAXSHORTLEN: usize = 40;

/// Constant type tags of the dump format (lobject.h variant tags).
pub mod tag {
    /// `LUA_VNIL`
    pub const NIL: u8 = 0x00;
    /// `LUA_VFALSE`
    pub const FALSE: u8 = 0x01;
    /// `LUA_VTRUE`
    pub const TRUE: u8 = 0x11;
    /// `LUA_VNUMINT`
    pub const NUMINT: u8 = 0x03;
    /// `LUA_VNUMFLT`
    pub const NUMFLT: u8 = 0x13;
    /// `LUA_VSHRSTR`
    pub const SHRSTR: u8 = 0x04;
    /// `LUA_VLNGSTR`
    pub const LNGSTR: u8 = 0x14;
}

/// Serialize `proto` (a main function) as a Lua 5.4 binary chunk.
pub fn dump(proto: &Proto, strip: bool) -> Vec<u8> {
    let mut d = Dumper {
        out: Vec::with_capacity(256),
        strip,
    };
    d.header();
    d.byte(proto.upvalues.len() as u8);
    d.function(proto, None);
    d.out
}

struct Dumper {
    out: Vec<u8>,
    strip: bool,
}

impl Dumper {
    fn byte(&mut self, b: u8) {
        self.out.push(b);
    }

    fn size(&mut self, mut x: u64) {
        let mut buf = [0u8; 10];
        let mut n = 0;
        loop {
            buf[9 - n] = (x & 0x7f) as u8;
            n += 1;
            x >>= 7;
            if x == 0 {
                break;
            }
        }
        buf[9] |= 0x80;
        self.out.extend_from_slice(&buf[10 - n..]);
    }

    fn int(&mut self, x: usize) {
        self.size(x as u64);
    }

    fn integer(&mut self, x: i64) {
        self.out.extend_from_slice(&x.to_le_bytes());
    }

    fn number(&mut self, x: f64) {
        self.out.extend_from_slice(&x.to_le_bytes());
    }

    fn string(&mut self, s: Option<&[u8]>) {
        match s {
            None => self.size(0),
            Some(s) => {
                self.size(s.len() as u64 + 1);
                self.out.extend_from_slice(s);
            }
        }
    }

    fn header(&mut self) {
        self.out.extend_from_slice(LUA_SIGNATURE);
        self.byte(LUAC_VERSION);
        self.byte(LUAC_FORMAT);
        self.out.extend_from_slice(LUAC_DATA);
        self.byte(4);
        self.byte(8);
        self.byte(8);
        self.integer(LUAC_INT);
        self.number(LUAC_NUM);
    }

    fn function(&mut self, f: &Proto, psource: Option<&[u8]>) {
        if self.strip || psource == Some(&f.source[..]) {
            self.string(None);
        } else {
            self.string(Some(&f.source));
        }
        self.int(f.linedefined as usize);
        self.int(f.lastlinedefined as usize);
        self.byte(f.numparams);
        self.byte(f.is_vararg as u8);
        self.byte(f.maxstacksize);
        // code
        self.int(f.code.len());
        for i in &f.code {
            self.out.extend_from_slice(&i.0.to_le_bytes());
        }
        // constants
        self.int(f.constants.len());
        for k in &f.constants {
            match k {
                Constant::Nil => self.byte(tag::NIL),
                Constant::Bool(false) => self.byte(tag::FALSE),
                Constant::Bool(true) => self.byte(tag::TRUE),
                Constant::Float(x) => {
                    self.byte(tag::NUMFLT);
                    self.number(*x);
                }
                Constant::Int(i) => {
                    self.byte(tag::NUMINT);
                    self.integer(*i);
                }
                Constant::Str(s) => {
                    self.byte(if s.len() <= LUAI_MAXSHORTLEN {
                        tag::SHRSTR
                    } else {
                        tag::LNGSTR
                    });
                    self.string(Some(s));
                }
            }
        }
        // upvalues
        self.int(f.upvalues.len());
        for u in &f.upvalues {
            self.byte(u.instack as u8);
            self.byte(u.idx);
            self.byte(u.kind);
        }
        // protos
        self.int(f.protos.len());
        for p in &f.protos {
            self.function(p, Some(&f.source));
        }
        // debug
        if self.strip {
            for _ in 0..4 {
                self.int(0);
            }
            return;
        }
        let (rel, abs) = lineinfo::encode(f.linedefined, &f.lineinfo);
        self.int(rel.len());
        self.out.extend(rel.iter().map(|&b| b as u8));
        self.int(abs.len());
        for e in &abs {
            self.int(e.pc as usize);
            self.int(e.line as usize);
        }
        self.int(f.locvars.len());
        for lv in &f.locvars {
            self.string(Some(&lv.name));
            self.int(lv.startpc as usize);
            self.int(lv.endpc as usize);
        }
        // ldump.c writes every upvalue name (NULL for a missing one)
        self.int(f.upvalues.len());
        for u in &f.upvalues {
            self.string(u.name.as_deref());
        }
    }
}
