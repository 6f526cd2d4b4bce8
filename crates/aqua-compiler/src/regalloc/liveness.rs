//! Liveness of virtual registers over the IR (backward dataflow on the blocks).
//!
//! Role: the analysis other allocators (linear scan, colouring) build their intervals and
//! interference on, and a witness that the IR is honest: every value flow is visible as uses,
//! defs and pinned ranges. Conventions (see `ir`):
//! - `MMBIN*` operands are already uses of the arithmetic instruction they complete, so their own
//!   uses are ignored (the arithmetic's destination may share an operand's register);
//! - a `TESTSET` writes its destination only on the jump edge: its def does not kill;
//! - pinned locals (captured / to-be-closed) are live over their whole scope.

use crate::ir::{BlockId, Function, Inst, VReg};
use aqua_bytecode::OpCode;

/// A set of vregs as a bit vector.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VSet {
    bits: Vec<u64>,
}

impl VSet {
    /// An empty set able to hold `n` vregs.
    pub fn new(n: u32) -> VSet {
        VSet {
            bits: vec![0; (n as usize).div_ceil(64)],
        }
    }
    /// Insert.
    pub fn insert(&mut self, v: VReg) {
        if let Some(w) = self.bits.get_mut(v.0 as usize / 64) {
            *w |= 1 << (v.0 % 64);
        }
    }
    /// Remove.
    pub fn remove(&mut self, v: VReg) {
        if let Some(w) = self.bits.get_mut(v.0 as usize / 64) {
            *w &= !(1 << (v.0 % 64));
        }
    }
    /// Membership.
    pub fn contains(&self, v: VReg) -> bool {
        self.bits
            .get(v.0 as usize / 64)
            .is_some_and(|w| w & (1 << (v.0 % 64)) != 0)
    }
    /// `self |= other`; returns whether `self` changed.
    pub fn union_with(&mut self, other: &VSet) -> bool {
        let mut changed = false;
        for (a, b) in self.bits.iter_mut().zip(other.bits.iter()) {
            let n = *a | *b;
            changed |= n != *a;
            *a = n;
        }
        changed
    }
    /// The members, in increasing order.
    pub fn iter(&self) -> impl Iterator<Item = VReg> + '_ {
        self.bits.iter().enumerate().flat_map(|(i, &w)| {
            (0..64)
                .filter(move |b| w & (1u64 << b) != 0)
                .map(move |b| VReg((i * 64 + b) as u32))
        })
    }
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

/// Compute liveness for `f`.
pub fn compute(f: &Function) -> Liveness {
    let nb = f.blocks.len();
    let n = f.num_vregs;
    let succs: Vec<Vec<BlockId>> = (0..nb).map(|b| f.successors(BlockId(b as u32))).collect();
    let mut live_in = vec![VSet::new(n); nb];
    let mut live_out = vec![VSet::new(n); nb];
    let mut changed = true;
    let mut rounds = 0;
    while changed && rounds < 10_000 {
        changed = false;
        rounds += 1;
        for b in (0..nb).rev() {
            let out = block_out(&succs, &live_in, b, n);
            let Some(blk) = f.blocks.get(b) else { continue };
            let mut cur = out.clone();
            for p in (blk.start as usize..blk.end as usize).rev() {
                let Some(i) = f.insts.get(p) else { break };
                if let Some(c) = testset_edge(f, &succs, &live_in, b, p, n) {
                    cur = c;
                }
                for d in killing_defs(i) {
                    cur.remove(d);
                }
                for u in live_uses(i) {
                    cur.insert(u);
                }
            }
            for pin in &f.pinned {
                if pin.start.0 <= blk.start && blk.start < pin.end.0 {
                    cur.insert(pin.vreg);
                }
            }
            if live_out[b] != out {
                live_out[b] = out;
                changed = true;
            }
            if live_in[b] != cur {
                live_in[b] = cur;
                changed = true;
            }
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
