//! aqua-syntax: the Lua 5.4 front end — lexer ([`lexer`]), syntax tree ([`ast`]) and
//! recursive-descent parser ([`parser`]).
//!
//! Place in the pipeline: source bytes → [`parse`] → [`ast::Chunk`] → aqua-compiler.
//! The crate depends on nothing else of Aqua but the leaf `aqua-number` (numeral conversion).
//! It never panics and never overflows the Rust stack,
//! whatever the input: nesting is bounded like lparser.c's `enterlevel` (LUAI_MAXCCALLS = 200).
//! Error messages reproduce lua5.4's text without the `chunkname:line:` prefix.
//!
//! ```
//! use aqua_syntax::{ast::StatKind, parse};
//!
//! let chunk = parse(b"local x = 1 + 2\nreturn x", b"=example").unwrap();
//! assert!(matches!(chunk.body.block.stats[0].kind, StatKind::Local { .. }));
//! assert_eq!(chunk.body.block.stats[1].span.line, 2);
//! assert_eq!(aqua_syntax::pretty::chunk(&chunk), "[(local (x) ((+ 1 2))) (return x)]");
//!
//! let err = parse(b"x = = 1", b"=example").unwrap_err();
//! assert_eq!((err.line, &err.message[..]), (1, &b"unexpected symbol near '='"[..]));
//! ```
//!
//! Modules: [`lexer`] (llex.c), [`numeral`] (lobject.c's `luaO_str2num`), [`parser`]
//! (lparser.c), [`ast`] (the tree and its position conventions), [`pretty`] (S-expression dump).
//! `tools/differential.py` fuzzes the parser against `luac5.4 -p`.

pub mod ast;
pub mod lexer;
pub mod numeral;
pub mod parser;
pub mod pretty;

/// A syntax (or lexical) error, as lua5.4 reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// The line lua5.4 reports (the lexer's current line when the error was raised). `0` means
    /// lua5.4 reports the message without any position (`C stack overflow`).
    pub line: u32,
    /// lua5.4's message without the `chunkid:line: ` prefix, e.g.
    /// `'end' expected (to close 'function' at line 1) near <eof>`.
    pub message: Vec<u8>,
}

impl std::fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {}",
            self.line,
            String::from_utf8_lossy(&self.message)
        )
    }
}

impl std::error::Error for SyntaxError {}

/// The token lua5.4 would print in a `near ...` message when the lexer sits on the first token
/// at or after byte `offset` (pass the end of the last consumed node: `node.span.end`).
///
/// Returns `(line, text)` where `line` is the lexer's line after scanning that token (what
/// lparser.c reports) and `text` is `luaX_token2str`/`txtToken` output: `'x'`, `'end'`, `'"s"'`,
/// `<eof>`. Returns `None` when lua5.4 would print no "near" part (a NUL byte token) or when
/// the text at `offset` is not lexically valid.
pub fn near_token(source: &[u8], lines: &ast::LineMap, offset: u32) -> Option<(u32, Vec<u8>)> {
    let mut lx = lexer::Lexer::new_at(source, offset, lines.line_at(offset));
    lx.next().ok()?;
    if lx.t.token == lexer::Token::Char(0) {
        return None;
    }
    Some((lx.linenumber, lx.near_text(&lx.t.token)))
}

/// PUC's `ls->lastline` at the moment the parser's current token is the one starting at byte
/// `at`: the line where the token *before* it ends. lparser.c emits some instructions before it
/// consumes the current token, so they carry that line: `VARARG` (emitted before `...` is
/// consumed: `lastline_at(src, lines, prev, dots.span.start)`), `NEWTABLE` (before `{`), a
/// table field's key/value code after `=` (`lastline_at(src, lines, key.span.end,
/// value.span.start)` is the line of `=`), `VARARGPREP` (after a parameter list's `...`: pass the
/// offset of the `)`, which is `body.block.span.start - 1`).
///
/// `from` must be a token boundary at or before `at` that is not inside a token or comment
/// (the start or end of an enclosing or preceding node); the tokens between `from` and `at` are
/// re-scanned, so pass a nearby one. If no token lies between them, the line of `from` is
/// returned.
pub fn lastline_at(source: &[u8], lines: &ast::LineMap, from: u32, at: u32) -> u32 {
    let mut lx = lexer::Lexer::new_at(source, from, lines.line_at(from));
    let mut last_end = from;
    loop {
        if lx.next().is_err() {
            break;
        }
        if lx.t.token == lexer::Token::Eos || lx.t.start >= at {
            break;
        }
        last_end = lx.t.end;
    }
    lines.line_at(last_end)
}

/// Parses a whole chunk, like [`parse`], when `c_calls` nested C calls are already active:
/// lua5.4 counts parser nesting together with C calls (`L->nCcalls`), so a chunk loaded by
/// `load` from a Lua function (2 levels in use) hits `C stack overflow` one level earlier than
/// a file run by `lua5.4 file.lua` (1 level, what [`parse`] assumes).
pub fn parse_with_c_calls(
    source: &[u8],
    chunkname: &[u8],
    c_calls: u32,
) -> Result<ast::Chunk, SyntaxError> {
    let _ = chunkname;
    parser::parse_chunk_at(source, c_calls)
}

/// Parses a whole chunk. `chunkname` is accepted for API symmetry with `load` (messages do not
/// include it: the caller adds the `chunkid:line:` prefix).
pub fn parse(source: &[u8], chunkname: &[u8]) -> Result<ast::Chunk, SyntaxError> {
    let _ = chunkname;
    parser::parse_chunk(source)
}
