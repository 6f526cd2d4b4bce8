//! IR optimisation passes, run on the IR before the non-LIFO register allocators.
//!
//! Role: the builder reproduces luac's code decision for decision, so the IR carries luac's
//! copies and loads. These passes remove the ones the semantics let us remove, so that the
//! liveness-based allocators (`regalloc::linear_scan`, `regalloc::coloring`) see fewer values:
//! - [`constprop`]: constant propagation over locals and temporaries loaded with numeric
//!   constants, folding arithmetic exactly where lcode.c would fold it (never where an operation
//!   could raise an error or call a metamethod), and turning known values stored into tables into
//!   `K` operands;
//! - [`copyprop`]: copy propagation (`MOVE d s`, later uses of `d` read `s` while neither changes);
//! - [`dce`]: removal of pure definitions nobody reads.
//!
//! Place in the pipeline: builder → **passes** (non-LIFO only) → allocator → checker → emit.
//! [`run_passes`] is never used for `Allocator::Lifo`: LIFO replays the builder's record
//! ([`ir::Function::lifo`]), which the passes do not update, and must reproduce luac exactly.
//!
//! Invariants every pass keeps (so that programs behave and fail exactly as without passes):
//! - **No metamethod is skipped and no error disappears or changes**: folding happens only on
//!   numbers with lcode.c's `validop` rules ([`crate::builder::fold_numbers`]); removed
//!   instructions are pure (loads, `MOVE`, `NOT`, `GETUPVAL`, `NEWTABLE`, `CLOSURE`).
//! - **Variable names in error messages stay the same.** `aqua_bytecode::debuginfo` names a
//!   register from the code (`local 'x'` when it holds an active local, else from the
//!   instruction that set it, following `MOVE`s). So a use of a *named local* is replaced only in
//!   operand positions that no lua5.4 message ever names ([`unnamed_use`]: values stored into
//!   tables or upvalues, operands of `EQ`/`LT`/`LE`/`TEST`/`TESTSET`/`NOT`, `RETURN1`); a use of
//!   an unnamed temporary, whose name lua5.4 takes from the copied value anyway, may be replaced
//!   anywhere.
//! - Window operands and open ranges (`Inst::win`/`wout`, `open_in`/`open_out`) are never
//!   rewritten (the allocators coalesce the copies into windows), and pinned vregs (captured or
//!   to-be-closed locals, which a call can change through an upvalue), locals captured by nested
//!   functions and `for`-loop state are never propagated, folded or removed
//!   ([`Info::protected`]).
//! - Positions (blocks, local-variable records, pinned scopes) are remapped when instructions
//!   are removed ([`compact`]); an instruction that follows a test or `LFALSESKIP` (which skip
//!   exactly one instruction) is never removed; blocks may become empty.
//!
//! Not preserved (documented limits of non-LIFO code): `debug.setlocal` on a local whose value
//! was propagated is not seen by the propagated uses, a local whose only definition was removed
//! is not listed by `debug.getlocal`, and line/count hooks see the removed instructions' lines
//! and counts no more.

pub mod constprop;
pub mod copyprop;
pub mod dce;

use crate::ir::{self, BlockId, Inst, Opnd, VReg};
use aqua_bytecode::OpCode;

/// What the passes changed (summed over nested functions by [`run_passes`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PassStats {
    /// Operands rewritten by copy propagation.
    pub copies_propagated: u32,
    /// Arithmetic/`NOT` instructions folded into constant loads.
    pub folded: u32,
    /// Register operands of table/upvalue stores turned into constants.
    pub constants_propagated: u32,
    /// Instructions removed (dead definitions and the `MMBIN*` of folded operations).
    pub removed: u32,
}

impl PassStats {
    fn add(&mut self, o: PassStats) {
        self.copies_propagated += o.copies_propagated;
        self.folded += o.folded;
        self.constants_propagated += o.constants_propagated;
        self.removed += o.removed;
    }
}

/// Options of [`run_passes_with`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PassOptions {
    /// Let [`dce`] remove dead definitions of *named* locals too (`local x = 1` never read, a
    /// store to a local never read again), not only of temporaries. Off by default: it is
    /// correct, but the non-LIFO allocators then coalesce more locals into shared registers, and
    /// their debug records do not yet always name such a register as lua5.4 would (on 600 random
    /// copy-heavy programs, messages differing from lua5.4 under linear scan: 18 without passes,
    /// 22 with the default passes, 29 with this on). On the script corpus it removes 378
    /// instructions instead of 99.
    pub remove_dead_locals: bool,
}

/// Runs every pass on `f` and on its nested functions (recursively), with the default
/// [`PassOptions`]. Call it on a copy of the builder's IR, before a non-LIFO allocator; never
/// before `regalloc::lifo::Lifo`.
pub fn run_passes(f: &mut ir::Function) -> PassStats {
    run_passes_with(f, &PassOptions::default())
}

/// [`run_passes`] with options.
pub fn run_passes_with(f: &mut ir::Function, opts: &PassOptions) -> PassStats {
    let mut stats = run_passes_here(f, opts);
    for child in &mut f.protos {
        stats.add(run_passes_with(child, opts));
    }
    stats
}

/// Runs every pass on `f` only (not on its nested functions).
pub fn run_passes_here(f: &mut ir::Function, opts: &PassOptions) -> PassStats {
    let mut stats = PassStats::default();
    for _ in 0..2 {
        let before = stats;
        stats.add(constprop::run(f));
        stats.add(copyprop::run(f));
        stats.add(dce::run(f, opts.remove_dead_locals));
        if stats == before {
            break;
        }
    }
    stats
}

/// Per-function facts the passes share.
pub(crate) struct Info {
    /// Vregs the passes never propagate, fold into or remove definitions of: pinned vregs,
    /// locals captured by nested functions, vregs a `CLOSE` closes and the state of `for` loops.
    pub protected: Vec<bool>,
    /// Vregs of named locals (in [`ir::Function::locals`]): their names appear in messages.
    pub named: Vec<bool>,
    /// Predecessors of each block.
    pub preds: Vec<Vec<BlockId>>,
    /// Successors of each block ([`ir::Function::successors`]).
    pub succs: Vec<Vec<BlockId>>,
    /// Vregs that occur in more than one block: only they need to be tracked across block
    /// boundaries by the forward analyses (which keeps their states small on long chains).
    pub global: Vec<bool>,
}

impl Info {
    pub(crate) fn new(f: &ir::Function) -> Info {
        let n = f.num_vregs as usize;
        let mut protected = vec![false; n];
        let mut mark = |v: VReg| {
            if let Some(p) = protected.get_mut(v.0 as usize) {
                *p = true;
            }
        };
        for p in &f.pinned {
            mark(p.vreg);
        }
        for child in &f.protos {
            for u in &child.upvalues {
                if let (true, Some(v)) = (u.instack, u.local) {
                    mark(v);
                }
            }
        }
        for i in &f.insts {
            if matches!(
                i.op,
                OpCode::ForPrep
                    | OpCode::ForLoop
                    | OpCode::TForPrep
                    | OpCode::TForCall
                    | OpCode::TForLoop
            ) {
                i.win.iter().chain(i.wout.iter()).for_each(|&v| mark(v));
            }
            i.closes.iter().for_each(|&v| mark(v));
        }
        let mut named = vec![false; n];
        for l in &f.locals {
            if let Some(x) = named.get_mut(l.vreg.0 as usize) {
                *x = true;
            }
        }
        let succs: Vec<Vec<BlockId>> = (0..f.blocks.len())
            .map(|b| f.successors(BlockId(b as u32)))
            .collect();
        let mut preds = vec![Vec::new(); f.blocks.len()];
        for (b, ss) in succs.iter().enumerate() {
            for s in ss {
                if let Some(p) = preds.get_mut(s.0 as usize) {
                    p.push(BlockId(b as u32));
                }
            }
        }
        const NONE: u32 = u32::MAX;
        let mut home = vec![NONE; n];
        let mut global = vec![false; n];
        for (b, blk) in f.blocks.iter().enumerate() {
            for i in f
                .insts
                .get(blk.start as usize..blk.end as usize)
                .unwrap_or(&[])
            {
                for v in i.uses().into_iter().chain(i.defs()) {
                    if let (Some(h), Some(g)) =
                        (home.get_mut(v.0 as usize), global.get_mut(v.0 as usize))
                    {
                        if *h == NONE {
                            *h = b as u32;
                        } else if *h != b as u32 {
                            *g = true;
                        }
                    }
                }
            }
        }
        Info {
            protected,
            named,
            preds,
            succs,
            global,
        }
    }

    pub(crate) fn is_protected(&self, v: VReg) -> bool {
        self.protected.get(v.0 as usize).copied().unwrap_or(true)
    }

    pub(crate) fn is_global(&self, v: VReg) -> bool {
        self.global.get(v.0 as usize).copied().unwrap_or(true)
    }

    pub(crate) fn is_named(&self, v: VReg) -> bool {
        self.named.get(v.0 as usize).copied().unwrap_or(true)
    }
}

/// An operand slot of an instruction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Slot {
    A,
    B,
    C,
}

/// Whether the register read in `slot` of an `op` instruction is never named by a lua5.4
/// message (ldebug.c's `varinfo`/`getobjname` never look at it): a value stored into a table or
/// an upvalue, a key stored with (`index is nil` has no name), operands of equality and order
/// comparisons (`attempt to compare two X values` has none) and of `TEST`/`TESTSET`/`NOT`, a
/// returned value. Everything else (indexed objects, keys of reads (`rname`), arithmetic
/// operands, copied values (`MOVE` passes its source's name on), called functions) may be named.
pub(crate) fn unnamed_use(op: OpCode, slot: Slot) -> bool {
    use OpCode::*;
    match slot {
        Slot::A => matches!(
            op,
            SetUpval | Eq | Lt | Le | EqK | EqI | LtI | LeI | GtI | GeI | Test | Return1
        ),
        Slot::B => matches!(op, SetTable | Eq | Lt | Le | TestSet | Not),
        Slot::C => matches!(op, SetTabUp | SetTable | SetI | SetField),
    }
}

/// Whether `op` reads operand A (rather than writing it).
pub(crate) fn reads_a(op: OpCode) -> bool {
    let mut i = Inst::new(op, 0);
    i.a = Opnd::R(VReg(0));
    !i.uses().is_empty()
}

/// Is `op` an `MMBIN`/`MMBINI`/`MMBINK` (which reads the previous instruction's operands)?
pub(crate) fn is_mmbin(op: OpCode) -> bool {
    matches!(op, OpCode::MmBin | OpCode::MmBinI | OpCode::MmBinK)
}

/// Whether instruction `p` may be removed without breaking a skip: the instruction before it
/// is neither a test (followed by its jump) nor `LFALSESKIP` (which skips exactly one
/// instruction), and it is not a block terminator.
pub(crate) fn removable_position(f: &ir::Function, p: usize) -> bool {
    let Some(i) = f.insts.get(p) else {
        return false;
    };
    if i.is_terminator() {
        return false;
    }
    match p.checked_sub(1).and_then(|q| f.insts.get(q)) {
        Some(prev) => !(prev.op.is_test() || prev.op == OpCode::LFalseSkip),
        None => true,
    }
}

/// Removes the instructions marked in `removed`, remapping every position-based field (blocks,
/// local-variable records, pinned scopes). Returns how many were removed.
pub(crate) fn compact(f: &mut ir::Function, removed: &[bool]) -> u32 {
    let n = f.insts.len();
    // new_pos[p] for p in 0..=n: the new position of old position p.
    let mut new_pos = Vec::with_capacity(n + 1);
    let mut k = 0u32;
    for p in 0..n {
        new_pos.push(k);
        if !removed.get(p).copied().unwrap_or(false) {
            k += 1;
        }
    }
    new_pos.push(k);
    let count = n as u32 - k;
    if count == 0 {
        return 0;
    }
    let map = |p: u32| -> u32 { new_pos.get(p as usize).copied().unwrap_or(k) };
    let old = std::mem::take(&mut f.insts);
    f.insts = old
        .into_iter()
        .enumerate()
        .filter(|(p, _)| !removed.get(*p).copied().unwrap_or(false))
        .map(|(_, i)| i)
        .collect();
    for b in &mut f.blocks {
        b.start = map(b.start);
        b.end = map(b.end);
    }
    for l in &mut f.locals {
        l.start = ir::InstId(map(l.start.0));
        l.end = ir::InstId(map(l.end.0));
    }
    for pin in &mut f.pinned {
        pin.start = ir::InstId(map(pin.start.0));
        pin.end = ir::InstId(map(pin.end.0));
    }
    count
}

/// Adds a numeric constant to `f` (reusing an identical one), returning its index.
pub(crate) fn number_constant(f: &mut ir::Function, n: crate::builder::Num) -> u32 {
    use crate::builder::Num;
    use aqua_bytecode::Constant;
    let found = f.constants.iter().position(|c| match (c, n) {
        (Constant::Int(a), Num::I(b)) => *a == b,
        (Constant::Float(a), Num::F(b)) => a.to_bits() == b.to_bits(),
        _ => false,
    });
    match found {
        Some(i) => i as u32,
        None => {
            f.constants.push(match n {
                Num::I(i) => Constant::Int(i),
                Num::F(x) => Constant::Float(x),
            });
            (f.constants.len() - 1) as u32
        }
    }
}

#[cfg(test)]
pub(crate) mod testutil {
    //! Helpers for the passes' unit tests: build IR from Lua source and check it.
    use crate::ir::Function;

    /// The main function's IR of `src`.
    pub fn ir(src: &str) -> Function {
        crate::compile_ir(src.as_bytes(), b"=t").expect("compiles")
    }

    /// Opcode names of `f`, in order.
    pub fn ops(f: &Function) -> Vec<String> {
        f.insts.iter().map(|i| format!("{:?}", i.op)).collect()
    }

    /// Allocates `f` (and its nested functions) with every non-LIFO allocator, checks the
    /// allocation and emits it; returns the listing of the linear-scan result.
    pub fn lower_all(f: &Function) -> String {
        use crate::regalloc::RegAlloc;
        let src: std::sync::Arc<[u8]> = std::sync::Arc::from(&b"=t"[..]);
        let ras: [&dyn RegAlloc; 2] = [
            &crate::regalloc::linear_scan::LinearScan,
            &crate::regalloc::coloring::Coloring::default(),
        ];
        let mut out = String::new();
        for ra in ras {
            let p =
                crate::lower(f, ra, true, &src).unwrap_or_else(|e| panic!("{}: {}", ra.name(), e));
            if out.is_empty() {
                out = aqua_bytecode::listing::list(&p, false);
            }
        }
        out
    }
}
