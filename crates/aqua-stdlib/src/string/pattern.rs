//! Lua patterns: a faithful port of lstrlib.c's matcher (`match`, `classEnd`, `singlematch`,
//! `matchbracketclass`, `max_expand`, `min_expand`, captures, `%b`, `%f`, back-references).
//!
//! Role: pure functions over byte slices, no VM: [`MatchState::new`] + [`MatchState::do_match`]
//! return the end of a match at a position, the captures live in the state. `string.find`,
//! `match`, `gmatch` and `gsub` (in `mod.rs`) drive it exactly as lstrlib does.
//!
//! Invariants / safety:
//! - positions are indices into `src` (`0..=src.len()`) and `pat` (`0..=pat.len()`); every read
//!   goes through a bounds-checked accessor (`pat.get`), where C reads the terminating `'\0'`
//!   (lstrlib relies on Lua strings being NUL-terminated) the accessor yields `0` likewise;
//! - recursion is bounded by `matchdepth` (lstrlib's `MAXCCALLS`, 200): every entry into
//!   `do_match` decrements it and an exhausted budget is the error "pattern too complex". Every
//!   recursive path (`?`, `*`, `+`, `-`, captures, back-references) goes through `do_match`, so the
//!   Rust recursion depth is at most 200 frames of `do_match` + one helper each (a few hundred
//!   bytes per frame in debug builds: far below a 2 MB thread stack; tested in this module);
//! - errors are the lstrlib messages without position (the caller adds it, like `luaL_error`).
//!
//! C locale: the character classes use `<ctype.h>` semantics of the "C" locale (ASCII only).

/// Maximum number of captures (LUA_MAXCAPTURES).
pub const MAXCAPTURES: usize = 32;
/// Maximum recursion depth of the matcher (lstrlib MAXCCALLS).
pub const MAXCCALLS: usize = 200;
const L_ESC: u8 = b'%';
/// Characters that make `string.find` use the matcher instead of a plain search.
pub const SPECIALS: &[u8] = b"^$*+?.([%-";

/// The length field of a capture.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CapLen {
    /// `(` seen, `)` not yet (CAP_UNFINISHED).
    Unfinished,
    /// `()` position capture (CAP_POSITION).
    Position,
    /// A closed capture of this many bytes.
    Len(usize),
}

/// One capture: start index in the subject and its length.
#[derive(Clone, Copy, Debug)]
pub struct Capture {
    pub init: usize,
    pub len: CapLen,
}

/// The value of a capture, as lstrlib pushes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CapValue {
    /// A substring `src[start..end]`.
    Str(usize, usize),
    /// A position capture: 1-based position.
    Pos(usize),
}

/// Matcher state (lstrlib `MatchState`).
pub struct MatchState<'a> {
    pub src: &'a [u8],
    pub pat: &'a [u8],
    /// Number of captures (finished or not).
    pub level: usize,
    pub capture: [Capture; MAXCAPTURES],
    matchdepth: usize,
}

/// A pattern error (kept small so that the matcher's recursive frames stay small).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PatError {
    EndsWithEsc,
    MissingBracket,
    MissingBalanceArgs,
    MissingFrontierBracket,
    /// "invalid capture index %n" (n as printed, 1-based; may be 0 or negative).
    InvalidCaptureIndex(i32),
    InvalidPatternCapture,
    UnfinishedCapture,
    TooManyCaptures,
    TooComplex,
    /// gsub: "invalid use of '%' in replacement string".
    InvalidReplacementEsc,
}

impl PatError {
    /// lstrlib's message text.
    pub fn message(self) -> String {
        match self {
            PatError::EndsWithEsc => "malformed pattern (ends with '%')".into(),
            PatError::MissingBracket => "malformed pattern (missing ']')".into(),
            PatError::MissingBalanceArgs => "malformed pattern (missing arguments to '%b')".into(),
            PatError::MissingFrontierBracket => "missing '[' after '%f' in pattern".into(),
            PatError::InvalidCaptureIndex(n) => format!("invalid capture index %{n}"),
            PatError::InvalidPatternCapture => "invalid pattern capture".into(),
            PatError::UnfinishedCapture => "unfinished capture".into(),
            PatError::TooManyCaptures => "too many captures".into(),
            PatError::TooComplex => "pattern too complex".into(),
            PatError::InvalidReplacementEsc => "invalid use of '%' in replacement string".into(),
        }
    }
}

/// Result of the matcher: `Ok(None)` = no match; `Err(e)` = a pattern error.
pub type PResult<T> = Result<T, PatError>;

/// One step of the matching loop: finished with a result, or continue at (s, p).
enum Step {
    Done(Option<usize>),
    Goto(usize, usize),
}

// ----- C-locale ctype ---------------------------------------------------------------------------

fn is_alpha(c: u8) -> bool {
    c.is_ascii_alphabetic()
}
fn is_digit(c: u8) -> bool {
    c.is_ascii_digit()
}
fn is_cntrl(c: u8) -> bool {
    c < 32 || c == 127
}
fn is_graph(c: u8) -> bool {
    (33..=126).contains(&c)
}
fn is_lower(c: u8) -> bool {
    c.is_ascii_lowercase()
}
fn is_upper(c: u8) -> bool {
    c.is_ascii_uppercase()
}
fn is_punct(c: u8) -> bool {
    is_graph(c) && !c.is_ascii_alphanumeric()
}
fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}
fn is_alnum(c: u8) -> bool {
    c.is_ascii_alphanumeric()
}
fn is_xdigit(c: u8) -> bool {
    c.is_ascii_hexdigit()
}

/// `match_class`: does byte `c` belong to class `%cl`?
pub fn match_class(c: u8, cl: u8) -> bool {
    let res = match cl.to_ascii_lowercase() {
        b'a' => is_alpha(c),
        b'c' => is_cntrl(c),
        b'd' => is_digit(c),
        b'g' => is_graph(c),
        b'l' => is_lower(c),
        b'p' => is_punct(c),
        b's' => is_space(c),
        b'u' => is_upper(c),
        b'w' => is_alnum(c),
        b'x' => is_xdigit(c),
        b'z' => c == 0, // deprecated option, still in lstrlib 5.4
        _ => return cl == c,
    };
    if is_upper(cl) {
        !res
    } else {
        res
    }
}

/// Does the pattern contain no special character (so `find` can do a plain search)?
pub fn no_specials(p: &[u8]) -> bool {
    !p.iter().any(|c| SPECIALS.contains(c))
}

/// `lmemfind`: first occurrence of `needle` in `hay` (empty needle: 0).
pub fn find_plain(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    if needle.len() > hay.len() {
        return None;
    }
    let first = needle[0];
    let last_start = hay.len() - needle.len();
    let mut i = 0;
    while i <= last_start {
        match hay[i..=last_start].iter().position(|&c| c == first) {
            None => return None,
            Some(off) => {
                let j = i + off;
                if &hay[j..j + needle.len()] == needle {
                    return Some(j);
                }
                i = j + 1;
            }
        }
    }
    None
}

impl<'a> MatchState<'a> {
    /// `prepstate`.
    pub fn new(src: &'a [u8], pat: &'a [u8]) -> MatchState<'a> {
        MatchState {
            src,
            pat,
            level: 0,
            capture: [Capture {
                init: 0,
                len: CapLen::Unfinished,
            }; MAXCAPTURES],
            matchdepth: MAXCCALLS,
        }
    }

    /// `reprepstate`: before each new match attempt.
    pub fn reprep(&mut self) {
        self.level = 0;
        self.matchdepth = MAXCCALLS;
    }

    /// Pattern byte at `p`, or 0 past the end (C's terminating NUL).
    #[inline]
    fn pc(&self, p: usize) -> u8 {
        self.pat.get(p).copied().unwrap_or(0)
    }

    fn class_end(&self, mut p: usize) -> PResult<usize> {
        let c = self.pc(p);
        p += 1;
        if c == L_ESC {
            if p >= self.pat.len() {
                return Err(PatError::EndsWithEsc);
            }
            return Ok(p + 1);
        }
        if c == b'[' {
            if self.pc(p) == b'^' {
                p += 1;
            }
            // look for a ']'
            loop {
                if p >= self.pat.len() {
                    return Err(PatError::MissingBracket);
                }
                let cc = self.pat[p];
                p += 1;
                if cc == L_ESC && p < self.pat.len() {
                    p += 1; // skip escapes (e.g. '%]')
                }
                if self.pc(p) == b']' && p < self.pat.len() {
                    break;
                }
            }
            return Ok(p + 1);
        }
        Ok(p)
    }

    /// `matchbracketclass`: `p` at `[`, `ec` at the closing `]`.
    fn match_bracket_class(&self, c: u8, mut p: usize, ec: usize) -> bool {
        let mut sig = true;
        if self.pc(p + 1) == b'^' {
            sig = false;
            p += 1;
        }
        loop {
            p += 1;
            if p >= ec {
                break;
            }
            let pc = self.pc(p);
            if pc == L_ESC {
                p += 1;
                if match_class(c, self.pc(p)) {
                    return sig;
                }
            } else if self.pc(p + 1) == b'-' && p + 2 < ec {
                p += 2;
                if pc <= c && c <= self.pc(p) {
                    return sig;
                }
            } else if pc == c {
                return sig;
            }
        }
        !sig
    }

    fn single_match(&self, s: usize, p: usize, ep: usize) -> bool {
        let Some(&c) = self.src.get(s) else {
            return false;
        };
        match self.pc(p) {
            b'.' => true,
            L_ESC => match_class(c, self.pc(p + 1)),
            b'[' => self.match_bracket_class(c, p, ep.saturating_sub(1)),
            pc => pc == c,
        }
    }

    fn match_balance(&self, s: usize, p: usize) -> PResult<Option<usize>> {
        if p + 1 >= self.pat.len() {
            return Err(PatError::MissingBalanceArgs);
        }
        let (b, e) = (self.pat[p], self.pat[p + 1]);
        if self.src.get(s) != Some(&b) {
            return Ok(None);
        }
        let mut cont = 1usize;
        let mut s = s + 1;
        while s < self.src.len() {
            let c = self.src[s];
            if c == e {
                cont -= 1;
                if cont == 0 {
                    return Ok(Some(s + 1));
                }
            } else if c == b {
                cont += 1;
            }
            s += 1;
        }
        Ok(None)
    }

    fn max_expand(&mut self, s: usize, p: usize, ep: usize) -> PResult<Option<usize>> {
        let mut i = 0usize;
        while self.single_match(s + i, p, ep) {
            i += 1;
        }
        loop {
            if let Some(r) = self.do_match(s + i, ep + 1)? {
                return Ok(Some(r));
            }
            if i == 0 {
                return Ok(None);
            }
            i -= 1;
        }
    }

    fn min_expand(&mut self, mut s: usize, p: usize, ep: usize) -> PResult<Option<usize>> {
        loop {
            if let Some(r) = self.do_match(s, ep + 1)? {
                return Ok(Some(r));
            }
            if self.single_match(s, p, ep) {
                s += 1;
            } else {
                return Ok(None);
            }
        }
    }

    fn start_capture(&mut self, s: usize, p: usize, what: CapLen) -> PResult<Option<usize>> {
        let level = self.level;
        if level >= MAXCAPTURES {
            return Err(PatError::TooManyCaptures);
        }
        self.capture[level] = Capture { init: s, len: what };
        self.level = level + 1;
        let r = self.do_match(s, p)?;
        if r.is_none() {
            self.level -= 1;
        }
        Ok(r)
    }

    fn capture_to_close(&self) -> PResult<usize> {
        (0..self.level)
            .rev()
            .find(|&l| self.capture[l].len == CapLen::Unfinished)
            .ok_or(PatError::InvalidPatternCapture)
    }

    fn end_capture(&mut self, s: usize, p: usize) -> PResult<Option<usize>> {
        let l = self.capture_to_close()?;
        self.capture[l].len = CapLen::Len(s - self.capture[l].init);
        let r = self.do_match(s, p)?;
        if r.is_none() {
            self.capture[l].len = CapLen::Unfinished;
        }
        Ok(r)
    }

    fn check_capture(&self, l: u8) -> PResult<usize> {
        let l = l as i32 - b'1' as i32;
        if l < 0 || l as usize >= self.level || self.capture[l as usize].len == CapLen::Unfinished {
            return Err(PatError::InvalidCaptureIndex(l + 1));
        }
        Ok(l as usize)
    }

    fn match_capture(&self, s: usize, l: u8) -> PResult<Option<usize>> {
        let l = self.check_capture(l)?;
        let cap = self.capture[l];
        let CapLen::Len(len) = cap.len else {
            return Ok(None); // position capture: (size_t)CAP_POSITION never fits
        };
        if self.src.len() - s >= len && self.src[cap.init..cap.init + len] == self.src[s..s + len] {
            Ok(Some(s + len))
        } else {
            Ok(None)
        }
    }

    /// lstrlib's `match`: try to match the pattern from `p` at subject position `s`; returns
    /// the end of the match.
    pub fn do_match(&mut self, s: usize, p: usize) -> PResult<Option<usize>> {
        if self.matchdepth == 0 {
            return Err(PatError::TooComplex);
        }
        self.matchdepth -= 1;
        let r = self.match_body(s, p);
        self.matchdepth += 1;
        r
    }

    fn match_body(&mut self, mut s: usize, mut p: usize) -> PResult<Option<usize>> {
        loop {
            let Some(&pc) = self.pat.get(p) else {
                return Ok(Some(s)); // end of pattern
            };
            let step = match pc {
                b'(' | b')' | b'$' | L_ESC => self.special(s, p)?,
                _ => Step::Goto(0, usize::MAX),
            };
            match step {
                Step::Done(r) => return Ok(r),
                Step::Goto(ns, np) if np != usize::MAX => {
                    s = ns;
                    p = np;
                    continue;
                }
                Step::Goto(..) => {}
            }
            // default: a single char class, maybe followed by a repetition
            let ep = self.class_end(p)?;
            let epc = self.pc(ep);
            if !self.single_match(s, p, ep) {
                if ep < self.pat.len() && matches!(epc, b'*' | b'?' | b'-') {
                    p = ep + 1; // accept empty
                    continue;
                }
                return Ok(None);
            }
            if ep >= self.pat.len() {
                s += 1;
                p = ep;
                continue;
            }
            match epc {
                b'?' => {
                    if let Some(r) = self.do_match(s + 1, ep + 1)? {
                        return Ok(Some(r));
                    }
                    p = ep + 1;
                }
                b'+' => return self.max_expand(s + 1, p, ep),
                b'*' => return self.max_expand(s, p, ep),
                b'-' => return self.min_expand(s, p, ep),
                _ => {
                    s += 1;
                    p = ep;
                }
            }
        }
    }

    /// The special items of `match` (captures, `$`, `%b`, `%f`, back-references): kept out of
    /// `match_body` so that the recursive frame stays small. `Goto(_, usize::MAX)` = not special
    /// here (treat as a single char class).
    #[inline(never)]
    fn special(&mut self, s: usize, p: usize) -> PResult<Step> {
        let pc = self.pc(p);
        let next = self.pc(p + 1);
        Ok(match pc {
            b'(' => Step::Done(if next == b')' {
                self.start_capture(s, p + 2, CapLen::Position)?
            } else {
                self.start_capture(s, p + 1, CapLen::Unfinished)?
            }),
            b')' => Step::Done(self.end_capture(s, p + 1)?),
            b'$' if p + 1 == self.pat.len() => {
                Step::Done(if s == self.src.len() { Some(s) } else { None })
            }
            L_ESC if next == b'b' => match self.match_balance(s, p + 2)? {
                Some(ns) => Step::Goto(ns, p + 4),
                None => Step::Done(None),
            },
            L_ESC if next == b'f' => {
                let p = p + 2;
                if self.pc(p) != b'[' || p >= self.pat.len() {
                    return Err(PatError::MissingFrontierBracket);
                }
                let ep = self.class_end(p)?;
                let previous = if s == 0 { 0 } else { self.src[s - 1] };
                let current = self.src.get(s).copied().unwrap_or(0);
                if !self.match_bracket_class(previous, p, ep - 1)
                    && self.match_bracket_class(current, p, ep - 1)
                {
                    Step::Goto(s, ep)
                } else {
                    Step::Done(None)
                }
            }
            L_ESC if is_digit(next) => match self.match_capture(s, next)? {
                Some(ns) => Step::Goto(ns, p + 2),
                None => Step::Done(None),
            },
            _ => Step::Goto(0, usize::MAX),
        })
    }

    /// `get_onecapture`: capture `i` (0-based) of a match `s..e`; with no captures, capture 0
    /// is the whole match.
    pub fn get_capture(&self, i: usize, s: usize, e: usize) -> PResult<CapValue> {
        if i >= self.level {
            if i != 0 {
                return Err(PatError::InvalidCaptureIndex(i as i32 + 1));
            }
            return Ok(CapValue::Str(s, e));
        }
        let c = self.capture[i];
        match c.len {
            CapLen::Unfinished => Err(PatError::UnfinishedCapture),
            CapLen::Position => Ok(CapValue::Pos(c.init + 1)),
            CapLen::Len(l) => Ok(CapValue::Str(c.init, c.init + l)),
        }
    }

    /// `push_captures`: all captures of a match (`whole` = the match range, used when there
    /// are no captures; `None` = push nothing then, as `find` does).
    pub fn captures(&self, whole: Option<(usize, usize)>) -> PResult<Vec<CapValue>> {
        let n = if self.level == 0 && whole.is_some() {
            1
        } else {
            self.level
        };
        let (s, e) = whole.unwrap_or((0, 0));
        (0..n).map(|i| self.get_capture(i, s, e)).collect()
    }
}

/// Outcome of [`find`].
#[derive(Debug, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub caps: Vec<CapValue>,
}

/// `str_find_aux` on bytes, from 0-based `init` (≤ len): first match of `pat` in `src`
/// (`^` anchors). With `find`, captures exclude the whole match; otherwise the whole match is
/// the capture when the pattern has none.
pub fn find(src: &[u8], pat: &[u8], init: usize, find: bool) -> PResult<Option<Found>> {
    let (anchor, pat) = match pat.first() {
        Some(b'^') => (true, &pat[1..]),
        _ => (false, pat),
    };
    let mut ms = MatchState::new(src, pat);
    let mut s1 = init;
    loop {
        ms.reprep();
        if let Some(e) = ms.do_match(s1, 0)? {
            let caps = if find {
                ms.captures(None)?
            } else {
                ms.captures(Some((s1, e)))?
            };
            return Ok(Some(Found {
                start: s1,
                end: e,
                caps,
            }));
        }
        s1 += 1;
        if s1 > src.len() || anchor {
            return Ok(None);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str, p: &str) -> Result<Option<Vec<String>>, String> {
        Ok(find(s.as_bytes(), p.as_bytes(), 0, false)
            .map_err(|e| e.message())?
            .map(|f| {
                f.caps
                    .iter()
                    .map(|c| match *c {
                        CapValue::Str(a, b) => s[a..b].to_string(),
                        CapValue::Pos(p) => format!("@{p}"),
                    })
                    .collect()
            }))
    }
    fn m1(s: &str, p: &str) -> Option<String> {
        m(s, p).unwrap().map(|v| v.join("|"))
    }

    #[test]
    fn basics() {
        assert_eq!(m1("hello world", "o w"), Some("o w".into()));
        assert_eq!(m1("hello world", "^(h)(e)"), Some("h|e".into()));
        assert_eq!(m1("hello", "l+"), Some("ll".into()));
        assert_eq!(m1("hello", "l-o"), Some("llo".into()));
        assert_eq!(m1("hello", "x*"), Some("".into()));
        assert_eq!(m1("  x = 10", "(%w+)%s*=%s*(%d+)"), Some("x|10".into()));
        assert_eq!(m1("f(a(b)c)d", "%b()"), Some("(a(b)c)".into()));
        assert_eq!(m1("THE (quick) fox", "%f[%a]%a+"), Some("THE".into()));
        assert_eq!(m1("abcabc", "(abc)%1"), Some("abc".into()));
        assert_eq!(m1("abc", "()b()"), Some("@2|@3".into()));
        assert_eq!(m1("a]b", "[]]"), Some("]".into()));
        assert_eq!(m1("a-b", "[a%-]+"), Some("a-".into()));
        assert_eq!(m1("xyz", "[^x]+"), Some("yz".into()));
        assert_eq!(m1("abc$", "c%$$"), Some("c$".into()));
        assert_eq!(m1("a$b", "$b"), Some("$b".into()));
        assert_eq!(m1("abc", "^b"), None);
    }

    #[test]
    fn errors() {
        let e = |p: &str| m("abc", p).unwrap_err();
        assert_eq!(e("%"), "malformed pattern (ends with '%')");
        assert_eq!(e("[a"), "malformed pattern (missing ']')");
        assert_eq!(e("[]"), "malformed pattern (missing ']')");
        assert_eq!(e("[^]"), "malformed pattern (missing ']')");
        assert_eq!(e("%f"), "missing '[' after '%f' in pattern");
        assert_eq!(e("%1"), "invalid capture index %1");
        assert_eq!(e("(a)%2"), "invalid capture index %2");
        assert_eq!(e("(a%1)"), "invalid capture index %1");
        assert_eq!(e("(a"), "unfinished capture");
        assert_eq!(e("a)"), "invalid pattern capture");
        assert_eq!(e("%b"), "malformed pattern (missing arguments to '%b')");
        assert_eq!(
            m(&"a".repeat(40), &"(a)".repeat(33)).unwrap_err(),
            "too many captures"
        );
    }

    #[test]
    fn hostile_patterns_are_bounded() {
        let s = "a".repeat(300);
        assert_eq!(m(&s, &"a?".repeat(300)).unwrap_err(), "pattern too complex");
        // The deepest recursion the bound allows (200 levels, through every recursive path)
        // fits in 256 KB even unoptimised (measured: < 160 KB at opt-level 0).
        let h = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(|| {
                let s = "a".repeat(1000);
                for p in [
                    "a?", "a*", "a-", "[a]?", "%a*", "()a-", "(a*)", "()", "%f[a]a?",
                ] {
                    let pat = p.repeat(400) + "b";
                    let r = find(s.as_bytes(), pat.as_bytes(), 0, false);
                    assert!(matches!(
                        r,
                        Err(PatError::TooComplex | PatError::TooManyCaptures) | Ok(None)
                    ));
                }
            })
            .unwrap();
        h.join().unwrap();
    }

    #[test]
    fn classes_c_locale() {
        for c in 0..=255u8 {
            assert_eq!(match_class(c, b'p'), c.is_ascii_punctuation());
            assert_eq!(match_class(c, b'S'), !c.is_ascii_whitespace() && c != 0x0b);
            assert!(!match_class(c, b'a') || c < 128);
        }
    }
}
