//! Liveness of virtual registers over the IR (backward dataflow on the blocks).
//!
//! Role: the analysis other allocators (linear scan, colouring) build their intervals and
//! interference on, and a witness that the IR is honest: every value flow is visible as uses,
//! defs and pinned ranges. Conventions (see `ir`):
//! - `MMBIN*` operands are already uses of the arithmetic instruction they complete, so their own
//!   uses are ignored (the arithmetic's destination may share an operand's register);
//! - a `TESTSET` writes its destination only on the jump edge: its def does not kill;
//! - pinned locals (captured / to-be-closed) are live over their whole scope.
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

/// Is operand A written (lopcodes' `testAMode`, as [`Inst::defs`] decides)?
#[inline]
fn a_is_def(i: &Inst) -> bool {
    i.op.sets_a()
}

/// Uses of an instruction for liveness purposes.
pub fn live_uses(i: &Inst) -> Vec<VReg> {
    if i.op.is_mm() {
        Vec::new()
    } else {
        i.uses()
    }
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

/// Liveness result: live-in/live-out per block (per-instruction sets come from [`walk_block`]).
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
/// predecessors of every block whose live-in changed).
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
    // Pinned locals live at each block start.
    let mut pins: Vec<VSet> = vec![VSet::new(n); nb];
    if !f.pinned.is_empty() {
        for (b, blk) in f.blocks.iter().enumerate() {
            for pin in &f.pinned {
                if pin.start.0 <= blk.start && blk.start < pin.end.0 {
                    pins[b].insert(pin.vreg);
                }
            }
        }
    }
    let mut live_in = vec![VSet::new(n); nb];
    let mut live_out = vec![VSet::new(n); nb];
    let mut work: Vec<u32> = (0..nb as u32).collect();
    let mut queued = vec![true; nb];
    let mut steps = 0usize;
    while let Some(b) = work.pop() {
        let b = b as usize;
        queued[b] = false;
        steps += 1;
        if steps > 1_000_000 + nb * 64 {
            break;
        }
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
                for_each_use(i, |u| cur.insert(u));
            }
        }
        cur.union_with(&pins[b]);
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
        for u in live_uses(i) {
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
            for_each_use(i, |u| {
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

/// Fill [`Interval::uses`] and [`Interval::defs`] (`MMBIN` operands count as reads).
pub fn fill_use_def_slots(f: &Function, iv: &mut Intervals) {
    for (p, i) in f.insts.iter().enumerate() {
        let us = (p as u32).saturating_mul(2);
        for_each_use(i, |u| {
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
    let mut changed = true;
    let mut rounds = 0;
    while changed && rounds < 64 {
        changed = false;
        rounds += 1;
        for i in &f.insts {
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
                        changed = true;
                    }
                }
            });
        }
    }
    if changed {
        return vec![false; n];
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
    let mut result: Vec<CloseSet> = Vec::new();
    let mut changed = true;
    let mut rounds = 0;
    while changed && rounds < 1000 {
        changed = false;
        rounds += 1;
        result.clear();
        for b in 0..nb {
            let Some(mut st) = entry[b].clone() else {
                continue;
            };
            let Some(blk) = f.blocks.get(b) else { continue };
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
                    result.push(CloseSet {
                        at: InstId(p),
                        closes,
                        open_others: others,
                    });
                }
            }
            // Scopes starting right at the block end belong to the next block's walk.
            for s in f.successors(BlockId(b as u32)) {
                let s = s.0 as usize;
                if s >= nb {
                    continue;
                }
                match &mut entry[s] {
                    None => {
                        entry[s] = Some(st.clone());
                        changed = true;
                    }
                    Some(e) => changed |= e.union_with(&st),
                }
            }
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
