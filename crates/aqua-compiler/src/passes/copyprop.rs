//! Copy propagation.
//!
//! A forward "available copies" dataflow: after `MOVE d s`, `d` holds the value of `s` until
//! either is written again (on every path: copies meet by intersection). A later read of `d` is
//! replaced by a read of `s` (or of the value `s` itself copies) when:
//! - the operand is not part of a window (`Inst::win`), and neither `d` nor `s` is protected
//!   ([`super::Info::protected`]: pinned, captured, or in some window);
//! - `d` is an unnamed temporary (lua5.4 names a temporary after the value it was copied from,
//!   so the message is the same), or the operand is in a position no message names
//!   ([`super::unnamed_use`]): a named local keeps its name in `local 'x'` messages. A named
//!   local is rewritten only if *every* read of it can be (all or nothing), so that it then
//!   vanishes from the code with its copy instead of keeping a shortened live range (whose
//!   debug record, under a non-LIFO allocation, would describe registers differently).
//!
//! The `MMBIN*` after an arithmetic instruction reads the same operands: it is rewritten with the
//! same substitution. `MOVE`s whose destination is no longer read are left to [`super::dce`].

use super::{is_mmbin, reads_a, unnamed_use, Info, PassStats, Slot};
use crate::ir::{Function, Inst, Opnd, VReg};
use aqua_bytecode::OpCode;
use std::collections::HashMap;

/// Available copies: destination → source.
type Copies = HashMap<VReg, VReg>;

/// Runs the pass on `f` (not on its nested functions).
pub fn run(f: &mut Function) -> PassStats {
    let info = Info::new(f);
    let ins = analyse(f, &info);
    // Named locals are rewritten all or nothing: only when every read of the local can read the
    // copied value instead (so the copy dies and the local disappears from the code, leaving no
    // partly moved live range whose debug record could name a register differently).
    let mut partial = vec![false; f.num_vregs as usize];
    walk(f, &ins, &info, &mut |i, copies, info| {
        let op = i.op;
        let a_read = reads_a(op);
        let mut ok_reads = Vec::new();
        for (slot, o) in [(Slot::A, i.a), (Slot::B, i.b), (Slot::C, i.c)] {
            if let (Opnd::R(v), true) = (o, slot != Slot::A || a_read) {
                if info.is_named(v) && copies.contains_key(&v) && unnamed_use(op, slot) {
                    ok_reads.push(v);
                }
            }
        }
        for u in i.uses() {
            if info.is_named(u) {
                match ok_reads.iter().position(|&v| v == u) {
                    Some(k) => {
                        ok_reads.swap_remove(k);
                    }
                    None => {
                        if let Some(x) = partial.get_mut(u.0 as usize) {
                            *x = true;
                        }
                    }
                }
            }
        }
    });
    let mut stats = PassStats::default();
    for (b, state) in ins.into_iter().enumerate() {
        let Some(mut copies) = state else { continue };
        let Some(blk) = f.blocks.get(b).cloned() else {
            continue;
        };
        // The substitution applied to the last arithmetic instruction, for its MMBIN*.
        let mut last_subst: Vec<(VReg, VReg)> = Vec::new();
        for p in blk.start as usize..blk.end as usize {
            let Some(i) = f.insts.get_mut(p) else { break };
            if is_mmbin(i.op) {
                for o in [&mut i.a, &mut i.b] {
                    if let Opnd::R(v) = *o {
                        if let Some(&(_, s)) = last_subst.iter().find(|(d, _)| *d == v) {
                            *o = Opnd::R(s);
                        }
                    }
                }
            } else {
                last_subst = rewrite(i, &copies, &info, &partial);
                stats.copies_propagated += last_subst.len() as u32;
            }
            transfer(i, &info, &mut copies);
        }
    }
    stats
}

/// Calls `visit` on every reachable instruction with the copies available before it.
fn walk(
    f: &Function,
    ins: &[Option<Copies>],
    info: &Info,
    visit: &mut dyn FnMut(&Inst, &Copies, &Info),
) {
    for (b, state) in ins.iter().enumerate() {
        let Some(state) = state else { continue };
        let mut copies = state.clone();
        let Some(blk) = f.blocks.get(b) else { continue };
        for i in f
            .insts
            .get(blk.start as usize..blk.end as usize)
            .unwrap_or(&[])
        {
            visit(i, &copies, info);
            transfer(i, info, &mut copies);
        }
    }
}

/// Replaces the reads of `i` that may read a copy's source; returns the substitutions made.
/// `partial[v]`: named local `v` has a read that cannot be replaced (then none is).
fn rewrite(i: &mut Inst, copies: &Copies, info: &Info, partial: &[bool]) -> Vec<(VReg, VReg)> {
    let mut done = Vec::new();
    if copies.is_empty() {
        return done;
    }
    let op = i.op;
    let a_read = reads_a(op);
    for (slot, o) in [
        (Slot::A, &mut i.a),
        (Slot::B, &mut i.b),
        (Slot::C, &mut i.c),
    ] {
        if slot == Slot::A && !a_read {
            continue;
        }
        let Opnd::R(v) = *o else { continue };
        let Some(&s) = copies.get(&v) else { continue };
        if info.is_named(v)
            && (!unnamed_use(op, slot) || partial.get(v.0 as usize).copied().unwrap_or(true))
        {
            continue;
        }
        *o = Opnd::R(s);
        done.push((v, s));
    }
    done
}

/// Updates `copies` with the effect of `i`.
fn transfer(i: &Inst, info: &Info, copies: &mut Copies) {
    for d in i.defs() {
        kill(copies, d);
    }
    if i.op != OpCode::Move {
        return;
    }
    let (Opnd::R(d), Opnd::R(s)) = (i.a, i.b) else {
        return;
    };
    if d == s || info.is_protected(d) || info.is_protected(s) {
        return;
    }
    let root = copies.get(&s).copied().unwrap_or(s);
    if root != d {
        copies.insert(d, root);
    }
}

/// Forgets every copy into or out of `v`.
fn kill(copies: &mut Copies, v: VReg) {
    copies.remove(&v);
    if copies.values().any(|&s| s == v) {
        copies.retain(|_, s| *s != v);
    }
}

/// Available copies at the entry of each block (`None`: unreachable).
fn analyse(f: &Function, info: &Info) -> Vec<Option<Copies>> {
    let nb = f.blocks.len();
    let mut ins: Vec<Option<Copies>> = vec![None; nb];
    let mut outs: Vec<Option<Copies>> = vec![None; nb];
    let mut work: Vec<usize> = (0..nb).rev().collect();
    let mut queued = vec![true; nb];
    while let Some(b) = work.pop() {
        queued[b] = false;
        let input = if b == 0 {
            Some(Copies::new())
        } else {
            let mut acc: Option<Copies> = None;
            for p in &info.preds[b] {
                if let Some(s) = outs[p.0 as usize].as_ref() {
                    acc = Some(match acc {
                        None => s.clone(),
                        Some(mut a) => {
                            a.retain(|d, src| s.get(d) == Some(src));
                            a
                        }
                    });
                }
            }
            acc
        };
        let Some(input) = input else { continue };
        let mut state = input.clone();
        ins[b] = Some(input);
        let blk = &f.blocks[b];
        for i in f
            .insts
            .get(blk.start as usize..blk.end as usize)
            .unwrap_or(&[])
        {
            transfer(i, info, &mut state);
        }
        state.retain(|v, _| info.is_global(*v));
        if outs[b].as_ref() != Some(&state) {
            outs[b] = Some(state);
            for s in info.succs.get(b).map(|v| &v[..]).unwrap_or(&[]) {
                let s = s.0 as usize;
                if s < nb && !queued[s] {
                    queued[s] = true;
                    work.push(s);
                }
            }
        }
    }
    ins
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::passes::testutil::{ir, lower_all};

    fn count_uses(f: &Function, v: VReg) -> usize {
        f.insts
            .iter()
            .map(|i| i.uses().iter().filter(|&&u| u == v).count())
            .sum()
    }

    fn local(f: &Function, name: &str) -> VReg {
        f.local_vreg(name).expect("local")
    }

    #[test]
    fn unnamed_positions_read_the_source() {
        // a's uses: stored value, compared, returned (RETURN1): all unnamed positions.
        let mut f = ir(
            "local b = ...\nlocal a = b\nlocal t = {}\nt.x = a\nif a == t then g = a end\n\
             return function() return a end",
        );
        let s = run(&mut f);
        assert_eq!(s.copies_propagated, 0, "a is captured");
        let mut f =
            ir("local b = ...\nlocal a = b\nlocal t = {}\nt.x = a\nif a == t then g = a end");
        let a = local(&f, "a");
        let s = run(&mut f);
        assert_eq!(s.copies_propagated, 3, "{:?}", f.insts);
        assert_eq!(count_uses(&f, a), 0);
        lower_all(&f);
    }

    #[test]
    fn named_locals_are_rewritten_all_or_nothing() {
        // `t.x = a` alone could read b, but `a.y` names 'a': neither is rewritten.
        let mut f = ir("local b = ...\nlocal a = b\nlocal t = {}\nt.x = a\nreturn a.y");
        assert_eq!(run(&mut f).copies_propagated, 0, "{:?}", f.insts);
        // a temporary copy is rewritten wherever it is read outside windows.
        let mut f = ir("local b = ...\nlocal t = {}\nt.x = (b)\nreturn (b).y");
        run(&mut f);
        lower_all(&f);
    }

    #[test]
    fn named_positions_keep_the_local() {
        // index, arithmetic, call: lua5.4 would say "local 'a'".
        let mut f = ir("local b = ...\nlocal a = b\nlocal c = a.x + a\nreturn a(c)");
        let a = local(&f, "a");
        let uses = count_uses(&f, a);
        let s = run(&mut f);
        assert_eq!(s.copies_propagated, 0, "{:?}", f.insts);
        assert_eq!(count_uses(&f, a), uses);
    }

    #[test]
    fn redefinitions_and_merges_stop_copies() {
        let mut f = ir("local b, c = ...\nlocal a = b\nb = 1\nlocal t = {}\nt.x = a");
        assert_eq!(run(&mut f).copies_propagated, 0);
        let mut f = ir("local b, c = ...\nlocal a = b\nif c then a = c end\nlocal t = {}\nt.x = a");
        assert_eq!(run(&mut f).copies_propagated, 0);
        let mut f =
            ir("local b, c = ...\nlocal a = b\nwhile c do\nlocal t = {}\nt.x = a\nb = c end");
        assert_eq!(run(&mut f).copies_propagated, 0);
    }

    #[test]
    fn captured_and_window_values_are_left_alone() {
        let mut f = ir(
            "local b = ...\nlocal a = b\nlocal function g() b = 2 end\ng()\nlocal t = {}\nt.x = a",
        );
        assert_eq!(run(&mut f).copies_propagated, 0);
        let mut f = ir("local b = ...\nlocal a = b\nprint(a)\nreturn a, b");
        let s = run(&mut f);
        assert_eq!(s.copies_propagated, 0);
        lower_all(&f);
    }
}
