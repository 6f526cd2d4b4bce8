//! Liveness of virtual registers over the IR (backward dataflow on the blocks).
//!
//! Role: the analysis other allocators (linear scan, colouring) build their intervals and
//! interference on, and a witness that the IR is honest: every value flow is visible as uses,
//! defs and pinned ranges. Conventions (see `ir`):
//! - `MMBIN*` operands are already uses of the arithmetic instruction they complete, so their own
//!   uses are ignored (the arithmetic's destination may share an operand's register);
//! - a `CLOSURE` reads the locals it captures ([`for_each_capture`]): the upvalue points at their
//!   registers, which must hold their values then (the one read function is [`for_each_read`]);
//! - a `TESTSET` writes its destination only on the jump edge: its def does not kill;
//! - pinned locals (captured / to-be-closed) are live over their whole scope: an *overlay* on
//!   the dataflow ([`build_intervals`] adds their scope ranges, [`walk_block`] their scope), not
//!   part of the block sets. Feeding them into the dataflow would make a local that a `goto`
//!   jumps over (`if c then goto done end local w ...`) live, undefined, back to the function
//!   entry along that path.
//!
//! On top of the per-block sets it builds **live intervals** ([`build_intervals`]): each
//! instruction `p` has two *slots*, its reads at [`use_slot`]`(p) = 2p` and its writes at
//! [`def_slot`]`(p) = 2p + 1`; an [`Interval`] is a sorted list of half-open slot ranges (with
//! holes) plus the use and def slots. A vreg read for the last time at `p` and a vreg written at
//! `p` do not overlap, so they may share a register (the destination of an instruction may be one
//! of its dying operands, a `MOVE` between them can be coalesced). Two vregs interfere iff their
//! intervals overlap. [`solid_in_scope`] fills a named local's holes inside its scope, so that
//! emission can describe it by one debug record `[start, last live point]`.
//!
//! And the facts about closing upvalues that every non-LIFO allocator must respect:
//! [`tbc_like`] (locals whose register an open upvalue or a to-be-closed entry may point at) and
//! [`close_sets`] (what each `CLOSE` must close, as lua5.4's LIFO `CLOSE level` would).

use crate::ir::{BlockId, Function, Inst, InstId, Pinned, VReg};
use aqua_bytecode::OpCode;

/// A set of vregs, as a sorted vector: live sets are small (a LIFO allocation exists, so at most
/// about 255 vregs are live at once), so this beats a bit vector per block on big functions.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct VSet {
    items: Vec<u32>,
}

impl VSet {
    /// An empty set (for vregs below `n`; the bound is only a hint).
    pub fn new(_n: u32) -> VSet {
        VSet { items: Vec::new() }
    }
    /// Insert.
    pub fn insert(&mut self, v: VReg) {
        if let Err(i) = self.items.binary_search(&v.0) {
            self.items.insert(i, v.0);
        }
    }
    /// Remove.
    pub fn remove(&mut self, v: VReg) {
        if let Ok(i) = self.items.binary_search(&v.0) {
            self.items.remove(i);
        }
    }
    /// Membership.
    pub fn contains(&self, v: VReg) -> bool {
        self.items.binary_search(&v.0).is_ok()
    }
    /// Number of members.
    pub fn len(&self) -> usize {
        self.items.len()
    }
    /// Is the set empty?
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
    /// `self |= other`; returns whether `self` changed.
    pub fn union_with(&mut self, other: &VSet) -> bool {
        if other.items.is_empty() {
            return false;
        }
        let mut out = Vec::with_capacity(self.items.len() + other.items.len());
        let (a, b) = (&self.items, &other.items);
        let (mut i, mut j) = (0, 0);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => {
                    out.push(a[i]);
                    i += 1;
                }
                std::cmp::Ordering::Greater => {
                    out.push(b[j]);
                    j += 1;
                }
                std::cmp::Ordering::Equal => {
                    out.push(a[i]);
                    i += 1;
                    j += 1;
                }
            }
        }
        out.extend_from_slice(&a[i..]);
        out.extend_from_slice(&b[j..]);
        let changed = out.len() != self.items.len();
        self.items = out;
        changed
    }
    /// `self` minus `other`.
    pub fn minus(&self, other: &VSet) -> VSet {
        if other.items.is_empty() {
            return self.clone();
        }
        let mut out = Vec::with_capacity(self.items.len());
        let mut j = 0;
        for &x in &self.items {
            while j < other.items.len() && other.items[j] < x {
                j += 1;
            }
            if other.items.get(j) != Some(&x) {
                out.push(x);
            }
        }
        VSet { items: out }
    }
    /// The members, in increasing order.
    pub fn iter(&self) -> impl Iterator<Item = VReg> + '_ {
        self.items.iter().map(|&v| VReg(v))
    }
}

/// Call `g` on every register `i` reads ([`Inst::uses`] without allocating).
#[inline]
pub fn for_each_use(i: &Inst, mut g: impl FnMut(VReg)) {
    if !a_is_def(i) {
        if let crate::ir::Opnd::R(v) = i.a {
            g(v);
        }
    }
    if let crate::ir::Opnd::R(v) = i.b {
        g(v);
    }
    if let crate::ir::Opnd::R(v) = i.c {
        g(v);
    }
    for &v in &i.win {
        g(v);
    }
}

/// Call `g` on every register `i` writes ([`Inst::defs`] without allocating).
#[inline]
pub fn for_each_def(i: &Inst, mut g: impl FnMut(VReg)) {
    if a_is_def(i) {
        if let crate::ir::Opnd::R(v) = i.a {
            g(v);
        }
    }
    for &v in &i.wout {
        g(v);
    }
}

/// The registers of the enclosing frame that a `CLOSURE` captures (its prototype's `instack`
/// upvalues), except its own destination: `local function f` captures `f`'s register and then
/// writes the closure into it, so that capture is not a read.
///
/// The capture *is* a read of every other captured local: the new closure's upvalue points at
/// the local's register, so the local's current value must be there when `CLOSURE` runs.
/// Dataflow ([`for_each_read`]) and the checker treat it so; without it, a local assigned before
/// its scope starts (`local a, b = x, y` writes both, then opens both scopes) looks dead between
/// its definition and the `CLOSURE`, and another value may take its register.
pub fn for_each_capture(f: &Function, i: &Inst, mut g: impl FnMut(VReg)) {
    if i.op != OpCode::Closure {
        return;
    }
    let crate::ir::Opnd::Proto(px) = i.b else {
        return;
    };
    let Some(child) = f.protos.get(px.0 as usize) else {
        return;
    };
    let dest = i.a.reg();
    for u in &child.upvalues {
        if let (true, Some(v)) = (u.instack, u.local) {
            if Some(v) != dest {
                g(v);
            }
        }
    }
}

/// Call `g` on every vreg `i` reads in the dataflow sense: its operands ([`for_each_use`]) and
/// the locals a `CLOSURE` captures ([`for_each_capture`]). Every liveness computation uses this
/// one (`MMBIN*` excepted by the callers: their operands are read by the arithmetic before them).
#[inline]
pub fn for_each_read(f: &Function, i: &Inst, mut g: impl FnMut(VReg)) {
    for_each_use(i, &mut g);
    for_each_capture(f, i, g);
}

/// The register `A` of an instruction that is a GC safe point assuming everything live is at or
/// below `A`: `NEWTABLE`, `CLOSURE`, `CONCAT`, `SETLIST` (the VM runs the collector with the stack
/// top at `A + 1`, as lvm.c's `checkGC(L, ra + 1)`; lgc.c marks the stack below the top only and
/// clears the rest). Every allocator must keep the values live across such an instruction at or
/// below `A` (its destination or window base); LIFO does by construction (lcode.c puts them at
/// `freereg`), the others by an order constraint, and the checker verifies it.
pub fn gc_point_base(i: &Inst) -> Option<VReg> {
    match i.op {
        OpCode::NewTable | OpCode::Closure => i.a.reg(),
        OpCode::Concat | OpCode::SetList => i.win.first().copied(),
        _ => None,
    }
}

/// Is operand A written (lopcodes' `testAMode`, as [`Inst::defs`] decides)?
#[inline]
fn a_is_def(i: &Inst) -> bool {
    i.op.sets_a()
}

/// Reads of an instruction for liveness purposes ([`for_each_read`]; none for `MMBIN*`).
pub fn live_uses(f: &Function, i: &Inst) -> Vec<VReg> {
    let mut out = Vec::new();
    if !i.op.is_mm() {
        for_each_read(f, i, |v| out.push(v));
    }
    out
}

/// Defs that kill liveness.
pub fn killing_defs(i: &Inst) -> Vec<VReg> {
    if i.op == OpCode::TestSet {
        Vec::new()
    } else {
        i.defs()
    }
}

/// Live-out of block `b` (union of the successors' live-in).
fn block_out(succs: &[Vec<BlockId>], live_in: &[VSet], b: usize, n: u32) -> VSet {
    let mut out = VSet::new(n);
    for s in succs.get(b).map(|v| v.as_slice()).unwrap_or(&[]) {
        if let Some(li) = live_in.get(s.0 as usize) {
            out.union_with(li);
        }
    }
    out
}

/// For a `TESTSET` at `p` (followed by its `JMP`, ending block `b`): the set live right after the
/// TESTSET's write, i.e. (live-in of the jump target minus the destination) plus live-in of the
/// fall-through block; the caller then applies the TESTSET's uses.
fn testset_edge(
    f: &Function,
    succs: &[Vec<BlockId>],
    live_in: &[VSet],
    b: usize,
    p: usize,
    n: u32,
) -> Option<VSet> {
    let i = f.insts.get(p)?;
    if i.op != OpCode::TestSet {
        return None;
    }
    let j = f.insts.get(p + 1)?;
    let target = j.target?;
    let mut cur = live_in
        .get(target.0 as usize)
        .cloned()
        .unwrap_or_else(|| VSet::new(n));
    for d in i.defs() {
        cur.remove(d);
    }
    for s in succs.get(b).map(|v| v.as_slice()).unwrap_or(&[]) {
        if *s != target {
            if let Some(li) = live_in.get(s.0 as usize) {
                cur.union_with(li);
            }
        }
    }
    Some(cur)
}

/// Liveness result: live-in/live-out per block (per-instruction sets come from [`walk_block`]);
/// pure dataflow of reads and writes (pinned scopes are an overlay, see the module docs).
#[derive(Clone, Debug)]
pub struct Liveness {
    /// Live at each block entry.
    pub live_in: Vec<VSet>,
    /// Live at each block exit.
    pub live_out: Vec<VSet>,
    /// Successors of each block.
    pub succs: Vec<Vec<BlockId>>,
}

/// Compute liveness for `f`: a worklist over the blocks (in reverse order first, then the
/// predecessors of every block whose live-in changed), run to the fixed point (it terminates:
/// the sets only grow, and each block's live-in can change at most once per vreg).
pub fn compute(f: &Function) -> Liveness {
    let nb = f.blocks.len();
    let n = f.num_vregs;
    let succs: Vec<Vec<BlockId>> = (0..nb).map(|b| f.successors(BlockId(b as u32))).collect();
    let mut preds: Vec<Vec<u32>> = vec![Vec::new(); nb];
    for (b, ss) in succs.iter().enumerate() {
        for s in ss {
            if let Some(p) = preds.get_mut(s.0 as usize) {
                p.push(b as u32);
            }
        }
    }
    let mut live_in = vec![VSet::new(n); nb];
    let mut live_out = vec![VSet::new(n); nb];
    let mut work: Vec<u32> = (0..nb as u32).collect();
    let mut queued = vec![true; nb];
    // No iteration cap: live-in sets only grow (a block's live-in is a monotone function of its
    // successors' live-in) and are bounded by the vregs, so the worklist empties.
    while let Some(b) = work.pop() {
        let b = b as usize;
        queued[b] = false;
        let out = block_out(&succs, &live_in, b, n);
        let Some(blk) = f.blocks.get(b) else { continue };
        let mut cur = out.clone();
        for p in (blk.start as usize..blk.end as usize).rev() {
            let Some(i) = f.insts.get(p) else { break };
            if i.op == OpCode::TestSet {
                if let Some(c) = testset_edge(f, &succs, &live_in, b, p, n) {
                    cur = c;
                }
            } else {
                for_each_def(i, |d| cur.remove(d));
            }
            if !i.op.is_mm() {
                for_each_read(f, i, |u| cur.insert(u));
            }
        }
        live_out[b] = out;
        if live_in[b] != cur {
            live_in[b] = cur;
            for &p in &preds[b] {
                if !queued[p as usize] {
                    queued[p as usize] = true;
                    work.push(p);
                }
            }
            // A TESTSET block reads its successors' live-in directly: requeue is covered by
            // `preds` (the TESTSET block is a predecessor).
        }
    }
    Liveness {
        live_in,
        live_out,
        succs,
    }
}

/// Walk block `b` backwards, calling `cb(position, live_after_position)` for each instruction
/// (memory stays O(vregs) however long the function is).
pub fn walk_block(f: &Function, l: &Liveness, b: usize, mut cb: impl FnMut(usize, &VSet)) {
    let (Some(blk), Some(out)) = (f.blocks.get(b), l.live_out.get(b)) else {
        return;
    };
    let n = f.num_vregs;
    let mut cur = out.clone();
    for p in (blk.start as usize..blk.end as usize).rev() {
        let Some(i) = f.insts.get(p) else { break };
        let mut after = cur.clone();
        for pin in &f.pinned {
            if pin.start.0 as usize <= p + 1 && p < pin.end.0 as usize {
                after.insert(pin.vreg);
            }
        }
        cb(p, &after);
        if let Some(c) = testset_edge(f, &l.succs, &l.live_in, b, p, n) {
            cur = c;
        }
        for d in killing_defs(i) {
            cur.remove(d);
        }
        for u in live_uses(f, i) {
            cur.insert(u);
        }
    }
}

/// Check that an allocation never gives one register to two vregs live at the same time: at
/// every definition, the defined vreg's register differs from the registers of all other vregs
/// live after the instruction. Returns the first conflict.
pub fn check_interference(f: &Function, a: &super::Allocation) -> Result<(), String> {
    let l = compute(f);
    let mut err: Option<String> = None;
    for b in 0..f.blocks.len() {
        walk_block(f, &l, b, |p, after| {
            if err.is_some() {
                return;
            }
            let Some(i) = f.insts.get(p) else { return };
            for d in i.defs() {
                let Some(rd) = a.reg(d) else { continue };
                for v in after.iter() {
                    if v != d && a.reg(v) == Some(rd) {
                        err = Some(format!(
                            "at {p} ({:?}): v{} defined in R{} while v{} is live there",
                            i.op, d.0, rd.0, v.0
                        ));
                        return;
                    }
                }
            }
            if let Some(off) = i.clobber_base() {
                let base = i
                    .win
                    .first()
                    .and_then(|&v| a.reg(v))
                    .map(|r| r.0 as u32 + off as u32);
                if let Some(base) = base {
                    let defs = i.defs();
                    for v in after.iter() {
                        if !defs.contains(&v) && a.reg(v).is_some_and(|r| r.0 as u32 >= base) {
                            err = Some(format!(
                                "at {p} ({:?}): v{} live across the call above its base",
                                i.op, v.0
                            ));
                            return;
                        }
                    }
                }
            }
        });
        if let Some(e) = err {
            return Err(e);
        }
    }
    Ok(())
}

/// The slot where instruction `p` reads its operands.
pub fn use_slot(p: InstId) -> u32 {
    p.0.saturating_mul(2)
}

/// The slot where instruction `p` writes its results.
pub fn def_slot(p: InstId) -> u32 {
    p.0.saturating_mul(2).saturating_add(1)
}

/// A half-open range of slots `[start, end)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Range {
    /// First slot covered.
    pub start: u32,
    /// First slot not covered.
    pub end: u32,
}

/// The live interval of one vreg.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Interval {
    /// The vreg.
    pub vreg: VReg,
    /// Sorted, disjoint, non-adjacent ranges (empty: the vreg never occurs).
    pub ranges: Vec<Range>,
    /// Slots where it is read, sorted (filled by [`fill_use_def_slots`]; empty otherwise).
    pub uses: Vec<u32>,
    /// Slots where it is written, sorted (filled by [`fill_use_def_slots`]; empty otherwise).
    pub defs: Vec<u32>,
}

impl Default for Interval {
    fn default() -> Self {
        Interval {
            vreg: VReg(0),
            ranges: Vec::new(),
            uses: Vec::new(),
            defs: Vec::new(),
        }
    }
}

impl Interval {
    /// First slot covered (`u32::MAX` when empty).
    pub fn start(&self) -> u32 {
        self.ranges.first().map(|r| r.start).unwrap_or(u32::MAX)
    }
    /// One past the last slot covered (0 when empty).
    pub fn end(&self) -> u32 {
        self.ranges.last().map(|r| r.end).unwrap_or(0)
    }
    /// Does the vreg never occur?
    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }
    /// Is the vreg live at `slot`?
    pub fn covers(&self, slot: u32) -> bool {
        let i = self.ranges.partition_point(|r| r.end <= slot);
        self.ranges.get(i).is_some_and(|r| r.start <= slot)
    }
    /// Do the two intervals share a slot?
    pub fn overlaps(&self, o: &Interval) -> bool {
        ranges_overlap(&self.ranges, &o.ranges)
    }
    /// Number of slots covered.
    pub fn len(&self) -> u32 {
        self.ranges.iter().map(|r| r.end - r.start).sum()
    }
}

/// Do two sorted range lists share a slot?
pub fn ranges_overlap(a: &[Range], b: &[Range]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        if x.end <= y.start {
            i += 1;
        } else if y.end <= x.start {
            j += 1;
        } else {
            return true;
        }
    }
    false
}

/// Sort and merge a list of ranges (overlapping or adjacent ranges become one).
pub fn normalize(r: &mut Vec<Range>) {
    if r.len() <= 1 {
        r.retain(|x| x.start < x.end);
        return;
    }
    if !r
        .windows(2)
        .all(|w| w[0].end < w[1].start && w[0].start < w[0].end)
    {
        r.retain(|x| x.start < x.end);
        r.sort_unstable_by_key(|x| x.start);
        let mut k = 0usize;
        for i in 1..r.len() {
            if r[i].start <= r[k].end {
                r[k].end = r[k].end.max(r[i].end);
            } else {
                k += 1;
                r[k] = r[i];
            }
        }
        r.truncate((k + 1).min(r.len()));
    }
}

/// The live intervals of a function.
#[derive(Clone, Debug)]
pub struct Intervals {
    /// Interval of each vreg (indexed by `VReg.0`).
    pub by_vreg: Vec<Interval>,
    /// Maximum number of vregs live at one slot.
    pub max_pressure: u32,
}

impl Intervals {
    /// The interval of `v` (an empty one if out of range).
    pub fn get(&self, v: VReg) -> Option<&Interval> {
        self.by_vreg.get(v.0 as usize)
    }
}

/// Build the live intervals of every vreg of `f` from its block liveness `l` (see the module
/// docs for the slot convention). Parameters are live at slot 0; [`tbc_like`] locals cover their
/// scope.
pub fn build_intervals(f: &Function, l: &Liveness) -> Intervals {
    let n = f.num_vregs as usize;
    let mut by_vreg: Vec<Interval> = (0..n)
        .map(|v| Interval {
            vreg: VReg(v as u32),
            ..Interval::default()
        })
        .collect();
    let mut end = vec![0u32; n];
    let mut live = VSet::new(f.num_vregs);
    let push = |iv: &mut Vec<Interval>, v: VReg, s: u32, e: u32| {
        if let Some(x) = iv.get_mut(v.0 as usize) {
            if s < e {
                match x.ranges.last_mut() {
                    // Blocks are walked in order: a vreg live through consecutive blocks
                    // extends its last range.
                    Some(l) if l.end == s => l.end = e,
                    _ => x.ranges.push(Range { start: s, end: e }),
                }
            }
        }
    };
    for (b, blk) in f.blocks.iter().enumerate() {
        let Some(out) = l.live_out.get(b) else {
            continue;
        };
        live.clone_from(out);
        let bend = blk.end.saturating_mul(2);
        for v in live.iter() {
            if let Some(e) = end.get_mut(v.0 as usize) {
                *e = bend;
            }
        }
        for p in (blk.start as usize..blk.end as usize).rev() {
            let Some(i) = f.insts.get(p) else { break };
            let us = (p as u32).saturating_mul(2);
            let ds = us + 1;
            if let Some(after) = testset_edge(f, &l.succs, &l.live_in, b, p, f.num_vregs) {
                // Vregs live after the jump but not after the TESTSET's write: their range
                // starts at the jump.
                let dead: Vec<VReg> = live.iter().filter(|v| !after.contains(*v)).collect();
                for v in dead {
                    push(&mut by_vreg, v, ds + 1, end[v.0 as usize]);
                    live.remove(v);
                }
            }
            // A TESTSET's write does not kill: a destination still live after it (on the
            // fall-through edge) was live before it too.
            let kills = i.op != OpCode::TestSet;
            for_each_def(i, |d| {
                if live.contains(d) {
                    if kills {
                        push(&mut by_vreg, d, ds, end[d.0 as usize]);
                        live.remove(d);
                    }
                } else {
                    push(&mut by_vreg, d, ds, ds + 1);
                }
            });
            let mm = i.op.is_mm();
            for_each_read(f, i, |u| {
                if !mm && !live.contains(u) {
                    live.insert(u);
                    end[u.0 as usize] = us + 1;
                }
            });
        }
        let bstart = blk.start.saturating_mul(2);
        for v in live.iter() {
            push(&mut by_vreg, v, bstart, end[v.0 as usize]);
        }
    }
    for &p in &f.params {
        push(&mut by_vreg, p, 0, 1);
    }
    for pin in tbc_like(f) {
        push(
            &mut by_vreg,
            pin.vreg,
            pin.start.0.saturating_mul(2),
            pin.end.0.saturating_mul(2),
        );
    }
    for iv in by_vreg.iter_mut() {
        normalize(&mut iv.ranges);
    }
    let max_pressure = pressure(&by_vreg);
    Intervals {
        by_vreg,
        max_pressure,
    }
}

/// Which lifetime named locals get (the one lifetime policy of every non-LIFO allocator, applied
/// by [`allocation_intervals`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lifetimes {
    /// lua5.4's: every named local keeps its register until its scope ends, so finalizers and
    /// weak tables see lua5.4's lifetimes and `debug.getlocal` sees every local in scope.
    Faithful,
    /// [`local_policy`]: a local that may hold an object keeps its register until its scope ends
    /// (lua5.4's GC lifetimes); one that only holds numbers, strings, booleans or nil frees it
    /// after its last use (`debug.getlocal` no longer sees it then).
    GcFaithful,
    /// Pure liveness: every named local frees its register after its last use (smaller frames;
    /// an object held only by a dead local may be collected before its scope ends, and
    /// `debug.getlocal` no longer sees a local after its register is reused).
    Live,
}

/// The consecutive-register groups of a function (every `win`/`wout` operand list says "these
/// vregs sit at base+0, base+1, ..."), as a weighted union-find: `reg(v) = reg(root(v)) +
/// off(v)`. Groups that share a vreg (an open-result call inside its consumer's argument list, a
/// `for` loop's `FORPREP`/`FORLOOP`) are one group. Linear scan places each group as a rigid
/// cluster; colouring starts its units from the same facts; the lifetime policy uses it to
/// know which vregs are forced into one register (same root, same offset).
#[derive(Clone, Debug)]
pub struct WindowGroups {
    parent: Vec<u32>,
    off: Vec<i32>,
}

impl WindowGroups {
    /// Every vreg alone.
    pub fn new(n: usize) -> WindowGroups {
        WindowGroups {
            parent: (0..n as u32).collect(),
            off: vec![0; n],
        }
    }

    /// The groups of `f`'s windows; `Err` names a contradiction (two windows that would put a
    /// vreg at two offsets) or an out-of-range vreg.
    pub fn build(f: &Function) -> Result<WindowGroups, &'static str> {
        let n = f.num_vregs as usize;
        let mut g = WindowGroups::new(n);
        for i in &f.insts {
            let mut first: Option<(u32, i32)> = None;
            let members = i
                .win
                .iter()
                .enumerate()
                .map(|(k, v)| (v.0, k as i32))
                .chain(
                    i.wout
                        .iter()
                        .enumerate()
                        .map(|(k, v)| (v.0, k as i32 + i.wout_off as i32)),
                );
            for (v, k) in members {
                if v as usize >= n {
                    return Err("window vreg out of range");
                }
                match first {
                    None => first = Some((v, k)),
                    Some((v0, k0)) => {
                        if !g.link(v, v0, k - k0) {
                            return Err("inconsistent register windows");
                        }
                    }
                }
            }
        }
        Ok(g)
    }

    /// The root of `v`'s group and `v`'s offset from it (`(v, 0)` for an out-of-range vreg).
    pub fn find(&mut self, v: u32) -> (u32, i32) {
        // First pass: the root and v's offset from it.
        let mut x = v;
        let mut total = 0i32;
        while let Some(&p) = self.parent.get(x as usize) {
            if p == x {
                break;
            }
            total += self.off.get(x as usize).copied().unwrap_or(0);
            x = p;
        }
        let root = x;
        // Second pass: path compression (each node's offset from the root is what remains).
        let mut y = v;
        let mut rem = total;
        while y != root {
            let (Some(&next), Some(&o)) = (self.parent.get(y as usize), self.off.get(y as usize))
            else {
                break;
            };
            self.parent[y as usize] = root;
            self.off[y as usize] = rem;
            rem -= o;
            y = next;
        }
        (root, total)
    }

    /// Record `reg(a) = reg(b) + delta`; false on a contradiction.
    pub fn link(&mut self, a: u32, b: u32, delta: i32) -> bool {
        let (ra, da) = self.find(a);
        let (rb, db) = self.find(b);
        if ra == rb {
            return da == db + delta;
        }
        match (
            self.parent.get_mut(ra as usize),
            self.off.get_mut(ra as usize),
        ) {
            (Some(p), Some(x)) => {
                *p = rb;
                *x = db + delta - da;
                true
            }
            _ => false,
        }
    }
}

/// The live intervals every non-LIFO allocator works on: [`build_intervals`] (pure liveness,
/// parameters, captured / to-be-closed scopes) adjusted by the one lifetime policy:
/// - a named local gets [`whole_scope`] if `lifetimes` (or, for [`Lifetimes::GcFaithful`],
///   [`local_policy`]) keeps it to its scope end, else [`solid_in_scope`] (holes filled up to its
///   last use: one debug record describes it);
/// - a named local written before its scope starts (`local a, b = x, y` writes both, then opens
///   both scopes) keeps its register from that write to the scope start (its debug record starts
///   at the scope start and must find the value there);
/// - a numeric `for`'s three state vregs are live from `FORPREP` to `FORLOOP` (no instruction of
///   the loop's code may write them, even on a path that leaves the loop);
/// - an extension that would overlap a vreg forced into the same register (same window group,
///   same offset: [`WindowGroups`]) is skipped (that vreg holds the register then; emission ends
///   the debug record at its write).
///
/// Returns the adjusted intervals (their `max_pressure` is still the raw liveness pressure, a
/// lower bound of any frame) and the window groups.
pub fn allocation_intervals(
    f: &Function,
    lifetimes: Lifetimes,
) -> Result<(Intervals, WindowGroups), &'static str> {
    let live = compute(f);
    let mut iv = build_intervals(f, &live);
    let mut groups = WindowGroups::build(f)?;
    let n = f.num_vregs as usize;
    // Vregs sorted by (group root, offset): those forced into one register are adjacent.
    let mut key: Vec<(u32, i32, u32)> = (0..n as u32)
        .map(|v| {
            let (r, o) = groups.find(v);
            (r, o, v)
        })
        .collect();
    key.sort_unstable();
    let scopes = local_scopes(f);
    let policy = match lifetimes {
        Lifetimes::Faithful => vec![LocalLife::Scope; n],
        Lifetimes::GcFaithful => local_policy(f),
        Lifetimes::Live => vec![LocalLife::LastUse; n],
    };
    for (v, sc) in scopes.iter().enumerate() {
        let Some(sc) = *sc else { continue };
        let Some(x) = iv.by_vreg.get(v) else { continue };
        if x.is_empty() {
            continue;
        }
        let scope_ext = match policy.get(v) {
            Some(LocalLife::Scope) => whole_scope(&x.ranges, sc),
            _ => solid_in_scope(&x.ranges, sc),
        };
        let first = x.start();
        let (r, o) = groups.find(v as u32);
        // The vregs forced into v's register (same group, same offset), other than v.
        let lo = key.partition_point(|k| (k.0, k.1) < (r, o));
        let mates: Vec<u32> = key
            .get(lo..)
            .unwrap_or(&[])
            .iter()
            .take_while(|k| (k.0, k.1) == (r, o))
            .map(|k| k.2)
            .filter(|&m| m as usize != v)
            .collect();
        let clashes = |iv: &Intervals, ext: &[Range]| {
            mates.iter().any(|&m| {
                iv.by_vreg
                    .get(m as usize)
                    .is_some_and(|y| ranges_overlap(ext, &y.ranges))
            })
        };
        // The scope part and the pre-scope part are tested separately: a window-mate may hold
        // the register before the scope starts (`local x = c and k or f()`: `f` sits where `x`
        // lands, on the other path) without any conflict inside the scope.
        if !clashes(&iv, &scope_ext) {
            if let Some(x) = iv.by_vreg.get_mut(v) {
                x.ranges = scope_ext;
            }
        }
        if first < sc.0 {
            let gap = [Range {
                start: first,
                end: sc.0,
            }];
            if !clashes(&iv, &gap) {
                if let Some(x) = iv.by_vreg.get_mut(v) {
                    x.ranges.push(gap[0]);
                    normalize(&mut x.ranges);
                }
            }
        }
    }
    // Numeric `for` state: live over the loop's whole code range.
    let mut prep_of: Vec<u32> = vec![u32::MAX; n]; // base vreg -> position of its FORPREP
    for (p, i) in f.insts.iter().enumerate() {
        let Some(&base) = i.win.first() else { continue };
        if i.op == OpCode::ForPrep {
            if let Some(x) = prep_of.get_mut(base.0 as usize) {
                *x = p as u32;
            }
            continue;
        }
        if i.op != OpCode::ForLoop {
            continue;
        }
        let prep = prep_of.get(base.0 as usize).copied().unwrap_or(u32::MAX);
        if prep as usize >= p {
            continue;
        }
        for &v in i.win.iter().take(3) {
            if let Some(x) = iv.by_vreg.get_mut(v.0 as usize) {
                if !x.is_empty() {
                    x.ranges.push(Range {
                        start: def_slot(InstId(prep)),
                        end: def_slot(InstId(p as u32)),
                    });
                    normalize(&mut x.ranges);
                }
            }
        }
    }
    Ok((iv, groups))
}

/// Fill [`Interval::uses`] and [`Interval::defs`] (`MMBIN` operands count as reads).
pub fn fill_use_def_slots(f: &Function, iv: &mut Intervals) {
    for (p, i) in f.insts.iter().enumerate() {
        let us = (p as u32).saturating_mul(2);
        for_each_read(f, i, |u| {
            if let Some(x) = iv.by_vreg.get_mut(u.0 as usize) {
                x.uses.push(us);
            }
        });
        for_each_def(i, |d| {
            if let Some(x) = iv.by_vreg.get_mut(d.0 as usize) {
                x.defs.push(us + 1);
            }
        });
    }
    for x in iv.by_vreg.iter_mut() {
        x.uses.dedup();
        x.defs.dedup();
    }
}

/// Maximum number of intervals live at one slot (bucketed deltas, linear time).
pub fn pressure(by_vreg: &[Interval]) -> u32 {
    let top = by_vreg.iter().map(|iv| iv.end()).max().unwrap_or(0) as usize;
    if top > (1 << 28) {
        return 0;
    }
    let mut delta = vec![0i32; top + 1];
    for iv in by_vreg {
        for r in &iv.ranges {
            if let Some(x) = delta.get_mut(r.start as usize) {
                *x += 1;
            }
            if let Some(x) = delta.get_mut(r.end as usize) {
                *x -= 1;
            }
        }
    }
    let (mut cur, mut max) = (0i64, 0i64);
    for d in delta {
        cur += d as i64;
        max = max.max(cur);
    }
    max as u32
}

/// The scope of each named local, in slots: `scopes[v] = Some((start, end))` (the union of the
/// local's debug records).
pub fn local_scopes(f: &Function) -> Vec<Option<(u32, u32)>> {
    let mut out: Vec<Option<(u32, u32)>> = vec![None; f.num_vregs as usize];
    for l in &f.locals {
        if let Some(x) = out.get_mut(l.vreg.0 as usize) {
            let (s, e) = (l.start.0.saturating_mul(2), l.end.0.saturating_mul(2));
            *x = Some(match *x {
                Some((a, b)) => (a.min(s), b.max(e)),
                None => (s, e),
            });
        }
    }
    out
}

/// `ranges` with its holes inside `scope` filled: from the later of the scope start and the first
/// live slot to the last live slot inside the scope. An allocator that gives a named local such a
/// *solid* interval makes its debug record exact: nothing else is written to the local's register
/// between its declaration and its last use (emission ends the record there).
pub fn solid_in_scope(ranges: &[Range], scope: (u32, u32)) -> Vec<Range> {
    let (s0, e0) = scope;
    let mut out = ranges.to_vec();
    let first = ranges.first().map(|r| r.start).unwrap_or(u32::MAX);
    let last = ranges
        .iter()
        .filter(|r| r.start < e0)
        .map(|r| r.end.min(e0))
        .max()
        .unwrap_or(0);
    let from = s0.max(first);
    if from < last {
        out.push(Range {
            start: from,
            end: last,
        });
        normalize(&mut out);
    }
    out
}

/// How long a named local keeps its register (see [`local_policy`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LocalLife {
    /// Not a named local: its liveness decides.
    Temp,
    /// Until the end of its scope, as in lua5.4: its value may be a table, function, userdata
    /// or thread, whose lifetime is observable (finalizers, weak tables), so the register keeps
    /// it reachable until the scope closes. Its debug record covers the whole scope.
    Scope,
    /// From its declaration to its last use (holes filled): it only ever holds numbers, strings,
    /// booleans or nil, whose lifetime nothing can observe, so its register may be reused after
    /// its last use. Its debug record ends there.
    LastUse,
}

/// Value kinds for [`gc_neutral`]: number, string, boolean/nil, anything else.
const T_NUM: u8 = 1;
const T_STR: u8 = 2;
const T_BOOL: u8 = 4;
const T_OBJ: u8 = 8;

/// For each vreg, whether it can only ever hold values whose lifetime is unobservable (numbers,
/// strings, booleans, nil): a flow-insensitive fixpoint over its definitions. Constants, `NOT`,
/// comparisons' `LOADTRUE`/`LFALSESKIP`, numeric `for` state, arithmetic on numbers, `CONCAT` of
/// numbers and strings, `#` of a string, and copies of such vregs qualify; parameters, calls,
/// table reads, upvalues and arithmetic that could reach a metamethod do not.
pub fn gc_neutral(f: &Function) -> Vec<bool> {
    use OpCode::*;
    let n = f.num_vregs as usize;
    let mut ty = vec![0u8; n];
    for p in &f.params {
        if let Some(t) = ty.get_mut(p.0 as usize) {
            *t = T_OBJ;
        }
    }
    let kty = |k: &aqua_bytecode::Constant| -> u8 {
        use aqua_bytecode::Constant as C;
        match k {
            C::Int(_) | C::Float(_) => T_NUM,
            C::Str(_) => T_STR,
            C::Bool(_) | C::Nil => T_BOOL,
        }
    };
    // Worklist over instructions (no cap: a vreg's kind bits only grow, at most 4 times): an
    // instruction is re-evaluated when the kind of a vreg it reads grows.
    let mut readers: Vec<Vec<u32>> = vec![Vec::new(); n];
    for (p, i) in f.insts.iter().enumerate() {
        for_each_use(i, |v| {
            if let Some(r) = readers.get_mut(v.0 as usize) {
                if r.last() != Some(&(p as u32)) {
                    r.push(p as u32);
                }
            }
        });
    }
    let mut work: Vec<u32> = (0..f.insts.len() as u32).rev().collect();
    let mut queued = vec![true; f.insts.len()];
    while let Some(p) = work.pop() {
        queued[p as usize] = false;
        let Some(i) = f.insts.get(p as usize) else {
            continue;
        };
        {
            let rt = |o: crate::ir::Opnd, ty: &Vec<u8>| -> u8 {
                match o {
                    crate::ir::Opnd::R(v) => ty.get(v.0 as usize).copied().unwrap_or(T_OBJ),
                    crate::ir::Opnd::K(k) => {
                        f.constants.get(k.0 as usize).map(kty).unwrap_or(T_OBJ)
                    }
                    crate::ir::Opnd::Int(_) => T_NUM,
                    _ => T_OBJ,
                }
            };
            let num_only = |t: u8| if t & !T_NUM == 0 { T_NUM } else { T_OBJ };
            let t: u8 = match i.op {
                LoadI | LoadF => T_NUM,
                LoadK | LoadKX => match i.b {
                    crate::ir::Opnd::K(k) => {
                        f.constants.get(k.0 as usize).map(kty).unwrap_or(T_OBJ)
                    }
                    _ => T_OBJ,
                },
                LoadTrue | LoadFalse | LFalseSkip | LoadNil | Not => T_BOOL,
                Move | TestSet => rt(i.b, &ty),
                Add | Sub | Mul | Mod | Pow | Div | IDiv | BAnd | BOr | BXor | Shl | Shr | AddK
                | SubK | MulK | ModK | PowK | DivK | IDivK | BAndK | BOrK | BXorK => {
                    num_only(rt(i.b, &ty) | rt(i.c, &ty))
                }
                AddI | ShrI | ShlI | Unm | BNot => num_only(rt(i.b, &ty)),
                Concat => {
                    let mut u = 0;
                    for v in &i.win {
                        u |= ty.get(v.0 as usize).copied().unwrap_or(T_OBJ);
                    }
                    if u & !(T_NUM | T_STR) == 0 {
                        T_STR
                    } else {
                        T_OBJ
                    }
                }
                Len => {
                    if rt(i.b, &ty) & !T_STR == 0 {
                        T_NUM
                    } else {
                        T_OBJ
                    }
                }
                ForPrep | ForLoop => T_NUM,
                _ => T_OBJ,
            };
            for_each_def(i, |d| {
                if let Some(x) = ty.get_mut(d.0 as usize) {
                    if *x | t != *x {
                        *x |= t;
                        for &q in readers
                            .get(d.0 as usize)
                            .map(|r| r.as_slice())
                            .unwrap_or(&[])
                        {
                            if !queued[q as usize] {
                                queued[q as usize] = true;
                                work.push(q);
                            }
                        }
                    }
                }
            });
        }
    }
    ty.iter().map(|&t| t & T_OBJ == 0).collect()
}

/// The [`LocalLife`] of every vreg: [`LocalLife::LastUse`] for named locals that are
/// [`gc_neutral`] and not [`tbc_like`], [`LocalLife::Scope`] for the other named locals. Every
/// non-LIFO allocator gives named locals these lifetimes (emission writes the debug records
/// accordingly).
pub fn local_policy(f: &Function) -> Vec<LocalLife> {
    let n = f.num_vregs as usize;
    let mut out = vec![LocalLife::Temp; n];
    let neutral = gc_neutral(f);
    for l in &f.locals {
        if let Some(x) = out.get_mut(l.vreg.0 as usize) {
            *x = if neutral.get(l.vreg.0 as usize).copied().unwrap_or(false) {
                LocalLife::LastUse
            } else {
                LocalLife::Scope
            };
        }
    }
    for p in &f.pinned {
        if let Some(x) = out.get_mut(p.vreg.0 as usize) {
            *x = LocalLife::Scope;
        }
    }
    out
}

/// `ranges` extended to cover the whole `scope` ([`LocalLife::Scope`]). A local always holds
/// its value over its scope: it is written before the scope starts, or, for loop variables, by
/// the loop instruction that jumps into the body.
pub fn whole_scope(ranges: &[Range], scope: (u32, u32)) -> Vec<Range> {
    let mut out = ranges.to_vec();
    if scope.0 < scope.1 {
        out.push(Range {
            start: scope.0,
            end: scope.1,
        });
        normalize(&mut out);
    }
    out
}

/// Locals whose register an open upvalue or a to-be-closed entry may point at, with their
/// scope: [`Function::pinned`] (captured and `<close>` locals) plus the closing value of every
/// generic `for` (`TFORPREP`'s fourth window register, which the VM registers as to-be-closed;
/// its scope is that of its `(for state)` local).
pub fn tbc_like(f: &Function) -> Vec<Pinned> {
    let mut out = f.pinned.clone();
    for (p, i) in f.insts.iter().enumerate() {
        if i.op != OpCode::TForPrep {
            continue;
        }
        let Some(&v) = i.win.get(3) else { continue };
        let (start, end) = match f.locals.iter().find(|l| l.vreg == v) {
            Some(l) => (l.start, l.end),
            None => (InstId(p as u32), InstId(f.insts.len() as u32)),
        };
        out.push(Pinned {
            vreg: v,
            start: InstId(start.0.min(p as u32)),
            end,
        });
    }
    out
}

/// What one `CLOSE` instruction must close under a non-LIFO allocation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CloseSet {
    /// The `CLOSE`.
    pub at: InstId,
    /// The [`tbc_like`] locals it closes (lua5.4 closes every open one whose LIFO register is at
    /// or above the `CLOSE`'s level). Emission uses `A = min reg(closes)`; empty: nothing to
    /// close.
    pub closes: Vec<VReg>,
    /// The other [`tbc_like`] locals that may be open there: each must sit in a register below
    /// every register of `closes`.
    pub open_others: Vec<VReg>,
}

/// For every `CLOSE` of `f`, what it closes and what must stay open (forward dataflow of the
/// "may be open" [`tbc_like`] locals: opened at their scope start, closed by the `CLOSE`s that
/// close them).
pub fn close_sets(f: &Function) -> Vec<CloseSet> {
    use super::RegAlloc;
    let tl = tbc_like(f);
    if tl.is_empty() || !f.insts.iter().any(|i| i.op == OpCode::Close) {
        return Vec::new();
    }
    let lifo = super::lifo::Lifo.allocate(f).ok();
    let lreg = |v: VReg| -> u32 {
        lifo.as_ref()
            .and_then(|a| a.reg(v))
            .map(|r| r.0 as u32)
            .unwrap_or(0)
    };
    let n = f.num_vregs;
    let nb = f.blocks.len();
    let mut starts: Vec<(u32, VReg)> = tl.iter().map(|p| (p.start.0, p.vreg)).collect();
    starts.sort_unstable();
    let mut entry: Vec<Option<VSet>> = vec![None; nb];
    if nb > 0 {
        entry[0] = Some(VSet::new(n));
    }
    // Walk block `b` from state `st` (the locals that may be open at its entry); record its
    // `CLOSE`s in `out` when given; return the exit state.
    let walk = |b: usize, mut st: VSet, mut out: Option<&mut Vec<CloseSet>>| -> VSet {
        let Some(blk) = f.blocks.get(b) else {
            return st;
        };
        let mut si = starts.partition_point(|&(s, _)| s < blk.start);
        for p in blk.start..blk.end {
            while si < starts.len() && starts[si].0 == p {
                st.insert(starts[si].1);
                si += 1;
            }
            let Some(i) = f.insts.get(p as usize) else {
                break;
            };
            if i.op == OpCode::Close {
                let (mut closes, mut others) = (Vec::new(), Vec::new());
                for v in st.iter() {
                    if lreg(v) >= i.level as u32 {
                        closes.push(v);
                    } else {
                        others.push(v);
                    }
                }
                for &v in &closes {
                    st.remove(v);
                }
                if let Some(o) = out.as_deref_mut() {
                    o.push(CloseSet {
                        at: InstId(p),
                        closes,
                        open_others: others,
                    });
                }
            }
        }
        st
    };
    // Forward "may be open" dataflow to the fixed point (a worklist, no cap: entry sets only
    // grow and are bounded by the tbc-like locals).
    let mut work: Vec<usize> = if nb > 0 { vec![0] } else { Vec::new() };
    let mut queued = vec![false; nb];
    if let Some(q) = queued.first_mut() {
        *q = true;
    }
    while let Some(b) = work.pop() {
        queued[b] = false;
        let Some(st) = entry[b].clone() else { continue };
        let st = walk(b, st, None);
        // Scopes starting right at the block end belong to the next block's walk.
        for s in f.successors(BlockId(b as u32)) {
            let s = s.0 as usize;
            if s >= nb {
                continue;
            }
            let changed = match &mut entry[s] {
                None => {
                    entry[s] = Some(st.clone());
                    true
                }
                Some(e) => e.union_with(&st),
            };
            if changed && !queued[s] {
                queued[s] = true;
                work.push(s);
            }
        }
    }
    let mut result: Vec<CloseSet> = Vec::new();
    for (b, e) in entry.iter().enumerate() {
        if let Some(st) = e {
            walk(b, st.clone(), Some(&mut result));
        }
    }
    result.sort_by_key(|c| c.at);
    result.dedup_by_key(|c| c.at);
    result
}

#[cfg(test)]
mod tests {
    use super::{check_interference, compute};
    use crate::regalloc::{lifo::Lifo, RegAlloc};

    fn all(f: &crate::ir::Function, out: &mut Vec<crate::ir::Function>) {
        out.push(f.clone());
        for p in &f.protos {
            all(p, out);
        }
    }

    #[test]
    fn each_use_def_match_inst() {
        let src =
            "local a, b = 1, 2\nlocal function f(x, ...) local t = {x, ...} t.x = a return t end\n\
                   for i = 1, 3 do a = a + i; if a > 3 or b then break end end\n\
                   local s = a .. b .. 'x'\nprint(f(a, b), s, a and b or nil, -a, #s, not b)\n\
                   local c <close> = nil; goto l ::l:: return a == b, a < 1, s ~= 'x'\n";
        let f = crate::compile_ir(src.as_bytes(), b"=t").expect("compiles");
        let mut fs = Vec::new();
        all(&f, &mut fs);
        for f in &fs {
            for i in &f.insts {
                let (mut u, mut d) = (Vec::new(), Vec::new());
                super::for_each_use(i, |v| u.push(v));
                super::for_each_def(i, |v| d.push(v));
                assert_eq!(u, i.uses(), "{:?}", i.op);
                assert_eq!(d, i.defs(), "{:?}", i.op);
            }
        }
    }

    #[test]
    fn lifo_respects_liveness() {
        let src = "local mt = {__concat = function(a, b)\n\
                   local function v(x) return type(x) == 'table' and (x.name or 'plain') or tostring(x) end\n\
                   return v(a) .. '+' .. v(b) end}\n\
                   local t = {} for i = 1, 10 do t[i] = function() return i end end\n\
                   local s = 0 for k, v in pairs(t) do s = s + v() end\n\
                   repeat local z = s; s = s - 1 until z < 3\n\
                   print(s, select('#', ...), (...))\n";
        let f = crate::compile_ir(src.as_bytes(), b"=t").expect("compiles");
        let mut fs = Vec::new();
        all(&f, &mut fs);
        for f in &fs {
            let a = Lifo.allocate(f).expect("allocates");
            check_interference(f, &a).expect("no conflicts");
        }
    }

    fn local(f: &crate::ir::Function, name: &str) -> crate::ir::VReg {
        f.local_vreg(name).expect("local")
    }

    /// `CLOSURE` reads the locals it captures: one written before its scope starts is live from
    /// that write to the `CLOSURE`.
    #[test]
    fn closure_reads_its_captures() {
        let f = crate::compile_ir(
            b"local g1, g2 = 2.5, 1\nlocal function f() return g1 end\nprint(f())\n",
            b"=t",
        )
        .expect("compiles");
        let g1 = local(&f, "g1");
        let clo = f
            .insts
            .iter()
            .position(|i| i.op == aqua_bytecode::OpCode::Closure)
            .expect("closure");
        let iv = super::build_intervals(&f, &compute(&f));
        let x = iv.get(g1).expect("interval");
        for slot in x.start()..super::use_slot(crate::ir::InstId(clo as u32)) {
            assert!(x.covers(slot), "g1 not live at slot {slot}");
        }
        // `local function f` captures itself: not a read (f is not live before its CLOSURE).
        let fv = local(&f, "f");
        assert!(!compute(&f).live_in[0].contains(fv));
    }

    /// A `goto` over a captured local does not make it live (undefined) back to the entry.
    #[test]
    fn goto_over_captured_local_is_not_live_at_entry() {
        let main = crate::compile_ir(
            b"local function f(skip)\n  do\n    if skip then goto continue end\n    local w = 0\n    \
              while w < 2 do w = w + 1; local function g() return w end; g() end\n    \
              ::continue::\n  end\nend\n",
            b"=t",
        )
        .expect("compiles");
        let f = &main.protos[0];
        let w = local(f, "w");
        assert!(!compute(f).live_in[0].contains(w));
    }

    /// The lifetime policy: a dead named local keeps its register to its scope end only under
    /// the faithful lifetimes.
    #[test]
    fn lifetime_policy() {
        let f = crate::compile_ir(b"local a = {}\nlocal b = 1\nprint(b)\nprint(2)\n", b"=t")
            .expect("compiles");
        let a = local(&f, "a");
        let end = f
            .locals
            .iter()
            .find(|l| l.vreg == a)
            .map(|l| l.end.0)
            .expect("a");
        let (faithful, _) =
            super::allocation_intervals(&f, super::Lifetimes::Faithful).expect("intervals");
        let (live, _) = super::allocation_intervals(&f, super::Lifetimes::Live).expect("intervals");
        let (gc, _) =
            super::allocation_intervals(&f, super::Lifetimes::GcFaithful).expect("intervals");
        let last = super::use_slot(crate::ir::InstId(end)) - 1;
        assert!(faithful.get(a).is_some_and(|x| x.covers(last)));
        assert!(
            gc.get(a).is_some_and(|x| x.covers(last)),
            "a table: kept to scope end"
        );
        assert!(!live.get(a).is_some_and(|x| x.covers(last)));
    }

    /// `local x = c and k or f()`: `x` is written on the `and` path (TESTSET) before `f` is placed
    /// in the same register (the call window) on the other path. That clash in the pre-scope gap
    /// must not cancel `x`'s scope extension (it once did: `x`'s register was reused inside its
    /// scope and an error message lost the name `(local 'x')`).
    #[test]
    fn gap_clash_keeps_scope_extension() {
        let main = crate::compile_ir(
            b"local function g(c, f)\n  local x = c and 10 or f(7)\n  print(c)\n  local t = {}\n  \
              return t\nend\n",
            b"=t",
        )
        .expect("compiles");
        let f = &main.protos[0];
        let x = local(f, "x");
        let end = f
            .locals
            .iter()
            .find(|l| l.vreg == x)
            .map(|l| l.end.0)
            .expect("x");
        let (iv, _) =
            super::allocation_intervals(f, super::Lifetimes::Faithful).expect("intervals");
        let last = super::use_slot(crate::ir::InstId(end)) - 1;
        assert!(iv.get(x).is_some_and(|r| r.covers(last)), "{:?}", iv.get(x));
    }

    #[test]
    fn pinned_local_is_live_to_scope_end() {
        let f = crate::compile_ir(
            b"local c = 1\nlocal g = function() return c end\nlocal x = 2\nprint(x)\n",
            b"=t",
        )
        .expect("compiles");
        let l = compute(&f);
        let pin = f.pinned.first().expect("c is pinned");
        let last = f.insts.len() - 2; // before the final RETURN
        let b = f.block_of(crate::ir::InstId(last as u32)).expect("block").0 as usize;
        let mut seen = false;
        super::walk_block(&f, &l, b, |p, after| {
            if p == last {
                seen = after.contains(pin.vreg);
            }
        });
        assert!(seen);
    }
}
