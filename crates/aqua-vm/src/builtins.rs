//! Builtins that need VM-level control flow (`pcall`, `xpcall`, `error`, the coroutine
//! functions, `load`, `collectgarbage`) plus a few raw helpers, exported for the library layer
//! to register under their usual names (e.g. `st.register("pcall", builtins::pcall)`;
//! coroutine functions go into the `coroutine` table as `create`, `resume`, ...).
//! [`register_all`] registers everything here in one go (globals + a `coroutine` table).

use crate::api::{Ctx, Req};
use crate::coroutine::Resume;
use crate::thread::CoStatus;
use crate::value::*;
use crate::{GcMode, LuaError};

/// `pcall(f, ...)`: VM-level protected call.
pub fn pcall(ctx: &mut Ctx) -> Result<usize, LuaError> {
    ctx.check_any(1)?;
    ctx.req = Req::PCall { xpcall: false };
    Ok(0)
}

/// `xpcall(f, msgh, ...)`.
pub fn xpcall(ctx: &mut Ctx) -> Result<usize, LuaError> {
    ctx.check_function(2)?;
    // rotate: [f, h, args...] -> [h, f, args...]
    let f = ctx.arg(1);
    let h = ctx.arg(2);
    ctx.set_arg(1, h);
    ctx.set_arg(2, f);
    ctx.req = Req::PCall { xpcall: true };
    Ok(0)
}

/// `error(msg [, level])`.
pub fn error(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let v = ctx.arg(1);
    let level = ctx.opt_integer(2, 1)?;
    if v.is_str() && level > 0 {
        let mut m = ctx.where_(level as usize);
        m.extend_from_slice(v.str_bytes().unwrap_or(b""));
        let s = ctx.new_string(&m);
        return Err(LuaError::new(s));
    }
    Err(LuaError::new(v))
}

/// `select(n, ...)`.
pub fn select(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let n = ctx.nargs() as i64;
    let a = ctx.arg(1);
    if a.str_bytes() == Some(b"#") {
        return ctx.ret1(Value::int(n - 1));
    }
    let i = ctx.check_integer(1)?;
    let i = if i < 0 {
        n + i
    } else if i == 0 {
        return Err(ctx.arg_error(1, "index out of range"));
    } else {
        i.min(n)
    };
    if i < 1 {
        return Err(ctx.arg_error(1, "index out of range"));
    }
    Ok((n - i) as usize)
}

fn get_co(ctx: &mut Ctx, i: usize) -> Result<crate::GcRef<crate::Thread>, LuaError> {
    match ctx.arg(i).as_thread() {
        Some(t) => Ok(t),
        None => Err(ctx.type_error(i, "thread")),
    }
}

/// `coroutine.create(f)`.
pub fn coroutine_create(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let f = ctx.check_function(1)?;
    let co = ctx.new_thread(f);
    ctx.ret1(Value::thread(co))
}

/// `coroutine.resume(co, ...)`.
pub fn coroutine_resume(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let co = get_co(ctx, 1)?;
    let n = ctx.nargs() - 1;
    ctx.req = Req::Resume { co, n, wrap: false };
    Ok(0)
}

/// `coroutine.yield(...)`.
pub fn coroutine_yield(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let n = ctx.nargs();
    ctx.req = Req::Yield { n };
    Ok(0)
}

fn wrap_body(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let co = ctx.upvalues().first().and_then(|v| v.as_thread());
    let Some(co) = co else {
        return Err(ctx.error("bad wrap"));
    };
    let n = ctx.nargs();
    ctx.req = Req::Resume { co, n, wrap: true };
    Ok(0)
}

/// `coroutine.wrap(f)`.
pub fn coroutine_wrap(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let f = ctx.check_function(1)?;
    let co = ctx.new_thread(f);
    let w = ctx.new_native_closure(wrap_body, vec![Value::thread(co)]);
    ctx.ret1(w)
}

/// `coroutine.status(co)`.
pub fn coroutine_status(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let co = get_co(ctx, 1)?;
    let s = if co == ctx.current_thread() {
        "running"
    } else {
        match co.get_status() {
            CoStatus::Suspended => "suspended",
            CoStatus::Running => "running",
            CoStatus::Normal => "normal",
            CoStatus::Dead => "dead",
        }
    };
    let v = ctx.new_string(s.as_bytes());
    ctx.ret1(v)
}

/// `coroutine.running()`.
pub fn coroutine_running(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let t = ctx.current_thread();
    let is_main = t == ctx.main_thread();
    ctx.push(Value::thread(t));
    ctx.push(Value::boolean(is_main));
    Ok(2)
}

/// `coroutine.isyieldable([co])`.
pub fn coroutine_isyieldable(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let y = match ctx.arg(1).as_thread() {
        Some(t) => !t.get().is_main && t.get().nny == 0,
        None => ctx.is_yieldable(),
    };
    ctx.ret1(Value::boolean(y))
}

/// `coroutine.close(co)`.
pub fn coroutine_close(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let co = get_co(ctx, 1)?;
    match ctx.close_thread(co)? {
        None => ctx.ret1(Value::TRUE),
        Some(e) => {
            ctx.push(Value::FALSE);
            ctx.push(e);
            Ok(2)
        }
    }
}

/// `collectgarbage([opt [, arg]])`.
pub fn collectgarbage(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let opt = match ctx.opt_str(1)? {
        Some(s) => s.as_bytes().to_vec(),
        None => b"collect".to_vec(),
    };
    match &opt[..] {
        b"collect" => {
            ctx.collect_garbage();
            ctx.ret1(Value::int(0))
        }
        b"count" => {
            let k = ctx.gc_count_kb();
            ctx.ret1(Value::float(k))
        }
        b"step" => {
            let n = ctx.opt_integer(2, 0)?;
            let r = ctx.gc_step(n);
            ctx.ret1(Value::boolean(r))
        }
        b"stop" => {
            ctx.gc_stop();
            ctx.ret1(Value::int(0))
        }
        b"restart" => {
            ctx.gc_restart();
            ctx.ret1(Value::int(0))
        }
        b"isrunning" => {
            let r = ctx.gc_is_running();
            ctx.ret1(Value::boolean(r))
        }
        b"incremental" | b"generational" => {
            let m = if opt == b"incremental" {
                GcMode::Incremental
            } else {
                GcMode::Generational
            };
            let prev = ctx.gc_set_mode(m);
            let s = if prev == GcMode::Incremental {
                "incremental"
            } else {
                "generational"
            };
            let v = ctx.new_string(s.as_bytes());
            ctx.ret1(v)
        }
        b"setpause" => {
            let p = ctx.opt_integer(2, 0)?;
            let prev = ctx.gc_set_pause(p.max(0) as usize);
            ctx.ret1(Value::int(prev as i64))
        }
        b"setstepmul" => {
            let p = ctx.opt_integer(2, 0)?;
            let prev = ctx.gc_set_stepmul(p.max(0) as usize);
            ctx.ret1(Value::int(prev as i64))
        }
        _ => {
            let m = format!("invalid option '{}'", String::from_utf8_lossy(&opt));
            Err(ctx.arg_error(1, &m))
        }
    }
}

/// `load(chunk [, chunkname [, mode [, env]]])` (source through the compiler hook; binary
/// chunks are rejected until undump is wired).
pub fn load(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let chunk = ctx.arg(1);
    let src: Vec<u8> = if let Some(s) = chunk.str_bytes() {
        s.to_vec()
    } else if chunk.is_function() {
        let mut buf = Vec::new();
        loop {
            let r = ctx.call(chunk, &[])?;
            let piece = r.first().copied().unwrap_or(Value::NIL);
            if piece.is_nil() {
                break;
            }
            match piece.str_bytes() {
                Some([]) => break,
                Some(b) => buf.extend_from_slice(b),
                None => {
                    ctx.push(Value::NIL);
                    let m = ctx.new_string(b"reader function must return a string");
                    ctx.push(m);
                    return Ok(2);
                }
            }
        }
        buf
    } else {
        return Err(ctx.type_error(1, "string"));
    };
    let name: Vec<u8> = match ctx.opt_str(2)? {
        Some(s) => s.as_bytes().to_vec(),
        None => {
            if chunk.is_str() {
                src.clone()
            } else {
                b"=(load)".to_vec()
            }
        }
    };
    let mode = match ctx.opt_str(3)? {
        Some(s) => s.as_bytes().to_vec(),
        None => b"bt".to_vec(),
    };
    let is_binary = src.first() == Some(&0x1b);
    if is_binary && !mode.contains(&b'b') || !is_binary && !mode.contains(&b't') {
        let what = if is_binary { "binary" } else { "text" };
        let m = format!(
            "attempt to load a {} chunk (mode is '{}')",
            what,
            String::from_utf8_lossy(&mode)
        );
        ctx.push(Value::NIL);
        let v = ctx.new_string(m.as_bytes());
        ctx.push(v);
        return Ok(2);
    }
    let r = if is_binary {
        ctx.state().load_binary(&src, &name)
    } else {
        ctx.state().load(&src, &name)
    };
    match r {
        Ok(f) => {
            if ctx.nargs() >= 4 {
                let env = ctx.arg(4);
                if let Some(cl) = f.as_lclosure() {
                    if let Some(uv) = cl.get().upvals.first() {
                        uv.get_mut().set(env);
                    }
                }
            }
            ctx.ret1(f)
        }
        Err(e) => {
            ctx.push(Value::NIL);
            ctx.push(e.value);
            Ok(2)
        }
    }
}

/// `rawequal(a, b)`.
pub fn rawequal(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let a = ctx.check_any(1)?;
    let b = ctx.check_any(2)?;
    ctx.ret1(Value::boolean(a.raw_eq(b)))
}

/// `next(t [, k])`.
pub fn next(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let t = ctx.check_table(1)?;
    let k = ctx.arg(2);
    match t.next(k) {
        Ok(Some((k, v))) => {
            ctx.push(k);
            ctx.push(v);
            Ok(2)
        }
        Ok(None) => ctx.ret1(Value::NIL),
        Err(()) => Err(ctx.error_msg("invalid key to 'next'")),
    }
}

/// Register the builtins of this module: `pcall`, `xpcall`, `error`, `select`, `load`,
/// `collectgarbage`, `rawequal`, `next` as globals and a `coroutine` table.
pub fn register_all(st: &mut crate::State) {
    st.register("pcall", pcall);
    st.register("xpcall", xpcall);
    st.register("error", error);
    st.register("select", select);
    st.register("load", load);
    st.register("collectgarbage", collectgarbage);
    st.register("rawequal", rawequal);
    st.register("next", next);
    let co = st.new_table();
    let fns: [(&str, crate::NativeFn); 8] = [
        ("create", coroutine_create),
        ("resume", coroutine_resume),
        ("yield", coroutine_yield),
        ("status", coroutine_status),
        ("wrap", coroutine_wrap),
        ("running", coroutine_running),
        ("isyieldable", coroutine_isyieldable),
        ("close", coroutine_close),
    ];
    for (n, f) in fns {
        st.raw_set_str(co, n, Value::native(f));
    }
    st.set_global("coroutine", Value::table(co));
}

#[allow(dead_code)]
fn _unused(_: Resume) {}
