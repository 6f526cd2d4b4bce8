//! The Lua 5.4 recursive-descent parser: a port of lparser.c that builds an [`crate::ast::Chunk`]
//! instead of emitting code.
//!
//! Role: checks the grammar and produces the tree with the positions luac needs. Each parse
//! function opens with the grammar rule it implements, named as in lparser.c.
//!
//! Invariants:
//! - nesting is counted exactly like lparser.c's `enterlevel` (every `statement`, every `subexpr`,
//!   every extra assignment target), failing with lua5.4's `C stack overflow` (reported with line
//!   0: lua5.4 prints it without a position) when the count reaches `LUAI_MAXCCALLS` (200);
//! - left-associative chains (`a+b+c+...`, `a.b.c...`, `f()()...`) are built by loops, as in
//!   lparser.c, and are not limited: they become *left spines* of the tree ([`Expr::spine_child`]),
//!   which every pass over the tree (this crate's `Drop`/`Clone`/printers, the compiler) walks
//!   iteratively, so that Rust stack use stays bounded by the nesting counted above;
//! - semantic checks that need scopes (goto/label visibility, repeated labels, `break` outside a
//!   loop, assignment to `<const>` variables, register and upvalue limits) are left to the
//!   compiler; the parser does check the local-variable limit (200 per function), the
//!   `...`-outside-vararg rule, attributes and the single `<close>` per `local` list.
//!
//! Place in the pipeline: lexer → **parser** → AST → aqua-compiler.

use crate::ast::*;
use crate::lexer::{Lexer, Token};
use crate::SyntaxError;

/// `LUAI_MAXCCALLS`: lparser.c's nesting limit.
pub const MAX_LEVELS: u32 = 200;

/// Nesting already in use when the parser starts (lua5.4 running a file has one C call active;
/// calibrated so that, like `lua5.4 file.lua` and `luac5.4`, 196 nested parentheses parse and 197
/// fail).
pub const BASE_LEVEL: u32 = 1;

/// `MAXVARS`: maximum number of local variables per function.
const MAX_VARS: u32 = 200;

type R<T> = Result<T, SyntaxError>;

/// Per-function parser state (the parts of lparser.c's `FuncState` the parser needs).
struct FuncState {
    /// Whether `...` is allowed.
    is_vararg: bool,
    /// Declared local variables currently in scope (`dyd->actvar.n - fs->firstlocal`).
    nvars: u32,
    /// `linedefined`, for the "too many ... in function at line N" messages.
    linedefined: u32,
}

/// The parser state (lparser.c's `LexState` parser half).
struct Parser<'a> {
    lex: Lexer<'a>,
    fs: FuncState,
    /// Current nesting level (`L->nCcalls`).
    level: u32,
    /// End offset of the last consumed token.
    last_end: u32,
}

fn unop(t: &Token) -> Option<UnOp> {
    match t {
        Token::Not => Some(UnOp::Not),
        Token::Char(b'-') => Some(UnOp::Neg),
        Token::Char(b'~') => Some(UnOp::BNot),
        Token::Char(b'#') => Some(UnOp::Len),
        _ => None,
    }
}

fn binop(t: &Token) -> Option<BinOp> {
    Some(match t {
        Token::Char(b'+') => BinOp::Add,
        Token::Char(b'-') => BinOp::Sub,
        Token::Char(b'*') => BinOp::Mul,
        Token::Char(b'%') => BinOp::Mod,
        Token::Char(b'^') => BinOp::Pow,
        Token::Char(b'/') => BinOp::Div,
        Token::IDiv => BinOp::IDiv,
        Token::Char(b'&') => BinOp::BAnd,
        Token::Char(b'|') => BinOp::BOr,
        Token::Char(b'~') => BinOp::BXor,
        Token::Shl => BinOp::Shl,
        Token::Shr => BinOp::Shr,
        Token::Concat => BinOp::Concat,
        Token::Ne => BinOp::Ne,
        Token::Eq => BinOp::Eq,
        Token::Char(b'<') => BinOp::Lt,
        Token::Le => BinOp::Le,
        Token::Char(b'>') => BinOp::Gt,
        Token::Ge => BinOp::Ge,
        Token::And => BinOp::And,
        Token::Or => BinOp::Or,
        _ => return None,
    })
}

/// Pushes a placeholder statement to be filled in place (kept out of line so that the
/// recursive `statement` frame holds no `Stat` temporary).
#[inline(never)]
fn push_placeholder(out: &mut Vec<Stat>, span: Span) {
    out.push(Stat {
        kind: StatKind::Break,
        span,
    });
}

/// Stores the statement built by `f` into `slot`; out of line so that the (large) `StatKind`
/// temporary lives in this short-lived frame, not in the frames of the recursive parse
/// functions.
#[inline(never)]
fn set_kind<F: FnOnce() -> StatKind>(slot: &mut StatKind, f: F) {
    *slot = f();
}

/// Moves an expression out of `e`, leaving a `nil` placeholder (used to rebuild nodes in place).
fn take_expr(e: &mut Expr) -> Expr {
    std::mem::replace(
        e,
        Expr {
            kind: ExprKind::Nil,
            span: e.span,
        },
    )
}

/// Builds a table constructor expression (out of line: see `set_kind`).
#[inline(never)]
fn table_expr(mut fields: Vec<Field>, close_line: u32, span: Span) -> Expr {
    fields.shrink_to_fit();
    Expr {
        kind: ExprKind::Table(Box::new(TableCons { fields, close_line })),
        span,
    }
}

/// Parses a whole chunk (see [`crate::parse`]).
pub fn parse_chunk(source: &[u8]) -> R<Chunk> {
    parse_chunk_at(source, BASE_LEVEL)
}

/// Parses a whole chunk with `c_calls` nesting levels already in use.
pub fn parse_chunk_at(source: &[u8], c_calls: u32) -> R<Chunk> {
    if source.len() >= (u32::MAX as usize) {
        return Err(SyntaxError {
            line: 0,
            message: b"not enough memory".to_vec(),
        });
    }
    let mut p = Parser {
        lex: Lexer::new(source),
        fs: FuncState {
            is_vararg: true,
            nvars: 0,
            linedefined: 0,
        },
        level: c_calls,
        last_end: 0,
    };
    p.mainfunc()
}

impl<'a> Parser<'a> {
    // ---------------------------------------------------------------- helpers

    /// `luaX_next`, remembering where the consumed token ended.
    fn next(&mut self) -> R<()> {
        self.last_end = self.lex.t.end;
        self.lex.next()
    }

    fn tok(&self) -> &Token {
        &self.lex.t.token
    }

    fn is_char(&self, c: u8) -> bool {
        matches!(self.lex.t.token, Token::Char(x) if x == c)
    }

    /// Span of the current token.
    fn tok_span(&self) -> Span {
        Span {
            start: self.lex.t.start,
            end: self.lex.t.end,
            line: self.lex.t.line,
        }
    }

    /// Span from `start`/`line` to the end of the last consumed token.
    fn span_from(&self, start: u32, line: u32) -> Span {
        Span {
            start,
            end: self.last_end.max(start),
            line,
        }
    }

    /// `luaX_syntaxerror`: message near the current token.
    fn syntax_error(&self, msg: &str) -> SyntaxError {
        self.lex.error(msg.as_bytes(), Some(&self.lex.t.token))
    }

    /// `luaK_semerror`: message without "near".
    fn sem_error(&self, msg: &[u8]) -> SyntaxError {
        self.lex.error(msg, None)
    }

    /// `error_expected`.
    fn error_expected(&self, t: &Token) -> SyntaxError {
        self.syntax_error(&format!("{} expected", t.fixed_text()))
    }

    /// `testnext`.
    fn test_next(&mut self, t: &Token) -> R<bool> {
        if self.tok() == t {
            self.next()?;
            Ok(true)
        } else {
            Ok(false)
        }
    }

    /// `checknext`.
    fn check_next(&mut self, t: &Token) -> R<()> {
        if self.tok() == t {
            self.next()
        } else {
            Err(self.error_expected(t))
        }
    }

    /// `check_match`: `what` closes `who` opened at line `where_`.
    fn check_match(&mut self, what: &Token, who: &Token, where_: u32) -> R<()> {
        if self.test_next(what)? {
            return Ok(());
        }
        if where_ == self.lex.linenumber {
            Err(self.error_expected(what))
        } else {
            Err(self.syntax_error(&format!(
                "{} expected (to close {} at line {})",
                what.fixed_text(),
                who.fixed_text(),
                where_
            )))
        }
    }

    /// `str_checkname`: a name token, consumed.
    fn str_checkname(&mut self) -> R<(Name, Span)> {
        let span = self.tok_span();
        if let Token::Name(n) = &mut self.lex.t.token {
            let name = Name(std::mem::take(n));
            self.next()?;
            Ok((name, span))
        } else {
            Err(self.error_expected(&Token::Name(Box::default())))
        }
    }

    /// `enterlevel`.
    fn enter(&mut self) -> R<()> {
        self.level += 1;
        if self.level >= MAX_LEVELS {
            return Err(SyntaxError {
                line: 0,
                message: b"C stack overflow".to_vec(),
            });
        }
        Ok(())
    }

    /// `leavelevel`.
    fn leave(&mut self) {
        self.level = self.level.saturating_sub(1);
    }

    /// `errorlimit`.
    fn error_limit(&self, limit: u32, what: &str) -> SyntaxError {
        let line = self.fs.linedefined;
        let where_ = if line == 0 {
            "main function".to_string()
        } else {
            format!("function at line {}", line)
        };
        self.syntax_error(&format!(
            "too many {} (limit is {}) in {}",
            what, limit, where_
        ))
    }

    /// `new_localvar`: counts one more declared local, checking `MAXVARS`.
    fn new_localvar(&mut self) -> R<()> {
        if self.fs.nvars + 1 > MAX_VARS {
            return Err(self.error_limit(MAX_VARS, "local variables"));
        }
        self.fs.nvars += 1;
        Ok(())
    }

    /// `block_follow`.
    fn block_follow(&self, with_until: bool) -> bool {
        match self.tok() {
            Token::Else | Token::Elseif | Token::End | Token::Eos => true,
            Token::Until => with_until,
            _ => false,
        }
    }

    // ---------------------------------------------------------------- blocks and functions

    // mainfunc ::= statlist <eof>   (a vararg function)
    #[inline(never)]
    fn mainfunc(&mut self) -> R<Chunk> {
        self.next()?; // read first token
        let block = self.statlist_block(0)?;
        if *self.tok() != Token::Eos {
            return Err(self.error_expected(&Token::Eos));
        }
        let end = self.lex.t.start;
        let body = FuncBody {
            params: Vec::new(),
            is_vararg: true,
            is_method: false,
            block,
            line: 0,
            end_line: 0,
            span: Span {
                start: 0,
                end,
                line: 1,
            },
        };
        let lines = LineMap {
            starts: std::mem::take(&mut self.lex.line_starts),
            comments: std::mem::take(&mut self.lex.comments),
        };
        Ok(Chunk { body, lines })
    }

    /// Parses a statement list into a [`Block`] whose span starts at `start` and ends at the
    /// current (closing) token. Does not open a scope.
    // statlist ::= { stat [';'] }
    fn statlist_block(&mut self, start: u32) -> R<Block> {
        self.statlist_block_with(start, Vec::new())
    }

    /// [`Parser::statlist_block`] continuing a list that already holds `stats`.
    // statlist ::= { stat [';'] }
    fn statlist_block_with(&mut self, start: u32, mut stats: Vec<Stat>) -> R<Block> {
        while !self.block_follow(true) {
            if *self.tok() == Token::Return {
                self.statement(&mut stats)?;
                break; // 'return' must be last statement
            }
            self.statement(&mut stats)?;
        }
        let end_tok = self.tok_span();
        let line = stats
            .first()
            .map(|s: &Stat| s.span.line)
            .unwrap_or(end_tok.line);
        stats.shrink_to_fit();
        let block = Block {
            stats,
            span: Span {
                start,
                end: end_tok.start.max(start),
                line,
            },
            last_line: self.lex.lastline,
            end_line: end_tok.line,
        };
        Ok(block)
    }

    // block ::= statlist   (in a new scope)
    fn block(&mut self) -> R<Block> {
        let saved = self.fs.nvars;
        let start = self.last_end;
        let b = self.statlist_block(start);
        self.fs.nvars = saved;
        b
    }

    // body ::= '(' parlist ')' block END
    fn body(&mut self, is_method: bool, line: u32, start: u32) -> R<FuncBody> {
        let new_fs = FuncState {
            is_vararg: false,
            nvars: 0,
            linedefined: line,
        };
        let old_fs = std::mem::replace(&mut self.fs, new_fs);
        let r = self.body_inner(is_method, line, start);
        self.fs = old_fs;
        r
    }

    // body ::= '(' parlist ')' block END   (inside the new function's state)
    #[inline(never)]
    fn body_inner(&mut self, is_method: bool, line: u32, start: u32) -> R<FuncBody> {
        let mut params = Vec::new();
        if is_method {
            self.new_localvar()?;
            params.push(Name(b"self".to_vec().into_boxed_slice()));
        }
        self.check_next(&Token::Char(b'('))?;
        let is_vararg = self.parlist(&mut params)?;
        self.fs.is_vararg = is_vararg;
        self.check_next(&Token::Char(b')'))?;
        let block = self.statlist_block(self.last_end)?;
        let end_line = self.lex.linenumber;
        self.check_match(&Token::End, &Token::Function, line)?;
        Ok(FuncBody {
            params,
            is_vararg,
            is_method,
            block,
            line,
            end_line,
            span: self.span_from(start, line),
        })
    }

    // parlist ::= [ {NAME ','} (NAME | '...') ]
    #[inline(never)]
    fn parlist(&mut self, params: &mut Vec<Name>) -> R<bool> {
        let mut is_vararg = false;
        if !self.is_char(b')') {
            loop {
                match self.tok() {
                    Token::Name(_) => {
                        let (n, _) = self.str_checkname()?;
                        self.new_localvar()?;
                        params.push(n);
                    }
                    Token::Dots => {
                        self.next()?;
                        is_vararg = true;
                    }
                    _ => return Err(self.syntax_error("<name> or '...' expected")),
                }
                if is_vararg || !self.test_next(&Token::Char(b','))? {
                    break;
                }
            }
        }
        Ok(is_vararg)
    }

    // ---------------------------------------------------------------- statements

    /// Parses one statement, appending it (and, for labels, the no-op statements that follow
    /// it) to `out`.
    // stat ::= ';' | ifstat | whilestat | DO block END | forstat | repeatstat | funcstat
    //        | localstat | LOCAL FUNCTION localfunc | label | retstat | BREAK | GOTO NAME
    //        | exprstat
    fn statement(&mut self, out: &mut Vec<Stat>) -> R<()> {
        let line = self.lex.linenumber;
        let start = self.lex.t.start;
        self.enter()?;
        if self.is_char(b';') {
            self.next()?;
            self.leave();
            return Ok(());
        }
        if *self.tok() == Token::DbColon {
            return self.labelstat(out, line, start);
        }
        // The statement is built in place in `out` (a placeholder is pushed first) so that this
        // recursive function's frame holds no `StatKind`: that keeps the Rust stack used per
        // nesting level small.
        push_placeholder(
            out,
            Span {
                start,
                end: start,
                line,
            },
        );
        let Some(slot) = out.last_mut() else {
            return Ok(()); // unreachable: just pushed
        };
        let slot = &mut slot.kind;
        match self.tok() {
            Token::If => self.ifstat(line, slot)?,
            Token::While => self.whilestat(line, slot)?,
            Token::Do => self.dostat(line, slot)?,
            Token::For => self.forstat(line, slot)?,
            Token::Repeat => self.repeatstat(line, slot)?,
            Token::Function => self.funcstat(line, start, slot)?,
            Token::Local => {
                self.next()?;
                if self.test_next(&Token::Function)? {
                    self.localfunc(start, slot)?
                } else {
                    self.localstat(slot)?
                }
            }
            Token::Return => {
                self.next()?;
                self.retstat(slot)?
            }
            Token::Break => {
                self.next()?; // the placeholder is already a 'break'
            }
            Token::Goto => {
                self.next()?;
                let (label, _) = self.str_checkname()?;
                set_kind(slot, || StatKind::Goto { label });
            }
            _ => self.exprstat(slot)?,
        }
        let span = self.span_from(start, line);
        if let Some(st) = out.last_mut() {
            st.span = span;
        }
        self.leave();
        Ok(())
    }

    // DO block END
    #[inline(never)]
    fn dostat(&mut self, line: u32, slot: &mut StatKind) -> R<()> {
        self.next()?; // skip DO
        let b = self.block()?;
        self.check_match(&Token::End, &Token::Do, line)?;
        set_kind(slot, || StatKind::Do(b));
        Ok(())
    }

    /// A label and the no-op statements after it (parsed recursively, as lparser.c does, so
    /// that nesting levels are counted the same way). Called with the level already entered.
    // label ::= '::' NAME '::'
    #[inline(never)]
    fn labelstat(&mut self, out: &mut Vec<Stat>, line: u32, start: u32) -> R<()> {
        self.next()?; // skip '::'
        let (name, _) = self.str_checkname()?;
        self.check_next(&Token::DbColon)?;
        out.push(Stat {
            kind: StatKind::Label { name },
            span: self.span_from(start, line),
        });
        // skip other no-op statements (recursively, as lparser.c does)
        while self.is_char(b';') || *self.tok() == Token::DbColon {
            self.statement(out)?;
        }
        self.leave();
        Ok(())
    }

    // ifstat ::= IF cond THEN block {ELSEIF cond THEN block} [ELSE block] END
    #[inline(never)]
    fn ifstat(&mut self, line: u32, slot: &mut StatKind) -> R<()> {
        let mut arms = Vec::new();
        arms.push(self.test_then_block()?);
        while *self.tok() == Token::Elseif {
            arms.push(self.test_then_block()?);
        }
        let else_block = if self.test_next(&Token::Else)? {
            let b = self.block()?;
            Some(b)
        } else {
            None
        };
        let end_line = self.lex.t.line;
        self.check_match(&Token::End, &Token::If, line)?;
        {
            set_kind(slot, || StatKind::If {
                arms,
                else_block,
                end_line,
            });
            Ok(())
        }
    }

    // test_then_block ::= [IF | ELSEIF] cond THEN block
    #[inline(never)]
    fn test_then_block(&mut self) -> R<IfArm> {
        let line = self.lex.linenumber;
        self.next()?; // skip IF or ELSEIF
        let cond = self.expr()?;
        self.check_next(&Token::Then)?;
        let block = if *self.tok() == Token::Break {
            self.break_block()?
        } else {
            self.block()?
        };
        Ok(IfArm { cond, block, line })
    }

    /// The block of `if cond then break ...`: lparser.c consumes this 'break' (and the ';'s
    /// after it) directly, without a 'statement' level; the rest of the block follows as usual.
    // block ::= BREAK {';'} statlist
    #[inline(never)]
    fn break_block(&mut self) -> R<Block> {
        let saved = self.fs.nvars;
        let start = self.last_end;
        let span = self.tok_span();
        self.next()?; // skip 'break'
        let brk = Stat {
            kind: StatKind::Break,
            span,
        };
        while self.test_next(&Token::Char(b';'))? {}
        let b = self.statlist_block_with(start, vec![brk]);
        self.fs.nvars = saved;
        b
    }

    // whilestat ::= WHILE cond DO block END
    #[inline(never)]
    fn whilestat(&mut self, line: u32, slot: &mut StatKind) -> R<()> {
        self.next()?; // skip WHILE
        let cond = self.expr()?;
        self.check_next(&Token::Do)?;
        let body = self.block()?;
        self.check_match(&Token::End, &Token::While, line)?;
        {
            set_kind(slot, || StatKind::While { cond, body });
            Ok(())
        }
    }

    // repeatstat ::= REPEAT block UNTIL cond
    #[inline(never)]
    fn repeatstat(&mut self, line: u32, slot: &mut StatKind) -> R<()> {
        let saved = self.fs.nvars;
        self.next()?; // skip REPEAT
        let body = self.statlist_block(self.last_end)?;
        self.check_match(&Token::Until, &Token::Repeat, line)?;
        let cond = self.expr()?; // inside the scope of the body's locals
        self.fs.nvars = saved;
        {
            set_kind(slot, || StatKind::Repeat { body, cond });
            Ok(())
        }
    }

    // forstat ::= FOR (fornum | forlist) END
    #[inline(never)]
    fn forstat(&mut self, line: u32, slot: &mut StatKind) -> R<()> {
        let saved = self.fs.nvars;
        self.next()?; // skip 'for'
        let (var, var_span) = self.str_checkname()?;
        match self.tok() {
            Token::Char(b'=') => self.fornum(var, var_span, slot)?,
            Token::Char(b',') | Token::In => self.forlist(var, var_span, slot)?,
            _ => return Err(self.syntax_error("'=' or 'in' expected")),
        }
        self.check_match(&Token::End, &Token::For, line)?;
        self.fs.nvars = saved;
        Ok(())
    }

    // fornum ::= NAME = exp ',' exp [',' exp] forbody
    #[inline(never)]
    fn fornum(&mut self, var: Name, var_span: Span, slot: &mut StatKind) -> R<()> {
        for _ in 0..4 {
            self.new_localvar()?; // 3 internal "(for state)" variables + the control variable
        }
        self.check_next(&Token::Char(b'='))?;
        let start = self.expr()?;
        self.check_next(&Token::Char(b','))?;
        let limit = self.expr()?;
        let step = if self.test_next(&Token::Char(b','))? {
            let e = self.expr()?;
            Some(e)
        } else {
            None
        };
        let body = self.forbody()?;
        {
            set_kind(slot, || StatKind::NumericFor {
                var,
                var_span,
                start,
                limit,
                step,
                body,
            });
            Ok(())
        }
    }

    // forlist ::= NAME {',' NAME} IN explist forbody
    #[inline(never)]
    fn forlist(&mut self, first: Name, first_span: Span, slot: &mut StatKind) -> R<()> {
        for _ in 0..5 {
            self.new_localvar()?; // 4 internal "(for state)" variables + the first name
        }
        let mut names = vec![(first, first_span)];
        while self.test_next(&Token::Char(b','))? {
            let n = self.str_checkname()?;
            self.new_localvar()?;
            names.push(n);
        }
        self.check_next(&Token::In)?;
        let exprs = self.explist()?;
        let body = self.forbody()?;
        {
            set_kind(slot, || StatKind::GenericFor { names, exprs, body });
            Ok(())
        }
    }

    // forbody ::= DO block
    fn forbody(&mut self) -> R<Block> {
        self.check_next(&Token::Do)?;
        self.block()
    }

    // funcstat ::= FUNCTION funcname body
    #[inline(never)]
    fn funcstat(&mut self, line: u32, start: u32, slot: &mut StatKind) -> R<()> {
        self.next()?; // skip FUNCTION
        let name = self.funcname()?;
        let is_method = name.method.is_some();
        let body = self.body(is_method, line, start)?;
        {
            set_kind(slot, || StatKind::Function {
                name,
                body: Box::new(body),
            });
            Ok(())
        }
    }

    // funcname ::= NAME {'.' NAME} [':' NAME]
    #[inline(never)]
    fn funcname(&mut self) -> R<FuncName> {
        let (base, base_span) = self.str_checkname()?;
        let mut fields = Vec::new();
        while self.is_char(b'.') {
            self.next()?;
            fields.push(self.str_checkname()?);
        }
        let method = if self.is_char(b':') {
            self.next()?;
            Some(self.str_checkname()?)
        } else {
            None
        };
        Ok(FuncName {
            base,
            base_span,
            fields,
            method,
        })
    }

    // localfunc ::= NAME body
    #[inline(never)]
    fn localfunc(&mut self, start: u32, slot: &mut StatKind) -> R<()> {
        let (name, name_span) = self.str_checkname()?;
        self.new_localvar()?;
        let line = self.lex.linenumber;
        let body = self.body(false, line, start)?;
        {
            set_kind(slot, || StatKind::LocalFunction {
                name,
                name_span,
                body: Box::new(body),
            });
            Ok(())
        }
    }

    // localstat ::= LOCAL NAME attrib { ',' NAME attrib } ['=' explist]
    #[inline(never)]
    fn localstat(&mut self, slot: &mut StatKind) -> R<()> {
        let mut vars = Vec::new();
        let mut has_close = false;
        loop {
            let (name, span) = self.str_checkname()?;
            self.new_localvar()?;
            let attrib = self.getlocalattribute()?;
            if attrib == Attrib::Close {
                if has_close {
                    return Err(self.sem_error(b"multiple to-be-closed variables in local list"));
                }
                has_close = true;
            }
            vars.push(LocalVar { name, attrib, span });
            if !self.test_next(&Token::Char(b','))? {
                break;
            }
        }
        let exprs = if self.test_next(&Token::Char(b'='))? {
            self.explist()?
        } else {
            Vec::new()
        };
        {
            set_kind(slot, || StatKind::Local { vars, exprs });
            Ok(())
        }
    }

    // attrib ::= ['<' NAME '>']
    #[inline(never)]
    fn getlocalattribute(&mut self) -> R<Attrib> {
        if self.test_next(&Token::Char(b'<'))? {
            let (attr, _) = self.str_checkname()?;
            self.check_next(&Token::Char(b'>'))?;
            return match attr.as_bytes() {
                b"const" => Ok(Attrib::Const),
                b"close" => Ok(Attrib::Close),
                other => {
                    let end = other.iter().position(|&b| b == 0).unwrap_or(other.len());
                    let mut msg = b"unknown attribute '".to_vec();
                    msg.extend_from_slice(&other[..end]);
                    msg.push(b'\'');
                    Err(self.sem_error(&msg))
                }
            };
        }
        Ok(Attrib::None)
    }

    // retstat ::= RETURN [explist] [';']
    #[inline(never)]
    fn retstat(&mut self, slot: &mut StatKind) -> R<()> {
        let exprs = if self.block_follow(true) || self.is_char(b';') {
            Vec::new()
        } else {
            self.explist()?
        };
        self.test_next(&Token::Char(b';'))?;
        {
            set_kind(slot, || StatKind::Return { exprs });
            Ok(())
        }
    }

    // exprstat ::= func | assignment
    // assignment ::= suffixedexp restassign
    // restassign ::= ',' suffixedexp restassign | '=' explist
    #[inline(never)]
    fn exprstat(&mut self, slot: &mut StatKind) -> R<()> {
        let first = self.suffixedexp()?;
        if self.is_char(b'=') || self.is_char(b',') {
            let mut targets = vec![first];
            let mut extra_levels = 0u32;
            let r = self.restassign(&mut targets, &mut extra_levels);
            self.level = self.level.saturating_sub(extra_levels);
            let (exprs, eq_line) = r?;
            {
                set_kind(slot, || StatKind::Assign {
                    targets,
                    exprs,
                    eq_line,
                });
                Ok(())
            }
        } else {
            if !matches!(
                first.kind,
                ExprKind::Call { .. } | ExprKind::MethodCall { .. }
            ) {
                return Err(self.syntax_error("syntax error"));
            }
            {
                set_kind(slot, || StatKind::Call(first));
                Ok(())
            }
        }
    }

    /// The assignment tail; lparser.c recurses once per extra target (each counting a level),
    /// here a loop counts the same levels.
    // restassign ::= ',' suffixedexp restassign | '=' explist
    #[inline(never)]
    fn restassign(
        &mut self,
        targets: &mut Vec<Expr>,
        extra_levels: &mut u32,
    ) -> R<(Vec<Expr>, u32)> {
        loop {
            let is_var = matches!(
                targets.last().map(|e| &e.kind),
                Some(ExprKind::Name(_)) | Some(ExprKind::Index { .. })
            );
            if !is_var {
                return Err(self.syntax_error("syntax error"));
            }
            if self.test_next(&Token::Char(b','))? {
                let e = self.suffixedexp()?;
                targets.push(e);
                self.enter()?;
                *extra_levels += 1;
            } else {
                let eq_line = self.lex.linenumber;
                self.check_next(&Token::Char(b'='))?;
                let exprs = self.explist()?;
                return Ok((exprs, eq_line));
            }
        }
    }

    // ---------------------------------------------------------------- expressions

    // explist ::= expr { ',' expr }
    fn explist(&mut self) -> R<Vec<Expr>> {
        let mut v = vec![self.expr()?];
        while self.test_next(&Token::Char(b','))? {
            v.push(self.expr()?);
        }
        Ok(v)
    }

    // expr ::= subexpr
    fn expr(&mut self) -> R<Expr> {
        self.subexpr(0)
    }

    // subexpr ::= (simpleexp | unop subexpr) { binop subexpr }
    //   where 'binop' is any binary operator with a priority higher than 'limit'
    fn subexpr(&mut self, limit: u8) -> R<Expr> {
        self.enter()?;
        let start = self.lex.t.start;
        let tline = self.lex.t.line;
        let mut e = if let Some(op) = unop(self.tok()) {
            self.unary(op, start, tline)?
        } else {
            self.simpleexp()?
        };
        while let Some(op) = binop(self.tok()) {
            if op.priority().0 <= limit {
                break;
            }
            self.binary_step(&mut e, op, start, tline)?;
        }
        self.leave();
        Ok(e)
    }

    /// The unary branch of `subexpr` (out of line, like the other node builders, to keep the
    /// recursive frames small).
    // unop subexpr
    #[inline(never)]
    fn unary(&mut self, op: UnOp, start: u32, tline: u32) -> R<Expr> {
        self.next()?; // skip operator
        let operand = self.subexpr(UnOp::PRIORITY)?;
        let span = self.span_from(start, tline);
        Ok(Expr {
            kind: ExprKind::Unary {
                op,
                operand: Box::new(operand),
            },
            span,
        })
    }

    /// One iteration of `subexpr`'s operator loop: `e := e op subexpr(right priority)`.
    // binop subexpr
    #[inline(never)]
    fn binary_step(&mut self, e: &mut Expr, op: BinOp, start: u32, tline: u32) -> R<()> {
        let op_line = self.lex.linenumber;
        self.next()?; // skip operator
        let rhs = self.subexpr(op.priority().1)?;
        let span = self.span_from(start, tline);
        let lhs = take_expr(e);
        *e = Expr {
            kind: ExprKind::Binary {
                op,
                op_line,
                lhs: Box::new(lhs),
                rhs: Box::new(rhs),
            },
            span,
        };
        Ok(())
    }

    // simpleexp ::= FLT | INT | STRING | NIL | TRUE | FALSE | '...' | constructor
    //             | FUNCTION body | suffixedexp
    fn simpleexp(&mut self) -> R<Expr> {
        let span = self.tok_span();
        let kind = match &mut self.lex.t.token {
            Token::Flt(f) => ExprKind::Float(*f),
            Token::Int(i) => ExprKind::Int(*i),
            Token::Str(s) => ExprKind::Str(std::mem::take(s)),
            Token::Nil => ExprKind::Nil,
            Token::True => ExprKind::True,
            Token::False => ExprKind::False,
            Token::Dots => {
                if !self.fs.is_vararg {
                    return Err(self.syntax_error("cannot use '...' outside a vararg function"));
                }
                ExprKind::Vararg
            }
            Token::Char(b'{') => return self.constructor(),
            Token::Function => {
                self.next()?;
                let line = self.lex.linenumber;
                let body = self.body(false, line, span.start)?;
                let span = self.span_from(span.start, span.line);
                return Ok(Expr {
                    kind: ExprKind::Function(Box::new(body)),
                    span,
                });
            }
            _ => return self.suffixedexp(),
        };
        self.next()?;
        Ok(Expr { kind, span })
    }

    // primaryexp ::= NAME | '(' expr ')'
    fn primaryexp(&mut self) -> R<Expr> {
        let span = self.tok_span();
        match &mut self.lex.t.token {
            Token::Char(b'(') => {
                let line = self.lex.linenumber;
                self.next()?;
                let e = self.expr()?;
                self.check_match(&Token::Char(b')'), &Token::Char(b'('), line)?;
                let span = self.span_from(span.start, span.line);
                Ok(Expr {
                    kind: ExprKind::Paren(Box::new(e)),
                    span,
                })
            }
            Token::Name(n) => {
                let name = Name(std::mem::take(n));
                self.next()?;
                Ok(Expr {
                    kind: ExprKind::Name(name),
                    span,
                })
            }
            _ => Err(self.syntax_error("unexpected symbol")),
        }
    }

    // suffixedexp ::= primaryexp { '.' NAME | '[' exp ']' | ':' NAME funcargs | funcargs }
    fn suffixedexp(&mut self) -> R<Expr> {
        let start = self.lex.t.start;
        let tline = self.lex.t.line;
        let line = self.lex.linenumber;
        let mut e = self.primaryexp()?;
        while self.suffix(&mut e, (start, tline, line))? {}
        Ok(e)
    }

    /// Reads one suffix of `e` (rewriting it in place); `false` when the current token starts
    /// none. `pos` is (start offset, start line, `ls->linenumber` at the start) of the whole
    /// suffixed expression.
    // suffix ::= '.' NAME | '[' exp ']' | ':' NAME funcargs | funcargs
    #[inline(never)]
    fn suffix(&mut self, e: &mut Expr, pos: (u32, u32, u32)) -> R<bool> {
        let (start, tline, line) = pos;
        let kind = match self.tok() {
            Token::Char(b'.') => {
                // fieldsel ::= '.' NAME
                self.next()?;
                let (key, kspan) = self.str_checkname()?;
                let key = Expr {
                    kind: ExprKind::Str(key.0),
                    span: kspan,
                };
                ExprKind::Index {
                    obj: Box::new(take_expr(e)),
                    key: Box::new(key),
                    style: IndexStyle::Dot,
                }
            }
            Token::Char(b'[') => {
                // yindex ::= '[' expr ']'
                self.next()?;
                let key = self.expr()?;
                self.check_next(&Token::Char(b']'))?;
                ExprKind::Index {
                    obj: Box::new(take_expr(e)),
                    key: Box::new(key),
                    style: IndexStyle::Bracket,
                }
            }
            Token::Char(b':') => {
                self.next()?;
                let (method, method_span) = self.str_checkname()?;
                let args = Box::new(self.funcargs(line)?);
                ExprKind::MethodCall {
                    obj: Box::new(take_expr(e)),
                    method,
                    method_span,
                    args,
                }
            }
            Token::Char(b'(') | Token::Str(_) | Token::Char(b'{') => {
                let args = Box::new(self.funcargs(line)?);
                ExprKind::Call {
                    func: Box::new(take_expr(e)),
                    args,
                }
            }
            _ => return Ok(false),
        };
        *e = Expr {
            kind,
            span: self.span_from(start, tline),
        };
        Ok(true)
    }

    // funcargs ::= '(' [ explist ] ')' | constructor | STRING
    #[inline(never)]
    fn funcargs(&mut self, line: u32) -> R<CallArgs> {
        let open = self.tok_span();
        let (args, style) = match &mut self.lex.t.token {
            Token::Char(b'(') => {
                self.next()?;
                let args = if self.is_char(b')') {
                    Vec::new()
                } else {
                    self.explist()?
                };
                self.check_match(&Token::Char(b')'), &Token::Char(b'('), line)?;
                (args, ArgsStyle::Parens)
            }
            Token::Char(b'{') => {
                let t = self.constructor()?;
                (vec![t], ArgsStyle::Table)
            }
            Token::Str(s) => {
                let s = std::mem::take(s);
                self.next()?;
                (
                    vec![Expr {
                        kind: ExprKind::Str(s),
                        span: open,
                    }],
                    ArgsStyle::Str,
                )
            }
            _ => return Err(self.syntax_error("function arguments expected")),
        };
        Ok(CallArgs {
            args,
            style,
            span: self.span_from(open.start, open.line),
        })
    }

    // constructor ::= '{' [ field { sep field } [sep] ] '}'
    // sep ::= ',' | ';'
    #[inline(never)]
    fn constructor(&mut self) -> R<Expr> {
        let open = self.tok_span();
        let line = self.lex.linenumber;
        self.check_next(&Token::Char(b'{'))?;
        let mut fields = Vec::new();
        loop {
            if self.is_char(b'}') {
                break;
            }
            self.field(&mut fields)?;
            if !(self.test_next(&Token::Char(b','))? || self.test_next(&Token::Char(b';'))?) {
                break;
            }
        }
        let close_line = self.lex.t.line;
        self.check_match(&Token::Char(b'}'), &Token::Char(b'{'), line)?;
        let span = self.span_from(open.start, open.line);
        Ok(table_expr(fields, close_line, span))
    }

    // field ::= listfield | recfield
    // listfield ::= expr
    // recfield ::= (NAME | '[' expr ']') '=' expr
    /// Parses one field and appends it to `fields` (built in place to keep the recursive
    /// frames small).
    #[inline(never)]
    fn field(&mut self, fields: &mut Vec<Field>) -> R<()> {
        match self.tok() {
            Token::Name(_) => {
                if *self.lex.lookahead()? != Token::Char(b'=') {
                    let e = self.expr()?;
                    fields.push(Field::Positional(e));
                    return Ok(());
                }
                let (name, name_span) = self.str_checkname()?;
                self.check_next(&Token::Char(b'='))?;
                let value = self.expr()?;
                fields.push(Field::Named {
                    name,
                    name_span,
                    value,
                });
            }
            Token::Char(b'[') => {
                self.next()?;
                let key = self.expr()?;
                self.check_next(&Token::Char(b']'))?;
                self.check_next(&Token::Char(b'='))?;
                let value = self.expr()?;
                fields.push(Field::Keyed { key, value });
            }
            _ => {
                let e = self.expr()?;
                fields.push(Field::Positional(e));
            }
        }
        Ok(())
    }
}
