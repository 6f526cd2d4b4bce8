//! The `auto` allocator: picks an allocator per function so that compile time stays low for huge
//! generated functions and code is tight for ordinary ones.
//!
//! Role: a [`RegAlloc`] that delegates. The policy, from cheapest test to dearest:
//! 1. run LIFO (linear in the function's size, and the baseline every other allocator must
//!    beat);
//! 2. a huge function (more than [`Auto::huge_insts`] instructions or [`Auto::huge_vregs`]
//!    vregs — typically generated tables or straight-line code) gets linear scan, whose cost is
//!    near-linear, falling back to LIFO if it fails;
//! 3. every other function gets graph colouring ([`Coloring`]), which gives the smallest frames
//!    and coalesces copies; if its frame is not smaller than LIFO's and it saves no copy, LIFO's
//!    allocation is kept (luac-identical code and exact debug info).
//!
//! The thresholds come from measurements (see the coloring helper's report): on the test corpus
//! and benchmarks, colouring costs tens of microseconds per ordinary function, while its
//! interference graph grows with (live values × instructions) on long straight-line code.

use super::coloring::Coloring;
use super::lifo::Lifo;
use super::linear_scan::LinearScan;
use super::{AllocError, Allocation, RegAlloc};
use crate::ir::Function;

/// Which allocator `auto` used for a function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    /// LIFO (nothing better found).
    Lifo,
    /// Linear scan (huge function).
    Linear,
    /// Graph colouring.
    Coloring,
}

/// The per-function selector.
#[derive(Clone, Copy, Debug)]
pub struct Auto {
    /// Functions with more instructions than this use linear scan.
    pub huge_insts: usize,
    /// Functions with more vregs than this use linear scan.
    pub huge_vregs: u32,
}

impl Default for Auto {
    fn default() -> Self {
        Auto {
            huge_insts: 4000,
            huge_vregs: 3000,
        }
    }
}

impl Auto {
    /// Allocate `f` and say which allocator did it.
    pub fn allocate_with_choice(&self, f: &Function) -> Result<(Allocation, Choice), AllocError> {
        let lifo = Lifo.allocate(f)?;
        if f.insts.len() > self.huge_insts || f.num_vregs > self.huge_vregs {
            return match LinearScan.allocate(f) {
                Ok(a) if a.maxstacksize <= lifo.maxstacksize => Ok((a, Choice::Linear)),
                _ => Ok((lifo, Choice::Lifo)),
            };
        }
        let col = Coloring {
            verify: false,
            ..Coloring::default()
        };
        match col.allocate_with_stats(f) {
            Ok((a, st))
                if !a.lifo_levels
                    && (a.maxstacksize < lifo.maxstacksize
                        || (a.maxstacksize == lifo.maxstacksize && st.coalesced > 0)) =>
            {
                Ok((a, Choice::Coloring))
            }
            _ => Ok((lifo, Choice::Lifo)),
        }
    }
}

impl RegAlloc for Auto {
    fn name(&self) -> &'static str {
        "auto"
    }

    fn allocate(&self, f: &Function) -> Result<Allocation, AllocError> {
        self.allocate_with_choice(f).map(|(a, _)| a)
    }
}
