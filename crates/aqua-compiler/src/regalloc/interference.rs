//! The interference graph and the Lua-specific constraints of one function, as the graph-colouring
//! allocator ([`super::coloring`]) sees them.
//!
//! Role: reads an [`ir::Function`](crate::ir::Function) and the live intervals of
//! [`super::liveness`] (the same ones linear scan and emission use) and produces a [`Problem`]:
//! plain data, never the IR itself.
//! - **Interference** (`adj`): two vregs interfere iff their intervals overlap. The intervals are
//!   [`liveness::allocation_intervals`]: liveness (slot convention of `liveness`: an operand
//!   dying at an instruction may share a register with its result) plus the one lifetime policy
//!   shared with linear scan (named locals per [`Lifetimes`], pre-scope writes, numeric `for`
//!   state over the whole loop, captured / to-be-closed locals and generic-`for` closing values
//!   over their scope). Computed by one sweep over the ranges in slot order.
//! - **Windows** (`windows`): the consecutive operand groups of an instruction (`win` from the
//!   base, `wout` from the base plus `wout_off`), as `(vreg, offset)` lists: the allocator gives
//!   every member `base + offset` (it forms its units from the same facts through
//!   [`liveness::WindowGroups`], shared with linear scan).
//! - **Order constraints** (`below`): `reg(lo) < reg(hi) + k`. A call (or an open-result
//!   producer) clobbers every register at or above its base plus its clobber offset, so every vreg
//!   live across it must sit below; and a `CLOSE A` closes every open upvalue / to-be-closed
//!   variable at or above `A`, so each one it must close sits above every one it must leave open
//!   ([`liveness::close_sets`]; emission uses `A = min reg(closes)`). The GC safe points
//!   `NEWTABLE`/`CLOSURE`/`CONCAT`/`SETLIST A` ([`gc_point_base`]) likewise keep every live value
//!   at or below `A`: the collector only marks the stack below `A + 1`.
//! - **Copies** (`moves`): the IR's `MOVE`s, candidates for coalescing.
//! - `params` are fixed in `R[0..numparams)`; `tforcall` bases need `base + 7` frame slots.
//!
//! Invariants: every vreg that appears in an instruction, a pinned range or a parameter is
//! `used`; adjacency lists are sorted and free of duplicates and self-edges. Nothing here panics
//! on a malformed function: out-of-range vregs are ignored.

use super::liveness;
use super::liveness::Lifetimes;
use crate::ir::{Function, InstId, VReg};
use aqua_bytecode::OpCode;

/// `reg(lo) < reg(hi) + k`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Below {
    /// The vreg that must stay low.
    pub lo: VReg,
    /// The anchor (a window base, or a local a `CLOSE` closes).
    pub hi: VReg,
    /// Offset added to the anchor's register.
    pub k: i32,
}

/// One instruction's consecutive group: members with their offsets from the group base.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Window {
    /// The instruction.
    pub at: InstId,
    /// `(vreg, offset from base)`.
    pub members: Vec<(VReg, i32)>,
}

/// Everything the colouring allocator needs about one function.
#[derive(Clone, Debug)]
pub struct Problem {
    /// Number of vregs.
    pub n: u32,
    /// Interference adjacency per vreg (sorted, no duplicates).
    pub adj: Vec<Vec<VReg>>,
    /// Vregs that need a register.
    pub used: Vec<bool>,
    /// First position where each vreg appears (for colouring order).
    pub first: Vec<u32>,
    /// `MOVE dst src` copies: `(position, dst, src)`.
    pub moves: Vec<(InstId, VReg, VReg)>,
    /// Consecutive groups.
    pub windows: Vec<Window>,
    /// Order constraints.
    pub below: Vec<Below>,
    /// Parameters, fixed in `R[i]`.
    pub params: Vec<VReg>,
    /// Window bases of `TFORCALL`s (their first `win` vreg): the frame needs `reg + 7` slots.
    pub tforcall: Vec<VReg>,
    /// Per `CLOSE`: what it closes and keeps open (emission uses `A = min reg(closes)`).
    pub closes: Vec<liveness::CloseSet>,
    /// Largest number of vregs live at once (a lower bound on the frame).
    pub max_pressure: u32,
}

impl Problem {
    /// Do `a` and `b` interfere?
    pub fn interferes(&self, a: VReg, b: VReg) -> bool {
        self.adj
            .get(a.0 as usize)
            .is_some_and(|l| l.binary_search(&b).is_ok())
    }

    /// Number of interference edges.
    pub fn edges(&self) -> usize {
        self.adj.iter().map(|l| l.len()).sum::<usize>() / 2
    }
}

/// The base vreg of a GC safe point ([`liveness::gc_point_base`]).
pub use super::liveness::gc_point_base;

/// Build the colouring problem of `f` with [`Lifetimes::Faithful`] (`--alloc=coloring`).
pub fn build(f: &Function) -> Problem {
    build_with(f, Lifetimes::Faithful)
}

/// Build the colouring problem of `f`, giving named locals the chosen lifetimes (the intervals
/// come from [`liveness::allocation_intervals`], the same ones linear scan uses).
pub fn build_with(f: &Function, lifetimes: Lifetimes) -> Problem {
    let n = f.num_vregs;
    let nu = n as usize;
    let mut adj: Vec<Vec<VReg>> = vec![Vec::new(); nu];
    let mut used = vec![false; nu];
    let mut first = vec![u32::MAX; nu];
    let mut windows = Vec::new();
    let mut moves = Vec::new();
    let mut below = Vec::new();
    let mut tforcall = Vec::new();
    let mut mark = |v: VReg, p: usize, used: &mut Vec<bool>| {
        if let Some(u) = used.get_mut(v.0 as usize) {
            *u = true;
        }
        if let Some(fp) = first.get_mut(v.0 as usize) {
            *fp = (*fp).min(p as u32);
        }
    };
    for &v in &f.params {
        mark(v, 0, &mut used);
    }
    for pin in &f.pinned {
        mark(pin.vreg, pin.start.0 as usize, &mut used);
    }
    for (p, i) in f.insts.iter().enumerate() {
        for v in i
            .uses()
            .into_iter()
            .chain(i.defs())
            .chain(i.closes.iter().copied())
        {
            mark(v, p, &mut used);
        }
        if !i.win.is_empty() || !i.wout.is_empty() {
            let mut members: Vec<(VReg, i32)> = Vec::new();
            for (k, &v) in i.win.iter().enumerate() {
                members.push((v, k as i32));
            }
            for (k, &v) in i.wout.iter().enumerate() {
                members.push((v, k as i32 + i.wout_off as i32));
            }
            windows.push(Window {
                at: InstId(p as u32),
                members,
            });
        }
        if i.op == OpCode::Move {
            if let (Some(d), Some(s)) = (i.a.reg(), i.b.reg()) {
                moves.push((InstId(p as u32), d, s));
            }
        }
        if i.op == OpCode::TForCall {
            if let Some(&b) = i.win.first() {
                tforcall.push(b);
            }
        }
    }
    // The one lifetime policy (named locals, pre-scope writes, `for` state): see
    // `liveness::allocation_intervals`. Contradictory windows cannot be coloured anyway (the
    // units fail to form): raw liveness is enough then.
    let iv = match liveness::allocation_intervals(f, lifetimes) {
        Ok((iv, _)) => iv,
        Err(_) => liveness::build_intervals(f, &liveness::compute(f)),
    };
    // Calls (and open-result producers, which write up to the new top) clobber their window
    // from the base plus an offset: `(def slot, base vreg, k, defs)`.
    let mut clobbers: Vec<(u32, VReg, i32, Vec<VReg>)> = Vec::new();
    for (p, i) in f.insts.iter().enumerate() {
        let off = i.clobber_base().or(if i.open_out { Some(0) } else { None });
        if let (Some(off), Some(&base)) = (off, i.win.first().or(i.wout.first())) {
            let k = off as i32
                - if i.win.is_empty() {
                    i.wout_off as i32
                } else {
                    0
                };
            clobbers.push((liveness::def_slot(InstId(p as u32)), base, k, i.defs()));
        } else if let Some(base) = gc_point_base(i) {
            // A GC safe point (lgc.c's `checkGC(L, ra + 1)`): the collector marks only the
            // registers below A + 1 (and clears the rest), so everything live must sit there.
            clobbers.push((liveness::def_slot(InstId(p as u32)), base, 1, i.defs()));
        }
    }
    // Sweep the live ranges in slot order: a range that starts interferes with every range
    // still active; a clobber at slot `s` sees the ranges covering `s`.
    let mut ranges: Vec<(u32, u32, VReg)> = Vec::new();
    for itv in &iv.by_vreg {
        let v = itv.vreg;
        if !used.get(v.0 as usize).copied().unwrap_or(false) {
            continue;
        }
        for r in &itv.ranges {
            ranges.push((r.start, r.end, v));
        }
    }
    ranges.sort_unstable_by_key(|r| (r.0, r.2));
    let mut active: Vec<(u32, VReg)> = Vec::new();
    let mut ci = 0usize;
    let mut ri = 0usize;
    loop {
        let next_r = ranges.get(ri).map(|r| r.0);
        let next_c = clobbers.get(ci).map(|c| c.0);
        let slot = match (next_r, next_c) {
            (None, None) => break,
            (Some(a), Some(b)) => a.min(b),
            (Some(a), None) => a,
            (None, Some(b)) => b,
        };
        active.retain(|&(e, _)| e > slot);
        while let Some(&(s, e, v)) = ranges.get(ri) {
            if s != slot {
                break;
            }
            for &(_, w) in &active {
                if w != v {
                    adj[v.0 as usize].push(w);
                    adj[w.0 as usize].push(v);
                }
            }
            active.push((e, v));
            ri += 1;
        }
        while let Some((s, base, k, defs)) = clobbers.get(ci) {
            if *s != slot {
                break;
            }
            for &(_, v) in &active {
                if !defs.contains(&v) {
                    below.push(Below {
                        lo: v,
                        hi: *base,
                        k: *k,
                    });
                }
            }
            ci += 1;
        }
    }
    for l in adj.iter_mut() {
        l.sort_unstable();
        l.dedup();
    }
    let closes = liveness::close_sets(f);
    for c in &closes {
        for &o in &c.open_others {
            for &s in &c.closes {
                below.push(Below { lo: o, hi: s, k: 0 });
            }
        }
    }
    below.sort_unstable_by_key(|b| (b.lo, b.hi, b.k));
    below.dedup();
    Problem {
        n,
        adj,
        used,
        first,
        moves,
        windows,
        below,
        params: f.params.clone(),
        tforcall,
        closes,
        max_pressure: iv.max_pressure,
    }
}
