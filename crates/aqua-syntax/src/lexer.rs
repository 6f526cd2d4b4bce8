//! The Lua 5.4 lexer: a byte-level port of llex.c.
//!
//! Role: turns source bytes into tokens on demand for the parser, with one token of lookahead, and
//! reproduces llex.c's error messages and line counting exactly (`\n`, `\r`, `\r\n`, `\n\r` are one
//! line break each).
//!
//! Invariants: like llex.c, the lexer keeps a *buffer* holding the raw text of the last scanned
//! token (`save`), because lua5.4's "near 'xxx'" messages print that buffer; `lastline` is the line
//! where the last consumed token ended (PUC's `ls->lastline`). Nothing here can panic: every byte
//! access goes through `Lexer::cur`, which yields `None` (EOZ) past the end.
//!
//! Place in the pipeline: source → **lexer** → parser → AST.

use crate::numeral::str2number;
use crate::SyntaxError;

/// Largest line number before "chunk has too many lines" (llex.c uses MAX_INT).
const MAX_LINE: u32 = i32::MAX as u32;

/// A token kind (llex.c's `RESERVED` enum plus single-byte tokens).
#[derive(Clone, Debug, PartialEq)]
pub enum Token {
    /// A single-byte token such as `+`, `(`, or any byte that starts no other token.
    Char(u8),
    /// `and`
    And,
    /// `break`
    Break,
    /// `do`
    Do,
    /// `else`
    Else,
    /// `elseif`
    Elseif,
    /// `end`
    End,
    /// `false`
    False,
    /// `for`
    For,
    /// `function`
    Function,
    /// `goto`
    Goto,
    /// `if`
    If,
    /// `in`
    In,
    /// `local`
    Local,
    /// `nil`
    Nil,
    /// `not`
    Not,
    /// `or`
    Or,
    /// `repeat`
    Repeat,
    /// `return`
    Return,
    /// `then`
    Then,
    /// `true`
    True,
    /// `until`
    Until,
    /// `while`
    While,
    /// `//`
    IDiv,
    /// `..`
    Concat,
    /// `...`
    Dots,
    /// `==`
    Eq,
    /// `>=`
    Ge,
    /// `<=`
    Le,
    /// `~=`
    Ne,
    /// `<<`
    Shl,
    /// `>>`
    Shr,
    /// `::`
    DbColon,
    /// End of stream.
    Eos,
    /// A float numeral.
    Flt(f64),
    /// An integer numeral.
    Int(i64),
    /// A name.
    Name(Box<[u8]>),
    /// A string literal (escapes processed).
    Str(Box<[u8]>),
}

impl Token {
    /// llex.c's `luaX_token2str` for tokens that do not carry text.
    pub fn fixed_text(&self) -> String {
        let s = match self {
            Token::Char(c) => {
                return if (0x20..0x7f).contains(c) {
                    format!("'{}'", *c as char)
                } else {
                    format!("'<\\{}>'", c)
                };
            }
            Token::And => "and",
            Token::Break => "break",
            Token::Do => "do",
            Token::Else => "else",
            Token::Elseif => "elseif",
            Token::End => "end",
            Token::False => "false",
            Token::For => "for",
            Token::Function => "function",
            Token::Goto => "goto",
            Token::If => "if",
            Token::In => "in",
            Token::Local => "local",
            Token::Nil => "nil",
            Token::Not => "not",
            Token::Or => "or",
            Token::Repeat => "repeat",
            Token::Return => "return",
            Token::Then => "then",
            Token::True => "true",
            Token::Until => "until",
            Token::While => "while",
            Token::IDiv => "//",
            Token::Concat => "..",
            Token::Dots => "...",
            Token::Eq => "==",
            Token::Ge => ">=",
            Token::Le => "<=",
            Token::Ne => "~=",
            Token::Shl => "<<",
            Token::Shr => ">>",
            Token::DbColon => "::",
            Token::Eos => return "<eof>".to_string(),
            Token::Flt(_) => return "<number>".to_string(),
            Token::Int(_) => return "<integer>".to_string(),
            Token::Name(_) => return "<name>".to_string(),
            Token::Str(_) => return "<string>".to_string(),
        };
        format!("'{}'", s)
    }

    /// Whether the token carries text that "near" messages print from the lexer buffer.
    fn has_text(&self) -> bool {
        matches!(
            self,
            Token::Flt(_) | Token::Int(_) | Token::Name(_) | Token::Str(_)
        )
    }
}

/// A token with its position.
#[derive(Clone, Debug, PartialEq)]
pub struct Tok {
    /// The token.
    pub token: Token,
    /// Byte offset of its first byte.
    pub start: u32,
    /// Byte offset one past its last byte.
    pub end: u32,
    /// Line of its first byte.
    pub line: u32,
}

fn reserved(word: &[u8]) -> Option<Token> {
    Some(match word {
        b"and" => Token::And,
        b"break" => Token::Break,
        b"do" => Token::Do,
        b"else" => Token::Else,
        b"elseif" => Token::Elseif,
        b"end" => Token::End,
        b"false" => Token::False,
        b"for" => Token::For,
        b"function" => Token::Function,
        b"goto" => Token::Goto,
        b"if" => Token::If,
        b"in" => Token::In,
        b"local" => Token::Local,
        b"nil" => Token::Nil,
        b"not" => Token::Not,
        b"or" => Token::Or,
        b"repeat" => Token::Repeat,
        b"return" => Token::Return,
        b"then" => Token::Then,
        b"true" => Token::True,
        b"until" => Token::Until,
        b"while" => Token::While,
        _ => return None,
    })
}

/// `lislalpha`: letters and `_` (ASCII only, as PUC without LUA_UCID).
fn is_alpha(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_'
}

/// `lislalnum`.
fn is_alnum(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// C `isspace`.
fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

fn hex_value(c: u8) -> u32 {
    match c {
        b'0'..=b'9' => u32::from(c - b'0'),
        b'a'..=b'f' => u32::from(c - b'a' + 10),
        b'A'..=b'F' => u32::from(c - b'A' + 10),
        _ => 0,
    }
}

/// Appends the UTF-8-like encoding lua5.4 uses for `\u{x}` (up to 6 bytes, values < 2^31).
fn utf8_esc(buf: &mut Vec<u8>, mut x: u32) {
    if x < 0x80 {
        buf.push(x as u8);
        return;
    }
    let mut tmp = [0u8; 8];
    let mut n = 0usize;
    let mut mfb: u32 = 0x3f;
    loop {
        tmp[n] = (0x80 | (x & 0x3f)) as u8;
        n += 1;
        x >>= 6;
        mfb >>= 1;
        if x <= mfb || n >= 7 {
            break;
        }
    }
    let first = ((!mfb << 1) | x) as u8;
    buf.push(first);
    for i in (0..n).rev() {
        buf.push(tmp[i]);
    }
}

/// The lexer state (llex.c's `LexState` minus the parser parts).
pub struct Lexer<'a> {
    src: &'a [u8],
    /// Index of the current character (`ls->current`).
    pos: usize,
    /// `ls->linenumber`: the line the scanner is on.
    pub linenumber: u32,
    /// `ls->lastline`: line of the last token consumed.
    pub lastline: u32,
    /// The current token (`ls->t`).
    pub t: Tok,
    /// The lookahead token, if one was read (`ls->lookahead`).
    lookahead: Option<Tok>,
    /// `ls->buff`: raw text of the last scanned token (for "near" messages).
    buf: Vec<u8>,
    /// Byte offsets where lines 2, 3, ... start.
    pub line_starts: Vec<u32>,
    /// Byte ranges `[start, end)` of the comments skipped so far, in source order (from the
    /// `--` to the end of the comment, line break excluded).
    pub comments: Vec<(u32, u32)>,
    tok_start: u32,
    tok_line: u32,
}

type LResult<T> = Result<T, SyntaxError>;

impl<'a> Lexer<'a> {
    /// A lexer positioned before the first token (call [`Lexer::next`] to read it).
    pub fn new(src: &'a [u8]) -> Self {
        Lexer {
            src,
            pos: 0,
            linenumber: 1,
            lastline: 1,
            t: Tok {
                token: Token::Eos,
                start: 0,
                end: 0,
                line: 1,
            },
            lookahead: None,
            buf: Vec::new(),
            line_starts: Vec::new(),
            comments: Vec::new(),
            tok_start: 0,
            tok_line: 1,
        }
    }

    /// A lexer that starts scanning at byte `offset`, which is on line `line` (used to find the
    /// token a lua5.4 error message would be "near"; see [`crate::near_token`]).
    pub fn new_at(src: &'a [u8], offset: u32, line: u32) -> Self {
        let mut lx = Lexer::new(src);
        lx.pos = (offset as usize).min(src.len());
        lx.linenumber = line;
        lx.lastline = line;
        lx
    }

    /// The current character (`ls->current`), `None` at end of stream.
    #[inline]
    fn cur(&self) -> Option<u8> {
        self.src.get(self.pos).copied()
    }

    #[inline]
    fn advance(&mut self) {
        if self.pos < self.src.len() {
            self.pos += 1;
        }
    }

    #[inline]
    fn save(&mut self, c: u8) {
        self.buf.push(c);
    }

    #[inline]
    fn save_and_next(&mut self) {
        if let Some(c) = self.cur() {
            self.buf.push(c);
        }
        self.advance();
    }

    fn cur_is_newline(&self) -> bool {
        matches!(self.cur(), Some(b'\n') | Some(b'\r'))
    }

    fn off(&self) -> u32 {
        u32::try_from(self.pos).unwrap_or(u32::MAX)
    }

    /// Formats the "near" text for `token` as llex.c's `txtToken`.
    pub fn near_text(&self, token: &Token) -> Vec<u8> {
        if token.has_text() {
            let end = self
                .buf
                .iter()
                .position(|&b| b == 0)
                .unwrap_or(self.buf.len());
            let mut v = Vec::with_capacity(end + 2);
            v.push(b'\'');
            v.extend_from_slice(&self.buf[..end]);
            v.push(b'\'');
            v
        } else {
            token.fixed_text().into_bytes()
        }
    }

    /// llex.c's `lexerror`: `msg near <token>` at the current line (`token == None`: no "near").
    pub fn error(&self, msg: &[u8], token: Option<&Token>) -> SyntaxError {
        let mut message = msg.to_vec();
        // a NUL byte token is token 0, which lexerror treats as "no token"
        if let Some(t) = token.filter(|t| **t != Token::Char(0)) {
            message.extend_from_slice(b" near ");
            message.extend_from_slice(&self.near_text(t));
        }
        SyntaxError {
            line: self.linenumber,
            message,
        }
    }

    fn inclinenumber(&mut self) -> LResult<()> {
        let old = self.cur();
        self.advance();
        if self.cur_is_newline() && self.cur() != old {
            self.advance();
        }
        self.linenumber += 1;
        self.line_starts.push(self.off());
        if self.linenumber >= MAX_LINE {
            return Err(self.error(b"chunk has too many lines", None));
        }
        Ok(())
    }

    /// `luaX_next`: consumes the current token and reads the next one.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> LResult<()> {
        self.lastline = self.linenumber;
        if let Some(la) = self.lookahead.take() {
            self.t = la;
        } else {
            self.t = self.scan()?;
        }
        Ok(())
    }

    /// `luaX_lookahead`: reads (once) and returns the token after the current one.
    pub fn lookahead(&mut self) -> LResult<&Token> {
        if self.lookahead.is_none() {
            let t = self.scan()?;
            self.lookahead = Some(t);
        }
        match &self.lookahead {
            Some(t) => Ok(&t.token),
            None => Ok(&Token::Eos),
        }
    }

    fn scan(&mut self) -> LResult<Tok> {
        let token = self.llex()?;
        Ok(Tok {
            token,
            start: self.tok_start,
            end: self.off(),
            line: self.tok_line,
        })
    }

    /// llex.c's `llex`: skips blanks and comments, then scans one token.
    fn llex(&mut self) -> LResult<Token> {
        self.buf.clear();
        loop {
            self.tok_start = self.off();
            self.tok_line = self.linenumber;
            let Some(c) = self.cur() else {
                return Ok(Token::Eos);
            };
            match c {
                b'\n' | b'\r' => self.inclinenumber()?,
                b' ' | b'\t' | 0x0b | 0x0c => self.advance(),
                b'-' => {
                    self.advance();
                    if self.cur() != Some(b'-') {
                        return Ok(Token::Char(b'-'));
                    }
                    // a comment
                    self.advance();
                    if self.cur() == Some(b'[') {
                        let sep = self.skip_sep();
                        self.buf.clear();
                        if sep >= 2 {
                            self.read_long_string(false, sep)?;
                            self.buf.clear();
                            self.comments.push((self.tok_start, self.off()));
                            continue;
                        }
                    }
                    // short comment
                    while let Some(c) = self.cur() {
                        if c == b'\n' || c == b'\r' {
                            break;
                        }
                        self.advance();
                    }
                    self.comments.push((self.tok_start, self.off()));
                }
                b'[' => {
                    let sep = self.skip_sep();
                    if sep >= 2 {
                        return self.read_long_string(true, sep);
                    } else if sep == 0 {
                        return Err(self.error(
                            b"invalid long string delimiter",
                            Some(&Token::Str(Box::default())),
                        ));
                    }
                    return Ok(Token::Char(b'['));
                }
                b'=' => return Ok(self.two(b'=', Token::Eq, b'=')),
                b'<' => {
                    self.advance();
                    return Ok(match self.cur() {
                        Some(b'=') => {
                            self.advance();
                            Token::Le
                        }
                        Some(b'<') => {
                            self.advance();
                            Token::Shl
                        }
                        _ => Token::Char(b'<'),
                    });
                }
                b'>' => {
                    self.advance();
                    return Ok(match self.cur() {
                        Some(b'=') => {
                            self.advance();
                            Token::Ge
                        }
                        Some(b'>') => {
                            self.advance();
                            Token::Shr
                        }
                        _ => Token::Char(b'>'),
                    });
                }
                b'/' => return Ok(self.two(b'/', Token::IDiv, b'/')),
                b'~' => return Ok(self.two(b'=', Token::Ne, b'~')),
                b':' => return Ok(self.two(b':', Token::DbColon, b':')),
                b'"' | b'\'' => return self.read_string(c),
                b'.' => {
                    self.save_and_next();
                    if self.cur() == Some(b'.') {
                        self.advance();
                        if self.cur() == Some(b'.') {
                            self.advance();
                            return Ok(Token::Dots);
                        }
                        return Ok(Token::Concat);
                    }
                    if !matches!(self.cur(), Some(b'0'..=b'9')) {
                        return Ok(Token::Char(b'.'));
                    }
                    return self.read_numeral();
                }
                b'0'..=b'9' => return self.read_numeral(),
                _ => {
                    if is_alpha(c) {
                        let start = self.pos;
                        while matches!(self.cur(), Some(c) if is_alnum(c)) {
                            self.advance();
                        }
                        let word = &self.src[start..self.pos];
                        self.buf.extend_from_slice(word);
                        if let Some(t) = reserved(word) {
                            return Ok(t);
                        }
                        return Ok(Token::Name(word.into()));
                    }
                    self.advance();
                    return Ok(Token::Char(c));
                }
            }
        }
    }

    /// Reads `c` then, if the next char is `second`, returns `both`, else `Char(single)`.
    fn two(&mut self, second: u8, both: Token, single: u8) -> Token {
        self.advance();
        if self.cur() == Some(second) {
            self.advance();
            both
        } else {
            Token::Char(single)
        }
    }

    /// llex.c's `skip_sep`: reads `[==*` or `]==*`; returns level+2 when the bracket is repeated,
    /// 1 for a lone bracket, 0 for a malformed delimiter (`[=` not followed by `[`).
    fn skip_sep(&mut self) -> usize {
        let mut count = 0usize;
        let s = self.cur();
        self.save_and_next();
        while self.cur() == Some(b'=') {
            self.save_and_next();
            count += 1;
        }
        if self.cur() == s {
            count + 2
        } else if count == 0 {
            1
        } else {
            0
        }
    }

    fn read_long_string(&mut self, is_string: bool, sep: usize) -> LResult<Token> {
        let line = self.linenumber;
        self.save_and_next(); // skip 2nd '['
        if self.cur_is_newline() {
            self.inclinenumber()?;
        }
        loop {
            match self.cur() {
                None => {
                    let what = if is_string { "string" } else { "comment" };
                    let msg = format!("unfinished long {} (starting at line {})", what, line);
                    return Err(self.error(msg.as_bytes(), Some(&Token::Eos)));
                }
                Some(b']') => {
                    if self.skip_sep() == sep {
                        self.save_and_next(); // skip 2nd ']'
                        break;
                    }
                }
                Some(b'\n') | Some(b'\r') => {
                    self.save(b'\n');
                    self.inclinenumber()?;
                    if !is_string {
                        self.buf.clear();
                    }
                }
                Some(_) => {
                    if is_string {
                        // fast path: copy a run of ordinary bytes at once
                        let start = self.pos;
                        while let Some(c) = self.cur() {
                            if c == b']' || c == b'\n' || c == b'\r' {
                                break;
                            }
                            self.pos += 1;
                        }
                        let run = &self.src[start..self.pos];
                        self.buf.extend_from_slice(run);
                    } else {
                        self.advance();
                    }
                }
            }
        }
        if !is_string {
            return Ok(Token::Eos);
        }
        let len = self.buf.len();
        let body = self.buf.get(sep..len.saturating_sub(sep)).unwrap_or(&[]);
        Ok(Token::Str(body.into()))
    }

    /// llex.c's `esccheck`: on failure adds the current char to the buffer and raises `msg`.
    fn esccheck(&mut self, ok: bool, msg: &[u8]) -> LResult<()> {
        if ok {
            return Ok(());
        }
        if self.cur().is_some() {
            self.save_and_next();
        }
        Err(self.error(msg, Some(&Token::Str(Box::default()))))
    }

    fn gethexa(&mut self) -> LResult<u32> {
        self.save_and_next();
        let c = self.cur();
        self.esccheck(
            matches!(c, Some(c) if c.is_ascii_hexdigit()),
            b"hexadecimal digit expected",
        )?;
        Ok(hex_value(c.unwrap_or(b'0')))
    }

    fn readhexaesc(&mut self) -> LResult<u8> {
        let r = self.gethexa()?;
        let r = (r << 4) + self.gethexa()?;
        self.buf_remove(2);
        Ok(r as u8)
    }

    fn buf_remove(&mut self, n: usize) {
        let len = self.buf.len();
        self.buf.truncate(len.saturating_sub(n));
    }

    fn readutf8esc(&mut self) -> LResult<u32> {
        let mut i = 4usize; // '\', 'u', '{', and first digit
        self.save_and_next(); // skip 'u'
        self.esccheck(self.cur() == Some(b'{'), b"missing '{'")?;
        let mut r = self.gethexa()?;
        loop {
            self.save_and_next();
            match self.cur() {
                Some(c) if c.is_ascii_hexdigit() => {
                    i += 1;
                    self.esccheck(r <= (0x7FFF_FFFFu32 >> 4), b"UTF-8 value too large")?;
                    r = (r << 4) + hex_value(c);
                }
                _ => break,
            }
        }
        self.esccheck(self.cur() == Some(b'}'), b"missing '}'")?;
        self.advance(); // skip '}'
        self.buf_remove(i);
        Ok(r)
    }

    fn readdecesc(&mut self) -> LResult<u8> {
        let mut r: u32 = 0;
        let mut i = 0;
        while i < 3 {
            match self.cur() {
                Some(c @ b'0'..=b'9') => {
                    r = 10 * r + u32::from(c - b'0');
                    self.save_and_next();
                }
                _ => break,
            }
            i += 1;
        }
        self.esccheck(r <= 255, b"decimal escape too large")?;
        self.buf_remove(i);
        Ok(r as u8)
    }

    fn read_string(&mut self, del: u8) -> LResult<Token> {
        self.save_and_next(); // keep delimiters for error messages
        loop {
            let Some(c) = self.cur() else {
                return Err(self.error(b"unfinished string", Some(&Token::Eos)));
            };
            if c == del {
                break;
            }
            match c {
                b'\n' | b'\r' => {
                    return Err(self.error(b"unfinished string", Some(&Token::Str(Box::default()))));
                }
                b'\\' => {
                    self.save_and_next(); // keep '\\' for error messages
                    let Some(e) = self.cur() else {
                        continue; // will raise an error next loop
                    };
                    let (ch, read) = match e {
                        b'a' => (7u8, true),
                        b'b' => (8, true),
                        b'f' => (12, true),
                        b'n' => (b'\n', true),
                        b'r' => (b'\r', true),
                        b't' => (b'\t', true),
                        b'v' => (11, true),
                        b'x' => (self.readhexaesc()?, true),
                        b'u' => {
                            let v = self.readutf8esc()?;
                            let mut tmp = Vec::with_capacity(8);
                            utf8_esc(&mut tmp, v);
                            self.buf.extend_from_slice(&tmp);
                            continue;
                        }
                        b'\n' | b'\r' => {
                            self.inclinenumber()?;
                            (b'\n', false)
                        }
                        b'\\' | b'"' | b'\'' => (e, true),
                        b'z' => {
                            self.buf_remove(1);
                            self.advance();
                            while let Some(c) = self.cur() {
                                if !is_space(c) {
                                    break;
                                }
                                if c == b'\n' || c == b'\r' {
                                    self.inclinenumber()?;
                                } else {
                                    self.advance();
                                }
                            }
                            continue;
                        }
                        _ => {
                            self.esccheck(e.is_ascii_digit(), b"invalid escape sequence")?;
                            (self.readdecesc()?, false)
                        }
                    };
                    if read {
                        self.advance();
                    }
                    self.buf_remove(1); // remove '\\'
                    self.save(ch);
                }
                _ => {
                    // fast path: copy a run of plain bytes
                    let start = self.pos;
                    while let Some(c) = self.cur() {
                        if c == del || c == b'\\' || c == b'\n' || c == b'\r' {
                            break;
                        }
                        self.pos += 1;
                    }
                    let run = &self.src[start..self.pos];
                    self.buf.extend_from_slice(run);
                }
            }
        }
        self.save_and_next(); // skip delimiter
        let len = self.buf.len();
        let body = self.buf.get(1..len.saturating_sub(1)).unwrap_or(&[]);
        Ok(Token::Str(body.into()))
    }

    fn check_next2(&mut self, set: &[u8; 2]) -> bool {
        match self.cur() {
            Some(c) if c == set[0] || c == set[1] => {
                self.save_and_next();
                true
            }
            _ => false,
        }
    }

    /// llex.c's `read_numeral` (the buffer may already hold a leading '.').
    fn read_numeral(&mut self) -> LResult<Token> {
        let first = self.cur();
        self.save_and_next();
        let mut expo = b"Ee";
        if first == Some(b'0') && self.check_next2(b"xX") {
            expo = b"Pp";
        }
        loop {
            if self.check_next2(expo) {
                self.check_next2(b"-+");
            } else if matches!(self.cur(), Some(c) if c.is_ascii_hexdigit() || c == b'.') {
                self.save_and_next();
            } else {
                break;
            }
        }
        if matches!(self.cur(), Some(c) if is_alpha(c)) {
            self.save_and_next(); // force an error
        }
        match str2number(&self.buf) {
            Some(crate::numeral::Number::Int(i)) => Ok(Token::Int(i)),
            Some(crate::numeral::Number::Float(f)) => Ok(Token::Flt(f)),
            None => Err(self.error(b"malformed number", Some(&Token::Flt(0.0)))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// All tokens of `src`, or the error message.
    fn toks(src: &[u8]) -> Result<Vec<Token>, String> {
        let mut lx = Lexer::new(src);
        let mut v = Vec::new();
        loop {
            lx.next()
                .map_err(|e| format!("{}: {}", e.line, String::from_utf8_lossy(&e.message)))?;
            if lx.t.token == Token::Eos {
                return Ok(v);
            }
            v.push(lx.t.token.clone());
        }
    }

    fn one_str(src: &[u8]) -> Vec<u8> {
        match toks(src).unwrap().as_slice() {
            [Token::Str(s)] => s.to_vec(),
            other => panic!("{:?}", other),
        }
    }

    fn err(src: &[u8]) -> String {
        toks(src).unwrap_err()
    }

    #[test]
    fn symbols_and_keywords() {
        use Token::*;
        let t =
            toks(b"+ - * / // % ^ # & ~ | << >> == ~= <= >= < > = ( ) { } [ ] :: ; : , . .. ...")
                .unwrap();
        let c = |b: u8| Char(b);
        assert_eq!(
            t,
            vec![
                c(b'+'),
                c(b'-'),
                c(b'*'),
                c(b'/'),
                IDiv,
                c(b'%'),
                c(b'^'),
                c(b'#'),
                c(b'&'),
                c(b'~'),
                c(b'|'),
                Shl,
                Shr,
                Eq,
                Ne,
                Le,
                Ge,
                c(b'<'),
                c(b'>'),
                c(b'='),
                c(b'('),
                c(b')'),
                c(b'{'),
                c(b'}'),
                c(b'['),
                c(b']'),
                DbColon,
                c(b';'),
                c(b':'),
                c(b','),
                c(b'.'),
                Concat,
                Dots
            ]
        );
        let t = toks(b"and break do else elseif end false for function goto if in local nil not or repeat return then true until while _x1 x").unwrap();
        assert_eq!(t.len(), 24);
        assert_eq!(t[0], And);
        assert_eq!(t[21], While);
        assert_eq!(t[22], Name(b"_x1".to_vec().into()));
    }

    #[test]
    fn escapes() {
        assert_eq!(
            one_str(br#""\a\b\f\n\r\t\v\\\"\'""#),
            b"\x07\x08\x0c\n\r\t\x0b\\\"'"
        );
        assert_eq!(one_str(b"'a\\\nb'"), b"a\nb");
        assert_eq!(one_str(b"'a\\\r\nb'"), b"a\nb");
        assert_eq!(one_str(b"'a\\z  \n\t b'"), b"ab");
        assert_eq!(one_str(br#""\x41\x7a\xff""#), b"Az\xff");
        assert_eq!(one_str(br#""\65\066\0677\0""#), b"AB\x437\0");
        assert_eq!(one_str(br#""\255""#), b"\xff");
        assert_eq!(
            one_str(br#""\u{41}\u{7FF}\u{FFFF}""#),
            "A\u{7ff}\u{ffff}".as_bytes()
        );
        assert_eq!(one_str(br#""\u{10FFFF}""#), "\u{10ffff}".as_bytes());
        assert_eq!(one_str(br#""\u{7FFFFFFF}""#), b"\xfd\xbf\xbf\xbf\xbf\xbf");
        assert_eq!(one_str(br#""\u{D800}""#), b"\xed\xa0\x80");
        assert_eq!(one_str(b"'\xff\x00'"), b"\xff\x00");
    }

    #[test]
    fn long_strings() {
        assert_eq!(one_str(b"[[abc]]"), b"abc");
        assert_eq!(one_str(b"[[\nabc]]"), b"abc");
        assert_eq!(one_str(b"[[\r\nabc\r\n]]"), b"abc\n");
        assert_eq!(one_str(b"[==[a]]b]=]c]==]"), b"a]]b]=]c");
        assert_eq!(one_str(b"[=[\n\n]=]"), b"\n");
        assert_eq!(
            toks(b"--[==[ comment ]] ]==] x").unwrap(),
            vec![Token::Name(b"x".to_vec().into())]
        );
        assert_eq!(
            toks(b"--[ not long\nx").unwrap(),
            vec![Token::Name(b"x".to_vec().into())]
        );
        assert_eq!(toks(b"-- x").unwrap(), vec![]);
    }

    #[test]
    fn numerals() {
        use Token::*;
        assert_eq!(toks(b"0x7fffffffffffffff").unwrap(), vec![Int(i64::MAX)]);
        assert_eq!(toks(b"0xffffffffffffffff").unwrap(), vec![Int(-1)]);
        assert_eq!(toks(b"9223372036854775807").unwrap(), vec![Int(i64::MAX)]);
        assert_eq!(
            toks(b"9223372036854775808").unwrap(),
            vec![Flt(9223372036854775808.0)]
        );
        assert_eq!(toks(b"1e309").unwrap(), vec![Flt(f64::INFINITY)]);
        assert_eq!(toks(b"0x1p-2").unwrap(), vec![Flt(0.25)]);
        assert_eq!(toks(b".5").unwrap(), vec![Flt(0.5)]);
        assert_eq!(toks(b"3.").unwrap(), vec![Flt(3.0)]);
        assert_eq!(toks(b"0x.8p1").unwrap(), vec![Flt(1.0)]);
        assert_eq!(toks(b"1e+2 1E-2").unwrap(), vec![Flt(100.0), Flt(0.01)]);
        assert_eq!(toks(b"3..2"), Err("1: malformed number near '3..2'".into()));
        assert_eq!(toks(b"1 .. 2").unwrap(), vec![Int(1), Concat, Int(2)]);
        assert_eq!(err(b"3x"), "1: malformed number near '3x'");
        assert_eq!(err(b"0x"), "1: malformed number near '0x'");
        assert_eq!(err(b"1e"), "1: malformed number near '1e'");
        assert_eq!(err(b"08abc"), "1: malformed number near '08abc'");
    }

    #[test]
    fn lexical_errors() {
        assert_eq!(err(b"\"abc"), "1: unfinished string near <eof>");
        assert_eq!(err(b"\"abc\ndef\""), "1: unfinished string near '\"abc'");
        assert_eq!(
            err(b"x\n[[abc"),
            "2: unfinished long string (starting at line 2) near <eof>"
        );
        assert_eq!(
            err(b"--[[\n\nabc"),
            "3: unfinished long comment (starting at line 1) near <eof>"
        );
        assert_eq!(err(b"'\\q'"), "1: invalid escape sequence near ''\\q'");
        assert_eq!(
            err(b"'\\256'"),
            "1: decimal escape too large near ''\\256''"
        );
        assert_eq!(
            err(b"'\\u{80000000}'"),
            "1: UTF-8 value too large near ''\\u{80000000'"
        );
        assert_eq!(err(b"'\\u41'"), "1: missing '{' near ''\\u4'");
        assert_eq!(err(b"'\\u{41'"), "1: missing '}' near ''\\u{41''");
        assert_eq!(err(b"'\\xg'"), "1: hexadecimal digit expected near ''\\xg'");
        assert_eq!(err(b"'\\x"), "1: hexadecimal digit expected near ''\\x'");
        assert_eq!(err(b"[=x"), "1: invalid long string delimiter near '[='");
        assert_eq!(err(b"'\\"), "1: unfinished string near <eof>");
    }

    #[test]
    fn line_counting() {
        let mut lx = Lexer::new(b"a\nb\r\nc\n\rd\re\n\nf");
        let mut lines = Vec::new();
        loop {
            lx.next().unwrap();
            if lx.t.token == Token::Eos {
                break;
            }
            lines.push(lx.t.line);
        }
        assert_eq!(lines, vec![1, 2, 3, 4, 5, 7]);
    }
}
