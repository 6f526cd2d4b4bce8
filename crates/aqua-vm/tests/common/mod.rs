//! Test support: a state with the VM builtins plus a tiny base library (print, type, tostring,
//! setmetatable, ...) writing `print` output into a buffer.

#![allow(dead_code)]

use aqua_vm::{builtins, Ctx, LuaError, State, Value};
use std::cell::RefCell;

thread_local! {
    pub static OUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

fn print(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let n = ctx.nargs();
    let mut line = Vec::new();
    for i in 1..=n {
        if i > 1 {
            line.push(b'\t');
        }
        let a = ctx.arg(i);
        let s = ctx.tostring(a)?;
        line.extend_from_slice(s.as_bytes());
    }
    line.push(b'\n');
    OUT.with(|o| o.borrow_mut().extend_from_slice(&line));
    Ok(0)
}

fn type_(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let v = ctx.check_any(1)?;
    let s = ctx.new_string(v.type_name().as_bytes());
    ctx.ret1(s)
}

fn tostring(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let v = ctx.check_any(1)?;
    let s = ctx.tostring(v)?;
    ctx.ret1(Value::str(s))
}

fn tonumber(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let v = ctx.check_any(1)?;
    let r = ctx.to_number(v).unwrap_or(Value::NIL);
    ctx.ret1(r)
}

fn setmetatable(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let t = ctx.check_table(1)?;
    let mt = ctx.arg(2).as_table();
    ctx.set_metatable(Value::table(t), mt);
    ctx.ret1(Value::table(t))
}

fn getmetatable(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let v = ctx.arg(1);
    let r = ctx.get_metatable(v).map(Value::table).unwrap_or(Value::NIL);
    ctx.ret1(r)
}

fn assert_(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let v = ctx.check_any(1)?;
    if v.truthy() {
        return Ok(ctx.nargs());
    }
    if ctx.nargs() >= 2 {
        return Err(LuaError::new(ctx.arg(2)));
    }
    Err(ctx.error("assertion failed!"))
}

fn ipairs_aux(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let i = ctx.check_integer(2)? + 1;
    let t = ctx.arg(1);
    let v = ctx.index(t, Value::int(i))?;
    if v.is_nil() {
        return ctx.ret1(Value::NIL);
    }
    ctx.push(Value::int(i));
    ctx.push(v);
    Ok(2)
}

fn ipairs(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let t = ctx.check_any(1)?;
    ctx.push(Value::native(ipairs_aux));
    ctx.push(t);
    ctx.push(Value::int(0));
    Ok(3)
}

fn pairs(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let t = ctx.check_any(1)?;
    ctx.push(Value::native(builtins::next));
    ctx.push(t);
    ctx.push(Value::NIL);
    Ok(3)
}

fn rawget(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let t = ctx.check_table(1)?;
    let v = t.raw_get(ctx.arg(2));
    ctx.ret1(v)
}

fn rawlen(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let t = ctx.check_table(1)?;
    ctx.ret1(Value::int(t.raw_len() as i64))
}

fn rawset(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let t = ctx.check_table(1)?;
    let (k, v) = (ctx.arg(2), ctx.arg(3));
    ctx.raw_set(t, k, v)?;
    ctx.ret1(Value::table(t))
}

fn len(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let s = ctx.check_str(1)?;
    ctx.ret1(Value::int(s.as_bytes().len() as i64))
}

fn traceback(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let (th, a) = match ctx.arg(1).as_thread() {
        Some(t) => (Some(t), 2),
        None => (None, 1),
    };
    let msg = ctx.arg(a);
    if !msg.is_nil() && !msg.is_str() {
        return ctx.ret1(msg);
    }
    let def = if th.is_some() { 0 } else { 1 };
    let level = ctx.opt_integer(a + 1, def)? as usize;
    let tb = ctx.traceback(th, msg.str_bytes(), level);
    let v = ctx.new_string(&tb);
    ctx.ret1(v)
}

pub fn new_state() -> State {
    let mut st = State::new();
    st.set_compiler(Box::new(|src, name, c_calls| {
        let opts = aqua_compiler::Options::default().with_check(false);
        aqua_compiler::compile_at(src, name, &opts, c_calls).map_err(|e| e.to_lua_message(name))
    }));
    builtins::register_all(&mut st);
    st.register("print", print);
    st.register("type", type_);
    st.register("tostring", tostring);
    st.register("tonumber", tonumber);
    st.register("setmetatable", setmetatable);
    st.register("getmetatable", getmetatable);
    st.register("assert", assert_);
    st.register("ipairs", ipairs);
    st.register("pairs", pairs);
    st.register("rawget", rawget);
    st.register("rawlen", rawlen);
    st.register("rawset", rawset);
    st.register("traceback", traceback);
    let math = st.new_table();
    st.raw_set_str(math, "huge", Value::float(f64::INFINITY));
    st.raw_set_str(math, "maxinteger", Value::int(i64::MAX));
    st.raw_set_str(math, "mininteger", Value::int(i64::MIN));
    st.set_global("math", Value::table(math));
    let string = st.new_table();
    st.raw_set_str(string, "len", Value::native(len));
    st.set_global("string", Value::table(string));
    let smt = st.new_table();
    st.raw_set_str(smt, "__index", Value::table(string));
    let s = st.new_string(b"");
    st.set_metatable(s, Some(smt));
    let loaded = st.new_table();
    let g = st.globals();
    st.raw_set_str(loaded, "_G", Value::table(g));
    st.raw_set_str(loaded, "string", Value::table(string));
    st.raw_set_str(loaded, "math", Value::table(math));
    let co = st.get_global("coroutine");
    st.raw_set_str(loaded, "coroutine", co);
    let reg = st.registry();
    st.raw_set_str(reg, "_LOADED", Value::table(loaded));
    st
}

/// Run a chunk; returns printed output, plus `error: msg` on an uncaught error.
pub fn run(src: &str, name: &str) -> String {
    OUT.with(|o| o.borrow_mut().clear());
    let mut st = new_state();
    let mut chunk = b"@".to_vec();
    chunk.extend_from_slice(name.as_bytes());
    let r = st
        .load(src.as_bytes(), &chunk)
        .and_then(|f| st.call(f, &[]));
    let mut out = OUT.with(|o| o.borrow().clone());
    if let Err(e) = r {
        let m = st
            .to_str_bytes(e.value)
            .unwrap_or_else(|| b"(error object)".to_vec());
        out.extend_from_slice(b"error: ");
        out.extend_from_slice(&m);
        out.push(b'\n');
    }
    String::from_utf8_lossy(&out).into_owned()
}
