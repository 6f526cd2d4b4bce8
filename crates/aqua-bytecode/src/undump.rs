//! Binary chunk reader: `luaU_undump` (lundump.c) for Lua 5.4.
//!
//! Role: `load` of a binary chunk (text starting with `"\x1bLua"`). Accepts exactly what
//! `luac5.4`/`string.dump` write (see [`mod@crate::dump`] for the format) and reports malformed input
//! with lundump.c's messages: `"<name>: bad binary format (<why>)"` where `<why>` is one of
//! `truncated chunk`, `not a binary chunk`, `version mismatch`, `format mismatch`,
//! `corrupted chunk`, `Instruction size mismatch` (`lua_Integer`, `lua_Number`),
//! `integer format mismatch`, `float format mismatch`, `integer overflow`,
//! `bad format for constant string`; plus one of ours, `too many nested functions`, that bounds
//! the recursion on hostile input. `<name>` is derived from the chunk name as lundump.c does
//! (`@f`/`=f` lose their first byte, a name starting with ESC becomes `binary string`).
//!
//! Safety on hostile bytes: never panics; every count is checked against the bytes that remain
//! before anything is allocated for it (so allocation is bounded by a small multiple of the input
//! size); nesting of functions is bounded by [`MAX_NESTING`].
//!
//! What it does NOT check: that the code makes sense. Run [`crate::verify::verify`] on the result
//! before executing it. A constant with an unknown type tag loads as `nil` (lundump.c's release
//! behaviour). Bytes after the main function are ignored, as in lundump.c.

use crate::dump::{tag, LUAC_DATA, LUAC_FORMAT, LUAC_INT, LUAC_NUM, LUAC_VERSION, LUA_SIGNATURE};
use crate::isa::Instruction;
use crate::lineinfo::{self, AbsLineInfo};
use crate::proto::{Constant, LocVar, Proto, UpvalDesc};
use std::sync::Arc;

/// Maximum nesting depth of functions accepted in a binary chunk (the parser's own limit,
/// `LUAI_MAXCCALLS` = 200 C levels, keeps luac output far below this).
pub const MAX_NESTING: usize = 200;

/// Source given to a main function whose dump has no source (stripped): prints as `?`.
pub const STRIPPED_SOURCE: &[u8] = b"=?";

/// Load a binary chunk. `chunkname` is the name given to `load` (used in error messages only,
/// like lundump.c; the function's `source` comes from the chunk itself, or is `=?` if stripped).
pub fn undump(bytes: &[u8], chunkname: &[u8]) -> Result<Proto, String> {
    let name = display_name(chunkname);
    let mut s = Loader {
        data: bytes,
        pos: 0,
    };
    let r = s.check_header().and_then(|()| {
        let _nupvalues = s.byte()?;
        s.function(None, 0)
    });
    r.map_err(|why| format!("{name}: bad binary format ({why})"))
}

/// [`undump`] followed by [`crate::verify::verify`]: what `load` of a binary chunk should call.
/// A verifier rejection is reported in the same shape as lundump.c's errors:
/// `"<name>: bad binary format (<verifier message>)"`.
pub fn undump_verified(bytes: &[u8], chunkname: &[u8]) -> Result<Proto, String> {
    let p = undump(bytes, chunkname)?;
    match crate::verify::verify(&p) {
        Ok(()) => Ok(p),
        Err(e) => Err(format!(
            "{}: bad binary format ({e})",
            display_name(chunkname)
        )),
    }
}

/// The name lundump.c uses in its messages for chunk name `chunkname`.
fn display_name(chunkname: &[u8]) -> String {
    match chunkname.first() {
        Some(b'@') | Some(b'=') => String::from_utf8_lossy(&chunkname[1..]).into_owned(),
        Some(0x1b) => "binary string".to_string(),
        _ => String::from_utf8_lossy(chunkname).into_owned(),
    }
}

type R<T> = Result<T, &'static str>;

const TRUNC: &str = "truncated chunk";

struct Loader<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Loader<'a> {
    fn remaining(&self) -> usize {
        self.data.len().saturating_sub(self.pos)
    }

    fn block(&mut self, n: usize) -> R<&'a [u8]> {
        if n > self.remaining() {
            return Err(TRUNC);
        }
        let b = self.data.get(self.pos..self.pos + n).ok_or(TRUNC)?;
        self.pos += n;
        Ok(b)
    }

    fn byte(&mut self) -> R<u8> {
        let b = *self.data.get(self.pos).ok_or(TRUNC)?;
        self.pos += 1;
        Ok(b)
    }

    fn unsigned(&mut self, limit: u64) -> R<u64> {
        let limit = limit >> 7;
        let mut x: u64 = 0;
        loop {
            let b = self.byte()?;
            if x >= limit {
                return Err("integer overflow");
            }
            x = (x << 7) | (b & 0x7f) as u64;
            if b & 0x80 != 0 {
                return Ok(x);
            }
        }
    }

    fn size(&mut self) -> R<u64> {
        self.unsigned(u64::MAX)
    }

    fn int(&mut self) -> R<u32> {
        Ok(self.unsigned(i32::MAX as u64)? as u32)
    }

    /// A count of items each taking at least `min_bytes` bytes: checked against the input left.
    fn count(&mut self, min_bytes: usize) -> R<usize> {
        let n = self.int()? as usize;
        if n.saturating_mul(min_bytes) > self.remaining() {
            return Err(TRUNC);
        }
        Ok(n)
    }

    fn integer(&mut self) -> R<i64> {
        let b = self.block(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(i64::from_le_bytes(a))
    }

    fn number(&mut self) -> R<f64> {
        let b = self.block(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(f64::from_le_bytes(a))
    }

    fn string_n(&mut self) -> R<Option<Box<[u8]>>> {
        let size = self.size()?;
        if size == 0 {
            return Ok(None);
        }
        let len = usize::try_from(size - 1).map_err(|_| TRUNC)?;
        Ok(Some(self.block(len)?.into()))
    }

    fn literal(&mut self, lit: &[u8], msg: &'static str) -> R<()> {
        if self.block(lit.len())? != lit {
            return Err(msg);
        }
        Ok(())
    }

    fn check_header(&mut self) -> R<()> {
        self.literal(LUA_SIGNATURE, "not a binary chunk")?;
        if self.byte()? != LUAC_VERSION {
            return Err("version mismatch");
        }
        if self.byte()? != LUAC_FORMAT {
            return Err("format mismatch");
        }
        self.literal(LUAC_DATA, "corrupted chunk")?;
        if self.byte()? != 4 {
            return Err("Instruction size mismatch");
        }
        if self.byte()? != 8 {
            return Err("lua_Integer size mismatch");
        }
        if self.byte()? != 8 {
            return Err("lua_Number size mismatch");
        }
        if self.integer()? != LUAC_INT {
            return Err("integer format mismatch");
        }
        if self.number()? != LUAC_NUM {
            return Err("float format mismatch");
        }
        Ok(())
    }

    fn function(&mut self, psource: Option<&Arc<[u8]>>, depth: usize) -> R<Proto> {
        if depth >= MAX_NESTING {
            return Err("too many nested functions");
        }
        let source: Arc<[u8]> = match self.string_n()? {
            Some(s) => Arc::from(s),
            None => match psource {
                Some(p) => p.clone(),
                None => Arc::from(STRIPPED_SOURCE),
            },
        };
        let linedefined = self.int()?;
        let lastlinedefined = self.int()?;
        let numparams = self.byte()?;
        let is_vararg = self.byte()? != 0;
        let maxstacksize = self.byte()?;
        // code
        let n = self.count(4)?;
        let raw = self.block(n * 4)?;
        let code: Vec<Instruction> = raw
            .chunks_exact(4)
            .map(|c| Instruction(u32::from_le_bytes([c[0], c[1], c[2], c[3]])))
            .collect();
        // constants
        let n = self.count(1)?;
        let mut constants = Vec::with_capacity(n);
        for _ in 0..n {
            let k = match self.byte()? {
                tag::NIL => Constant::Nil,
                tag::FALSE => Constant::Bool(false),
                tag::TRUE => Constant::Bool(true),
                tag::NUMFLT => Constant::Float(self.number()?),
                tag::NUMINT => Constant::Int(self.integer()?),
                tag::SHRSTR | tag::LNGSTR => match self.string_n()? {
                    Some(s) => Constant::Str(s),
                    None => return Err("bad format for constant string"),
                },
                _ => Constant::Nil,
            };
            constants.push(k);
        }
        // upvalues
        let n = self.count(3)?;
        let mut upvalues = Vec::with_capacity(n);
        for _ in 0..n {
            let instack = self.byte()? != 0;
            let idx = self.byte()?;
            let kind = self.byte()?;
            upvalues.push(UpvalDesc {
                name: None,
                instack,
                idx,
                kind,
            });
        }
        // protos (each takes well over 8 bytes)
        let n = self.count(8)?;
        let mut protos = Vec::with_capacity(n);
        for _ in 0..n {
            protos.push(self.function(Some(&source), depth + 1)?);
        }
        // debug
        let n = self.count(1)?;
        let rel: Vec<i8> = self.block(n)?.iter().map(|&b| b as i8).collect();
        let n = self.count(2)?;
        let mut abs = Vec::with_capacity(n);
        for _ in 0..n {
            let pc = self.int()?;
            let line = self.int()?;
            abs.push(AbsLineInfo { pc, line });
        }
        let lineinfo = lineinfo::decode(linedefined, &rel, &abs);
        let n = self.count(3)?;
        let mut locvars = Vec::with_capacity(n);
        for _ in 0..n {
            let name = self.string_n()?.unwrap_or_default();
            let startpc = self.int()?;
            let endpc = self.int()?;
            locvars.push(LocVar {
                name,
                startpc,
                endpc,
                reg: None,
            });
        }
        let n = self.int()?;
        if n != 0 {
            for u in upvalues.iter_mut() {
                u.name = self.string_n()?;
            }
        }
        Ok(Proto {
            source,
            linedefined,
            lastlinedefined,
            numparams,
            is_vararg,
            maxstacksize,
            code,
            constants,
            upvalues,
            protos,
            lineinfo,
            locvars,
            stack: None,
        })
    }
}
