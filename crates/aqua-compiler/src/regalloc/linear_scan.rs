//! Linear-scan register allocation (Poletto–Sarkar, with lifetime holes), adapted to Lua's
//! register windows.
//!
//! Role: an alternative to [`super::lifo::Lifo`] that gives each vreg a register only while it
//! is live, so dead locals and temporaries free their registers early, and that coalesces the
//! IR's copies into call windows (a dying local copied into an argument slot is allocated in that
//! slot: the `MOVE` becomes `MOVE Rx Rx` and emission drops it).
//!
//! How the Lua constraints are honoured:
//! - **Windows are rigid clusters.** Every operand group of an instruction (`Inst::win`,
//!   `Inst::wout` at `wout_off`) says "these vregs sit at base+0, base+1, ...". The weighted
//!   union-find [`liveness::WindowGroups`] (shared with colouring) turns them into clusters: each
//!   vreg has a cluster and an offset in it, and a cluster is placed as a unit at a base
//!   register. An open-range producer is linked to its consumer through its anchor (the consumer
//!   window's last vreg is the producer's first result).
//!   Contradictory offsets make the allocation fail (the caller falls back to LIFO).
//! - **Calls clobber.** Every vreg live across a `CALL`, `TFORCALL` (from base+4) or an open
//!   `VARARG` must sit below the clobbered registers: a constraint between the vreg and the
//!   cluster of the call, checked whichever of the two is placed second.
//! - **GC safe points** (`NEWTABLE`/`CLOSURE`/`CONCAT`/`SETLIST A`,
//!   [`liveness::gc_point_base`]): the collector marks only `R[0..=A]` there, so every vreg live
//!   across one must sit at or below `A` (the same kind of constraint, from `A + 1`).
//! - **Parameters** are fixed in `R[0..numparams)`.
//! - **Captured and to-be-closed locals** ([`liveness::tbc_like`]) keep their register over their
//!   scope (their intervals cover it), and every `CLOSE` can be given a level that closes exactly
//!   what lua5.4 closes: for each [`liveness::CloseSet`], every other open local is placed below
//!   every closed one (precedence constraints, checked like the clobbers).
//! - **The 255-register limit**: a cluster that does not fit fails the allocation; the caller
//!   then falls back to LIFO, which reports lua5.4's `function or expression needs too many
//!   registers` exactly where lua5.4 does.
//!
//! The scan: clusters are placed in order of their first live slot. For a cluster it tries, in
//! order, the bases that coalesce a copy with an already placed partner, then (when a member is
//! copied later into a window slot at offset `k`) the lowest base that leaves `k` registers below
//! that member free for the window, then the lowest feasible base. A base is feasible when every
//! member's register is free over the member's live ranges (per-register occupancy maps: holes
//! of long intervals are reused) and every constraint with placed vregs holds.
//!
//! **Local lifetimes** ([`Lifetimes`]): the intervals come from
//! [`liveness::allocation_intervals`], the one lifetime policy shared with colouring. A
//! temporary lives from its definition to its last use. A named local, by default
//! ([`LinearScan`], `--alloc=linear`, [`Lifetimes::Faithful`]), keeps its register over its
//! whole scope, as in lua5.4: an object referenced only by a dead local stays reachable until the
//! scope ends (finalizers and weak tables behave exactly as in lua5.4) and `debug.getlocal` sees
//! every local in scope. [`LinearScanLive`] (`--alloc=linear-live`, [`Lifetimes::Live`]) frees a
//! local's register after its last use (smaller frames; those two observable differences).
//! Holes of a named local inside its scope are filled either way, so one debug record describes
//! it.
//!
//! No live-range splitting is needed on IR built by the builder: its windows are consistent by
//! construction (they come from lua5.4's own slots), so the only MOVEs are the IR's, and the
//! allocator's job is to make as many of them as possible self-moves. `Allocation::moves` stays
//! empty.

use super::liveness::{self, Interval, Range};
use super::{AllocError, Allocation, RegAlloc};
use crate::ir::{Function, InstId, VReg};
use aqua_bytecode::{OpCode, Reg};

/// Which lifetime named locals get (defined with the one lifetime policy in [`liveness`]).
pub use super::liveness::Lifetimes;

/// The linear-scan allocator (lua5.4's local lifetimes, [`Lifetimes::Faithful`]).
#[derive(Clone, Copy, Debug, Default)]
pub struct LinearScan;

/// The linear-scan allocator with pure-liveness local lifetimes ([`Lifetimes::Live`]).
#[derive(Clone, Copy, Debug, Default)]
pub struct LinearScanLive;

impl RegAlloc for LinearScanLive {
    fn name(&self) -> &'static str {
        "linear-live"
    }

    fn allocate(&self, f: &Function) -> Result<Allocation, AllocError> {
        allocate_with(f, Lifetimes::Live, false).map(|(a, _)| a)
    }

    fn lifetimes(&self) -> Option<Lifetimes> {
        Some(Lifetimes::Live)
    }
}

/// Counters of one linear-scan run (for `--regalloc-report`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Vregs with a non-empty interval.
    pub intervals: u32,
    /// Clusters (window groups and singletons) placed.
    pub clusters: u32,
    /// Maximum number of simultaneously live vregs (raw liveness).
    pub max_pressure: u32,
    /// The same after the allocator's adjustments (named locals solid in their scope): a lower
    /// bound of the frame this allocator can reach.
    pub final_pressure: u32,
    /// IR MOVEs whose source and destination got the same register.
    pub coalesced: u32,
    /// IR MOVEs left.
    pub moves_left: u32,
}

impl RegAlloc for LinearScan {
    fn name(&self) -> &'static str {
        "linear"
    }

    fn allocate(&self, f: &Function) -> Result<Allocation, AllocError> {
        allocate_with(f, Lifetimes::Faithful, false).map(|(a, _)| a)
    }

    fn lifetimes(&self) -> Option<Lifetimes> {
        Some(Lifetimes::Faithful)
    }
}

fn fail(msg: &str) -> AllocError {
    AllocError {
        message: msg.to_string(),
    }
}

/// Largest frame (registers `0..MAXREGS`).
const MAXREGS: u32 = super::MAX_FRAME;

/// Occupied slot ranges of one register: disjoint `(start, end)` pairs sorted by start (the scan
/// mostly appends: clusters are placed in order of their first slot).
#[derive(Default, Clone)]
struct RegOcc {
    v: Vec<(u32, u32)>,
}

impl RegOcc {
    fn free(&self, ranges: &[Range]) -> bool {
        for r in ranges {
            // The last occupied range starting before `r.end` is the only one that can overlap.
            let i = self.v.partition_point(|x| x.0 < r.end);
            if i > 0 && self.v[i - 1].1 > r.start {
                return false;
            }
        }
        true
    }
    fn add(&mut self, ranges: &[Range]) {
        for r in ranges {
            let i = self.v.partition_point(|x| x.0 < r.start);
            self.v.insert(i, (r.start, r.end));
        }
    }
}

/// One cluster: members with offsets (normalised to start at 0).
struct Cluster {
    /// Its members are `mem[lo..hi]` (one flat array for all clusters).
    lo: u32,
    hi: u32,
    start: u32,
    /// Fixed base (parameters).
    fixed: Option<u32>,
}

/// A "must be below" constraint: `reg(v) < base(cluster) + k`.
#[derive(Clone, Copy)]
struct Below {
    v: u32,
    cluster: u32,
    k: i32,
}

/// Run linear scan on `f` (faithful lifetimes) with all statistics.
pub fn allocate(f: &Function) -> Result<(Allocation, Stats), AllocError> {
    allocate_with(f, Lifetimes::Faithful, true)
}

/// Run linear scan on `f`; `full_stats` also computes the final pressure.
pub fn allocate_with(
    f: &Function,
    lifetimes: Lifetimes,
    full_stats: bool,
) -> Result<(Allocation, Stats), AllocError> {
    let n = f.num_vregs as usize;
    if n > 1 << 24 {
        return Err(AllocError::too_many_registers());
    }
    let (iv, mut uf) = liveness::allocation_intervals(f, lifetimes).map_err(fail)?;
    let mut stats = Stats {
        max_pressure: iv.max_pressure,
        ..Stats::default()
    };
    // Members per root, normalised offsets (grouped by sorting, no map of vectors).
    let mut keyed: Vec<(u32, u32, i32)> = Vec::with_capacity(n);
    for v in 0..n as u32 {
        if iv.by_vreg.get(v as usize).is_some_and(|x| !x.is_empty()) {
            let (r, o) = uf.find(v);
            keyed.push((r, v, o));
        }
    }
    keyed.sort_unstable();
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut mem: Vec<(u32, u32)> = Vec::with_capacity(keyed.len());
    let mut cluster_of = vec![u32::MAX; n];
    let mut offset = vec![0u32; n];
    let mut k = 0;
    while k < keyed.len() {
        let r = keyed[k].0;
        let mut e = k;
        while e < keyed.len() && keyed[e].0 == r {
            e += 1;
        }
        let ms = &keyed[k..e];
        let min = ms.iter().map(|m| m.2).min().unwrap_or(0);
        let max = ms.iter().map(|m| m.2).max().unwrap_or(0);
        if (max - min) as u32 >= MAXREGS {
            return Err(AllocError::too_many_registers());
        }
        let id = clusters.len() as u32;
        let lo = mem.len() as u32;
        let mut start = u32::MAX;
        for &(_, v, o) in ms {
            let o = (o - min) as u32;
            cluster_of[v as usize] = id;
            offset[v as usize] = o;
            start = start.min(iv.by_vreg[v as usize].start());
            mem.push((v, o));
        }
        clusters.push(Cluster {
            lo,
            hi: mem.len() as u32,
            start,
            fixed: None,
        });
        k = e;
    }
    if full_stats {
        stats.final_pressure = liveness::pressure(&iv.by_vreg);
    }
    // Members forced into one register must not be live at the same time: per offset, all their
    // ranges sorted by start must not overlap (ranges of one vreg are disjoint already).
    for cl in &clusters {
        if members(&mem, cl).len() < 2 {
            continue;
        }
        let mut rs: Vec<(u32, u32, u32)> = Vec::new(); // (offset, start, end)
        for &(m, o) in members(&mem, cl) {
            for r in &iv.by_vreg[m as usize].ranges {
                rs.push((o, r.start, r.end));
            }
        }
        rs.sort_unstable();
        for w in rs.windows(2) {
            if w[0].0 == w[1].0 && w[1].1 < w[0].2 {
                return Err(fail("window members interfere"));
            }
        }
    }
    stats.clusters = clusters.len() as u32;
    stats.intervals = iv.by_vreg.iter().filter(|x| !x.is_empty()).count() as u32;
    // ---- parameters
    for (k, p) in f.params.iter().enumerate() {
        let c = cluster_of.get(p.0 as usize).copied().unwrap_or(u32::MAX);
        let Some(cl) = clusters.get_mut(c as usize) else {
            continue;
        };
        let want = k as i64 - offset[p.0 as usize] as i64;
        if want < 0 || cl.fixed.is_some_and(|b| b as i64 != want) {
            return Err(fail("parameter in an impossible window"));
        }
        cl.fixed = Some(want as u32);
    }
    // ---- clobber constraints
    let mut below_of_v: Vec<Vec<Below>> = vec![Vec::new(); n];
    let mut below_of_c: Vec<Vec<Below>> = vec![Vec::new(); clusters.len()];
    let mut tforcall_tops: Vec<(u32, u32)> = Vec::new(); // (cluster, offset of base + 7)
    {
        // (slot, cluster, k, defs) for every clobbering instruction, sorted by slot.
        let mut clob: Vec<(u32, u32, i32, usize)> = Vec::new();
        for (p, i) in f.insts.iter().enumerate() {
            // Calls and open producers clobber from their base (plus an offset); a GC safe point
            // keeps only `R[0..=A]` (everything live must sit at or below `A`: k = 1 from A).
            let clob_off = match (i.clobber_base(), i.open_out) {
                (Some(c), _) => Some(c as i32),
                (None, true) => Some(0),
                _ => None,
            };
            let (c, v0, k0) = if let Some(c) = clob_off {
                if let Some(&v) = i.win.first() {
                    (c, v, 0i32)
                } else if let Some(&v) = i.wout.first() {
                    (c, v, i.wout_off as i32)
                } else {
                    continue;
                }
            } else if let Some(g) = liveness::gc_point_base(i) {
                (1, g, 0)
            } else {
                continue;
            };
            let cid = cluster_of.get(v0.0 as usize).copied().unwrap_or(u32::MAX);
            if cid == u32::MAX {
                continue;
            }
            let base_off = offset[v0.0 as usize] as i32 - k0;
            if i.op == OpCode::TForCall {
                tforcall_tops.push((cid, (base_off + 7).max(0) as u32));
            }
            clob.push((liveness::def_slot(InstId(p as u32)), cid, base_off + c, p));
        }
        let mut seen: std::collections::HashMap<(u32, u32), usize, FxBuild> =
            std::collections::HashMap::default();
        for (v, x) in iv.by_vreg.iter().enumerate() {
            for r in &x.ranges {
                let lo = clob.partition_point(|c| c.0 < r.start);
                for &(slot, cid, k, p) in clob.get(lo..).unwrap_or(&[]) {
                    if slot >= r.end {
                        break;
                    }
                    if f.insts.get(p).is_some_and(|i| defines(i, VReg(v as u32))) {
                        continue;
                    }
                    if cluster_of[v] == cid {
                        if offset[v] as i32 >= k {
                            return Err(fail("window value clobbered by its own call"));
                        }
                        continue;
                    }
                    match seen.get(&(v as u32, cid)) {
                        Some(&ix) => {
                            if let Some(b) = below_of_v[v].get_mut(ix) {
                                b.k = b.k.min(k);
                            }
                        }
                        None => {
                            seen.insert((v as u32, cid), below_of_v[v].len());
                            below_of_v[v].push(Below {
                                v: v as u32,
                                cluster: cid,
                                k,
                            });
                        }
                    }
                }
            }
        }
    }
    for bs in &below_of_v {
        for b in bs {
            if let Some(x) = below_of_c.get_mut(b.cluster as usize) {
                x.push(*b);
            }
        }
    }
    // ---- precedence among captured / to-be-closed locals: reg(lo) < reg(hi)
    let mut prec_hi: Vec<Vec<u32>> = vec![Vec::new(); n]; // v -> vregs that must be above v
    let mut prec_lo: Vec<Vec<u32>> = vec![Vec::new(); n]; // v -> vregs that must be below v
    for cs in liveness::close_sets(f) {
        for o in &cs.open_others {
            for s in &cs.closes {
                if o != s && (o.0 as usize) < n && (s.0 as usize) < n {
                    prec_hi[o.0 as usize].push(s.0);
                    prec_lo[s.0 as usize].push(o.0);
                }
            }
        }
    }
    for x in prec_hi.iter_mut().chain(prec_lo.iter_mut()) {
        x.sort_unstable();
        x.dedup();
    }
    // ---- copy hints
    let mut hints: Vec<Vec<u32>> = vec![Vec::new(); n];
    for i in &f.insts {
        if i.op == OpCode::Move {
            if let (Some(a), Some(b)) = (i.a.reg(), i.b.reg()) {
                if (a.0 as usize) < n && (b.0 as usize) < n && a != b {
                    hints[a.0 as usize].push(b.0);
                    hints[b.0 as usize].push(a.0);
                }
            }
        }
    }
    // ---- the scan
    let mut order: Vec<u32> = (0..clusters.len() as u32).collect();
    order.sort_by_key(|&c| {
        let cl = &clusters[c as usize];
        (cl.fixed.is_none(), cl.start, c)
    });
    let mut occ: Vec<RegOcc> = vec![RegOcc::default(); MAXREGS as usize];
    let mut reg: Vec<Option<u32>> = vec![None; n];
    let mut base_of: Vec<Option<u32>> = vec![None; clusters.len()];
    let empty = Interval::default();
    let ivl = |v: u32| iv.by_vreg.get(v as usize).unwrap_or(&empty);
    for &c in &order {
        let cl = &clusters[c as usize];
        let span = members(&mem, cl).iter().map(|m| m.1).max().unwrap_or(0) + 1;
        // Bounds on the base from constraints with placed vregs / clusters.
        let mut lo: i64 = 0;
        let mut hi: i64 = MAXREGS as i64 - span as i64;
        for &(v, o) in members(&mem, cl) {
            for b in &below_of_v[v as usize] {
                if let Some(bb) = base_of[b.cluster as usize] {
                    // base + o < bb + k
                    hi = hi.min(bb as i64 + b.k as i64 - 1 - o as i64);
                }
            }
            for &h in &prec_hi[v as usize] {
                if let Some(r) = reg[h as usize] {
                    hi = hi.min(r as i64 - 1 - o as i64);
                }
            }
            for &l in &prec_lo[v as usize] {
                if let Some(r) = reg[l as usize] {
                    lo = lo.max(r as i64 + 1 - o as i64);
                }
            }
        }
        for b in &below_of_c[c as usize] {
            if let Some(r) = reg[b.v as usize] {
                // r < base + k
                lo = lo.max(r as i64 - b.k as i64 + 1);
            }
        }
        let fits = |b: i64, occ: &Vec<RegOcc>| -> bool {
            if b < lo || b > hi {
                return false;
            }
            members(&mem, cl).iter().all(|&(v, o)| {
                let r = (b + o as i64) as usize;
                occ.get(r).is_some_and(|x| x.free(&ivl(v).ranges))
            })
        };
        let mut chosen: Option<i64> = None;
        if let Some(b) = cl.fixed {
            if fits(b as i64, &occ) {
                chosen = Some(b as i64);
            } else {
                return Err(fail("parameter register taken"));
            }
        }
        // 1. coalesce with a placed copy partner
        if chosen.is_none() {
            'h: for &(v, o) in members(&mem, cl) {
                for &u in &hints[v as usize] {
                    if let Some(r) = reg[u as usize] {
                        let b = r as i64 - o as i64;
                        if fits(b, &occ) {
                            chosen = Some(b);
                            break 'h;
                        }
                    }
                }
            }
        }
        // 2. leave room below a member that is later copied into a window slot, when that
        //    window's cluster would fit there (against what is placed and this cluster).
        if chosen.is_none() {
            'room: for &(v, o) in members(&mem, cl) {
                // Not when calls happen while `v` lives: their windows would have to go above
                // the raised `v`, which costs more registers than the copy saves.
                if !below_of_v[v as usize].is_empty() {
                    continue;
                }
                for &u in &hints[v as usize] {
                    let cu = cluster_of[u as usize];
                    let Some(clu) = clusters.get(cu as usize) else {
                        continue;
                    };
                    if cu == c || reg[u as usize].is_some() {
                        continue;
                    }
                    let k = offset[u as usize] as i64;
                    if k <= o as i64 || ivl(v).end() > ivl(u).start() {
                        continue;
                    }
                    let mut b = (k - o as i64).max(lo);
                    while b <= hi && b <= k - o as i64 + 2 {
                        let base_u = b + o as i64 - k;
                        if fits(b, &occ)
                            && members(&mem, clu).iter().all(|&(m, om)| {
                                if m == u {
                                    return true;
                                }
                                let r = base_u + om as i64;
                                occ.get(r as usize).is_some_and(|x| x.free(&ivl(m).ranges))
                                    && members(&mem, cl).iter().all(|&(w, ow)| {
                                        b + ow as i64 != r || !ivl(w).overlaps(ivl(m))
                                    })
                            })
                        {
                            chosen = Some(b);
                            break 'room;
                        }
                        b += 1;
                    }
                }
            }
        }
        // 3. first fit
        if chosen.is_none() {
            let mut b = lo.max(0);
            while b <= hi {
                if fits(b, &occ) {
                    chosen = Some(b);
                    break;
                }
                b += 1;
            }
        }
        let Some(b) = chosen else {
            return Err(AllocError::too_many_registers());
        };
        base_of[c as usize] = Some(b as u32);
        for &(v, o) in members(&mem, cl) {
            let r = b as u32 + o;
            reg[v as usize] = Some(r);
            if let Some(x) = occ.get_mut(r as usize) {
                x.add(&ivl(v).ranges);
            }
        }
    }
    // ---- result
    // No floor of 2 (lua5.4's "registers 0/1 are always valid" is a convenience of its code
    // generator, not a VM requirement): the frame is what the code uses.
    let mut max: u32 = 0;
    for r in reg.iter().flatten() {
        max = max.max(r + 1);
    }
    for (c, top) in tforcall_tops {
        if let Some(b) = base_of.get(c as usize).copied().flatten() {
            max = max.max(b + top);
        }
    }
    if max > MAXREGS {
        return Err(AllocError::too_many_registers());
    }
    for i in &f.insts {
        if i.op == OpCode::Move {
            if let (Some(a), Some(b)) = (i.a.reg(), i.b.reg()) {
                let ra = reg.get(a.0 as usize).copied().flatten();
                if ra.is_some() && ra == reg.get(b.0 as usize).copied().flatten() {
                    stats.coalesced += 1;
                } else {
                    stats.moves_left += 1;
                }
            }
        }
    }
    Ok((
        Allocation {
            regs: reg.into_iter().map(|r| r.map(|r| Reg(r as u8))).collect(),
            moves: Vec::new(),
            maxstacksize: max as u8,
            lifo_levels: false,
        },
        stats,
    ))
}

/// Does `i` write `v`?
fn defines(i: &crate::ir::Inst, v: VReg) -> bool {
    i.wout.contains(&v) || (i.a == crate::ir::Opnd::R(v) && i.defs().contains(&v))
}

/// A small, fast hasher for the (vreg, cluster) keys of the clobber table (SipHash is not
/// needed: keys are our own integers).
#[derive(Default, Clone, Copy)]
struct FxBuild;

impl std::hash::BuildHasher for FxBuild {
    type Hasher = Fx;
    fn build_hasher(&self) -> Fx {
        Fx(0)
    }
}

/// Fx hash state.
struct Fx(u64);

impl std::hash::Hasher for Fx {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(b as u64);
        }
    }
    fn write_u32(&mut self, i: u32) {
        self.write_u64(i as u64);
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// The members of a cluster.
fn members<'a>(mem: &'a [(u32, u32)], cl: &Cluster) -> &'a [(u32, u32)] {
    mem.get(cl.lo as usize..cl.hi as usize).unwrap_or(&[])
}
