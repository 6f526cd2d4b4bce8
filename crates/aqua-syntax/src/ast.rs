//! The abstract syntax tree produced by [`crate::parse`].
//!
//! Role: the only thing the compiler sees of the source text. The tree is a faithful image of the
//! Lua 5.4 grammar (lparser.c), with enough position information to reproduce `luac5.4`'s line
//! info and error messages.
//!
//! Position conventions (they hold for every node):
//! - [`Span::start`] / [`Span::end`] are byte offsets into the source: `start` is the first byte of
//!   the node's first token, `end` is one past the last byte of its last token.
//! - [`Span::line`] is the line of the node's *first token* (1-based). For a call this is also the
//!   line lua5.4 attributes `CALL`/`SELF`-chains to (the line where the whole suffixed expression
//!   starts); for a unary operator it is the operator's line.
//! - Extra lines that luac needs are stored where they matter: the operator line of a binary
//!   expression ([`ExprKind::Binary::op_line`]), the line of the opening token of an argument list
//!   ([`CallArgs::span`]), `linedefined`/`lastlinedefined` of functions ([`FuncBody`]), the closing
//!   token line of blocks and PUC's `ls->lastline` at the point a block's statement list ends
//!   ([`Block`]).
//! - [`Chunk::lines`] maps any byte offset back to its line ([`LineMap::line_at`]), so the compiler
//!   can reconstruct PUC's `lastline` (line of the end of the last consumed token) for any node as
//!   `lines.line_at(node.span.end)`. For code lparser.c emits *before* consuming the current
//!   token (`VARARG`, `NEWTABLE`, a table field's key after `=`), the line is that of the token
//!   before it: [`crate::lastline_at`].
//!
//! Invariants: names and string literals are raw bytes (Lua strings are not UTF-8); numerals are
//! already converted exactly as lua5.4 does; a `Return` statement, when present, is the last
//! statement of its block; the main chunk is a vararg function with no parameters.

/// A source region: byte offsets `[start, end)` and the line of the first token.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Span {
    /// Byte offset of the first byte of the first token.
    pub start: u32,
    /// Byte offset one past the last byte of the last token.
    pub end: u32,
    /// 1-based line of the first token.
    pub line: u32,
}

/// An identifier, as raw bytes (Lua identifiers are ASCII letters/digits/underscore, but the type
/// does not rely on it).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Name(pub Box<[u8]>);

impl Name {
    /// The identifier's bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

impl std::fmt::Debug for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", String::from_utf8_lossy(&self.0))
    }
}

/// Maps byte offsets to 1-based line numbers, counting line breaks exactly as llex.c does
/// (`\n`, `\r`, `\r\n` and `\n\r` each count as one break).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineMap {
    /// `starts[i]` is the byte offset where line `i + 2` begins (line 1 begins at offset 0).
    pub starts: Vec<u32>,
    /// Byte ranges `[start, end)` of the source's comments (from `--` to the end of the comment,
    /// the line break excluded), sorted: lets [`LineMap::line_before`] skip them.
    pub comments: Vec<(u32, u32)>,
}

impl LineMap {
    /// The 1-based line containing byte `offset` (an offset at or past the end of the source is on
    /// the last line).
    pub fn line_at(&self, offset: u32) -> u32 {
        let idx = self.starts.partition_point(|&s| s <= offset);
        u32::try_from(idx).unwrap_or(u32::MAX - 1).saturating_add(1)
    }

    /// The line where the last token before byte `offset` ends, skipping blanks and comments
    /// backwards (`source` is the text this map was built from): PUC's `ls->lastline` while the
    /// lexer sits on a token starting at `offset`. 1 when no token precedes `offset`.
    /// Takes O(log n) per comment skipped, so it can be asked for every node of a long line.
    pub fn line_before(&self, source: &[u8], offset: u32) -> u32 {
        let mut j = (offset as usize).min(source.len());
        loop {
            while j > 0
                && matches!(
                    source.get(j - 1),
                    Some(b' ' | b'\t' | b'\r' | b'\n' | 0x0b | 0x0c)
                )
            {
                j -= 1;
            }
            if j == 0 {
                return 1;
            }
            let last = (j - 1) as u32;
            let idx = self.comments.partition_point(|&(s, _)| s <= last);
            match idx.checked_sub(1).and_then(|i| self.comments.get(i)) {
                Some(&(s, e)) if last < e => j = s as usize,
                _ => return self.line_at(last),
            }
        }
    }
}

/// A whole source file: the body of the main function.
#[derive(Clone, Debug)]
pub struct Chunk {
    /// The main function: no parameters, `is_vararg == true`, `line == 0` and `end_line == 0` (as
    /// `luac -l` prints `main <file:0,0>`). Its block's `end_line` is the line of `<eof>` and its
    /// `last_line` the line of the last real token (what lua5.4 uses for the final `RETURN`).
    pub body: FuncBody,
    /// Line map of the source.
    pub lines: LineMap,
}

/// A sequence of statements with the lines lua5.4 uses when it closes the block.
#[derive(Clone, Debug)]
pub struct Block {
    /// The statements in order. Empty statements (`;`) are not represented. A
    /// [`StatKind::Return`], if present, is last.
    pub stats: Vec<Stat>,
    /// Start: first byte after the token that opens the block (`do`, `then`, `)` of a parameter
    /// list, ...; 0 for the main chunk); end: first byte of the closing token. `line` is the line
    /// of the first statement's first token or, for an empty block, of the closing token.
    pub span: Span,
    /// PUC's `ls->lastline` when the statement list ended: the line where the last token consumed
    /// *before* the closing token ends (the opening keyword itself for an empty block; 1 for an
    /// empty chunk). luac attributes code emitted at that point (the `JMP` at the end of an
    /// `if` arm, the back-jump of `while`, a block's `CLOSE`, the main chunk's final `RETURN`) to
    /// this line.
    pub last_line: u32,
    /// The line of the token that closes the block (`end`, `until`, `else`, `elseif`, `<eof>`).
    pub end_line: u32,
}

/// Attribute of a local variable (`local x <const>`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Attrib {
    /// No attribute.
    None,
    /// `<const>`.
    Const,
    /// `<close>` (to-be-closed; at most one per `local` statement, checked by the parser).
    Close,
}

/// One variable declared by a `local` statement.
#[derive(Clone, Debug)]
pub struct LocalVar {
    /// The variable name.
    pub name: Name,
    /// Its attribute.
    pub attrib: Attrib,
    /// Span of the name token (the attribute is not included).
    pub span: Span,
}

/// A statement with its position (`span.line` is the line of the statement's first token).
#[derive(Clone, Debug)]
pub struct Stat {
    /// What the statement is.
    pub kind: StatKind,
    /// Its extent; `line` is the line of its first token.
    pub span: Span,
}

/// One `if`/`elseif` arm: `cond then block`.
#[derive(Clone, Debug)]
pub struct IfArm {
    /// The condition.
    pub cond: Expr,
    /// The block after `then`.
    pub block: Block,
    /// Line of the `if`/`elseif` keyword.
    pub line: u32,
}

/// The name of a `function a.b.c:m () ... end` statement.
#[derive(Clone, Debug)]
pub struct FuncName {
    /// The first name (`a`), resolved as a variable.
    pub base: Name,
    /// Span of the first name.
    pub base_span: Span,
    /// The `.b.c` fields, each with its span (the key line luac uses for the index).
    pub fields: Vec<(Name, Span)>,
    /// The `:m` method name, if any (then the function has an implicit `self` parameter).
    pub method: Option<(Name, Span)>,
}

/// Statement kinds.
#[derive(Clone, Debug)]
#[allow(clippy::large_enum_variant)]
pub enum StatKind {
    /// A function-call statement; the expression is always [`ExprKind::Call`] or
    /// [`ExprKind::MethodCall`] (never parenthesised: `(f())` is a syntax error as a statement).
    Call(Expr),
    /// `local n1 <a1>, n2 ... [= e1, e2 ...]`. `exprs` is empty when there is no `=`.
    Local {
        /// The declared variables, in order.
        vars: Vec<LocalVar>,
        /// The initialisers.
        exprs: Vec<Expr>,
    },
    /// `t1, t2 ... = e1, e2 ...`. Each target is [`ExprKind::Name`] or [`ExprKind::Index`].
    Assign {
        /// The assignment targets.
        targets: Vec<Expr>,
        /// The values.
        exprs: Vec<Expr>,
        /// Line of the `=` token.
        eq_line: u32,
    },
    /// `do block end`.
    Do(Block),
    /// `while cond do block end`.
    While {
        /// Loop condition.
        cond: Expr,
        /// Loop body (`end_line` is the line of `end`).
        body: Block,
    },
    /// `repeat block until cond`. The condition is inside the scope of the body's locals.
    Repeat {
        /// Loop body (`end_line` is the line of `until`).
        body: Block,
        /// The `until` condition.
        cond: Expr,
    },
    /// `if c1 then b1 elseif c2 then b2 ... [else b] end`.
    If {
        /// The `if` arm first, then each `elseif` arm.
        arms: Vec<IfArm>,
        /// The `else` block, if any.
        else_block: Option<Block>,
        /// Line of the `end` closing the statement.
        end_line: u32,
    },
    /// `for var = start, limit [, step] do body end`. `FORLOOP` is attributed to the `for` line
    /// (`stat.span.line`), `FORPREP` to the `do` line (`lines.line_at(body.span.start)`).
    NumericFor {
        /// The control variable.
        var: Name,
        /// Span of the variable name.
        var_span: Span,
        /// Initial value.
        start: Expr,
        /// Limit.
        limit: Expr,
        /// Step, if written.
        step: Option<Expr>,
        /// Loop body.
        body: Block,
    },
    /// `for n1, n2 ... in e1, e2 ... do body end`. lparser.c attributes `TFORCALL`/`TFORLOOP` to
    /// the line of the first token after `in`, i.e. `exprs[0].span.line`; `FORPREP`/`TFORPREP`
    /// go to the `do` line, `lines.line_at(body.span.start)`.
    GenericFor {
        /// The declared variables with their spans.
        names: Vec<(Name, Span)>,
        /// The iterator expressions.
        exprs: Vec<Expr>,
        /// Loop body.
        body: Block,
    },
    /// `function funcname body`.
    Function {
        /// The (possibly dotted / method) name.
        name: FuncName,
        /// The function (`is_method` set for `a:m`).
        body: Box<FuncBody>,
    },
    /// `local function name body`.
    LocalFunction {
        /// The local's name.
        name: Name,
        /// Span of the name.
        name_span: Span,
        /// The function.
        body: Box<FuncBody>,
    },
    /// `return [explist] [';']` — always the last statement of its block.
    Return {
        /// The returned values.
        exprs: Vec<Expr>,
    },
    /// `break`.
    Break,
    /// `goto name`. lparser.c reports goto errors at the line of the *name* token, which is
    /// `lines.line_at(stat.span.end)` (usually the statement's line).
    Goto {
        /// Target label.
        label: Name,
    },
    /// `::name::`. lparser.c treats a label as the last statement of its block (for goto scoping)
    /// when only labels and `;` follow it up to a closing `end`/`else`/`elseif`/`<eof>` (not
    /// `until`): i.e. when every later statement of the block is a `Label` and the block's closer is
    /// not `until`.
    Label {
        /// Label name.
        name: Name,
    },
}

/// A function body (`function (params) block end`), also used for the main chunk.
#[derive(Clone, Debug)]
pub struct FuncBody {
    /// The parameters in order. For a method (`function a:m()`), the implicit `self` is included
    /// as the first parameter.
    pub params: Vec<Name>,
    /// Whether the parameter list ends with `...`.
    pub is_vararg: bool,
    /// Whether this was declared with `:` (the first parameter is the implicit `self`).
    pub is_method: bool,
    /// The body.
    pub block: Block,
    /// `linedefined`: line of the `function` keyword (0 for the main chunk).
    pub line: u32,
    /// `lastlinedefined`: line of the closing `end` (0 for the main chunk).
    pub end_line: u32,
    /// Whole extent: from the `function` keyword (for `local function`, from `local`) to `end`.
    pub span: Span,
}

/// Binary operators, in lparser.c's `BinOpr` order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `%`
    Mod,
    /// `^`
    Pow,
    /// `/`
    Div,
    /// `//`
    IDiv,
    /// `&`
    BAnd,
    /// `|`
    BOr,
    /// `~`
    BXor,
    /// `<<`
    Shl,
    /// `>>`
    Shr,
    /// `..`
    Concat,
    /// `==`
    Eq,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `~=`
    Ne,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `and`
    And,
    /// `or`
    Or,
}

impl BinOp {
    /// `(left, right)` priorities from lparser.c's `priority` table.
    pub fn priority(self) -> (u8, u8) {
        match self {
            BinOp::Add | BinOp::Sub => (10, 10),
            BinOp::Mul | BinOp::Mod | BinOp::Div | BinOp::IDiv => (11, 11),
            BinOp::Pow => (14, 13),
            BinOp::BAnd => (6, 6),
            BinOp::BOr => (4, 4),
            BinOp::BXor => (5, 5),
            BinOp::Shl | BinOp::Shr => (7, 7),
            BinOp::Concat => (9, 8),
            BinOp::Eq | BinOp::Lt | BinOp::Le | BinOp::Ne | BinOp::Gt | BinOp::Ge => (3, 3),
            BinOp::And => (2, 2),
            BinOp::Or => (1, 1),
        }
    }

    /// The operator as written in Lua source.
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Mod => "%",
            BinOp::Pow => "^",
            BinOp::Div => "/",
            BinOp::IDiv => "//",
            BinOp::BAnd => "&",
            BinOp::BOr => "|",
            BinOp::BXor => "~",
            BinOp::Shl => "<<",
            BinOp::Shr => ">>",
            BinOp::Concat => "..",
            BinOp::Eq => "==",
            BinOp::Lt => "<",
            BinOp::Le => "<=",
            BinOp::Ne => "~=",
            BinOp::Gt => ">",
            BinOp::Ge => ">=",
            BinOp::And => "and",
            BinOp::Or => "or",
        }
    }
}

/// Unary operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UnOp {
    /// `-` (arithmetic negation)
    Neg,
    /// `~` (bitwise not)
    BNot,
    /// `not`
    Not,
    /// `#`
    Len,
}

impl UnOp {
    /// Priority of all unary operators (lparser.c's `UNARY_PRIORITY`).
    pub const PRIORITY: u8 = 12;

    /// The operator as written in Lua source.
    pub fn symbol(self) -> &'static str {
        match self {
            UnOp::Neg => "-",
            UnOp::BNot => "~",
            UnOp::Not => "not",
            UnOp::Len => "#",
        }
    }
}

/// How an [`ExprKind::Index`] was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IndexStyle {
    /// `obj.name` (the key is an [`ExprKind::Str`] spanning the name token).
    Dot,
    /// `obj[expr]`.
    Bracket,
}

/// How the arguments of a call were written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArgsStyle {
    /// `f(a, b)`.
    Parens,
    /// `f{...}` (single [`ExprKind::Table`] argument).
    Table,
    /// `f"str"` (single [`ExprKind::Str`] argument).
    Str,
}

/// The argument list of a call.
#[derive(Clone, Debug)]
pub struct CallArgs {
    /// The argument expressions.
    pub args: Vec<Expr>,
    /// How they were written.
    pub style: ArgsStyle,
    /// From the opening token (`(`, `{` or the string) to the closing one; `line` is the line of
    /// the opening token.
    pub span: Span,
}

/// A table constructor field.
#[derive(Clone, Debug)]
pub enum Field {
    /// A positional item `exp`.
    Positional(Expr),
    /// `name = exp`; the key is given as the name with its span.
    Named {
        /// The key.
        name: Name,
        /// Span of the key name.
        name_span: Span,
        /// The value.
        value: Expr,
    },
    /// `[key] = exp`.
    Keyed {
        /// The key expression.
        key: Expr,
        /// The value.
        value: Expr,
    },
}

/// A table constructor `{ fields }`.
#[derive(Clone, Debug)]
pub struct TableCons {
    /// The fields in source order.
    pub fields: Vec<Field>,
    /// Line of the closing `}`.
    pub close_line: u32,
}

/// An expression with its position (`span.line` is the line of its first token).
///
/// Left-associative chains (`a + b + c`, `t.a.b[1]:m()`, `f()()`) form *left spines*: each
/// node's [`Expr::spine_child`] is the chain's previous part. lua5.4 does not limit their length,
/// so spines can be millions of nodes long; `Drop`, `Clone` and the printers of this crate (and
/// every pass of the compiler) walk them with loops, and recurse only into the other children,
/// whose depth the parser bounds like lparser.c's `enterlevel`. `Debug` elides subtrees nested
/// deeper than [`DEBUG_MAX_DEPTH`] levels (use [`crate::pretty`] for a complete dump).
pub struct Expr {
    /// What the expression is.
    pub kind: ExprKind,
    /// Its extent; `line` is the line of its first token.
    pub span: Span,
}

/// Expression kinds.
#[derive(Clone, Debug)]
pub enum ExprKind {
    /// `nil`
    Nil,
    /// `true`
    True,
    /// `false`
    False,
    /// `...`
    Vararg,
    /// An integer numeral (already converted; hex numerals wrap modulo 2^64).
    Int(i64),
    /// A float numeral (decimal integers that overflow `i64` become floats).
    Float(f64),
    /// A string literal, escapes already processed.
    Str(Box<[u8]>),
    /// A function constructor `function (...) ... end`.
    Function(Box<FuncBody>),
    /// A table constructor.
    Table(Box<TableCons>),
    /// `lhs op rhs`.
    Binary {
        /// The operator.
        op: BinOp,
        /// Line of the operator token (luac's line for the arithmetic/comparison instruction).
        op_line: u32,
        /// Left operand.
        lhs: Box<Expr>,
        /// Right operand.
        rhs: Box<Expr>,
    },
    /// `op operand` (`span.line` is the operator's line).
    Unary {
        /// The operator.
        op: UnOp,
        /// The operand.
        operand: Box<Expr>,
    },
    /// `( exp )`: truncates multiple results to one and is not a valid call statement / target.
    Paren(Box<Expr>),
    /// A variable reference (local, upvalue or global: resolved by the compiler).
    Name(Name),
    /// `obj[key]` or `obj.name`. The key's own span gives the key line.
    Index {
        /// The indexed object.
        obj: Box<Expr>,
        /// The key.
        key: Box<Expr>,
        /// Whether written with `.` or `[]`.
        style: IndexStyle,
    },
    /// `func args`.
    Call {
        /// The called expression.
        func: Box<Expr>,
        /// The arguments (boxed: keeps [`Expr`] small, long call chains are common).
        args: Box<CallArgs>,
    },
    /// `obj:method args`.
    MethodCall {
        /// The receiver.
        obj: Box<Expr>,
        /// The method name.
        method: Name,
        /// Span of the method name.
        method_span: Span,
        /// The arguments (not including the receiver; boxed like [`ExprKind::Call`]'s).
        args: Box<CallArgs>,
    },
}

impl Expr {
    /// Whether this expression can produce multiple results (a call or `...`), i.e. lparser.c's
    /// `hasmultret` for the last item of a list.
    pub fn is_multi(&self) -> bool {
        matches!(
            self.kind,
            ExprKind::Call { .. } | ExprKind::MethodCall { .. } | ExprKind::Vararg
        )
    }
}

impl Expr {
    /// The child that continues a left-associative chain: the left operand of a binary
    /// operator, the object of an index or method call, the called expression of a call. `None`
    /// for every other kind (their children are nested, i.e. bounded by the parser's levels).
    pub fn spine_child(&self) -> Option<&Expr> {
        match &self.kind {
            ExprKind::Binary { lhs, .. } => Some(lhs),
            ExprKind::Index { obj, .. } | ExprKind::MethodCall { obj, .. } => Some(obj),
            ExprKind::Call { func, .. } => Some(func),
            _ => None,
        }
    }

    /// The left spine of this expression: the spine nodes from `self` (first) down to the
    /// innermost one (last), and the expression at the bottom of the spine (which has no
    /// [`Expr::spine_child`]). For an expression that is not a spine node, `(vec![], self)`.
    pub fn left_spine(&self) -> (Vec<&Expr>, &Expr) {
        let mut spine = Vec::new();
        let mut cur = self;
        while let Some(child) = cur.spine_child() {
            spine.push(cur);
            cur = child;
        }
        (spine, cur)
    }

    /// A copy of this spine node with `child` as its spine child (other children cloned).
    /// Only called on nodes whose [`Expr::spine_child`] is `Some`.
    fn clone_with_spine_child(&self, child: Expr) -> Expr {
        let kind = match &self.kind {
            ExprKind::Binary {
                op, op_line, rhs, ..
            } => ExprKind::Binary {
                op: *op,
                op_line: *op_line,
                lhs: Box::new(child),
                rhs: rhs.clone(),
            },
            ExprKind::Index { key, style, .. } => ExprKind::Index {
                obj: Box::new(child),
                key: key.clone(),
                style: *style,
            },
            ExprKind::MethodCall {
                method,
                method_span,
                args,
                ..
            } => ExprKind::MethodCall {
                obj: Box::new(child),
                method: method.clone(),
                method_span: *method_span,
                args: args.clone(),
            },
            ExprKind::Call { args, .. } => ExprKind::Call {
                func: Box::new(child),
                args: args.clone(),
            },
            other => other.clone(),
        };
        Expr {
            kind,
            span: self.span,
        }
    }
}

impl Clone for Expr {
    /// Clones the left spine with a loop (see [`Expr`]); other children recurse.
    fn clone(&self) -> Expr {
        let (spine, bottom) = self.left_spine();
        let mut acc = Expr {
            kind: bottom.kind.clone(),
            span: bottom.span,
        };
        for node in spine.iter().rev() {
            acc = node.clone_with_spine_child(acc);
        }
        acc
    }
}

/// Whether `kind` holds boxed sub-expressions (the kinds whose drop could recurse deeply).
fn has_boxed_children(kind: &ExprKind) -> bool {
    matches!(
        kind,
        ExprKind::Binary { .. }
            | ExprKind::Unary { .. }
            | ExprKind::Paren(_)
            | ExprKind::Index { .. }
            | ExprKind::Call { .. }
            | ExprKind::MethodCall { .. }
    )
}

/// Moves the boxed sub-expressions of `kind` out (leaving `Nil`): those that have boxed
/// children themselves go to `stack`, the others are dropped here (shallowly). Other parts
/// (argument lists) are dropped here too; they are nested, so their drop recursion is bounded.
fn detach_children(kind: &mut ExprKind, stack: &mut Vec<Expr>) {
    if !has_boxed_children(kind) {
        return;
    }
    let mut keep = |e: Box<Expr>| {
        if has_boxed_children(&e.kind) {
            stack.push(*e);
        }
    };
    match std::mem::replace(kind, ExprKind::Nil) {
        ExprKind::Binary { lhs, rhs, .. } => {
            keep(lhs);
            keep(rhs);
        }
        ExprKind::Unary { operand: e, .. } | ExprKind::Paren(e) => keep(e),
        ExprKind::Index { obj, key, .. } => {
            keep(obj);
            keep(key);
        }
        ExprKind::Call { func: e, .. } | ExprKind::MethodCall { obj: e, .. } => keep(e),
        _ => {}
    }
}

impl Drop for Expr {
    /// Drops sub-expressions from an explicit stack, so that dropping a spine of any length
    /// (or any unary/binary nesting) takes constant Rust stack.
    fn drop(&mut self) {
        if !has_boxed_children(&self.kind) {
            return;
        }
        let mut stack = Vec::new();
        detach_children(&mut self.kind, &mut stack);
        while let Some(mut e) = stack.pop() {
            detach_children(&mut e.kind, &mut stack);
            // `e` is dropped here: its boxed children are gone, so its own drop is shallow.
        }
    }
}

/// Nesting depth beyond which `Debug` for [`Expr`] prints `..` instead of the sub-expression.
pub const DEBUG_MAX_DEPTH: usize = 256;

thread_local! {
    static DEBUG_DEPTH: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

impl std::fmt::Debug for Expr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let depth = DEBUG_DEPTH.with(|d| d.get());
        if depth >= DEBUG_MAX_DEPTH {
            return f.write_str("..");
        }
        DEBUG_DEPTH.with(|d| d.set(depth + 1));
        let r = f
            .debug_struct("Expr")
            .field("kind", &self.kind)
            .field("span", &self.span)
            .finish();
        DEBUG_DEPTH.with(|d| d.set(depth));
        r
    }
}
