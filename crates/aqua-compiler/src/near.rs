//! The `near <token>` part of lua5.4 error messages raised by the code generator.
//!
//! Role: lparser.c raises limit errors ("too many registers", "control structure too long", ...)
//! while the lexer sits on some token; the message names that token (`luaX_token2str`) and the
//! line is the lexer's current line. The compiler works on a tree, so it re-scans the source from
//! a byte offset (the end of the last consumed node) to find that token. Never panics: every
//! access is bounds-checked. `prev_token_line` gives the line of the token before an offset
//! (from the comment ranges the lexer recorded in the [`LineMap`]).

use aqua_syntax::ast::LineMap;

/// Skip whitespace and comments from `pos`; return the line of the next token and its text as
/// lua5.4 prints it (`'x'`, `'end'`, `<eof>`).
pub(crate) fn next_token(src: &[u8], lines: &LineMap, pos: u32) -> (u32, Vec<u8>) {
    let mut i = (pos as usize).min(src.len());
    loop {
        while i < src.len() && matches!(src[i], b' ' | b'\t' | b'\r' | b'\n' | 0x0b | 0x0c) {
            i += 1;
        }
        if src.get(i..i + 2) == Some(b"--") {
            i += 2;
            if let Some(level) = long_bracket(src, i) {
                i = skip_long(src, i, level);
            } else {
                while i < src.len() && src[i] != b'\n' && src[i] != b'\r' {
                    i += 1;
                }
            }
            continue;
        }
        break;
    }
    let line = lines.line_at(i as u32);
    if i >= src.len() {
        return (line, b"<eof>".to_vec());
    }
    let c = src[i];
    let start = i;
    let mut text: Vec<u8>;
    if c.is_ascii_alphabetic() || c == b'_' {
        while i < src.len() && (src[i].is_ascii_alphanumeric() || src[i] == b'_') {
            i += 1;
        }
        text = src[start..i].to_vec();
    } else if c.is_ascii_digit()
        || (c == b'.' && src.get(i + 1).is_some_and(|d| d.is_ascii_digit()))
    {
        while i < src.len() {
            let d = src[i];
            let exp_sign = (d == b'+' || d == b'-')
                && i > start
                && matches!(src[i - 1], b'e' | b'E' | b'p' | b'P');
            if d.is_ascii_alphanumeric() || d == b'.' || exp_sign {
                i += 1;
            } else {
                break;
            }
        }
        text = src[start..i].to_vec();
    } else if c == b'"' || c == b'\'' {
        i += 1;
        while i < src.len() && src[i] != c && src[i] != b'\n' {
            if src[i] == b'\\' {
                i += 1;
            }
            i += 1;
        }
        let end = (i + 1).min(src.len());
        text = src[start..end].to_vec();
    } else if let Some(level) = long_bracket(src, i) {
        let end = skip_long(src, i, level).min(src.len());
        text = src[start..end].to_vec();
    } else {
        const SYMS: [&[u8]; 14] = [
            b"...", b"..", b"==", b"~=", b"<=", b">=", b"//", b"::", b"<<", b">>", b"<", b">",
            b"=", b"/",
        ];
        text = vec![c];
        for s in SYMS {
            if src.get(i..i + s.len()) == Some(s) {
                text = s.to_vec();
                break;
            }
        }
    }
    let mut out = b"'".to_vec();
    out.append(&mut text);
    out.push(b'\'');
    (line, out)
}

fn long_bracket(src: &[u8], i: usize) -> Option<usize> {
    if src.get(i) != Some(&b'[') {
        return None;
    }
    let mut j = i + 1;
    while src.get(j) == Some(&b'=') {
        j += 1;
    }
    (src.get(j) == Some(&b'[')).then_some(j - i - 1)
}

fn skip_long(src: &[u8], i: usize, level: usize) -> usize {
    let mut j = i + level + 2;
    while j < src.len() {
        if src[j] == b']' {
            let mut k = j + 1;
            while src.get(k) == Some(&b'=') {
                k += 1;
            }
            if k - j - 1 == level && src.get(k) == Some(&b']') {
                return k + 1;
            }
        }
        j += 1;
    }
    src.len()
}

/// Line of the last token ending before byte `off` (lparser.c's `lastline` while the lexer sits
/// on the token at `off`), skipping blanks and comments backwards: see
/// [`LineMap::line_before`] (exact, and O(log n), so it may be asked for every node of a long
/// line).
pub(crate) fn prev_token_line(src: &[u8], lines: &LineMap, off: u32) -> u32 {
    lines.line_before(src, off)
}
