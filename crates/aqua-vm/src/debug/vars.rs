//! Local variables and upvalues as the `debug` library sees them (ldebug.c `lua_getlocal` /
//! `lua_setlocal` / `luaG_findlocal` / `findvararg`, lapi.c `lua_getupvalue` / `lua_setupvalue`
//! / `lua_upvalueid` / `lua_upvaluejoin`).
//!
//! Role: reads and writes the stack slot of the `n`-th local of a frame (named from the debug
//! info, `(temporary)` / `(C temporary)` for other live slots, `(vararg)` for negative `n`), and
//! the upvalues of closures with lua5.4's names (`""` for native closures, `(no name)` for
//! stripped Lua functions).
//!
//! Which register holds a named local is asked of [`super::local_register`], the one place that
//! knows how the register allocator placed locals.
//!
//! Memory safety: every slot index is checked against the stack; a value written by `set_local`
//! can be of any type, and the interpreter never trusts the type of a register it did not just
//! check (FORLOOP rewrites whole slots, see `interp/ops.rs`). Values written above the thread's
//! `top` are not GC roots: `find_local` never reaches past the live part of a frame.

use super::info::{func_proto, StackLevel};
use super::{ci_proto, current_pc, local_register};
use crate::gc::GcRef;
use crate::state::State;
use crate::thread::Thread;
use crate::value::*;

/// `luaG_findlocal`: name and stack index of local `n` of frame `idx` of `t`.
fn find_local(t: &Thread, idx: usize, n: i64) -> Option<(Vec<u8>, usize)> {
    if idx == 0 {
        return None;
    }
    let ci = t.ci.get(idx)?;
    let base = ci.func + 1;
    if ci.is_lua() {
        let p = ci_proto(t, ci)?;
        let p = p.get();
        if n < 0 {
            return find_vararg(t, idx, n);
        }
        if let Some((reg, name)) = local_register(&p.info, n as usize, current_pc(ci)) {
            let pos = base + reg.0 as usize;
            return (pos < t.stack.len()).then(|| (name.to_vec(), pos));
        }
    }
    // no 'standard' name: a generic name for any live slot of the frame
    let limit = if idx + 1 == t.ci.len() {
        t.top
    } else {
        t.ci.get(idx + 1)?.func
    };
    if n > 0 && (limit.saturating_sub(base) as u64) >= n as u64 {
        let pos = base + (n as usize - 1);
        if pos >= t.stack.len() {
            return None;
        }
        let name: &[u8] = if ci.is_lua() {
            b"(temporary)"
        } else {
            b"(C temporary)"
        };
        Some((name.to_vec(), pos))
    } else {
        None
    }
}

/// `findvararg`: the extra argument `-n` of a vararg Lua frame (stored below its function slot
/// by `VARARGPREP`).
fn find_vararg(t: &Thread, idx: usize, n: i64) -> Option<(Vec<u8>, usize)> {
    let ci = t.ci.get(idx)?;
    let p = ci_proto(t, ci)?;
    // before VARARGPREP ran (pc 0) the extra arguments are not yet in place
    if !p.get().is_vararg || ci.pc == 0 {
        return None;
    }
    let nextra = ci.nextra as i64;
    if n >= -nextra {
        // n in -nextra ..= -1: func - nextra - (n + 1)
        let pos = ci.func as i64 - nextra - (n + 1);
        let pos = usize::try_from(pos).ok()?;
        if pos < ci.func && pos < t.stack.len() {
            return Some((b"(vararg)".to_vec(), pos));
        }
    }
    None
}

/// Name of upvalue `i` (0-based) of a Lua prototype for `debug.getupvalue`.
fn lua_upvalue_name(info: &aqua_bytecode::Proto, i: usize) -> Vec<u8> {
    match info.upvalues.get(i).and_then(|u| u.name.as_deref()) {
        Some(n) => n.to_vec(),
        None => b"(no name)".to_vec(),
    }
}

/// 0-based index of 1-based upvalue `n` when it is in `1 ..= count`.
fn up_index(n: i64, count: usize) -> Option<usize> {
    let i = usize::try_from(n.checked_sub(1)?).ok()?;
    (i < count).then_some(i)
}

impl State {
    /// `lua_getlocal(L1, ar, n)`: name and value of local `n` of a frame of `th` (negative `n`:
    /// the varargs of a vararg function). `None`: no such local.
    pub fn get_local(
        &self,
        th: GcRef<Thread>,
        level: StackLevel,
        n: i64,
    ) -> Option<(Vec<u8>, Value)> {
        let t = th.get();
        let (name, pos) = find_local(t, level.0, n)?;
        Some((name, *t.stack.get(pos)?))
    }

    /// `lua_setlocal(L1, ar, n)`: store `v` in local `n` of a frame of `th`; its name, or `None`
    /// (nothing stored) when there is no such local.
    pub fn set_local(
        &mut self,
        th: GcRef<Thread>,
        level: StackLevel,
        n: i64,
        v: Value,
    ) -> Option<Vec<u8>> {
        let (name, pos) = find_local(th.get(), level.0, n)?;
        let slot = th.get_mut().stack.get_mut(pos)?;
        *slot = v;
        Some(name)
    }

    /// `lua_getlocal(L, NULL, n)`: name of parameter `n` of a Lua function (the locals active at
    /// its first instruction); `None` for natives and out-of-range `n`.
    pub fn param_name(&self, f: Value, n: i64) -> Option<Vec<u8>> {
        let p = func_proto(f)?;
        let n = usize::try_from(n).ok().filter(|&n| n > 0)?;
        local_register(&p.get().info, n, 0).map(|(_, name)| name.to_vec())
    }

    /// `lua_getupvalue` as `debug.getupvalue` shows it: name and value of upvalue `n`
    /// (1-based) of a function. Names: the variable name, `"(no name)"` for a stripped Lua
    /// function, `""` for native closures. `None` when out of range or not a closure.
    pub fn debug_get_upvalue(&self, f: Value, n: i64) -> Option<(Vec<u8>, Value)> {
        match f.view() {
            Val::LFunc(c) => {
                let c = c.get();
                let i = up_index(n, c.upvals.len())?;
                let name = lua_upvalue_name(&c.proto.get().info, i);
                Some((name, c.upvals[i].get().get()))
            }
            Val::NClosure(c) => {
                let c = c.get();
                let i = up_index(n, c.upvals.len())?;
                Some((Vec::new(), c.upvals[i]))
            }
            _ => None,
        }
    }

    /// `lua_setupvalue` as `debug.setupvalue` uses it: store `v` in upvalue `n` (1-based) and
    /// return its name (see [`State::debug_get_upvalue`]), `None` when out of range.
    pub fn debug_set_upvalue(&mut self, f: Value, n: i64, v: Value) -> Option<Vec<u8>> {
        match f.view() {
            Val::LFunc(c) => {
                let c = c.get();
                let i = up_index(n, c.upvals.len())?;
                c.upvals[i].get_mut().set(v);
                Some(lua_upvalue_name(&c.proto.get().info, i))
            }
            Val::NClosure(c) => {
                let c = c.get_mut();
                let i = up_index(n, c.upvals.len())?;
                c.upvals[i] = v;
                Some(Vec::new())
            }
            _ => None,
        }
    }

    /// `lua_upvalueid`: an identity for upvalue `n` (1-based) of a closure (equal for shared
    /// upvalues), `None` when out of range or for a plain native function.
    pub fn upvalue_id(&self, f: Value, n: i64) -> Option<usize> {
        match f.view() {
            Val::LFunc(c) => {
                let c = c.get();
                let i = up_index(n, c.upvals.len())?;
                Some(c.upvals[i].id())
            }
            Val::NClosure(c) => {
                let c = c.get();
                let i = up_index(n, c.upvals.len())?;
                Some(&c.upvals[i] as *const Value as usize)
            }
            _ => None,
        }
    }

    /// `lua_upvaluejoin`: make upvalue `n1` of Lua closure `f1` refer to upvalue `n2` of Lua
    /// closure `f2`. `false` (nothing done) unless both are Lua closures with those upvalues.
    pub fn upvalue_join(&mut self, f1: Value, n1: i64, f2: Value, n2: i64) -> bool {
        let (Some(c1), Some(c2)) = (f1.as_lclosure(), f2.as_lclosure()) else {
            return false;
        };
        let Some(i2) = up_index(n2, c2.get().upvals.len()) else {
            return false;
        };
        let uv = c2.get().upvals[i2];
        let c1 = c1.get_mut();
        match up_index(n1, c1.upvals.len()) {
            Some(i1) => {
                c1.upvals[i1] = uv;
                true
            }
            None => false,
        }
    }
}
