//! The `debug` library (ldblib.c): `traceback`, `getinfo`, `getlocal`, `setlocal`,
//! `getupvalue`, `setupvalue`, `upvalueid`, `upvaluejoin`, `getmetatable`, `setmetatable`,
//! `getregistry`, `getuservalue`, `setuservalue`, `debug`, the deprecated `setcstacklimit` (and
//! `sethook`/`gethook`, from [`hook`]).
//!
//! Role: argument checking and result shaping exactly as lua5.4's ldblib.c (same argument order
//! of the checks, same error messages, `fail` results); the frame inspection itself is the VM's
//! (`aqua_vm::debug`: [`State::get_stack`], [`State::get_info`], [`State::get_local`], ...).
//!
//! Functions taking an optional thread first (`traceback`, `getinfo`, `getlocal`, `setlocal`)
//! shift their other arguments by one when it is given (ldblib's `getthread`). Integer
//! arguments that C reads into an `int` are truncated to 32 bits like C's cast.

pub mod hook;
mod repl;
#[cfg(test)]
mod tests;

use aqua_vm::debug::{DebugInfo, InfoTarget};
use aqua_vm::{Ctx, GcRef, LuaError, State, Thread, Value};

const FUNCS: &[(&str, aqua_vm::NativeFn)] = &[
    ("debug", repl::debug),
    ("getuservalue", getuservalue),
    ("gethook", hook::gethook),
    ("getinfo", getinfo),
    ("getlocal", getlocal),
    ("getregistry", getregistry),
    ("getmetatable", getmetatable),
    ("getupvalue", getupvalue),
    ("upvaluejoin", upvaluejoin),
    ("upvalueid", upvalueid),
    ("setuservalue", setuservalue),
    ("sethook", hook::sethook),
    ("setcstacklimit", setcstacklimit),
    ("setlocal", setlocal),
    ("setmetatable", setmetatable),
    ("setupvalue", setupvalue),
    ("traceback", traceback),
];

/// `luaopen_debug`: the `debug` table, recorded in `package.loaded`.
pub fn open(st: &mut State) {
    crate::auxlib::new_lib(st, "debug", FUNCS);
}

/// `getthread`: the thread argument (if the first argument is a thread) and the offset of the
/// other arguments (1 with a thread, 0 without).
fn getthread(ctx: &Ctx) -> (GcRef<Thread>, usize) {
    match ctx.arg(1).as_thread() {
        Some(t) => (t, 1),
        None => (ctx.current_thread(), 0),
    }
}

/// `(int)luaL_checkinteger(L, arg)`.
fn check_int(ctx: &mut Ctx, arg: usize) -> Result<i64, LuaError> {
    Ok(i64::from(ctx.check_integer(arg)? as i32))
}

/// `(int)luaL_optinteger(L, arg, def)`.
fn opt_int(ctx: &mut Ctx, arg: usize, def: i64) -> Result<i64, LuaError> {
    Ok(i64::from(ctx.opt_integer(arg, def)? as i32))
}

// ----- traceback -------------------------------------------------------------------------------

/// `debug.traceback([thread,] [message [, level]])`.
fn traceback(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let (th, arg) = getthread(ctx);
    let mv = ctx.arg(arg + 1);
    let msg = if mv.is_str() || mv.is_number() {
        ctx.to_str_bytes(mv)
    } else {
        None
    };
    if msg.is_none() && !mv.is_nil() {
        // a non-string message is returned untouched
        return ctx.ret1(mv);
    }
    let def = if th == ctx.current_thread() { 1 } else { 0 };
    let level = opt_int(ctx, arg + 2, def)?;
    // luaL_addstring: the message is a C string (it stops at an embedded zero)
    let msg = msg.map(|m| match m.iter().position(|&b| b == 0) {
        Some(z) => m[..z].to_vec(),
        None => m,
    });
    let depth = ctx.stack_levels(th) as i64;
    let text = if level < 0 || level > depth {
        // no level to show (lua_getstack fails at once)
        let mut out = Vec::new();
        if let Some(m) = msg {
            out.extend_from_slice(&m);
            out.push(b'\n');
        }
        out.extend_from_slice(b"stack traceback:");
        out
    } else {
        ctx.traceback(Some(th), msg.as_deref(), level as usize)
    };
    let v = ctx.new_string(&text);
    ctx.ret1(v)
}

// ----- getinfo ---------------------------------------------------------------------------------

/// Store the fields of `ar` asked by `options` in a new table, in ldblib's order.
fn info_table(ctx: &mut Ctx, ar: &DebugInfo, options: &[u8]) -> Value {
    let has = |c: u8| options.contains(&c);
    let t = ctx.new_table();
    if has(b'S') {
        let v = ctx.new_string(&ar.source);
        ctx.raw_set_str(t, "source", v);
        let v = ctx.new_string(&ar.short_src);
        ctx.raw_set_str(t, "short_src", v);
        ctx.raw_set_str(t, "linedefined", Value::int(ar.linedefined));
        ctx.raw_set_str(t, "lastlinedefined", Value::int(ar.lastlinedefined));
        let v = ctx.new_string(ar.what.as_bytes());
        ctx.raw_set_str(t, "what", v);
    }
    if has(b'l') {
        ctx.raw_set_str(t, "currentline", Value::int(ar.currentline));
    }
    if has(b'u') {
        ctx.raw_set_str(t, "nups", Value::int(ar.nups as i64));
        ctx.raw_set_str(t, "nparams", Value::int(i64::from(ar.nparams)));
        ctx.raw_set_str(t, "isvararg", Value::boolean(ar.isvararg));
    }
    if has(b'n') {
        let v = match &ar.name {
            Some(n) => ctx.new_string(n),
            None => Value::NIL,
        };
        ctx.raw_set_str(t, "name", v);
        let v = ctx.new_string(ar.namewhat.as_bytes());
        ctx.raw_set_str(t, "namewhat", v);
    }
    if has(b'r') {
        ctx.raw_set_str(t, "ftransfer", Value::int(i64::from(ar.ftransfer)));
        ctx.raw_set_str(t, "ntransfer", Value::int(i64::from(ar.ntransfer)));
    }
    if has(b't') {
        ctx.raw_set_str(t, "istailcall", Value::boolean(ar.istailcall));
    }
    if has(b'L') {
        let v = match &ar.activelines {
            Some(lines) => {
                let lt = ctx.new_table();
                for &l in lines {
                    ctx.raw_set_int(lt, i64::from(l), Value::TRUE);
                }
                Value::table(lt)
            }
            None => Value::NIL,
        };
        ctx.raw_set_str(t, "activelines", v);
    }
    if has(b'f') {
        ctx.raw_set_str(t, "func", ar.func);
    }
    Value::table(t)
}

/// `debug.getinfo([thread,] f [, what])`.
fn getinfo(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let (th, arg) = getthread(ctx);
    let options: Vec<u8> = match ctx.opt_str(arg + 2)? {
        Some(s) => s.as_bytes().to_vec(),
        None => b"flnSrtu".to_vec(),
    };
    if options.first() == Some(&b'>') {
        return Err(ctx.arg_error(arg + 2, "invalid option '>'"));
    }
    let fv = ctx.arg(arg + 1);
    let target = if fv.is_function() {
        InfoTarget::Func(fv)
    } else {
        let level = check_int(ctx, arg + 1)?;
        match ctx.get_stack(th, level) {
            Some(lv) => InfoTarget::Level(th, lv),
            None => return ctx.ret1(Value::NIL),
        }
    };
    let Some(ar) = ctx.get_info(target, &options) else {
        return Err(ctx.arg_error(arg + 2, "invalid option"));
    };
    let t = info_table(ctx, &ar, &options);
    ctx.ret1(t)
}

// ----- locals ----------------------------------------------------------------------------------

/// `debug.getlocal([thread,] f, local)`.
fn getlocal(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let (th, arg) = getthread(ctx);
    let nvar = check_int(ctx, arg + 2)?;
    let fv = ctx.arg(arg + 1);
    if fv.is_function() {
        // parameter names of a function (there is no value)
        let v = match ctx.param_name(fv, nvar) {
            Some(n) => ctx.new_string(&n),
            None => Value::NIL,
        };
        return ctx.ret1(v);
    }
    let level = check_int(ctx, arg + 1)?;
    let Some(lv) = ctx.get_stack(th, level) else {
        return Err(ctx.arg_error(arg + 1, "level out of range"));
    };
    match ctx.get_local(th, lv, nvar) {
        Some((name, v)) => {
            let n = ctx.new_string(&name);
            ctx.push(n);
            ctx.push(v);
            Ok(2)
        }
        None => ctx.ret1(Value::NIL),
    }
}

/// `debug.setlocal([thread,] level, local, value)`.
fn setlocal(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let (th, arg) = getthread(ctx);
    let level = check_int(ctx, arg + 1)?;
    let nvar = check_int(ctx, arg + 2)?;
    let Some(lv) = ctx.get_stack(th, level) else {
        return Err(ctx.arg_error(arg + 1, "level out of range"));
    };
    let v = ctx.check_any(arg + 3)?;
    let v = match ctx.set_local(th, lv, nvar, v) {
        Some(name) => ctx.new_string(&name),
        None => Value::NIL,
    };
    ctx.ret1(v)
}

// ----- upvalues --------------------------------------------------------------------------------

/// `debug.getupvalue(f, up)`: name and value, nothing when out of range.
fn getupvalue(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let n = check_int(ctx, 2)?;
    let f = ctx.check_function(1)?;
    match ctx.debug_get_upvalue(f, n) {
        Some((name, v)) => {
            let s = ctx.new_string(&name);
            ctx.push(s);
            ctx.push(v);
            Ok(2)
        }
        None => Ok(0),
    }
}

/// `debug.setupvalue(f, up, value)`: the name, nothing when out of range.
fn setupvalue(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let v = ctx.check_any(3)?;
    let n = check_int(ctx, 2)?;
    let f = ctx.check_function(1)?;
    match ctx.debug_set_upvalue(f, n, v) {
        Some(name) => {
            let s = ctx.new_string(&name);
            ctx.ret1(s)
        }
        None => Ok(0),
    }
}

/// `checkupval`: the function at `argf` and the upvalue index at `argnup`; with `must`, an
/// invalid index is an argument error. Returns the index and the upvalue id.
fn checkupval(
    ctx: &mut Ctx,
    argf: usize,
    argnup: usize,
    must: bool,
) -> Result<(i64, Option<usize>), LuaError> {
    let n = check_int(ctx, argnup)?;
    let f = ctx.check_function(argf)?;
    let id = ctx.upvalue_id(f, n);
    if must && id.is_none() {
        return Err(ctx.arg_error(argnup, "invalid upvalue index"));
    }
    Ok((n, id))
}

/// `debug.upvalueid(f, n)`: a light userdata identifying the upvalue, fail if there is none.
fn upvalueid(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let (_, id) = checkupval(ctx, 1, 2, false)?;
    let v = match id {
        Some(p) => Value::light_userdata(p),
        None => Value::NIL,
    };
    ctx.ret1(v)
}

/// `debug.upvaluejoin(f1, n1, f2, n2)`.
fn upvaluejoin(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let (n1, _) = checkupval(ctx, 1, 2, true)?;
    let (n2, _) = checkupval(ctx, 3, 4, true)?;
    let (f1, f2) = (ctx.arg(1), ctx.arg(3));
    if f1.as_lclosure().is_none() {
        return Err(ctx.arg_error(1, "Lua function expected"));
    }
    if f2.as_lclosure().is_none() {
        return Err(ctx.arg_error(3, "Lua function expected"));
    }
    ctx.upvalue_join(f1, n1, f2, n2);
    Ok(0)
}

// ----- metatables, registry, user values -------------------------------------------------------

/// `debug.getmetatable(value)`: the metatable of any value, ignoring `__metatable`.
fn getmetatable(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let v = ctx.check_any(1)?;
    let mt = match ctx.get_metatable(v) {
        Some(t) => Value::table(t),
        None => Value::NIL,
    };
    ctx.ret1(mt)
}

/// `debug.setmetatable(value, table|nil)`: sets the metatable of any value (of its type for
/// non-tables, non-userdata); returns `value`.
fn setmetatable(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let mv = ctx.arg(2);
    if !(mv.is_nil() && ctx.nargs() >= 2) && mv.as_table().is_none() {
        return Err(ctx.type_error(2, "nil or table"));
    }
    let v = ctx.arg(1);
    ctx.set_metatable(v, mv.as_table());
    ctx.ret1(v)
}

/// `debug.setcstacklimit(limit)` (deprecated in 5.4.4: it only reports the fixed C-stack limit,
/// `LUAI_MAXCCALLS`).
fn setcstacklimit(ctx: &mut Ctx) -> Result<usize, LuaError> {
    check_int(ctx, 1)?;
    ctx.ret1(Value::int(i64::from(aqua_vm::thread::MAX_CCALLS)))
}

/// `debug.getregistry()`.
fn getregistry(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let r = ctx.registry();
    ctx.ret1(Value::table(r))
}

/// Number of user values of a full userdata: the io library's file handles have none (as
/// lua5.4's, created with `lua_newuserdatauv(L, size, 0)`); other userdata carry one.
fn nuvalues(u: GcRef<aqua_vm::UserData>) -> i64 {
    if u.data().is::<crate::io::FileUd>() {
        0
    } else {
        1
    }
}

/// `debug.getuservalue(u [, n])`: the `n`-th user value and `true`; fail for non-userdata,
/// nil alone when `u` has no such value.
fn getuservalue(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let n = opt_int(ctx, 2, 1)?;
    let Some(u) = ctx.arg(1).as_userdata() else {
        return ctx.ret1(Value::NIL);
    };
    if n >= 1 && n <= nuvalues(u) {
        ctx.push(u.user_value());
        ctx.push(Value::TRUE);
        Ok(2)
    } else {
        ctx.ret1(Value::NIL)
    }
}

/// `debug.setuservalue(u, value [, n])`: returns `u`, or fail when it has no such value.
fn setuservalue(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let n = opt_int(ctx, 3, 1)?;
    let Some(u) = ctx.arg(1).as_userdata() else {
        return Err(ctx.type_error(1, "userdata"));
    };
    let v = ctx.check_any(2)?;
    if n >= 1 && n <= nuvalues(u) {
        u.set_user_value(v);
        ctx.ret1(Value::userdata(u))
    } else {
        ctx.ret1(Value::NIL)
    }
}
