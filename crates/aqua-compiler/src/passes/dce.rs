//! Dead-code elimination of pure definitions.
//!
//! A backward liveness dataflow over the blocks; an instruction is removed when it is *pure*
//! (`MOVE`, `LOADI`/`LOADF`/`LOADK`/`LOADKX`, `LOADTRUE`/`LOADFALSE`, `NOT`, `GETUPVAL`,
//! `NEWTABLE`, `CLOSURE`: no error, no metamethod, no other effect than its one destination),
//! its destination is not live after it, the destination is not protected
//! ([`super::Info::protected`]) and its position may go ([`super::removable_position`]).
//! Repeats until nothing more goes (a removed `MOVE` can make its source dead).
//!
//! Liveness conventions (as the allocators'): `MMBIN*` read their operands, `TESTSET` writes its
//! destination only on its jump edge (so its def does not kill), `CLOSE`'s `closes` are not uses.

use super::{compact, removable_position, Info, PassStats};
use crate::ir::{BlockId, Function, Inst, Opnd};
use aqua_bytecode::OpCode;

/// A fixed-size bit set over vregs.
#[derive(Clone, PartialEq, Eq)]
struct Bits(Vec<u64>);

impl Bits {
    fn new(n: usize) -> Bits {
        Bits(vec![0; n.div_ceil(64)])
    }
    fn get(&self, i: u32) -> bool {
        self.0
            .get(i as usize / 64)
            .is_some_and(|w| w & (1 << (i % 64)) != 0)
    }
    fn set(&mut self, i: u32) {
        if let Some(w) = self.0.get_mut(i as usize / 64) {
            *w |= 1 << (i % 64);
        }
    }
    fn clear(&mut self, i: u32) {
        if let Some(w) = self.0.get_mut(i as usize / 64) {
            *w &= !(1 << (i % 64));
        }
    }
    fn union_with(&mut self, o: &Bits) {
        for (a, b) in self.0.iter_mut().zip(&o.0) {
            *a |= *b;
        }
    }
}

/// Runs the pass on `f` (not on its nested functions).
pub fn run(f: &mut Function) -> PassStats {
    let mut stats = PassStats::default();
    for _ in 0..8 {
        let info = Info::new(f);
        let removed = dead(f, &info);
        let n = compact(f, &removed);
        stats.removed += n;
        if n == 0 {
            break;
        }
    }
    stats
}

/// Is `i` a pure definition of one register (operand A), with no window?
fn is_pure_def(i: &Inst) -> bool {
    use OpCode::*;
    matches!(
        i.op,
        Move | LoadI | LoadF | LoadK | LoadKX | LoadFalse | LoadTrue | Not | GetUpval | NewTable
            | Closure
    ) && i.win.is_empty()
        && i.wout.is_empty()
        && matches!(i.a, Opnd::R(_))
}

/// Applies the backward effect of `i` to `live` (live after `i` → live before it).
fn step(i: &Inst, live: &mut Bits) {
    if i.op != OpCode::TestSet {
        for d in i.defs() {
            live.clear(d.0);
        }
    }
    for u in i.uses() {
        live.set(u.0);
    }
}

/// Marks the removable dead definitions of `f`.
fn dead(f: &Function, info: &Info) -> Vec<bool> {
    let nb = f.blocks.len();
    let nv = f.num_vregs as usize;
    let succs: Vec<Vec<BlockId>> = (0..nb).map(|b| f.successors(BlockId(b as u32))).collect();
    let mut live_in = vec![Bits::new(nv); nb];
    let mut changed = true;
    while changed {
        changed = false;
        for b in (0..nb).rev() {
            let mut live = Bits::new(nv);
            for s in &succs[b] {
                if let Some(l) = live_in.get(s.0 as usize) {
                    live.union_with(l);
                }
            }
            let blk = &f.blocks[b];
            for i in f
                .insts
                .get(blk.start as usize..blk.end as usize)
                .unwrap_or(&[])
                .iter()
                .rev()
            {
                step(i, &mut live);
            }
            if live != live_in[b] {
                live_in[b] = live;
                changed = true;
            }
        }
    }
    let mut removed = vec![false; f.insts.len()];
    for b in 0..nb {
        let mut live = Bits::new(nv);
        for s in &succs[b] {
            if let Some(l) = live_in.get(s.0 as usize) {
                live.union_with(l);
            }
        }
        let blk = &f.blocks[b];
        for p in (blk.start as usize..blk.end as usize).rev() {
            let Some(i) = f.insts.get(p) else { continue };
            if is_pure_def(i) {
                if let Opnd::R(d) = i.a {
                    if !live.get(d.0) && !info.is_protected(d) && removable_position(f, p) {
                        removed[p] = true;
                        continue;
                    }
                }
            }
            step(i, &mut live);
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::passes::testutil::{ir, lower_all, ops};

    #[test]
    fn removes_unused_pure_definitions() {
        let mut f = ir("local a = 1\nlocal b = {}\nlocal c = function() end\nlocal d = a\nreturn 2");
        let s = run(&mut f);
        assert_eq!(s.removed, 4, "{:?}", ops(&f));
        assert_eq!(ops(&f), ["VarArgPrep", "LoadI", "Return", "Return"]);
        lower_all(&f);
    }

    #[test]
    fn keeps_effects_and_live_values() {
        // A global read (may call __index), a call, an arithmetic (may call __add): kept.
        let src = "local a = g\nlocal b = f()\nlocal c = a + 1\nlocal d = {}\nd.x = 1";
        let mut f = ir(src);
        let before = ops(&f);
        let s = run(&mut f);
        assert_eq!(s.removed, 0, "{before:?}");
    }

    #[test]
    fn keeps_skipped_instructions_and_captured_locals() {
        // `a == b` as a value: LFALSESKIP / LOADTRUE must stay even when unused.
        let mut f = ir("local a, b = ...\nlocal c = a == b\nlocal x = 1\nlocal function g() return x end\nreturn g");
        run(&mut f);
        let o = ops(&f);
        assert!(o.contains(&"LFalseSkip".to_string()), "{o:?}");
        assert!(o.contains(&"LoadTrue".to_string()), "{o:?}");
        assert!(o.contains(&"LoadI".to_string()), "{o:?}");
        lower_all(&f);
    }

    #[test]
    fn positions_are_remapped() {
        let mut f = ir("local u = 1\ndo local v = 2 end\nlocal w = {}\nlocal function g() return w end\nreturn g");
        run(&mut f);
        let n = f.insts.len() as u32;
        for b in &f.blocks {
            assert!(b.start <= b.end && b.end <= n);
        }
        for l in &f.locals {
            assert!(l.start.0 <= l.end.0 && l.end.0 <= n, "{l:?}");
        }
        for p in &f.pinned {
            assert!(p.start.0 <= p.end.0 && p.end.0 <= n, "{p:?}");
        }
        lower_all(&f);
    }
}
