//! Allocation checker: verifies ANY allocation against the IR's dataflow by symbolic replay.
//!
//! Role: for every program point it computes which vreg each register holds (forward dataflow
//! over the blocks, meeting predecessor states: a register holds `v` at a block entry only if it
//! holds `v` on every incoming edge), replaying instructions and the allocator's MOVEs. It
//! rejects:
//! - a read of a register that does not hold the vreg the instruction expects;
//! - windows that are not consecutive (call/return/setlist/concat/for groups, LOADNIL ranges),
//!   results not placed at the window base, parameters not in `R[0..numparams)`;
//! - values clobbered by a call (every register at or above a call's base is lost);
//! - values left above a GC safe point's `A` (`NEWTABLE`/`CLOSURE`/`CONCAT`/`SETLIST`: the
//!   collector marks only `R[0..=A]`, [`liveness::gc_point_base`]): they count as lost, so a
//!   later read of one is rejected, as is a captured / to-be-closed local sitting there;
//! - a `CLOSURE` whose captured locals are not in their registers ([`liveness::for_each_capture`]);
//! - registers at or beyond `maxstacksize`, MOVEs splitting an open-range producer from its
//!   consumer or a test from its jump;
//! - for non-LIFO allocations (`lifo_levels == false`), a `CLOSE` that could not close exactly
//!   what lua5.4 closes: some other captured / to-be-closed local that may be open there sits at
//!   or above the lowest register it must close ([`liveness::close_sets`]); and overwrites of a
//!   generic `for`'s closing value while its loop scope is open ([`liveness::tbc_like`]).
//!
//! It never panics and never mutates anything; it runs on every function in debug builds and in
//! tests, for every allocator.

use super::{liveness, Allocation};
use crate::ir::{BlockId, Function, Inst, VReg};
use aqua_bytecode::OpCode;

const NREGS: usize = 256;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Val {
    Unknown,
    Holds(VReg),
    /// Held this vreg, but sat above a GC safe point's `A`: the collector may have freed it.
    Lost(VReg, u32),
}

type State = Vec<Val>;

fn meet(a: &mut State, b: &State) -> bool {
    let mut changed = false;
    for (x, y) in a.iter_mut().zip(b.iter()) {
        if *x != *y && *x != Val::Unknown {
            *x = Val::Unknown;
            changed = true;
        }
    }
    changed
}

struct Checker<'a> {
    f: &'a Function,
    a: &'a Allocation,
    /// Pinned locals by register: `(vreg, start, end)`.
    pins: Vec<Vec<(VReg, u32, u32)>>,
}

impl Checker<'_> {
    /// A write of `by` (None: clobbered by a call) to register `r` at position `at` must not hit
    /// a pinned local in its scope.
    fn check_write(&self, r: usize, by: Option<VReg>, at: usize) -> Result<(), String> {
        for &(v, s, e) in self.pins.get(r).map(|x| x.as_slice()).unwrap_or(&[]) {
            if (s as usize) <= at && at < e as usize && by != Some(v) {
                return Err(format!(
                    "at {at}: R{r} holds captured/to-be-closed v{} (scope {s}..{e}) but is overwritten",
                    v.0
                ));
            }
        }
        Ok(())
    }

    fn reg(&self, v: VReg, at: usize) -> Result<usize, String> {
        match self.a.reg(v) {
            Some(r) if (r.0 as usize) < self.a.maxstacksize as usize => Ok(r.0 as usize),
            Some(r) => Err(format!(
                "at {at}: v{} in R{} beyond maxstacksize {}",
                v.0, r.0, self.a.maxstacksize
            )),
            None => Err(format!("at {at}: v{} has no register", v.0)),
        }
    }

    fn use_(&self, st: &State, v: VReg, at: usize, op: OpCode) -> Result<(), String> {
        let r = self.reg(v, at)?;
        match st[r] {
            Val::Holds(h) if h == v => Ok(()),
            Val::Holds(h) => Err(format!(
                "at {at} ({op:?}): R{r} should hold v{} but holds v{}",
                v.0, h.0
            )),
            Val::Lost(h, p) if h == v => Err(format!(
                "at {at} ({op:?}): R{r} should hold v{} but it sat above the GC safe point at {p} (the collector keeps only R0..=A there)",
                v.0
            )),
            Val::Lost(..) | Val::Unknown => Err(format!(
                "at {at} ({op:?}): R{r} should hold v{} but its content is unknown",
                v.0
            )),
        }
    }

    /// Base register of a window instruction and consecutiveness of its groups.
    fn check_windows(&self, i: &Inst, at: usize) -> Result<Option<usize>, String> {
        let mut base: Option<usize> = None;
        for (k, &v) in i.win.iter().enumerate() {
            let r = self.reg(v, at)?;
            match base {
                None => base = Some(r),
                Some(b) if r == b + k => {}
                Some(b) => {
                    return Err(format!(
                        "at {at} ({:?}): window broken: v{} in R{r}, expected R{}",
                        i.op,
                        v.0,
                        b + k
                    ))
                }
            }
        }
        for (k, &v) in i.wout.iter().enumerate() {
            let r = self.reg(v, at)?;
            let want = k + i.wout_off as usize;
            match base {
                None if r >= want => base = Some(r - want),
                None => return Err(format!("at {at} ({:?}): result window below R0", i.op)),
                Some(b) if r == b + want => {}
                Some(b) => {
                    return Err(format!(
                        "at {at} ({:?}): result v{} in R{r}, expected R{}",
                        i.op,
                        v.0,
                        b + want
                    ))
                }
            }
        }
        Ok(base)
    }

    /// Replay one instruction: check its reads, apply its writes. Returns the state of the
    /// "skip" edge for test instructions (state before a TESTSET's conditional write).
    fn step(&self, st: &mut State, i: &Inst, at: usize) -> Result<Option<State>, String> {
        let base = self.check_windows(i, at)?;
        for v in i.uses() {
            self.use_(st, v, at, i.op)?;
        }
        // A closure's upvalues point at the registers of the locals it captures: they must hold
        // those locals now.
        let mut cap = Ok(());
        liveness::for_each_capture(self.f, i, |v| {
            if cap.is_ok() {
                cap = self.use_(st, v, at, i.op);
            }
        });
        cap?;
        if let Some(off) = i.clobber_base() {
            let Some(b) = base else {
                return Err(format!("at {at} ({:?}): call without a window", i.op));
            };
            if i.op == OpCode::TForCall && b + 7 > self.a.maxstacksize as usize {
                return Err(format!("at {at}: TFORCALL needs R{} .. R{}", b + 4, b + 6));
            }
            for (r, x) in st.iter_mut().enumerate().skip(b + off as usize) {
                self.check_write(r, None, at)?;
                *x = Val::Unknown;
            }
        }
        if i.open_out {
            // Everything from the base up is set to unknown values (the results), except the
            // anchor, which stands for the open range.
            if let Some(b) = base {
                for x in st.iter_mut().skip(b) {
                    *x = Val::Unknown;
                }
            }
        }
        let skip = if i.op == OpCode::TestSet {
            Some(st.clone())
        } else {
            None
        };
        let defs = i.defs();
        for (n, &d) in defs.iter().enumerate() {
            let r = self.reg(d, at)?;
            for &e in &defs[..n] {
                if e != d && self.a.reg(e).map(|x| x.0 as usize) == Some(r) {
                    return Err(format!(
                        "at {at} ({:?}): v{} and v{} both written to R{r}",
                        i.op, e.0, d.0
                    ));
                }
            }
            self.check_write(r, Some(d), at)?;
            st[r] = Val::Holds(d);
        }
        if let Some(g) = liveness::gc_point_base(i) {
            // A GC safe point: the collector marks only `R[0..=A]` (the VM sets the top to
            // `A + 1`, as lvm.c's `checkGC(L, ra + 1)`), so whatever sits above is lost.
            let a = self.reg(g, at)?;
            for (r, x) in st.iter_mut().enumerate().skip(a + 1) {
                self.check_write(r, None, at)?;
                *x = match *x {
                    Val::Holds(v) => Val::Lost(v, at as u32),
                    _ => Val::Unknown,
                };
            }
        }
        Ok(skip)
    }

    fn run(&self) -> Result<(), String> {
        let f = self.f;
        let nb = f.blocks.len();
        if nb == 0 {
            return Ok(());
        }
        for (k, &p) in f.params.iter().enumerate() {
            if self.a.reg(p).map(|r| r.0 as usize) != Some(k) {
                return Err(format!("parameter {k} (v{}) not in R{k}", p.0));
            }
        }
        // Moves may not separate a test from its jump or an open producer from its consumer.
        for m in &self.a.moves {
            let p = m.before.0 as usize;
            if p > 0 {
                if let (Some(prev), Some(cur)) = (f.insts.get(p - 1), f.insts.get(p)) {
                    if prev.op.is_test()
                        || (prev.open_out && cur.open_in)
                        || prev.size() > 1 && prev.op == OpCode::LoadKX
                    {
                        return Err(format!("move before {p} splits an instruction pair"));
                    }
                }
            }
            if m.src.0 >= self.a.maxstacksize || m.dst.0 >= self.a.maxstacksize {
                return Err(format!(
                    "move before {p} uses a register beyond maxstacksize"
                ));
            }
        }
        let mut entry: Vec<Option<State>> = vec![None; nb];
        let mut init = vec![Val::Unknown; NREGS];
        for &p in &f.params {
            if let Some(r) = self.a.reg(p) {
                init[r.0 as usize] = Val::Holds(p);
            }
        }
        entry[0] = Some(init);
        let mut work: Vec<usize> = vec![0];
        let mut in_work = vec![false; nb];
        in_work[0] = true;
        // No iteration cap: a block's entry state only moves down the lattice (unset, then each
        // register from "holds v" to unknown at most once), so the worklist empties.
        while let Some(b) = work.pop() {
            in_work[b] = false;
            let outs = self.block_exits(
                b,
                entry[b]
                    .clone()
                    .unwrap_or_else(|| vec![Val::Unknown; NREGS]),
            )?;
            for (succ, st) in outs {
                let s = succ.0 as usize;
                if s >= nb {
                    continue;
                }
                let changed = match &mut entry[s] {
                    None => {
                        entry[s] = Some(st);
                        true
                    }
                    Some(e) => meet(e, &st),
                };
                if changed && !in_work[s] {
                    in_work[s] = true;
                    work.push(s);
                }
            }
        }
        // Final pass: every reachable block checked against its fixpoint entry state.
        for (b, st) in entry.into_iter().enumerate() {
            if let Some(st) = st {
                self.block_exits(b, st)?;
            }
        }
        Ok(())
    }

    /// Replay block `b` from state `st`; return the state on each outgoing edge.
    fn block_exits(&self, b: usize, mut st: State) -> Result<Vec<(BlockId, State)>, String> {
        let f = self.f;
        let Some(blk) = f.blocks.get(b) else {
            return Ok(Vec::new());
        };
        let mut skip_state: Option<State> = None;
        let mut prev_state: State = st.clone();
        let mut mi = self.a.moves.partition_point(|m| (m.before.0) < blk.start);
        for p in blk.start as usize..blk.end as usize {
            while mi < self.a.moves.len() && self.a.moves[mi].before.0 as usize == p {
                let m = self.a.moves[mi];
                if let Val::Holds(v) = st[m.src.0 as usize] {
                    self.check_write(m.dst.0 as usize, Some(v), p)?;
                } else {
                    self.check_write(m.dst.0 as usize, None, p)?;
                }
                st[m.dst.0 as usize] = st[m.src.0 as usize];
                mi += 1;
            }
            let Some(i) = f.insts.get(p) else { break };
            let before = st.clone();
            let skip = if i.op.is_mm() {
                // MMBIN* completes the arithmetic instruction before it and runs only when that
                // one did not write its result: it reads the operands as they were before it.
                for v in i.uses() {
                    self.use_(&prev_state, v, p, i.op)?;
                }
                None
            } else {
                self.step(&mut st, i, p)?
            };
            prev_state = before.clone();
            if i.op.is_test() {
                skip_state = Some(skip.unwrap_or(before));
            }
        }
        let succs = f.successors(BlockId(b as u32));
        let last = (blk.end > blk.start)
            .then(|| f.insts.get(blk.end as usize - 1))
            .flatten();
        let mut out = Vec::new();
        for s in succs {
            let is_fallthrough = s.0 as usize == b + 1;
            let st_edge = match (last.map(|i| i.op), &skip_state) {
                (Some(OpCode::Jmp), Some(sk))
                    if is_fallthrough && last.and_then(|i| i.target) != Some(s) =>
                {
                    sk.clone()
                }
                _ => st.clone(),
            };
            out.push((s, st_edge));
        }
        Ok(out)
    }
}

/// Verify `a` against `f`. The error names the first violation found.
pub fn check(f: &Function, a: &Allocation) -> Result<(), String> {
    let mut pins = vec![Vec::new(); NREGS];
    let tbc;
    let pinned: &[crate::ir::Pinned] = if a.lifo_levels {
        &f.pinned
    } else {
        check_close_levels(f, a)?;
        tbc = liveness::tbc_like(f);
        &tbc
    };
    for p in pinned {
        if let Some(r) = a.reg(p.vreg) {
            pins[r.0 as usize].push((p.vreg, p.start.0, p.end.0));
        }
    }
    Checker { f, a, pins }.run()
}

/// Every `CLOSE` of a non-LIFO allocation can get a level that closes exactly its close set.
fn check_close_levels(f: &Function, a: &Allocation) -> Result<(), String> {
    for cs in liveness::close_sets(f) {
        let Some(min) = cs
            .closes
            .iter()
            .filter_map(|&v| a.reg(v))
            .map(|r| r.0)
            .min()
        else {
            continue;
        };
        for &o in &cs.open_others {
            if let Some(r) = a.reg(o) {
                if r.0 >= min {
                    return Err(format!(
                        "at {} (Close): v{} (R{}) may be open but is not closed here, yet sits at or above R{min}, the lowest register this CLOSE must close",
                        cs.at.0, o.0, r.0
                    ));
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::check;
    use crate::ir::{Function, VReg};
    use crate::regalloc::{lifo::Lifo, Allocation, RegAlloc};
    use aqua_bytecode::{OpCode, Reg};

    fn ir(src: &str) -> Function {
        crate::compile_ir(src.as_bytes(), b"=test").expect("compiles")
    }

    fn lifo(f: &Function) -> Allocation {
        Lifo.allocate(f).expect("allocates")
    }

    fn all_functions(f: &Function, out: &mut Vec<Function>) {
        out.push(f.clone());
        for p in &f.protos {
            all_functions(p, out);
        }
    }

    #[test]
    fn accepts_lifo_everywhere() {
        let src = "local a, b = 1, 2\nlocal function f(x, ...) local t = {x, ...} return t end\n\
                   for i = 1, 3 do a = a + i; if a > 3 or b then break end end\n\
                   local s = a .. b .. 'x'\nprint(f(a, b), s, a and b or nil)\n";
        let mut fs = Vec::new();
        all_functions(&ir(src), &mut fs);
        for f in &fs {
            check(f, &lifo(f)).expect("LIFO allocation is valid");
        }
    }

    /// A local kept across later code, clobbered by reusing its register for a temporary.
    #[test]
    fn rejects_clobbered_value() {
        let f = ir("local a = g()\nlocal b = h()\nprint(a, b)\n");
        let mut a = lifo(&f);
        check(&f, &a).expect("valid before mutation");
        // Put `b` into `a`'s register: `a` is then overwritten before print reads it.
        let va = f
            .locals
            .iter()
            .find(|l| &*l.name == b"a")
            .map(|l| l.vreg)
            .expect("a");
        let vb = f
            .locals
            .iter()
            .find(|l| &*l.name == b"b")
            .map(|l| l.vreg)
            .expect("b");
        let ra = a.reg(va).expect("reg");
        // Everything that shared b's register must move with it to keep windows intact.
        let rb = a.reg(vb).expect("reg");
        for r in a.regs.iter_mut() {
            if *r == Some(rb) {
                *r = Some(ra);
            }
        }
        assert!(check(&f, &a).is_err());
    }

    /// A call argument moved out of its window.
    #[test]
    fn rejects_broken_window() {
        let f = ir("print(1, 2, 3)\n");
        let mut a = lifo(&f);
        let call = f.insts.iter().find(|i| i.op == OpCode::Call).expect("call");
        let arg: VReg = call.win[2];
        a.maxstacksize = 10;
        a.regs[arg.0 as usize] = Some(Reg(7));
        let err = check(&f, &a).unwrap_err();
        assert!(
            err.contains("window") || err.contains("should hold"),
            "{err}"
        );
    }

    /// A value live across a call placed at or above the call's base.
    #[test]
    fn rejects_value_clobbered_by_call() {
        let f = ir("local x = ...\nlocal y = x + 1\nprint(1)\nreturn y\n");
        let mut a = lifo(&f);
        check(&f, &a).expect("valid before mutation");
        let vy = f
            .locals
            .iter()
            .find(|l| &*l.name == b"y")
            .map(|l| l.vreg)
            .expect("y");
        a.maxstacksize = 20;
        a.regs[vy.0 as usize] = Some(Reg(10));
        let err = check(&f, &a).unwrap_err();
        assert!(err.contains("unknown"), "{err}");
    }

    /// A captured local whose register is reused by a temporary while it is in scope.
    #[test]
    fn rejects_overwritten_captured_local() {
        let f = ir("local c = 1\nlocal f = function() return c end\nlocal t = 1\nprint(f, t)\n");
        let mut a = lifo(&f);
        check(&f, &a).expect("valid before mutation");
        let vc = f
            .locals
            .iter()
            .find(|l| &*l.name == b"c")
            .map(|l| l.vreg)
            .expect("c");
        let vt = f
            .locals
            .iter()
            .find(|l| &*l.name == b"t")
            .map(|l| l.vreg)
            .expect("t");
        assert!(!f.pinned.is_empty());
        // `c` is never read again by this function, but its register must survive.
        let rt = a.reg(vt).expect("reg");
        a.regs[vc.0 as usize] = Some(rt);
        let err = check(&f, &a).unwrap_err();
        assert!(
            err.contains("captured") || err.contains("should hold"),
            "{err}"
        );
    }

    fn local(f: &Function, name: &str) -> VReg {
        f.local_vreg(name).expect("local")
    }

    /// A local written before its scope starts and captured by a closure: `CLOSURE` reads it
    /// (its upvalue points at the register), so giving its register to the next local, which
    /// is written before the `CLOSURE`, is wrong (what `--alloc=linear-live` once did).
    #[test]
    fn rejects_capture_of_overwritten_local() {
        let f = ir("local g1, g2 = 2.5, 1\nlocal function f() return g1 end\nprint(f())\n");
        let mut a = lifo(&f);
        check(&f, &a).expect("valid before mutation");
        let (g1, g2) = (local(&f, "g1"), local(&f, "g2"));
        a.regs[g2.0 as usize] = a.reg(g1);
        let err = check(&f, &a).unwrap_err();
        assert!(
            err.contains("Closure") && err.contains("should hold"),
            "{err}"
        );
    }

    /// A value live across a GC safe point (`NEWTABLE A`) in a register above `A`: the collector
    /// marks only `R[0..=A]` there.
    #[test]
    fn rejects_value_above_gc_safe_point() {
        let f = ir("local x = {}\nlocal y = {}\nprint(x, y)\n");
        let mut a = lifo(&f);
        check(&f, &a).expect("valid before mutation");
        let (x, y) = (local(&f, "x"), local(&f, "y"));
        let (rx, ry) = (a.reg(x), a.reg(y));
        a.regs[x.0 as usize] = ry;
        a.regs[y.0 as usize] = rx;
        let err = check(&f, &a).unwrap_err();
        assert!(err.contains("GC safe point"), "{err}");
    }

    /// A captured local above a GC safe point's `A` while its scope is open.
    #[test]
    fn rejects_captured_local_above_gc_safe_point() {
        let f = ir("local c = 1\nlocal t = {}\nlocal g = function() return c end\nprint(t, g)\n");
        let mut a = lifo(&f);
        check(&f, &a).expect("valid before mutation");
        let (c, t) = (local(&f, "c"), local(&f, "t"));
        let (rc, rt) = (a.reg(c), a.reg(t));
        a.regs[c.0 as usize] = rt;
        a.regs[t.0 as usize] = rc;
        let err = check(&f, &a).unwrap_err();
        assert!(
            err.contains("captured") || err.contains("GC safe point"),
            "{err}"
        );
    }

    /// Parameters must arrive in R[0..numparams).
    #[test]
    fn rejects_misplaced_parameter() {
        let main = ir("local function f(p, q) return p + q end\n");
        let f = main.protos[0].clone();
        let mut a = lifo(&f);
        check(&f, &a).expect("valid");
        a.regs[f.params[0].0 as usize] = Some(Reg(1));
        assert!(check(&f, &a).is_err());
    }
}
