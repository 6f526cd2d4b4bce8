//! Dead-code elimination of pure definitions.
//!
//! A backward liveness dataflow over the blocks; an instruction is removed when it is *pure*
//! (`MOVE`, `LOADI`/`LOADF`/`LOADK`/`LOADKX`, `LOADTRUE`/`LOADFALSE`, `NOT`, `GETUPVAL`,
//! `NEWTABLE`, `CLOSURE`: no error, no metamethod, no other effect than its one destination),
//! its destination is not live after it, the destination is not protected
//! ([`super::Info::protected`]) nor, unless asked for, a named local
//! ([`super::PassOptions::remove_dead_locals`]), and its position may go
//! ([`super::removable_position`]).
//! Repeats until nothing more goes (a removed `MOVE` can make its source dead).
//!
//! Liveness conventions (as the allocators'): `MMBIN*` read their operands, `TESTSET` writes its
//! destination only on its jump edge (so its def does not kill), `CLOSE`'s `closes` are not uses.

use super::{compact, removable_position, Info, PassStats};
use crate::ir::{Function, Inst, Opnd};
use aqua_bytecode::OpCode;

/// A set of vregs with O(1) membership and a list of its members (cleared in O(members)), so
/// that one scratch set serves every block of a large function.
struct Scratch {
    bits: Vec<u64>,
    members: Vec<u32>,
}

impl Scratch {
    fn new(n: usize) -> Scratch {
        Scratch {
            bits: vec![0; n.div_ceil(64)],
            members: Vec::new(),
        }
    }
    fn get(&self, i: u32) -> bool {
        self.bits
            .get(i as usize / 64)
            .is_some_and(|w| w & (1 << (i % 64)) != 0)
    }
    fn set(&mut self, i: u32) {
        if let Some(w) = self.bits.get_mut(i as usize / 64) {
            if *w & (1 << (i % 64)) == 0 {
                *w |= 1 << (i % 64);
                self.members.push(i);
            }
        }
    }
    fn clear(&mut self, i: u32) {
        if let Some(w) = self.bits.get_mut(i as usize / 64) {
            *w &= !(1 << (i % 64));
        }
    }
    /// The members, sorted; empties the set.
    fn take(&mut self) -> Vec<u32> {
        let mut out: Vec<u32> = Vec::new();
        for &m in &self.members {
            if self
                .bits
                .get(m as usize / 64)
                .is_some_and(|w| w & (1 << (m % 64)) != 0)
            {
                out.push(m);
            }
        }
        for &m in &self.members {
            if let Some(w) = self.bits.get_mut(m as usize / 64) {
                *w = 0;
            }
        }
        self.members.clear();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// Runs the pass on `f` (not on its nested functions). With `named` false, definitions of named
/// locals stay (see [`super::PassOptions::remove_dead_locals`]).
pub fn run(f: &mut Function, named: bool) -> PassStats {
    let mut stats = PassStats::default();
    for _ in 0..8 {
        let info = Info::new(f);
        let removed = dead(f, &info, named);
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
        Move | LoadI
            | LoadF
            | LoadK
            | LoadKX
            | LoadFalse
            | LoadTrue
            | Not
            | GetUpval
            | NewTable
            | Closure
    ) && i.win.is_empty()
        && i.wout.is_empty()
        && matches!(i.a, Opnd::R(_))
}

/// Applies the backward effect of `i` to `live` (live after `i` → live before it).
fn step(i: &Inst, live: &mut Scratch) {
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
fn dead(f: &Function, info: &Info, named: bool) -> Vec<bool> {
    let nb = f.blocks.len();
    let succs = &info.succs;
    let mut live_in: Vec<Vec<u32>> = vec![Vec::new(); nb];
    let mut live = Scratch::new(f.num_vregs as usize);
    let live_out = |b: usize, live: &mut Scratch, live_in: &[Vec<u32>]| {
        for s in &succs[b] {
            for &v in live_in.get(s.0 as usize).map(|l| &l[..]).unwrap_or(&[]) {
                live.set(v);
            }
        }
    };
    let mut changed = true;
    while changed {
        changed = false;
        for b in (0..nb).rev() {
            live_out(b, &mut live, &live_in);
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
            let now = live.take();
            if now != live_in[b] {
                live_in[b] = now;
                changed = true;
            }
        }
    }
    let mut removed = vec![false; f.insts.len()];
    for b in 0..nb {
        live_out(b, &mut live, &live_in);
        let blk = &f.blocks[b];
        for p in (blk.start as usize..blk.end as usize).rev() {
            let Some(i) = f.insts.get(p) else { continue };
            if is_pure_def(i) {
                if let Opnd::R(d) = i.a {
                    if !live.get(d.0)
                        && !info.is_protected(d)
                        && (named || !info.is_named(d))
                        && removable_position(f, p)
                    {
                        removed[p] = true;
                        continue;
                    }
                }
            }
            step(i, &mut live);
        }
        live.take();
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::passes::testutil::{ir, lower_all, ops};

    #[test]
    fn removes_unused_pure_definitions() {
        let mut f =
            ir("local a = 1\nlocal b = {}\nlocal c = function() end\nlocal d = a\nreturn 2");
        let s = run(&mut f, true);
        assert_eq!(s.removed, 4, "{:?}", ops(&f));
        assert_eq!(ops(&f), ["VarArgPrep", "LoadI", "Return", "Return"]);
        lower_all(&f);
    }

    #[test]
    fn named_locals_stay_unless_asked() {
        let src = "local a = 1\nlocal b = {}\nlocal d = a\nreturn (2)";
        let mut f = ir(src);
        let s = run(&mut f, false);
        assert_eq!(s.removed, 0, "{:?}", ops(&f));
        // a temporary nobody reads goes either way
        let mut f = ir("local a = ...\nlocal t = {}\nt.x = (a)\nreturn 1");
        run(&mut f, false);
        lower_all(&f);
    }

    #[test]
    fn keeps_effects_and_live_values() {
        // A global read (may call __index), a call, an arithmetic (may call __add): kept.
        let src = "local a = g\nlocal b = f()\nlocal c = a + 1\nlocal d = {}\nd.x = 1";
        let mut f = ir(src);
        let before = ops(&f);
        let s = run(&mut f, true);
        assert_eq!(s.removed, 0, "{before:?}");
    }

    #[test]
    fn keeps_skipped_instructions_and_captured_locals() {
        // `a == b` as a value: LFALSESKIP / LOADTRUE must stay even when unused.
        let mut f = ir("local a, b = ...\nlocal c = a == b\nlocal x = 1\nlocal function g() return x end\nreturn g");
        run(&mut f, true);
        let o = ops(&f);
        assert!(o.contains(&"LFalseSkip".to_string()), "{o:?}");
        assert!(o.contains(&"LoadTrue".to_string()), "{o:?}");
        assert!(o.contains(&"LoadI".to_string()), "{o:?}");
        lower_all(&f);
    }

    #[test]
    fn positions_are_remapped() {
        let mut f = ir("local u = 1\ndo local v = 2 end\nlocal w = {}\nlocal function g() return w end\nreturn g");
        run(&mut f, true);
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
