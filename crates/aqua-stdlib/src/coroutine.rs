//! The coroutine library (lcorolib.c, Lua 5.4.4): `create`, `resume`, `yield`, `status`, `wrap`,
//! `isyieldable`, `running`, `close`.
//!
//! Place in the pipeline: `resume`, `yield` and the function made by `wrap` switch threads
//! inside the interpreter loop, so they are the VM's natives (`aqua_vm::builtins`), registered
//! here with lcorolib's argument checks in front; the others only inspect threads.
//!
//! Statuses follow lcorolib's `auxstatus`: the running thread is "running", a thread that
//! resumed another is "normal", a created or yielded one "suspended", a finished or failed one
//! "dead".

use crate::auxlib;
use aqua_vm::{builtins, CoStatus, Ctx, GcRef, LuaError, NativeFn, State, Thread, Value};

/// The functions of the `coroutine` table.
pub const FUNCS: &[(&str, NativeFn)] = &[
    ("create", create),
    ("resume", resume),
    ("running", running),
    ("status", status),
    ("wrap", wrap),
    ("yield", yield_),
    ("isyieldable", isyieldable),
    ("close", close),
];

/// `luaopen_coroutine` + `luaL_requiref`: the global `coroutine` table.
pub fn open(st: &mut State) {
    auxlib::new_lib(st, "coroutine", FUNCS);
}

/// lcorolib's `getco`: argument 1 must be a thread.
fn get_co(ctx: &mut Ctx) -> Result<GcRef<Thread>, LuaError> {
    match ctx.arg(1).as_thread() {
        Some(t) => Ok(t),
        None => Err(ctx.type_error(1, "thread")),
    }
}

/// lcorolib's `auxstatus` name of `co` as seen from the running thread.
pub fn status_name(st: &State, co: GcRef<Thread>) -> &'static str {
    if co == st.current_thread() {
        return "running";
    }
    match co.get_status() {
        CoStatus::Suspended => "suspended",
        CoStatus::Running | CoStatus::Normal => "normal",
        CoStatus::Dead => "dead",
    }
}

/// `coroutine.create(f)`.
pub fn create(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let f = ctx.check_function(1)?;
    let co = ctx.new_thread(f);
    ctx.ret1(Value::thread(co))
}

/// `coroutine.resume(co, ...)`.
pub fn resume(ctx: &mut Ctx) -> Result<usize, LuaError> {
    get_co(ctx)?;
    builtins::coroutine_resume(ctx)
}

/// `coroutine.yield(...)`.
pub fn yield_(ctx: &mut Ctx) -> Result<usize, LuaError> {
    if !ctx.is_yieldable() {
        // luaG_runerror from a native frame: no position
        let m = if ctx.current_thread() == ctx.main_thread() {
            "attempt to yield from outside a coroutine"
        } else {
            "attempt to yield across a C-call boundary"
        };
        return Err(ctx.error_msg(m));
    }
    builtins::coroutine_yield(ctx)
}

/// `coroutine.wrap(f)`.
pub fn wrap(ctx: &mut Ctx) -> Result<usize, LuaError> {
    ctx.check_function(1)?;
    builtins::coroutine_wrap(ctx)
}

/// `coroutine.status(co)`.
pub fn status(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let co = get_co(ctx)?;
    let s = status_name(ctx, co);
    let v = ctx.new_string(s.as_bytes());
    ctx.ret1(v)
}

/// `coroutine.running()`: the running thread and whether it is the main one.
pub fn running(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let t = ctx.current_thread();
    let is_main = t == ctx.main_thread();
    ctx.push(Value::thread(t));
    ctx.push(Value::boolean(is_main));
    Ok(2)
}

/// `coroutine.isyieldable([co])`.
pub fn isyieldable(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let y = if ctx.nargs() == 0 {
        ctx.is_yieldable()
    } else {
        let co = get_co(ctx)?;
        if co == ctx.current_thread() {
            ctx.is_yieldable()
        } else {
            // a thread that is not running has no non-yieldable calls pending
            co != ctx.main_thread()
        }
    };
    ctx.ret1(Value::boolean(y))
}

/// `coroutine.close(co)`: `true`, or `false, err` when the coroutine had failed or a `__close`
/// raised an error; only suspended or dead coroutines can be closed.
pub fn close(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let co = get_co(ctx)?;
    let s = status_name(ctx, co);
    if s != "dead" && s != "suspended" {
        return Err(ctx.error(&format!("cannot close a {s} coroutine")));
    }
    match ctx.close_thread(co)? {
        None => ctx.ret1(Value::TRUE),
        Some(e) => {
            ctx.push(Value::FALSE);
            ctx.push(e);
            Ok(2)
        }
    }
}
