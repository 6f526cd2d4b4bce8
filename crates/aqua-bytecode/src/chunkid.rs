//! `luaO_chunkid`: the short, printable form of a chunk name used in error messages and listings.
//!
//! Role: both syntax errors (`f.lua:3: ...`) and runtime errors/tracebacks format the chunk name
//! with [`chunkid`]. It reproduces lobject.c byte for byte with `LUA_IDSIZE` 60, including the
//! C-string effect that the result stops at the first NUL byte.
//!
//! - `@file` → `file`, or `...` + its last 56 bytes when longer than 59 bytes;
//! - `=name` → `name`, truncated to 59 bytes;
//! - anything else (source text) → `[string "first line..."]`, the text cut at its first newline
//!   and to 45 bytes, with `...` added when it was cut.

/// Size of the buffer of `luaO_chunkid`, including the terminating NUL (`LUA_IDSIZE`).
pub const LUA_IDSIZE: usize = 60;

const RETS: &[u8] = b"...";
const PRE: &[u8] = b"[string \"";
const POS: &[u8] = b"\"]";

/// Format a chunk name for messages, exactly as `luaO_chunkid`.
pub fn chunkid(source: &[u8]) -> Vec<u8> {
    let srclen = source.len();
    let mut out: Vec<u8> = Vec::with_capacity(LUA_IDSIZE);
    let bufflen = LUA_IDSIZE;
    match source.first() {
        Some(b'=') => {
            if srclen <= bufflen {
                out.extend_from_slice(&source[1..]);
            } else {
                out.extend_from_slice(&source[1..bufflen]);
            }
        }
        Some(b'@') => {
            if srclen <= bufflen {
                out.extend_from_slice(&source[1..]);
            } else {
                out.extend_from_slice(RETS);
                let keep = bufflen - RETS.len() - 1; // the C copy includes the final NUL
                out.extend_from_slice(&source[srclen - keep..]);
            }
        }
        _ => {
            // strchr stops at the first NUL
            let cstr_end = source.iter().position(|&c| c == 0).unwrap_or(srclen);
            let nl = source[..cstr_end].iter().position(|&c| c == b'\n');
            out.extend_from_slice(PRE);
            let bufflen = bufflen - (PRE.len() + RETS.len() + POS.len()) - 1;
            if srclen < bufflen && nl.is_none() {
                out.extend_from_slice(source);
            } else {
                let mut len = nl.unwrap_or(srclen);
                if len > bufflen {
                    len = bufflen;
                }
                out.extend_from_slice(&source[..len]);
                out.extend_from_slice(RETS);
            }
            out.extend_from_slice(POS);
        }
    }
    // The C result is a NUL-terminated string: anything after an embedded NUL is not printed.
    if let Some(z) = out.iter().position(|&c| c == 0) {
        out.truncate(z);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::chunkid;

    #[test]
    fn forms() {
        assert_eq!(chunkid(b"@f.lua"), b"f.lua");
        assert_eq!(chunkid(b"=stdin"), b"stdin");
        assert_eq!(chunkid(b"x = 1"), b"[string \"x = 1\"]");
        assert_eq!(chunkid(b"x = 1\ny = 2"), b"[string \"x = 1...\"]");
        assert_eq!(chunkid(b""), b"[string \"\"]");
        let long = [b'a'; 100];
        let mut at = vec![b'@'];
        at.extend_from_slice(&long);
        let r = chunkid(&at);
        assert_eq!(r.len(), 59);
        assert!(r.starts_with(b"..."));
        let mut eq = vec![b'='];
        eq.extend_from_slice(&long);
        assert_eq!(chunkid(&eq).len(), 59);
        let r = chunkid(&long);
        assert_eq!(r, [&b"[string \""[..], &long[..45], b"...\"]"].concat());
        // exactly 44 bytes fit, 45 are cut
        assert_eq!(
            chunkid(&long[..44]),
            [&b"[string \""[..], &long[..44], b"\"]"].concat()
        );
        assert_eq!(
            chunkid(&long[..45]),
            [&b"[string \""[..], &long[..45], b"...\"]"].concat()
        );
    }
}
