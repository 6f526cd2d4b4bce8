//! Register-allocation report (`aqua --regalloc-report`): what an allocator did, per function.
//!
//! Role: a debugging aid. For every function it prints the frame size, the number of vregs,
//! instructions and MOVEs, then one line per vreg: its register and its extent in code order
//! (first definition or use .. last use, in IR positions, with `*` for pinned locals).

use super::{Allocation, RegAlloc};
use crate::ir::Function;
use std::fmt::Write;

/// Report for one function and its allocation.
pub fn report(f: &Function, a: &Allocation) -> String {
    let mut out = String::new();
    let n = f.num_vregs as usize;
    let mut first = vec![u32::MAX; n];
    let mut last = vec![0u32; n];
    for (p, i) in f.insts.iter().enumerate() {
        for v in i.uses().into_iter().chain(i.defs()) {
            if let (Some(fv), Some(lv)) = (first.get_mut(v.0 as usize), last.get_mut(v.0 as usize))
            {
                *fv = (*fv).min(p as u32);
                *lv = (*lv).max(p as u32);
            }
        }
    }
    for pin in &f.pinned {
        if let Some(lv) = last.get_mut(pin.vreg.0 as usize) {
            *lv = (*lv).max(pin.end.0.saturating_sub(1));
        }
    }
    let _ = writeln!(
        out,
        "function <{},{}>: {} instructions, {} blocks, {} vregs, maxstacksize {}, {} moves",
        f.linedefined,
        f.lastlinedefined,
        f.insts.len(),
        f.blocks.len(),
        n,
        a.maxstacksize,
        a.moves.len()
    );
    for v in 0..n {
        if first[v] == u32::MAX {
            continue;
        }
        let reg = a
            .regs
            .get(v)
            .copied()
            .flatten()
            .map(|r| format!("R{}", r.0))
            .unwrap_or("-".into());
        let pinned = f.pinned.iter().any(|p| p.vreg.0 as usize == v);
        let name = f
            .locals
            .iter()
            .find(|l| l.vreg.0 as usize == v)
            .map(|l| String::from_utf8_lossy(&l.name).into_owned());
        let _ = writeln!(
            out,
            "  v{v:<5} {reg:<5} [{}..{}]{}{}",
            first[v],
            last[v],
            if pinned { " *" } else { "" },
            name.map(|s| format!(" {s}")).unwrap_or_default()
        );
    }
    for m in &a.moves {
        let _ = writeln!(
            out,
            "  move R{} -> R{} before {}",
            m.src.0, m.dst.0, m.before.0
        );
    }
    out
}

/// Report for a function tree allocated with `ra` (nested functions after their parent).
pub fn report_tree(f: &Function, ra: &dyn RegAlloc) -> String {
    let mut out = String::new();
    match ra.allocate(f) {
        Ok(a) => out.push_str(&report(f, &a)),
        Err(e) => {
            let _ = writeln!(
                out,
                "function <{},{}>: {}",
                f.linedefined, f.lastlinedefined, e.message
            );
        }
    }
    for p in &f.protos {
        out.push_str(&report_tree(p, ra));
    }
    out
}
