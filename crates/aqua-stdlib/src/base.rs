//! The basic library (lbaselib.c, Lua 5.4.4): `print`, `type`, `tostring`, `tonumber`, `ipairs`,
//! `pairs`, `next`, `select`, `rawget`, `rawset`, `rawequal`, `rawlen`, `setmetatable`,
//! `getmetatable`, `assert`, `error`, `pcall`, `xpcall`, `load`, `loadfile`, `dofile`,
//! `collectgarbage`, `warn`, `_G`, `_VERSION`.
//!
//! Place in the pipeline: natives on the VM's ABI (`fn(&mut Ctx) -> Result<usize, LuaError>`).
//! Functions that need the VM's control flow (protected calls) are the VM's own
//! (`aqua_vm::builtins`), registered here, with lbaselib's argument checks in front of them.
//! `load`/`loadfile` compile text through the compiler hook installed by `crate::open_libs`
//! (`State::load`) and binary chunks through `State::load_binary`.
//!
//! Every function follows lbaselib.c step by step (argument checks in the same order, so the
//! same error wins), and its messages are lua5.4's byte for byte.

use crate::auxlib::{self, tolstring};
use aqua_vm::{builtins, Ctx, GcMode, LuaError, NativeFn, State, Val, Value};

/// The functions of the basic library, as registered in `_G`.
pub const FUNCS: &[(&str, NativeFn)] = &[
    ("assert", assert),
    ("collectgarbage", collectgarbage),
    ("dofile", dofile),
    ("error", error),
    ("getmetatable", getmetatable),
    ("ipairs", ipairs),
    ("loadfile", loadfile),
    ("load", load),
    ("next", next),
    ("pairs", pairs),
    ("pcall", pcall),
    ("print", print),
    ("warn", warn),
    ("rawequal", rawequal),
    ("rawlen", rawlen),
    ("rawget", rawget),
    ("rawset", rawset),
    ("select", select),
    ("setmetatable", setmetatable),
    ("tonumber", tonumber),
    ("tostring", tostring),
    ("type", type_),
    ("xpcall", xpcall),
];

/// `luaopen_base`: registers the functions in the globals table, plus `_G` and `_VERSION`, and
/// records `_G` in `registry._LOADED`.
pub fn open(st: &mut State) {
    let g = st.globals();
    auxlib::set_funcs(st, g, FUNCS);
    st.raw_set_str(g, "_G", Value::table(g));
    let v = st.new_string(b"Lua 5.4");
    st.raw_set_str(g, "_VERSION", v);
    let loaded = auxlib::loaded_table(st);
    st.raw_set_str(loaded, "_G", Value::table(g));
}

// ----- output and conversions ------------------------------------------------------------------

/// `print(...)`: `tostring` of every argument, tab-separated, then a newline, each piece an
/// `fwrite` to C's stdout as in lbaselib, then `fflush(stdout)` (lua 5.4's `lua_writeline`).
pub fn print(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let n = ctx.nargs();
    for i in 1..=n {
        let v = ctx.arg(i);
        let s = tolstring(ctx, v)?;
        if i > 1 {
            auxlib::write_stdout(b"\t");
        }
        auxlib::write_stdout(s.as_bytes());
    }
    auxlib::write_stdout(b"\n");
    auxlib::flush_stdout();
    Ok(0)
}

/// `type(v)`.
pub fn type_(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let v = ctx.check_any(1)?;
    let s = ctx.new_string(v.type_name().as_bytes());
    ctx.ret1(s)
}

/// `tostring(v)`.
pub fn tostring(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let v = ctx.check_any(1)?;
    let s = tolstring(ctx, v)?;
    ctx.ret1(Value::str(s))
}

/// lbaselib's `b_str2int`: an integer numeral in `base` (2..=36) with optional surrounding
/// whitespace and a leading `-`/`+`; wraps around on overflow. `None` unless the whole string
/// is consumed.
pub fn str2int_base(s: &[u8], base: u32) -> Option<i64> {
    let is_space = |c: u8| matches!(c, b' ' | b'\x0c' | b'\n' | b'\r' | b'\t' | b'\x0b');
    let mut i = 0;
    while i < s.len() && is_space(s[i]) {
        i += 1;
    }
    let mut neg = false;
    if i < s.len() && s[i] == b'-' {
        neg = true;
        i += 1;
    } else if i < s.len() && s[i] == b'+' {
        i += 1;
    }
    if i >= s.len() || !s[i].is_ascii_alphanumeric() {
        return None;
    }
    let mut n: u64 = 0;
    while i < s.len() && s[i].is_ascii_alphanumeric() {
        let c = s[i];
        let digit = if c.is_ascii_digit() {
            (c - b'0') as u32
        } else {
            (c.to_ascii_uppercase() - b'A') as u32 + 10
        };
        if digit >= base {
            return None;
        }
        n = n.wrapping_mul(base as u64).wrapping_add(digit as u64);
        i += 1;
    }
    while i < s.len() && is_space(s[i]) {
        i += 1;
    }
    if i != s.len() {
        return None;
    }
    Some(if neg {
        0u64.wrapping_sub(n) as i64
    } else {
        n as i64
    })
}

/// `tonumber(v [, base])`.
pub fn tonumber(ctx: &mut Ctx) -> Result<usize, LuaError> {
    if ctx.is_none_or_nil(2) {
        let v = ctx.arg(1);
        if v.is_number() {
            return ctx.ret1(v);
        }
        if let Some(b) = v.str_bytes() {
            // lua_stringtonumber stops at an embedded zero: such strings never convert.
            if !b.contains(&0) {
                if let Some(n) = ctx.to_number(v) {
                    return ctx.ret1(n);
                }
            }
        }
        ctx.check_any(1)?;
    } else {
        let base = ctx.check_integer(2)?;
        let v = ctx.arg(1);
        let Some(s) = v.as_str() else {
            return Err(ctx.type_error(1, "string"));
        };
        if !(2..=36).contains(&base) {
            return Err(ctx.arg_error(2, "base out of range"));
        }
        let bytes = s.as_bytes();
        // b_str2int works on a C string: it stops at an embedded zero, which then must be the
        // end of the Lua string for the conversion to count.
        let end = bytes.iter().position(|&c| c == 0).unwrap_or(bytes.len());
        if end == bytes.len() {
            if let Some(n) = str2int_base(bytes, base as u32) {
                return ctx.ret1(Value::int(n));
            }
        }
    }
    ctx.ret1(Value::NIL)
}

// ----- iteration ---------------------------------------------------------------------------------

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

/// `pairs(t)`: `__pairs(t)` (three results) or `next, t, nil`.
pub fn pairs(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let t = ctx.check_any(1)?;
    let mm = ctx.get_metafield(t, "__pairs");
    if mm.is_nil() {
        ctx.push(Value::native(next));
        ctx.push(t);
        ctx.push(Value::NIL);
    } else {
        // As luaB_pairs' lua_callk: `__pairs` runs in the interpreter loop (it may yield) and
        // its results are adjusted to 3.
        ctx.push(mm);
        ctx.push(t);
        return Ok(ctx.tail_call_n(1, 3));
    }
    Ok(3)
}

/// The iterator of `ipairs`: `t[i+1]` with metamethods, stopping at nil.
fn ipairs_aux(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let i = match ctx.arg(2).as_int() {
        Some(i) => i,
        None => ctx.check_integer(2)?,
    }
    .wrapping_add(1);
    let t = ctx.arg(1);
    let v = match t.as_table() {
        Some(tb) if tb.metatable().is_none() => tb.raw_get_int(i),
        _ => ctx.index(t, Value::int(i))?,
    };
    if v.is_nil() {
        return ctx.ret1(Value::NIL);
    }
    ctx.push(Value::int(i));
    ctx.push(v);
    Ok(2)
}

/// `ipairs(t)`: `ipairs_aux, t, 0` (any value: indexing errors come from the iterator).
pub fn ipairs(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let t = ctx.check_any(1)?;
    ctx.push(Value::native(ipairs_aux));
    ctx.push(t);
    ctx.push(Value::int(0));
    Ok(3)
}

/// `select(n, ...)` / `select('#', ...)`.
pub fn select(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let n = ctx.nargs() as i64;
    // lbaselib tests only the first character: select("#anything", ...) counts too
    if ctx.arg(1).str_bytes().and_then(|b| b.first().copied()) == Some(b'#') {
        return ctx.ret1(Value::int(n - 1));
    }
    let i = ctx.check_integer(1)?;
    let i = if i < 0 { n.wrapping_add(i) } else { i.min(n) };
    if i < 1 {
        return Err(ctx.arg_error(1, "index out of range"));
    }
    // the results are the arguments after the i-th, already on top of the stack
    Ok((n - i) as usize)
}

// ----- raw access ----------------------------------------------------------------------------------

/// `rawequal(a, b)`.
pub fn rawequal(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let a = ctx.check_any(1)?;
    let b = ctx.check_any(2)?;
    ctx.ret1(Value::boolean(a.raw_eq(b)))
}

/// `rawlen(v)` for tables and strings.
pub fn rawlen(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let v = ctx.arg(1);
    let n = match v.view() {
        Val::Table(t) => t.raw_len() as i64,
        Val::Str(s) => s.as_bytes().len() as i64,
        _ => return Err(ctx.type_error(1, "table or string")),
    };
    ctx.ret1(Value::int(n))
}

/// `rawget(t, k)`.
pub fn rawget(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let t = ctx.check_table(1)?;
    let k = ctx.check_any(2)?;
    let v = t.raw_get(k);
    ctx.ret1(v)
}

/// `rawset(t, k, v)`: returns `t`.
pub fn rawset(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let t = ctx.check_table(1)?;
    let k = ctx.check_any(2)?;
    let v = ctx.check_any(3)?;
    ctx.raw_set(t, k, v)?;
    ctx.ret1(Value::table(t))
}

// ----- metatables ----------------------------------------------------------------------------------

/// `getmetatable(v)`: the `__metatable` field if present, else the metatable.
pub fn getmetatable(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let v = ctx.check_any(1)?;
    let Some(mt) = ctx.get_metatable(v) else {
        return ctx.ret1(Value::NIL);
    };
    let protected = ctx.get_metafield(v, "__metatable");
    if protected.is_nil() {
        ctx.ret1(Value::table(mt))
    } else {
        ctx.ret1(protected)
    }
}

/// `setmetatable(t, mt)`: returns `t`.
pub fn setmetatable(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let mtv = ctx.arg(2);
    let t = ctx.check_table(1)?;
    if !(mtv.is_nil() || mtv.is_table()) || ctx.nargs() < 2 {
        return Err(ctx.type_error(2, "nil or table"));
    }
    let tv = Value::table(t);
    if !ctx.get_metafield(tv, "__metatable").is_nil() {
        return Err(ctx.error("cannot change a protected metatable"));
    }
    ctx.set_metatable(tv, mtv.as_table());
    ctx.ret1(tv)
}

// ----- errors --------------------------------------------------------------------------------------

/// `error(v [, level])`: string messages get the position of `level` prefixed.
pub fn error(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let level = ctx.opt_integer(2, 1)?;
    let v = ctx.arg(1);
    if let (Some(s), true) = (v.str_bytes(), level > 0) {
        let mut m = ctx.where_(level as usize);
        m.extend_from_slice(s);
        return Err(ctx.error_bytes(&m));
    }
    Err(LuaError::new(v))
}

/// `assert(v [, message, ...])`: all arguments when `v` is true; else `error(message or
/// "assertion failed!")` (level 1).
pub fn assert(ctx: &mut Ctx) -> Result<usize, LuaError> {
    if ctx.arg(1).truthy() {
        return Ok(ctx.nargs());
    }
    ctx.check_any(1)?;
    let msg = if ctx.nargs() >= 2 {
        ctx.arg(2)
    } else {
        ctx.new_string(b"assertion failed!")
    };
    if let Some(s) = msg.str_bytes() {
        let mut m = ctx.where_(1);
        m.extend_from_slice(s);
        return Err(ctx.error_bytes(&m));
    }
    Err(LuaError::new(msg))
}

/// `pcall(f, ...)`.
pub fn pcall(ctx: &mut Ctx) -> Result<usize, LuaError> {
    ctx.check_any(1)?;
    builtins::pcall(ctx)
}

/// `xpcall(f, msgh, ...)`.
pub fn xpcall(ctx: &mut Ctx) -> Result<usize, LuaError> {
    ctx.check_function(2)?;
    builtins::xpcall(ctx)
}

// ----- loading -------------------------------------------------------------------------------------

/// Binary chunks start with ESC (`LUA_SIGNATURE[0]`).
const SIGNATURE0: u8 = 0x1b;

/// `lua_load` of a whole chunk (`luaD_protectedparser` after reading): the mode check of
/// `f_parser`, then the binary loader or the compiler, which parses once, starting at `level`,
/// lua5.4's `nCcalls` during the parse (see [`load_file_at`]): a text chunk whose nesting plus
/// `level` reaches `LUAI_MAXCCALLS` fails with "C stack overflow", as in lua5.4. Errors are the
/// message value (as `load` returns it).
fn load_chunk(
    st: &mut State,
    chunk: &[u8],
    chunkname: &[u8],
    mode: &[u8],
    level: u32,
) -> Result<Value, Value> {
    let binary = chunk.first() == Some(&SIGNATURE0);
    let what: &[u8] = if binary { b"binary" } else { b"text" };
    if !mode.contains(&what[0]) {
        let mut m = b"attempt to load a ".to_vec();
        m.extend_from_slice(what);
        m.extend_from_slice(b" chunk (mode is '");
        m.extend_from_slice(mode);
        m.extend_from_slice(b"')");
        return Err(st.new_string(&m));
    }
    let r = if binary {
        st.load_binary(chunk, chunkname)
    } else {
        st.load_at(chunk, chunkname, level)
    };
    r.map_err(|e| overflow_message(st, e.value))
}

/// The parser's `C stack overflow` is a runtime error raised inside `lua_load`'s protected
/// parser (`luaE_checkcstack` → `luaG_runerror`): the message handler in force runs on it, so
/// an unprotected `load` in a script returns it with lua.c's traceback appended, and one inside
/// `xpcall` the handler's result (`State::errormsg_value`). Syntax errors are thrown without the
/// handler and stay as they are.
fn overflow_message(st: &mut State, msg: Value) -> Value {
    if msg.str_bytes() == Some(b"C stack overflow".as_slice()) {
        st.errormsg_value(msg)
    } else {
        msg
    }
}

/// `load_aux`: the function (with `env` as its first upvalue when given) or `nil, message`.
fn load_result(
    ctx: &mut Ctx,
    r: Result<Value, Value>,
    env: Option<Value>,
) -> Result<usize, LuaError> {
    match r {
        Ok(f) => {
            if let Some(env) = env {
                ctx.state().set_upvalue(f, 1, env);
            }
            ctx.ret1(f)
        }
        Err(msg) => {
            ctx.push(Value::NIL);
            ctx.push(msg);
            Ok(2)
        }
    }
}

/// C-string view of an option string (lua passes `const char *`: it stops at a zero).
fn cstr(b: &[u8]) -> &[u8] {
    match b.iter().position(|&c| c == 0) {
        Some(z) => &b[..z],
        None => b,
    }
}

/// `load(chunk [, chunkname [, mode [, env]]])`.
pub fn load(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let chunk = ctx.arg(1);
    let mode: Vec<u8> = match ctx.opt_str(3)? {
        Some(s) => cstr(s.as_bytes()).to_vec(),
        None => b"bt".to_vec(),
    };
    let env = if ctx.nargs() >= 4 {
        Some(ctx.arg(4))
    } else {
        None
    };
    if let Some(s) = ctx.to_string_value(chunk) {
        // a string (or a number, converted as lua_tolstring does)
        ctx.set_arg(1, Value::str(s));
        let name: Vec<u8> = match ctx.opt_str(2)? {
            Some(n) => cstr(n.as_bytes()).to_vec(),
            None => cstr(s.as_bytes()).to_vec(),
        };
        let src = s.as_bytes().to_vec();
        let level = ctx.c_calls();
        let r = load_chunk(ctx, &src, &name, &mode, level);
        return load_result(ctx, r, env);
    }
    let name: Vec<u8> = match ctx.opt_str(2)? {
        Some(n) => cstr(n.as_bytes()).to_vec(),
        None => b"=(load)".to_vec(),
    };
    let f = ctx.check_function(1)?;
    // generic_reader: call the function until it returns nil or an empty string.
    let mut src = Vec::new();
    loop {
        let r = match ctx.call(f, &[]) {
            Ok(r) => r,
            Err(e) => {
                // the message handler ran where the reader raised it (lua.c's traceback, or
                // an `xpcall` handler's result)
                let m = ctx.state().handled_value(&e);
                return load_result(ctx, Err(m), None);
            }
        };
        let piece = r.first().copied().unwrap_or(Value::NIL);
        if piece.is_nil() {
            break;
        }
        match ctx.to_str_bytes(piece) {
            Some(b) if b.is_empty() => break,
            Some(b) => src.extend_from_slice(&b),
            None => {
                // luaL_error inside the protected parser: the message handler runs on it
                let mut m = ctx.where_(1);
                m.extend_from_slice(b"reader function must return a string");
                let m = ctx.new_string(&m);
                let m = ctx.state().errormsg_value(m);
                return load_result(ctx, Err(m), None);
            }
        }
    }
    let level = ctx.c_calls();
    let r = load_chunk(ctx, &src, &name, &mode, level);
    load_result(ctx, r, env)
}

/// `strerror(errno)` text of an I/O error (Rust appends " (os error N)": drop it).
pub fn strerror(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.rfind(" (os error ") {
        Some(p) => s[..p].to_string(),
        None => s,
    }
}

/// `luaL_loadfilex` for a file loaded at the nesting level of a main script (see
/// [`load_file_at`]).
pub fn load_file(st: &mut State, filename: Option<&[u8]>, mode: &[u8]) -> Result<Value, Value> {
    load_file_at(st, filename, mode, aqua_syntax::parser::BASE_LEVEL)
}

/// `luaL_loadfilex`: read `filename` (stdin when `None`), skip a UTF-8 BOM and a first line
/// starting with `#` (keeping line numbers), and load it. `Err` is the message value
/// ("cannot open/read <name>: <strerror>" or the load error).
///
/// `level` is lua5.4's `nCcalls` while the file is parsed: the C levels active where the loading
/// native runs (`Ctx::c_calls()`: in `aqua script.lua`'s main chunk 2, lua.c's `pmain` and the
/// `lua_pcall` of the chunk, as lua5.4's), plus one when the loader was itself called through
/// `lua_call` (`require`'s searcher). lua counts parser nesting together with C calls, so a file
/// loaded deep in nested calls (a module that requires itself) fails with "C stack overflow" as
/// soon as the two together reach `LUAI_MAXCCALLS`.
pub fn load_file_at(
    st: &mut State,
    filename: Option<&[u8]>,
    mode: &[u8],
    level: u32,
) -> Result<Value, Value> {
    use std::io::Read;
    let (chunkname, data) = match filename {
        None => {
            let mut d = Vec::new();
            if let Err(e) = std::io::stdin().lock().read_to_end(&mut d) {
                let m = format!("cannot read stdin: {}", strerror(&e));
                return Err(st.new_string(m.as_bytes()));
            }
            (b"=stdin".to_vec(), d)
        }
        Some(name) => {
            let mut cn = b"@".to_vec();
            cn.extend_from_slice(name);
            let path = bytes_to_path(name);
            let err = |st: &mut State, what: &str, e: &std::io::Error| {
                let mut m = format!("cannot {what} ").into_bytes();
                m.extend_from_slice(name);
                m.extend_from_slice(b": ");
                m.extend_from_slice(strerror(e).as_bytes());
                st.new_string(&m)
            };
            let mut file = match std::fs::File::open(&path) {
                Ok(f) => f,
                Err(e) => return Err(err(st, "open", &e)),
            };
            let mut d = Vec::new();
            if let Err(e) = file.read_to_end(&mut d) {
                return Err(err(st, "read", &e));
            }
            (cn, d)
        }
    };
    let mut body: &[u8] = &data;
    if body.starts_with(b"\xEF\xBB\xBF") {
        body = &body[3..];
    }
    let mut src = Vec::with_capacity(body.len() + 1);
    if body.first() == Some(&b'#') {
        let nl = body.iter().position(|&c| c == b'\n');
        body = match nl {
            Some(p) => &body[p + 1..],
            None => &[],
        };
        // a binary chunk after the comment line does not get the extra newline
        if body.first() != Some(&SIGNATURE0) {
            src.push(b'\n');
        }
    }
    src.extend_from_slice(body);
    load_chunk(st, &src, &chunkname, mode, level)
}

#[cfg(unix)]
fn bytes_to_path(b: &[u8]) -> std::path::PathBuf {
    use std::os::unix::ffi::OsStrExt;
    std::path::PathBuf::from(std::ffi::OsStr::from_bytes(b))
}

#[cfg(not(unix))]
fn bytes_to_path(b: &[u8]) -> std::path::PathBuf {
    std::path::PathBuf::from(String::from_utf8_lossy(b).into_owned())
}

/// `loadfile([filename [, mode [, env]]])`.
pub fn loadfile(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let fname = ctx.opt_str(1)?.map(|s| cstr(s.as_bytes()).to_vec());
    let mode: Vec<u8> = match ctx.opt_str(2)? {
        Some(s) => cstr(s.as_bytes()).to_vec(),
        None => b"bt".to_vec(),
    };
    let env = if ctx.nargs() >= 3 {
        Some(ctx.arg(3))
    } else {
        None
    };
    let level = ctx.c_calls();
    let r = load_file_at(ctx, fname.as_deref(), &mode, level);
    load_result(ctx, r, env)
}

/// `dofile([filename])`: load (errors are raised as they are) and call with all results.
pub fn dofile(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let fname = ctx.opt_str(1)?.map(|s| cstr(s.as_bytes()).to_vec());
    let level = ctx.c_calls();
    let f = match load_file_at(ctx, fname.as_deref(), b"bt", level) {
        Ok(f) => f,
        Err(msg) => return Err(LuaError::new(msg)),
    };
    ctx.set_top(1);
    ctx.push(f);
    // As luaB_dofile's lua_callk: the chunk runs in the interpreter loop, so it may yield
    // (`coroutine.wrap(dofile)`, official suite files.lua).
    Ok(ctx.tail_call(0))
}

// ----- collector, warnings ---------------------------------------------------------------------------

/// `collectgarbage([opt [, ...]])`.
pub fn collectgarbage(ctx: &mut Ctx) -> Result<usize, LuaError> {
    const OPTS: &[&str] = &[
        "stop",
        "restart",
        "collect",
        "count",
        "step",
        "setpause",
        "setstepmul",
        "isrunning",
        "generational",
        "incremental",
    ];
    let opt: Vec<u8> = match ctx.opt_str(1)? {
        Some(s) => cstr(s.as_bytes()).to_vec(),
        None => b"collect".to_vec(),
    };
    let Some(&opt) = OPTS.iter().find(|o| o.as_bytes() == opt.as_slice()) else {
        let m = format!("invalid option '{}'", String::from_utf8_lossy(&opt));
        return Err(ctx.arg_error(1, &m));
    };
    if ctx.gc_in_finalizer() {
        // lua_gc returns -1 while a finalizer runs: every option answers fail.
        return ctx.ret1(Value::NIL);
    }
    let mode_name = |m: GcMode| {
        if m == GcMode::Incremental {
            "incremental"
        } else {
            "generational"
        }
    };
    match opt {
        "stop" => {
            ctx.gc_stop();
            ctx.ret1(Value::int(0))
        }
        "restart" => {
            ctx.gc_restart();
            ctx.ret1(Value::int(0))
        }
        "collect" => {
            ctx.collect_garbage();
            ctx.ret1(Value::int(0))
        }
        "count" => {
            let k = ctx.gc_count_kb();
            ctx.ret1(Value::float(k))
        }
        "step" => {
            let n = ctx.opt_integer(2, 0)?;
            let r = ctx.gc_step(n as i32 as i64);
            // lgc's generational mode never stops in GCSpause, so lua's "step" reports false
            // there; in incremental mode our stop-the-world step always ends a cycle.
            let r = r && ctx.gc_mode() == GcMode::Incremental;
            ctx.ret1(Value::boolean(r))
        }
        "setpause" | "setstepmul" => {
            // lgc stores these parameters divided by 4 (`setgcparam`)
            let p = ((ctx.opt_integer(2, 0)? as i32).max(0) / 4 * 4) as usize;
            let prev = if opt == "setpause" {
                ctx.gc_set_pause(p)
            } else {
                ctx.gc_set_stepmul(p)
            };
            ctx.ret1(Value::int(prev as i64))
        }
        "isrunning" => {
            let r = ctx.gc_is_running();
            ctx.ret1(Value::boolean(r))
        }
        "generational" => {
            ctx.opt_integer(2, 0)?;
            ctx.opt_integer(3, 0)?;
            let prev = ctx.gc_set_mode(GcMode::Generational);
            let s = ctx.new_string(mode_name(prev).as_bytes());
            ctx.ret1(s)
        }
        _ => {
            // "incremental [pause [stepmul [stepsize]]]"
            let pause = ctx.opt_integer(2, 0)? as i32;
            let stepmul = ctx.opt_integer(3, 0)? as i32;
            ctx.opt_integer(4, 0)?;
            if pause > 0 {
                ctx.gc_set_pause((pause / 4 * 4) as usize);
            }
            if stepmul > 0 {
                ctx.gc_set_stepmul((stepmul / 4 * 4) as usize);
            }
            let prev = ctx.gc_set_mode(GcMode::Incremental);
            let s = ctx.new_string(mode_name(prev).as_bytes());
            ctx.ret1(s)
        }
    }
}

/// `warn(msg1, ...)`: all arguments must be strings; they form one warning.
pub fn warn(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let n = ctx.nargs();
    ctx.check_str(1)?;
    for i in 2..=n {
        ctx.check_str(i)?;
    }
    for i in 1..=n {
        let piece = ctx
            .arg(i)
            .str_bytes()
            .map(|b| b.to_vec())
            .unwrap_or_default();
        auxlib::warning(ctx, &piece, i < n);
    }
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn str2int_in_bases() {
        assert_eq!(str2int_base(b"10", 16), Some(16));
        assert_eq!(str2int_base(b" 10 ", 36), Some(36));
        assert_eq!(str2int_base(b"  -ff\t", 16), Some(-255));
        assert_eq!(str2int_base(b"+101", 2), Some(5));
        assert_eq!(str2int_base(b"zZ", 36), Some(35 * 36 + 35));
        assert_eq!(str2int_base(b"ffffffffffffffff", 16), Some(-1));
        assert_eq!(str2int_base(b"1ffffffffffffffff", 16), Some(-1));
        assert_eq!(str2int_base(b"2", 2), None);
        assert_eq!(str2int_base(b"1.5", 10), None);
        assert_eq!(str2int_base(b"", 10), None);
        assert_eq!(str2int_base(b"  ", 10), None);
        assert_eq!(str2int_base(b"-", 10), None);
        assert_eq!(str2int_base(b"1 2", 10), None);
        assert_eq!(str2int_base(b"\xff", 36), None);
    }

    #[test]
    fn strerror_drops_os_error_suffix() {
        let e = std::io::Error::from_raw_os_error(2);
        assert_eq!(strerror(&e), "No such file or directory");
    }

    #[test]
    fn cstr_stops_at_zero() {
        assert_eq!(cstr(b"ab\0cd"), b"ab");
        assert_eq!(cstr(b"abc"), b"abc");
    }
}
