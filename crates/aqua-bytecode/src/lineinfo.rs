//! Conversion between Aqua's absolute per-instruction lines and Lua 5.4's compressed line info.
//!
//! Role: `Proto::lineinfo` holds the absolute line of each instruction. Binary chunks (and
//! PUC-Lua's `Proto`) store instead one signed byte per instruction, the difference from the
//! previous instruction's line, plus a sparse `abslineinfo` table of `(pc, line)` entries. An
//! absolute entry is written (and the byte set to `ABSLINEINFO` = -128) when the difference does
//! not fit (`|diff| >= LIMLINEDIFF`) or when `MAXIWTHABS` instructions have passed since the last
//! absolute entry, exactly as lcode.c's `savelineinfo` does, starting from `previousline =
//! linedefined`.
//!
//! [`encode`] reproduces luac's bytes for any function whose compilation did not hit one corner of
//! lcode.c: `luaK_fixline`/`removelastinstruction` undoing an *absolute* entry forces the next
//! entry to be absolute too, a history our absolute lines cannot see. That needs a line jump of at
//! least 128 (or the 128-instruction boundary) exactly at a fixed-up instruction; dumps then
//! differ from luac's in the line-info bytes only, and load to the same lines.
//! [`decode`] follows ldebug.c's `luaG_getfuncline` and is total on hostile input.

/// Maximum number of instructions between two absolute line entries (ldebug.h `MAXIWTHABS`).
pub const MAXIWTHABS: u32 = 128;
/// Line differences must be smaller than this in absolute value (lcode.c `LIMLINEDIFF`).
pub const LIMLINEDIFF: i64 = 0x80;
/// Marker byte in the relative line info meaning "see abslineinfo" (ldebug.h `ABSLINEINFO`).
pub const ABSLINEINFO: i8 = -0x80;

/// One entry of the absolute line table: instruction `pc` is on line `line`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AbsLineInfo {
    /// Instruction index.
    pub pc: u32,
    /// Absolute line.
    pub line: u32,
}

/// Compress absolute lines as lcode.c's `savelineinfo` does.
pub fn encode(linedefined: u32, lines: &[u32]) -> (Vec<i8>, Vec<AbsLineInfo>) {
    let mut rel = Vec::with_capacity(lines.len());
    let mut abs = Vec::new();
    let mut previous = linedefined as i64;
    let mut iwthabs: u32 = 0;
    for (pc, &line) in lines.iter().enumerate() {
        let mut dif = line as i64 - previous;
        let force = if dif.abs() >= LIMLINEDIFF {
            true
        } else {
            let f = iwthabs >= MAXIWTHABS;
            iwthabs += 1;
            f
        };
        if force {
            abs.push(AbsLineInfo {
                pc: pc as u32,
                line,
            });
            dif = ABSLINEINFO as i64;
            iwthabs = 1;
        }
        rel.push(dif as i8);
        previous = line as i64;
    }
    (rel, abs)
}

/// Expand compressed line info to one absolute line per entry of `rel` (`luaG_getfuncline` for
/// every pc). Never panics; nonsense input gives nonsense (wrapped) lines.
pub fn decode(linedefined: u32, rel: &[i8], abs: &[AbsLineInfo]) -> Vec<u32> {
    let mut out = Vec::with_capacity(rel.len());
    let mut cur = linedefined as i64;
    let mut j = 0usize; // first abs entry not yet applied
    for (pc, &d) in rel.iter().enumerate() {
        let pc = pc as u32;
        let mut base = None;
        while j < abs.len() && abs[j].pc <= pc {
            if abs[j].pc == pc {
                base = Some(abs[j].line);
            }
            j += 1;
        }
        match base {
            Some(line) => cur = line as i64,
            None => cur = cur.wrapping_add(d as i64),
        }
        out.push(cur as u32);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let mut lines = vec![1u32, 1, 2, 300, 301, 5, 5];
        lines.extend_from_slice(&[7; 400]);
        let (rel, abs) = encode(0, &lines);
        assert_eq!(rel[3], ABSLINEINFO);
        assert_eq!(rel[5], ABSLINEINFO);
        assert!(abs.len() >= 5);
        assert_eq!(decode(0, &rel, &abs), lines);
    }
}
