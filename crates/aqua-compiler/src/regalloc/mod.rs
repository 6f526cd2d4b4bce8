//! Register allocation: maps the IR's virtual registers onto the VM's register frame.
//!
//! Role: an allocator reads an [`ir::Function`] and returns a plain-data [`Allocation`]
//! (a register per vreg, MOVEs to insert, the frame size); it never mutates the IR. Every
//! allocation can be verified by [`checker::check`], which replays the code symbolically.
//!
//! Also: [`liveness`] (the dataflow other allocators build on, and an interference check) and
//! [`report`] (the `--regalloc-report` text).
//!
//! Allocators:
//! - [`lifo::Lifo`]: lua5.4's own `freereg` discipline, replayed from the builder's record
//!   ([`ir::Function::lifo`]); gives luac's registers exactly.
//! - [`linear_scan::LinearScan`]: liveness-based linear scan over rigid window clusters,
//!   coalescing the IR's copies into windows (see its docs).
//! - [`coloring::Coloring`]: graph colouring with conservative coalescing over the interference
//!   graph of [`interference`] (windows coloured as units, order constraints for calls and
//!   `CLOSE`s).
//! - [`auto::Auto`]: picks LIFO, linear scan or colouring per function.
//!
//! Non-LIFO allocations (`lifo_levels == false`) are emitted with `CLOSE` levels computed from
//! [`liveness::close_sets`] (`A = min reg(closes)`), value-less `RETURN`s at 0, self-`MOVE`s
//! dropped and local-variable records that carry their registers.

pub mod auto;
pub mod checker;
pub mod coloring;
pub mod interference;
pub mod lifo;
pub mod linear_scan;
pub mod liveness;
pub mod report;

use crate::ir::{self, InstId};
use aqua_bytecode::Reg;

/// A register-to-register copy inserted by the allocator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MoveAt {
    /// The copy executes right before this instruction (on every path reaching it).
    pub before: InstId,
    /// Source register.
    pub src: Reg,
    /// Destination register.
    pub dst: Reg,
}

/// The result of register allocation for one function.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Allocation {
    /// Register of each vreg (indexed by `VReg.0`); `None` for vregs never used.
    pub regs: Vec<Option<Reg>>,
    /// Moves to insert, sorted by position.
    pub moves: Vec<MoveAt>,
    /// Frame size (`maxstacksize`).
    pub maxstacksize: u8,
    /// Whether register levels recorded by the builder (`Inst::level`, for `CLOSE A` and
    /// value-less `RETURN A`) are valid register numbers under this allocation (true for LIFO).
    pub lifo_levels: bool,
}

impl Allocation {
    /// Register of a vreg.
    pub fn reg(&self, v: ir::VReg) -> Option<Reg> {
        self.regs.get(v.0 as usize).copied().flatten()
    }
}

/// Why an allocation failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AllocError {
    /// Lua-level message (e.g. `function or expression needs too many registers`).
    pub message: String,
}

/// The largest frame (`maxstacksize`): registers `R[0..MAX_FRAME)` (lua5.4's `MAXREGS`).
pub const MAX_FRAME: u32 = 255;

/// lua5.4's message for a frame that would need more than 255 registers (lcode.c's
/// `luaK_checkstack`), the one spelling every allocator and back end uses.
pub const TOO_MANY_REGISTERS: &str = "function or expression needs too many registers";

impl AllocError {
    /// The error of a frame past 255 registers ([`TOO_MANY_REGISTERS`]).
    pub fn too_many_registers() -> AllocError {
        AllocError {
            message: TOO_MANY_REGISTERS.to_string(),
        }
    }
}

/// A register allocator.
pub trait RegAlloc {
    /// Short name (for reports).
    fn name(&self) -> &'static str;
    /// Allocate registers for one function (nested functions are allocated separately).
    fn allocate(&self, f: &ir::Function) -> Result<Allocation, AllocError>;
    /// The lifetime policy whose intervals ([`liveness::allocation_intervals`]) this allocator
    /// allocates, if it works on intervals (the report shows those); `None`: raw liveness.
    fn lifetimes(&self) -> Option<liveness::Lifetimes> {
        None
    }
}
