//! Graph-colouring register allocation with conservative coalescing (after George–Appel),
//! adapted to Lua's frame.
//!
//! Role: an allocator behind [`RegAlloc`]. It reads the [`Problem`] built by
//! [`super::interference`] and assigns every vreg a register so that interfering vregs differ,
//! while honouring Lua's constraints:
//! - **windows as units**: the members of each consecutive group (call/return/`SETLIST`/`CONCAT`/
//!   `for`/`SELF`/`LOADNIL`/`VARARG` windows) are merged into one *unit* with fixed offsets from
//!   its base (seeded from [`super::liveness::WindowGroups`], the groups linear scan places as
//!   clusters, then grown by coalescing); the allocator colours the unit's base. Windows that
//!   share vregs (an open-result call inside its consumer's argument list, a `for` loop's
//!   `FORPREP`/`FORLOOP`) chain into one unit. LIFO's registers satisfy every window at once, so
//!   the offsets are always consistent.
//! - **parameters** form a unit fixed at base 0;
//! - **order constraints** ([`super::interference::Below`]): values live across a call below its
//!   base, captured locals a `CLOSE` must leave open below those it closes;
//! - a `TFORCALL` needs three slots above its window (`base + 7` frame slots).
//!
//! Phases:
//! 1. build units from the windows and the parameters;
//! 2. **coalesce** the IR's `MOVE`s (including the copies into call windows) conservatively,
//!    iterated to a fixpoint: Briggs' test (the merged unit has fewer than `K` neighbours of
//!    significant degree) between free units, George's test (every neighbour of the free unit
//!    already interferes with the fixed one or is of insignificant degree) against the fixed
//!    parameter unit; a merge is also refused when it would put two interfering vregs in one
//!    register or break an order constraint inside the unit. `K` is the function's register
//!    pressure plus a small slack, so coalescing does not grow the frame;
//! 3. **select**: units are coloured in a topological order of the order constraints (the unit
//!    that must stay low first), ties broken by first position in the code (interval-graph order,
//!    which keeps the frame close to the pressure), each at the lowest base that avoids its
//!    coloured neighbours and meets its bounds.
//!
//! There is no spilling in Lua (the registers are the frame): if the constraints cannot be met
//! with coalescing, the allocator retries without it, then falls back to LIFO's registers (always
//! valid); past 255 registers it reports lua5.4's `function or expression needs too many
//! registers`. Coalesced `MOVE`s become `MOVE Rx Rx`, which emission drops. The allocation
//! never relies on `Inst::level` (`lifo_levels` is false): `CLOSE` levels follow
//! [`super::liveness::close_sets`].

use super::interference::{self, Problem};
use super::lifo::Lifo;
use super::liveness;
use super::liveness::Lifetimes;
use super::{AllocError, Allocation, RegAlloc};
use crate::ir::{Function, VReg};
use aqua_bytecode::Reg;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

const NONE: u32 = u32::MAX;
/// Copies between units whose summed degree exceeds this are not coalesced (the test would cost
/// more than the copy is worth).
const MAX_TEST_DEGREE: usize = 8192;
/// Functions longer than this are coloured once (with coalescing), not twice.
const BEST_OF_MAX_INSTS: usize = 5000;
/// Highest register index (frames hold at most 255 registers).
const MAX_REG: i32 = super::MAX_FRAME as i32 - 1;

/// Counters describing one colouring (for reports and measurements).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Vregs that needed a register.
    pub vregs: u32,
    /// Interference edges.
    pub edges: u32,
    /// Largest number of simultaneously live vregs.
    pub max_pressure: u32,
    /// IR `MOVE`s.
    pub copies: u32,
    /// IR `MOVE`s coalesced (emitted as nothing).
    pub coalesced: u32,
    /// Units coloured (after window grouping and coalescing).
    pub units: u32,
    /// 0: coloured with coalescing; 1: without coalescing; 2: fell back to LIFO.
    pub fallback: u8,
}

/// The graph-colouring allocator.
#[derive(Clone, Copy, Debug)]
pub struct Coloring {
    /// Coalesce copies.
    pub coalesce: bool,
    /// Slack added to the register pressure to get the conservative tests' `K`.
    pub k_slack: u32,
    /// Run the allocation checker on the result and fall back to another attempt when it rejects
    /// it (off by default: the compiler runs the checker on every allocation in debug builds,
    /// where a rejection is a bug to see, not to hide).
    pub verify: bool,
    /// Lifetimes of named locals (default [`Lifetimes::Faithful`], lua5.4's: every named local
    /// keeps its register to its scope end, so `debug.getlocal` and hooks see what lua5.4 shows;
    /// [`Lifetimes::GcFaithful`] frees the registers of dead number/string locals, which a hook
    /// could observe).
    pub lifetimes: Lifetimes,
    /// Colour both with and without coalescing and keep the smaller frame (then fewer MOVEs);
    /// otherwise keep the first attempt that succeeds.
    pub best_of: bool,
}

impl Default for Coloring {
    fn default() -> Self {
        Coloring {
            coalesce: true,
            k_slack: 2,
            verify: false,
            best_of: true,
            lifetimes: Lifetimes::Faithful,
        }
    }
}

/// Units: a union-find with offsets, kept explicit (members per unit).
struct Units {
    /// Unit of each vreg (`NONE` for unused vregs).
    unit: Vec<u32>,
    /// Offset of each vreg from its unit's base.
    off: Vec<i32>,
    /// Members of each unit (empty once merged away).
    members: Vec<Vec<VReg>>,
    /// Fixed base of a unit (parameters).
    fixed: Vec<Option<i32>>,
    /// Smallest and largest member offset of each unit.
    extent: Vec<(i32, i32)>,
    /// Sum of the members' interference degrees (an upper bound of the unit's degree).
    deg: Vec<usize>,
    /// Indices into `Problem::below` touching each vreg.
    cons: Vec<Vec<u32>>,
}

impl Units {
    fn new(p: &Problem) -> Units {
        let n = p.n as usize;
        let mut unit = vec![NONE; n];
        let mut members = Vec::new();
        for (v, (u, &used)) in unit.iter_mut().zip(p.used.iter()).enumerate() {
            if used {
                *u = members.len() as u32;
                members.push(vec![VReg(v as u32)]);
            }
        }
        let fixed = vec![None; members.len()];
        let extent = vec![(0, 0); members.len()];
        let deg = members
            .iter()
            .map(|m: &Vec<VReg>| {
                m.iter()
                    .map(|v| p.adj.get(v.0 as usize).map_or(0, |l| l.len()))
                    .sum()
            })
            .collect();
        let mut cons = vec![Vec::new(); n];
        for (k, c) in p.below.iter().enumerate() {
            if let Some(l) = cons.get_mut(c.lo.0 as usize) {
                l.push(k as u32);
            }
            if c.hi != c.lo {
                if let Some(l) = cons.get_mut(c.hi.0 as usize) {
                    l.push(k as u32);
                }
            }
        }
        Units {
            unit,
            off: vec![0; n],
            members,
            fixed,
            extent,
            deg,
            cons,
        }
    }

    fn unit_of(&self, v: VReg) -> Option<u32> {
        self.unit.get(v.0 as usize).copied().filter(|&u| u != NONE)
    }

    fn off_of(&self, v: VReg) -> i32 {
        self.off.get(v.0 as usize).copied().unwrap_or(0)
    }

    /// Can unit `src` join unit `dst` with its offsets shifted by `shift`?
    fn can_merge(&self, p: &Problem, dst: u32, src: u32, shift: i32) -> bool {
        if dst == src {
            return false;
        }
        let (Some(dm), Some(sm)) = (
            self.members.get(dst as usize),
            self.members.get(src as usize),
        ) else {
            return false;
        };
        // Extent.
        let _ = dm;
        let (dl, dh) = self.extent[dst as usize];
        let (sl, sh) = self.extent[src as usize];
        let (lo, hi) = (dl.min(sl + shift), dh.max(sh + shift));
        if hi - lo > MAX_REG {
            return false;
        }
        let fd = self.fixed.get(dst as usize).copied().flatten();
        let fs = self.fixed.get(src as usize).copied().flatten();
        match (fd, fs) {
            (Some(a), Some(b)) if b != a + shift => return false,
            (Some(a), _) if a + lo < 0 || a + hi > MAX_REG => return false,
            (None, Some(b)) if b - shift + lo < 0 || b - shift + hi > MAX_REG => return false,
            _ => {}
        }
        for &y in sm {
            let oy = self.off_of(y) + shift;
            for &w in p.adj.get(y.0 as usize).map(|l| l.as_slice()).unwrap_or(&[]) {
                if self.unit_of(w) == Some(dst) && self.off_of(w) == oy {
                    return false;
                }
            }
            for &ci in self
                .cons
                .get(y.0 as usize)
                .map(|l| l.as_slice())
                .unwrap_or(&[])
            {
                let Some(c) = p.below.get(ci as usize) else {
                    continue;
                };
                let (ul, uh) = (self.unit_of(c.lo), self.unit_of(c.hi));
                let in_merged = |u: Option<u32>| u == Some(dst) || u == Some(src);
                if in_merged(ul) && in_merged(uh) {
                    let ol = self.off_of(c.lo) + if ul == Some(src) { shift } else { 0 };
                    let oh = self.off_of(c.hi) + if uh == Some(src) { shift } else { 0 };
                    if ol >= oh + c.k {
                        return false;
                    }
                }
            }
        }
        true
    }

    fn merge(&mut self, dst: u32, src: u32, shift: i32) {
        let moved = std::mem::take(&mut self.members[src as usize]);
        for &v in &moved {
            self.unit[v.0 as usize] = dst;
            self.off[v.0 as usize] += shift;
        }
        let fs = self.fixed[src as usize].take();
        if self.fixed[dst as usize].is_none() {
            self.fixed[dst as usize] = fs.map(|b| b - shift);
        }
        self.members[dst as usize].extend(moved);
        let ds = std::mem::take(&mut self.deg[src as usize]);
        self.deg[dst as usize] += ds;
        let (sl, sh) = self.extent[src as usize];
        let e = &mut self.extent[dst as usize];
        *e = (e.0.min(sl + shift), e.1.max(sh + shift));
    }

    /// Merge the units of `a` (offset `oa` in the group) and `b` (offset `ob`) so that
    /// `reg(b) - reg(a) == ob - oa`. Returns false if impossible.
    fn join(&mut self, p: &Problem, a: VReg, oa: i32, b: VReg, ob: i32) -> bool {
        let (Some(ua), Some(ub)) = (self.unit_of(a), self.unit_of(b)) else {
            return false;
        };
        // reg(x) = base_u + off(x); want base_ub + off(b) - (base_ua + off(a)) = ob - oa.
        // Merging ub into ua: new off(y) = off(y) + shift with shift = base_ub - base_ua.
        let shift = ob - oa + self.off_of(a) - self.off_of(b);
        if ua == ub {
            return shift == 0;
        }
        // Merge the smaller into the larger.
        let (dst, src, sh) = if self.members[ua as usize].len() >= self.members[ub as usize].len() {
            (ua, ub, shift)
        } else {
            (ub, ua, -shift)
        };
        if !self.can_merge(p, dst, src, sh) {
            return false;
        }
        self.merge(dst, src, sh);
        true
    }

    /// Upper bound of the number of neighbour units of unit `u`.
    fn degree(&self, _p: &Problem, u: u32) -> usize {
        self.deg.get(u as usize).copied().unwrap_or(0)
    }

    /// Distinct neighbour units of unit `u`.
    fn neighbours(&self, p: &Problem, u: u32, out: &mut Vec<u32>) {
        out.clear();
        for &v in self
            .members
            .get(u as usize)
            .map(|m| m.as_slice())
            .unwrap_or(&[])
        {
            for &w in p.adj.get(v.0 as usize).map(|l| l.as_slice()).unwrap_or(&[]) {
                if let Some(uw) = self.unit_of(w) {
                    if uw != u {
                        out.push(uw);
                    }
                }
            }
        }
        out.sort_unstable();
        out.dedup();
    }

    /// The conservative coalescing test for merging units `a` and `b`.
    fn conservative(&self, p: &Problem, a: u32, b: u32, k: usize) -> bool {
        // Refuse (conservatively) when the test itself would be expensive: long-lived values
        // of huge functions interfere with thousands of vregs.
        if self.degree(p, a) + self.degree(p, b) > MAX_TEST_DEGREE {
            return false;
        }
        let mut na = Vec::new();
        let mut nb = Vec::new();
        self.neighbours(p, a, &mut na);
        self.neighbours(p, b, &mut nb);
        let fa = self.fixed.get(a as usize).copied().flatten().is_some();
        let fb = self.fixed.get(b as usize).copied().flatten().is_some();
        if fa || fb {
            // George: every neighbour of the free unit already interferes with the fixed one,
            // or has insignificant degree.
            let (fixed_n, free_n) = if fa { (&na, &nb) } else { (&nb, &na) };
            free_n.iter().all(|t| {
                *t == a || *t == b || fixed_n.binary_search(t).is_ok() || self.degree(p, *t) < k
            })
        } else {
            // Briggs: fewer than k neighbours of significant degree.
            let mut all = na;
            all.extend(nb);
            all.sort_unstable();
            all.dedup();
            all.iter()
                .filter(|&&t| t != a && t != b && self.degree(p, t) >= k)
                .count()
                < k
        }
    }
}

impl Coloring {
    /// Allocate `f` and report what happened.
    pub fn allocate_with_stats(&self, f: &Function) -> Result<(Allocation, Stats), AllocError> {
        let p = interference::build_with(f, self.lifetimes);
        let mut stats = Stats {
            vregs: p.used.iter().filter(|&&u| u).count() as u32,
            edges: p.edges() as u32,
            max_pressure: p.max_pressure,
            copies: p.moves.len() as u32,
            ..Stats::default()
        };
        let debug = std::env::var_os("AQUA_COLORING_DEBUG").is_some();
        // Without copies both attempts are the same; huge functions are coloured once.
        let attempts: &[bool] = if !self.coalesce || p.moves.is_empty() {
            &[false]
        } else {
            &[true, false]
        };
        let best_of = self.best_of && f.insts.len() <= BEST_OF_MAX_INSTS;
        let mut best: Option<(Allocation, u32, u32, u8)> = None;
        for (n, &coalesce) in attempts.iter().enumerate() {
            let r = self
                .attempt(f, &p, coalesce)
                .and_then(|(a, units, coalesced, merges)| {
                    if self.verify {
                        super::checker::check(f, &a).map_err(|e| format!("checker: {e}"))?;
                    }
                    Ok((a, units, coalesced, merges))
                });
            match r {
                Ok((a, units, coalesced, merges)) => {
                    let better = best.as_ref().is_none_or(|(b, _, bc, _)| {
                        (a.maxstacksize, std::cmp::Reverse(coalesced))
                            < (b.maxstacksize, std::cmp::Reverse(*bc))
                    });
                    if better {
                        best = Some((a, units, coalesced, n as u8));
                    }
                    // Without merges the plain attempt would colour the same units.
                    if !best_of || merges == 0 {
                        break;
                    }
                }
                Err(e) if debug => eprintln!("coloring <{}>: attempt {n}: {e}", f.linedefined),
                Err(_) => {}
            }
        }
        match best {
            Some((a, units, coalesced, n)) => {
                stats.units = units;
                stats.coalesced = coalesced;
                stats.fallback = if self.coalesce { n } else { 1 };
                Ok((a, stats))
            }
            None => {
                stats.fallback = 2;
                Ok((Lifo.allocate(f)?, stats))
            }
        }
    }

    /// One colouring attempt: `(allocation, units, copies in one register, merges)`, or why the
    /// constraints could not be met.
    fn attempt(
        &self,
        f: &Function,
        p: &Problem,
        coalesce: bool,
    ) -> Result<(Allocation, u32, u32, u32), String> {
        let mut u = Units::new(p);
        // Parameters: one fixed unit at base 0.
        if let Some(&p0) = p.params.first() {
            let u0 = u.unit_of(p0).ok_or("unused parameter")?;
            u.fixed[u0 as usize] = Some(-u.off_of(p0));
            for (k, &pv) in p.params.iter().enumerate().skip(1) {
                if !u.join(p, p0, 0, pv, k as i32) {
                    return Err("parameters".into());
                }
            }
        }
        // Windows: the same groups linear scan places as clusters (`liveness::WindowGroups`);
        // each becomes one unit.
        let mut groups = liveness::WindowGroups::build(f).map_err(|e| e.to_string())?;
        for v in 0..p.n {
            if !p.used.get(v as usize).copied().unwrap_or(false) {
                continue;
            }
            let (r, o) = groups.find(v);
            if r != v && !u.join(p, VReg(r), 0, VReg(v), o) {
                return Err(format!("window group of v{r}"));
            }
        }
        let mut coalesced = 0u32;
        let mut merges = 0u32;
        if coalesce {
            let k = (p.max_pressure + self.k_slack).max(2) as usize;
            let mut pending: Vec<(VReg, VReg)> = p.moves.iter().map(|&(_, d, s)| (d, s)).collect();
            loop {
                let mut progress = false;
                let mut rest = Vec::new();
                for (d, s) in pending {
                    let (Some(ud), Some(us)) = (u.unit_of(d), u.unit_of(s)) else {
                        continue;
                    };
                    if ud == us {
                        continue;
                    }
                    if u.conservative(p, ud, us, k) && u.join(p, d, 0, s, 0) {
                        progress = true;
                        merges += 1;
                    } else {
                        rest.push((d, s));
                    }
                }
                pending = rest;
                if !progress || pending.is_empty() {
                    break;
                }
            }
        }
        let regs = select(p, &u, true)?;
        for &(_, d, s) in &p.moves {
            if regs.get(d.0 as usize).copied().flatten().is_some()
                && regs.get(d.0 as usize) == regs.get(s.0 as usize)
            {
                coalesced += 1;
            }
        }
        // No floor of 2 (luac keeps R0/R1 always valid; nothing in the VM needs them).
        let mut max = 0u32;
        for r in regs.iter().flatten() {
            max = max.max(r.0 as u32 + 1);
        }
        for &b in &p.tforcall {
            if let Some(r) = regs.get(b.0 as usize).copied().flatten() {
                max = max.max(r.0 as u32 + 7);
            }
        }
        if max > super::MAX_FRAME {
            return Err(super::TOO_MANY_REGISTERS.into());
        }
        let units = u.members.iter().filter(|m| !m.is_empty()).count() as u32;
        Ok((
            Allocation {
                regs,
                moves: Vec::new(),
                maxstacksize: max as u8,
                lifo_levels: false,
            },
            units,
            coalesced,
            merges,
        ))
    }
}

/// Colour the units: topological order of the order constraints, ties by first position.
fn select(p: &Problem, u: &Units, bias: bool) -> Result<Vec<Option<Reg>>, String> {
    // Copy partners per vreg, for biased colouring.
    let mut partners: Vec<Vec<VReg>> = Vec::new();
    if bias {
        partners = vec![Vec::new(); p.n as usize];
        for &(_, d, s) in &p.moves {
            if let (Some(_), Some(_)) = (partners.get(d.0 as usize), partners.get(s.0 as usize)) {
                partners[d.0 as usize].push(s);
                partners[s.0 as usize].push(d);
            }
        }
    }
    let mut high = 0i32; // registers used so far (frame high-water mark)
    let nunits = u.members.len();
    let mut first = vec![u32::MAX; nunits];
    let mut min_off = vec![0i32; nunits];
    let mut max_off = vec![0i32; nunits];
    for (k, m) in u.members.iter().enumerate() {
        if m.is_empty() {
            continue;
        }
        min_off[k] = i32::MAX;
        max_off[k] = i32::MIN;
        for &v in m {
            first[k] = first[k].min(p.first.get(v.0 as usize).copied().unwrap_or(u32::MAX));
            min_off[k] = min_off[k].min(u.off_of(v));
            max_off[k] = max_off[k].max(u.off_of(v));
        }
    }
    // colour(lo) - colour(hi) <= d
    let mut ups: Vec<Vec<(u32, i32)>> = vec![Vec::new(); nunits];
    let mut downs: Vec<Vec<(u32, i32)>> = vec![Vec::new(); nunits];
    let mut indeg = vec![0u32; nunits];
    for c in &p.below {
        let (Some(ul), Some(uh)) = (u.unit_of(c.lo), u.unit_of(c.hi)) else {
            continue;
        };
        let d = u.off_of(c.hi) + c.k - u.off_of(c.lo) - 1;
        if ul == uh {
            if d < 0 {
                return Err(format!(
                    "order constraint inside a unit: v{} below v{}",
                    c.lo.0, c.hi.0
                ));
            }
            continue;
        }
        ups[ul as usize].push((uh, d));
        downs[uh as usize].push((ul, d));
        indeg[uh as usize] += 1;
    }
    let mut colour: Vec<Option<i32>> = vec![None; nunits];
    let mut heap: BinaryHeap<Reverse<(u32, u32)>> = BinaryHeap::new();
    let mut remaining = 0usize;
    for k in 0..nunits {
        if u.members[k].is_empty() {
            continue;
        }
        remaining += 1;
        if indeg[k] == 0 || u.fixed[k].is_some() {
            heap.push(Reverse((first[k], k as u32)));
        }
    }
    // Fixed units first.
    let mut order_fixed: Vec<u32> = (0..nunits as u32)
        .filter(|&k| u.fixed[k as usize].is_some() && !u.members[k as usize].is_empty())
        .collect();
    order_fixed.sort_unstable();
    let mut forbid = [0u64; 8]; // bases -256..256
    let mut next_unforced = 0usize;
    let mut sorted_by_first: Vec<u32> = (0..nunits as u32)
        .filter(|&k| !u.members[k as usize].is_empty())
        .collect();
    sorted_by_first.sort_unstable_by_key(|&k| (first[k as usize], k));
    let mut fixed_queue = order_fixed.into_iter();
    while remaining > 0 {
        let k = if let Some(k) = fixed_queue.next() {
            k as usize
        } else if let Some(Reverse((_, k))) = heap.pop() {
            let k = k as usize;
            if colour[k].is_some() {
                continue;
            }
            k
        } else {
            // A cycle of order constraints: take the earliest uncoloured unit.
            loop {
                let k = *sorted_by_first.get(next_unforced).ok_or("no unit left")? as usize;
                next_unforced += 1;
                if colour[k].is_none() {
                    break k;
                }
            }
        };
        if colour[k].is_some() {
            continue;
        }
        // Bounds.
        let mut lb = -min_off[k];
        let mut ub = MAX_REG - max_off[k];
        for &(ulo, d) in &downs[k] {
            if let Some(c) = colour[ulo as usize] {
                lb = lb.max(c - d);
            }
        }
        for &(uhi, d) in &ups[k] {
            if let Some(c) = colour[uhi as usize] {
                ub = ub.min(c + d);
            }
        }
        for w in forbid.iter_mut() {
            *w = 0;
        }
        for &v in &u.members[k] {
            let o = u.off_of(v);
            for &w in p.adj.get(v.0 as usize).map(|l| l.as_slice()).unwrap_or(&[]) {
                let Some(uw) = u.unit_of(w) else { continue };
                if let Some(cw) = colour[uw as usize] {
                    let b = cw + u.off_of(w) - o + 256;
                    if (0..512).contains(&b) {
                        forbid[(b / 64) as usize] |= 1 << (b % 64);
                    }
                }
            }
        }
        let is_forbidden = |b: i32| {
            let x = b + 256;
            !(0..512).contains(&x) || forbid[(x / 64) as usize] & (1 << (x % 64)) != 0
        };
        let ok = |b: i32| b >= lb && b <= ub && !is_forbidden(b);
        let chosen = if let Some(fb) = u.fixed[k] {
            ok(fb).then_some(fb)
        } else {
            // Biased colouring: a base that puts a copy in the same register as its already
            // coloured partner, if it does not grow the frame; else the lowest base.
            let mut pick = None;
            if bias {
                'find: for &v in &u.members[k] {
                    for &w in partners
                        .get(v.0 as usize)
                        .map(|l| l.as_slice())
                        .unwrap_or(&[])
                    {
                        let Some(uw) = u.unit_of(w) else { continue };
                        if uw as usize == k {
                            continue;
                        }
                        if let Some(cw) = colour[uw as usize] {
                            let b = cw + u.off_of(w) - u.off_of(v);
                            if ok(b) && b + max_off[k] < high {
                                pick = Some(b);
                                break 'find;
                            }
                        }
                    }
                }
            }
            pick.or_else(|| (lb..=ub).find(|&b| ok(b)))
        };
        let c = chosen.ok_or_else(|| {
            format!(
                "no register for unit of v{} (bounds {lb}..={ub}{})",
                u.members[k].first().map_or(0, |v| v.0),
                if u.fixed[k].is_some() { ", fixed" } else { "" }
            )
        })?;
        colour[k] = Some(c);
        high = high.max(c + max_off[k] + 1);
        remaining -= 1;
        for &(uhi, _) in &ups[k] {
            let x = &mut indeg[uhi as usize];
            *x = x.saturating_sub(1);
            if *x == 0 && colour[uhi as usize].is_none() {
                heap.push(Reverse((first[uhi as usize], uhi)));
            }
        }
    }
    let mut regs = vec![None; p.n as usize];
    for (v, r) in regs.iter_mut().enumerate() {
        let Some(uv) = u.unit_of(VReg(v as u32)) else {
            continue;
        };
        let c = colour
            .get(uv as usize)
            .copied()
            .flatten()
            .ok_or("uncoloured unit")?;
        let x = c + u.off_of(VReg(v as u32));
        if !(0..=MAX_REG).contains(&x) {
            return Err("register out of range".into());
        }
        *r = Some(Reg(x as u8));
    }
    Ok(regs)
}

impl RegAlloc for Coloring {
    fn name(&self) -> &'static str {
        match self.lifetimes {
            Lifetimes::Live => "coloring-live",
            _ => "coloring",
        }
    }

    fn allocate(&self, f: &Function) -> Result<Allocation, AllocError> {
        self.allocate_with_stats(f).map(|(a, _)| a)
    }

    fn lifetimes(&self) -> Option<Lifetimes> {
        Some(self.lifetimes)
    }
}
