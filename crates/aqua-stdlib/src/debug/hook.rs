//! `debug.sethook` / `debug.gethook` (ldblib.c `db_sethook`, `db_gethook` and the C hook `hookf`).
//!
//! Role: the Lua side of the VM's per-thread hooks (`aqua_vm::hook`). As in ldblib.c, the Lua hook
//! functions live in a weak-keyed table `registry._HOOKKEY` indexed by thread, and every thread
//! with a Lua hook gets the same Rust callback ([`hookf`]), which looks the running thread's
//! function up in that table and calls it with the event name and, for line events, the line.
//! A hook set through the embedding API is another callback: `gethook` reports it as
//! `"external hook"`. A coroutine created under a hook inherits the callback (lua_newthread) but
//! has no entry in the table, so a Lua hook does not fire in it — exactly as in lua5.4.
//!
//! Registered by `debug/mod.rs` as `sethook` and `gethook` (native ABI).

use aqua_vm::hook::{HookFn, HookInfo, MASK_CALL, MASK_COUNT, MASK_LINE, MASK_RET};
use aqua_vm::{Ctx, GcRef, LuaError, State, Table, Thread, Value};
use std::rc::Rc;

/// Registry key of the hook table.
const HOOKKEY: &str = "_HOOKKEY";

thread_local! {
    /// The one `hookf` callback (its identity tells our hooks from external ones).
    static HOOKF: HookFn = Rc::new(hookf);
}

fn our_hookf() -> HookFn {
    HOOKF.with(|h| h.clone())
}

fn is_ours(h: &HookFn) -> bool {
    HOOKF.with(|mine| std::ptr::addr_eq(Rc::as_ptr(mine), Rc::as_ptr(h)))
}

/// `hookf`: call `registry._HOOKKEY[running thread]` with the event name and the line (nil for
/// events other than "line").
fn hookf(st: &mut State, info: &HookInfo) -> Result<(), LuaError> {
    let reg = st.registry();
    let Some(ht) = st.raw_get_str(reg, HOOKKEY).as_table() else {
        return Ok(());
    };
    let f = ht.raw_get(Value::thread(st.current_thread()));
    if !f.is_function() {
        return Ok(());
    }
    let ev = st.new_string(info.event.name().as_bytes());
    let line = info.line.map_or(Value::NIL, |l| Value::int(i64::from(l)));
    st.call(f, &[ev, line])?;
    Ok(())
}

/// `getthread`: the thread argument (if the first argument is a thread) and the offset of the
/// other arguments.
fn getthread(ctx: &Ctx) -> (GcRef<Thread>, usize) {
    match ctx.arg(1).as_thread() {
        Some(t) => (t, 1),
        None => (ctx.current_thread(), 0),
    }
}

/// `makemask`.
fn makemask(smask: &[u8], count: i64) -> u8 {
    let mut mask = 0;
    if smask.contains(&b'c') {
        mask |= MASK_CALL;
    }
    if smask.contains(&b'r') {
        mask |= MASK_RET;
    }
    if smask.contains(&b'l') {
        mask |= MASK_LINE;
    }
    if count > 0 {
        mask |= MASK_COUNT;
    }
    mask
}

/// `unmakemask` (the count is not shown).
fn unmakemask(mask: u8) -> Vec<u8> {
    let mut s = Vec::new();
    if mask & MASK_CALL != 0 {
        s.push(b'c');
    }
    if mask & MASK_RET != 0 {
        s.push(b'r');
    }
    if mask & MASK_LINE != 0 {
        s.push(b'l');
    }
    s
}

/// `luaL_getsubtable(L, LUA_REGISTRYINDEX, HOOKKEY)`, initialised as a weak-keyed table that is
/// its own metatable when created.
fn hook_table(st: &mut State) -> GcRef<Table> {
    let reg = st.registry();
    if let Some(t) = st.raw_get_str(reg, HOOKKEY).as_table() {
        return t;
    }
    let t = st.new_table();
    st.raw_set_str(reg, HOOKKEY, Value::table(t));
    let k = st.new_string(b"k");
    st.raw_set_str(t, "__mode", k);
    st.set_metatable(Value::table(t), Some(t));
    t
}

/// `debug.sethook([thread,] hook, mask [, count])`; `debug.sethook([thread])` turns hooks off.
pub fn sethook(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let (th, arg) = getthread(ctx);
    let (func, mask, count) = if ctx.is_none_or_nil(arg + 1) {
        (None, 0, 0)
    } else {
        let smask = ctx.check_str(arg + 2)?;
        ctx.check_function(arg + 1)?;
        // (int)luaL_optinteger
        let count = ctx.opt_integer(arg + 3, 0)? as i32;
        let mask = makemask(smask.as_bytes(), i64::from(count));
        (Some(our_hookf()), mask, count)
    };
    let t = hook_table(ctx);
    let hookv = ctx.arg(arg + 1);
    ctx.raw_set(t, Value::thread(th), hookv)?;
    ctx.set_hook(th, func, mask, count);
    Ok(0)
}

/// `debug.gethook([thread])`: hook function (or `"external hook"`), mask string, count; fail
/// (nil) without a hook.
pub fn gethook(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let (th, _) = getthread(ctx);
    let Some(h) = ctx.hook(th) else {
        return ctx.ret1(Value::NIL);
    };
    let first = if is_ours(&h) {
        let reg = ctx.registry();
        match ctx.raw_get_str(reg, HOOKKEY).as_table() {
            Some(t) => t.raw_get(Value::thread(th)),
            None => Value::NIL,
        }
    } else {
        ctx.new_string(b"external hook")
    };
    ctx.push(first);
    let m = unmakemask(ctx.hook_mask(th));
    let m = ctx.new_string(&m);
    ctx.push(m);
    let c = ctx.hook_count(th);
    ctx.push(Value::int(i64::from(c)));
    Ok(3)
}
