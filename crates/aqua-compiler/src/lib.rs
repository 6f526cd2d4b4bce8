//! aqua-compiler: Lua 5.4 source → Lua 5.4 bytecode ([`aqua_bytecode::Proto`]).
//!
//! Pipeline: `aqua_syntax::parse` → `builder` (AST → [`ir`], following lcode.c/lparser.c
//! decision for decision) → a register allocator behind [`regalloc::RegAlloc`] (LIFO by
//! default; verified by [`regalloc::checker`] in debug builds) → [`emit`] (IR + allocation →
//! `Proto`). With the LIFO allocator the output matches `luac5.4 -l -l` for the same source.
//!
//! Errors are [`CompileError`]s carrying lua5.4's message text; [`CompileError::to_lua_message`]
//! adds the `chunkid:line:` prefix exactly as lua5.4 prints it. No input makes the compiler
//! panic: limits (registers, locals, upvalues, constants, jump lengths) are errors.

mod builder;
pub mod emit;
pub mod emit_stack;
pub mod ir;
mod near;
pub mod passes;
pub mod regalloc;

use aqua_bytecode::Proto;
pub use emit_stack::Target;
use regalloc::RegAlloc;
use std::sync::Arc;

/// A compile-time error (syntax or semantic), as lua5.4 reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompileError {
    /// The line lua5.4 reports.
    pub line: u32,
    /// The message without the `chunkid:line: ` prefix.
    pub message: Vec<u8>,
}

impl CompileError {
    /// `chunkid:line: message`, exactly as lua5.4 formats it (line 0: the bare message, as
    /// lua5.4 reports `C stack overflow`).
    pub fn to_lua_message(&self, chunkname: &[u8]) -> Vec<u8> {
        if self.line == 0 {
            return self.message.clone();
        }
        let mut m = aqua_bytecode::chunkid(chunkname);
        m.extend_from_slice(format!(":{}: ", self.line).as_bytes());
        m.extend_from_slice(&self.message);
        m
    }
}

impl std::fmt::Display for CompileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {}",
            self.line,
            String::from_utf8_lossy(&self.message)
        )
    }
}

impl std::error::Error for CompileError {}

impl From<aqua_syntax::SyntaxError> for CompileError {
    fn from(e: aqua_syntax::SyntaxError) -> Self {
        CompileError {
            line: e.line,
            message: e.message,
        }
    }
}

/// Which register allocator to use.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Allocator {
    /// lua5.4's LIFO discipline (luac-identical output).
    #[default]
    Lifo,
    /// Liveness-based linear scan ([`regalloc::linear_scan`]) with lua5.4's local lifetimes.
    Linear,
    /// Linear scan with pure-liveness local lifetimes (smaller frames; objects held only by
    /// dead locals may be finalized earlier than in lua5.4).
    LinearLive,
    /// Graph colouring with coalescing ([`regalloc::coloring`]) with lua5.4's local lifetimes.
    Coloring,
    /// Graph colouring with pure-liveness local lifetimes (smallest frames; objects held only by
    /// dead locals may be finalized earlier than in lua5.4).
    ColoringLive,
    /// Per-function choice of LIFO, linear scan or colouring ([`regalloc::auto`]).
    Auto,
}

impl Allocator {
    /// Every allocator, the baseline first.
    pub const ALL: [Allocator; 6] = [
        Allocator::Lifo,
        Allocator::Linear,
        Allocator::LinearLive,
        Allocator::Coloring,
        Allocator::ColoringLive,
        Allocator::Auto,
    ];

    /// The allocator's name as the CLI spells it (`--alloc=NAME`).
    pub fn name(self) -> &'static str {
        match self {
            Allocator::Lifo => "lifo",
            Allocator::Linear => "linear",
            Allocator::LinearLive => "linear-live",
            Allocator::Coloring => "coloring",
            Allocator::ColoringLive => "coloring-live",
            Allocator::Auto => "auto",
        }
    }

    /// Parse a CLI name.
    pub fn from_name(s: &str) -> Option<Allocator> {
        Allocator::ALL.into_iter().find(|a| a.name() == s)
    }
}

/// Compilation options.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// The register allocator.
    pub allocator: Allocator,
    /// Run the allocation checker on every function (default: on in debug builds).
    pub check: bool,
    /// The back end (register bytecode, or register + stack bytecode: [`emit_stack`]).
    pub target: Target,
    /// Run the IR passes ([`passes::run_passes`]: constant and copy propagation, dead code)
    /// before a linear-scan or colouring allocator (never before LIFO, whose replay they would
    /// invalidate, nor `auto`, which starts from LIFO).
    pub passes: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            allocator: Allocator::Lifo,
            check: cfg!(debug_assertions),
            target: Target::Register,
            passes: false,
        }
    }
}

impl Options {
    /// These options with register allocator `allocator`
    /// (`Options::default().with_allocator(Allocator::Coloring)`).
    pub fn with_allocator(self, allocator: Allocator) -> Self {
        Options { allocator, ..self }
    }

    /// These options with back end `target`.
    pub fn with_target(self, target: Target) -> Self {
        Options { target, ..self }
    }

    /// These options with the IR passes on or off.
    pub fn with_passes(self, passes: bool) -> Self {
        Options { passes, ..self }
    }

    /// These options with the allocation checker on or off.
    pub fn with_check(self, check: bool) -> Self {
        Options { check, ..self }
    }
}

/// Parse and compile a chunk with the default options.
pub fn compile(source: &[u8], chunkname: &[u8]) -> Result<Proto, CompileError> {
    compile_with(source, chunkname, &Options::default())
}

/// Parse and compile a chunk, as `luac` or `lua script.lua` parse it (nesting level
/// [`aqua_syntax::parser::BASE_LEVEL`]).
pub fn compile_with(
    source: &[u8],
    chunkname: &[u8],
    opts: &Options,
) -> Result<Proto, CompileError> {
    compile_at(source, chunkname, opts, aqua_syntax::parser::BASE_LEVEL)
}

/// Parse and compile a chunk when `c_calls` nested C calls are already active (lua's `nCcalls`
/// at `lua_load`): the parser's nesting limit (`C stack overflow`) counts them, as lua5.4's does,
/// so `load` deep inside calls refuses less nesting than a main script.
pub fn compile_at(
    source: &[u8],
    chunkname: &[u8],
    opts: &Options,
    c_calls: u32,
) -> Result<Proto, CompileError> {
    let f = compile_ir_at(source, chunkname, c_calls)?;
    let src: Arc<[u8]> = Arc::from(chunkname);
    if opts.target == Target::Stack {
        // register code from LIFO, with the stack code attached
        let mut p = lower(&f, &regalloc::lifo::Lifo, opts.check, &src)?;
        emit_stack::attach(&f, &mut p)?;
        return Ok(p);
    }
    let ra = allocator_impl(opts.allocator);
    if opts.passes
        && matches!(
            opts.allocator,
            Allocator::Linear
                | Allocator::LinearLive
                | Allocator::Coloring
                | Allocator::ColoringLive
        )
    {
        let mut g = f;
        passes::run_passes(&mut g);
        // After the passes LIFO's replay is no longer valid: a function linear scan cannot
        // allocate sends the whole chunk back to the unoptimised IR.
        match lower_inner(&g, ra.as_ref(), opts.check, &src, false) {
            Ok(p) => return Ok(p),
            Err(_) => {
                let f = compile_ir_at(source, chunkname, c_calls)?;
                return lower(&f, ra.as_ref(), opts.check, &src);
            }
        }
    }
    lower(&f, ra.as_ref(), opts.check, &src)
}

/// Parse and build the IR of a chunk (main function, nested functions inside).
pub fn compile_ir(source: &[u8], chunkname: &[u8]) -> Result<ir::Function, CompileError> {
    compile_ir_at(source, chunkname, aqua_syntax::parser::BASE_LEVEL)
}

/// [`compile_ir`] with `c_calls` nested C calls already active (see [`compile_at`]).
pub fn compile_ir_at(
    source: &[u8],
    chunkname: &[u8],
    c_calls: u32,
) -> Result<ir::Function, CompileError> {
    with_big_stack(source, || {
        let chunk = aqua_syntax::parse_with_c_calls(source, chunkname, c_calls)?;
        builder::compile_chunk(&chunk, source)
    })
}

/// Stack size for compiling deeply nested sources (lua5.4 allows ~200 nesting levels; the
/// recursive lowering needs up to a few tens of KB per level in debug builds).
const BIG_STACK: usize = 256 << 20;

/// A cheap upper bound on the nesting depth of `source`: the number of bytes and keywords that
/// can open a nesting level.
fn nesting_bound(source: &[u8]) -> usize {
    let mut n = 0usize;
    let mut i = 0usize;
    while i < source.len() {
        let c = source[i];
        if c.is_ascii_alphabetic() || c == b'_' {
            let start = i;
            while i < source.len() && (source[i].is_ascii_alphanumeric() || source[i] == b'_') {
                i += 1;
            }
            if matches!(
                &source[start..i],
                b"do" | b"then" | b"else" | b"function" | b"repeat" | b"not" | b"local"
            ) {
                n += 1;
            }
            continue;
        }
        if matches!(
            c,
            b'(' | b'{' | b'[' | b'-' | b'~' | b'#' | b'^' | b'.' | b'=' | b','
        ) {
            n += 1;
        }
        i += 1;
    }
    n
}

/// Run `f` on a thread with a large stack when the source may nest deeply (the parser bounds
/// nesting like lua5.4, but the recursive compiler must not overflow the caller's stack).
fn with_big_stack<T: Send>(source: &[u8], f: impl FnOnce() -> T + Send) -> T {
    if nesting_bound(source) <= 48 {
        return f();
    }
    let mut f = Some(f);
    let slot = &mut f;
    let res = std::thread::scope(|s| {
        let spawned = std::thread::Builder::new()
            .stack_size(BIG_STACK)
            .spawn_scoped(s, move || slot.take().map(|f| f()));
        match spawned {
            Ok(h) => match h.join() {
                Ok(r) => Ok(r),
                Err(payload) => Err(payload),
            },
            Err(_) => Ok(None),
        }
    });
    match res {
        Ok(Some(r)) => r,
        Ok(None) => match f {
            // Could not spawn a thread (e.g. no threads on this target): compile here.
            Some(f) => f(),
            None => std::process::abort(),
        },
        Err(payload) => std::panic::resume_unwind(payload),
    }
}

/// The register-allocation report of a chunk (see [`regalloc::report`]).
pub fn regalloc_report(
    source: &[u8],
    chunkname: &[u8],
    allocator: Allocator,
) -> Result<String, CompileError> {
    let f = compile_ir(source, chunkname)?;
    let ra = allocator_impl(allocator);
    Ok(regalloc::report::report_tree(&f, ra.as_ref()))
}

/// The allocator behind an [`Allocator`] choice.
pub fn allocator_impl(a: Allocator) -> Box<dyn RegAlloc> {
    match a {
        Allocator::Lifo => Box::new(regalloc::lifo::Lifo),
        Allocator::Linear => Box::new(regalloc::linear_scan::LinearScan),
        Allocator::LinearLive => Box::new(regalloc::linear_scan::LinearScanLive),
        Allocator::Coloring => Box::new(regalloc::coloring::Coloring::default()),
        Allocator::ColoringLive => Box::new(regalloc::coloring::Coloring {
            lifetimes: regalloc::linear_scan::Lifetimes::Live,
            ..Default::default()
        }),
        Allocator::Auto => Box::new(regalloc::auto::Auto::default()),
    }
}

/// The register-allocation report of a chunk as a self-contained HTML page (see
/// [`regalloc::report::report_html`]).
pub fn regalloc_report_html(
    source: &[u8],
    chunkname: &[u8],
    allocator: Allocator,
) -> Result<String, CompileError> {
    let f = compile_ir(source, chunkname)?;
    let ra = allocator_impl(allocator);
    let title = String::from_utf8_lossy(&aqua_bytecode::chunkid(chunkname)).into_owned();
    Ok(regalloc::report::report_html(&f, ra.as_ref(), &title))
}

/// Allocate one function with `ra`. A non-LIFO allocator that cannot allocate (a window it
/// cannot place, the 255-register limit) falls back to LIFO, which reports lua5.4's errors where
/// lua5.4 does. Returns the allocation and the name of the allocator that made it.
fn allocate_one(
    f: &ir::Function,
    ra: &dyn RegAlloc,
    fallback: bool,
) -> Result<(regalloc::Allocation, &'static str), CompileError> {
    let lifo = regalloc::lifo::Lifo;
    let to_err = |e: regalloc::AllocError| CompileError {
        line: f.linedefined,
        message: e.message.into_bytes(),
    };
    match ra.allocate(f) {
        Ok(a) => Ok((a, ra.name())),
        Err(e) if fallback && ra.name() != lifo.name() => {
            if std::env::var_os("AQUA_REGALLOC_DEBUG").is_some() {
                eprintln!(
                    "regalloc: {} failed on function <{},{}> ({}), falling back to lifo",
                    ra.name(),
                    f.linedefined,
                    f.lastlinedefined,
                    e.message
                );
            }
            lifo.allocate(f).map(|a| (a, lifo.name())).map_err(to_err)
        }
        Err(e) => Err(to_err(e)),
    }
}

/// Allocate, check and emit a function and its nested functions with allocator `ra`.
pub fn lower(
    f: &ir::Function,
    ra: &dyn RegAlloc,
    check: bool,
    source: &Arc<[u8]>,
) -> Result<Proto, CompileError> {
    lower_inner(f, ra, check, source, true)
}

/// [`lower`]; `fallback`: a non-LIFO allocator that fails falls back to LIFO (only valid on IR
/// the passes did not touch).
fn lower_inner(
    f: &ir::Function,
    ra: &dyn RegAlloc,
    check: bool,
    source: &Arc<[u8]>,
    fallback: bool,
) -> Result<Proto, CompileError> {
    let (alloc, ra_name) = allocate_one(f, ra, fallback)?;
    if check {
        regalloc::checker::check(f, &alloc).map_err(|e| CompileError {
            line: f.linedefined,
            message: format!(
                "internal compiler error: register allocation ({}) rejected: {e}",
                ra_name
            )
            .into_bytes(),
        })?;
    }
    let mut protos = Vec::with_capacity(f.protos.len());
    for child in &f.protos {
        let mut p = lower_inner(child, ra, check, source, fallback)?;
        // Upvalues that are locals of `f` refer to their final registers.
        for (desc, info) in p.upvalues.iter_mut().zip(child.upvalues.iter()) {
            if info.instack {
                if let Some(v) = info.local {
                    if let Some(r) = alloc.reg(v) {
                        desc.idx = r.0;
                    }
                }
            }
        }
        protos.push(p);
    }
    emit::emit(f, &alloc, source, protos)
}
