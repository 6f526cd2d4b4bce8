//! The `os` library (loslib.c of Lua 5.4): `clock`, `date`, `difftime`, `execute`, `exit`, `getenv`,
//! `remove`, `rename`, `setlocale`, `time`, `tmpname`.
//!
//! Place: opened by `open_libs` after `io` (linit.c order). Time conversions go through the C
//! library (`localtime_r`, `gmtime_r`, `mktime`, `strftime` of the `libc` crate) so that local
//! time zones and every `strftime` conversion are exactly the C library's, as in lua5.4; the
//! conversion specifiers accepted are C99's `LUA_STRFTIMEOPTIONS` (with `E`/`O` modifiers).
//! Each `strftime` call formats one conversion into a bounded buffer (`SIZETIMEFMT`), as
//! `os_date` does.
//!
//! Locale: `os.setlocale` is the C library's `setlocale` (same answers as lua5.4, and `os.date`
//! follows the chosen LC_TIME); aqua's own number formatting and parsing never depend on the
//! locale (lua's do, for LC_NUMERIC decimal points).
//!
//! Unsafe code: the FFI calls in this module, each with its invariant written next to it
//! (buffers are sized by the call, `tm` structs are plain data zero-initialised).

use crate::io::{file_result, os_error_result};
use aqua_vm::{Ctx, LuaError, State, Value};
use std::ffi::CString;

/// `os.clock`: CPU time of the process in seconds.
#[allow(clippy::unnecessary_cast)] // time_t/c_long are i64 only on 64-bit targets
fn os_clock(ctx: &mut Ctx) -> Result<usize, LuaError> {
    // C `clock()` is the process CPU time (CLOCK_PROCESS_CPUTIME_ID) in microseconds.
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid out-pointer.
    unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut ts) };
    let micros = ts.tv_sec as i64 * 1_000_000 + ts.tv_nsec as i64 / 1000;
    ctx.ret1(Value::float(micros as f64 / 1_000_000.0))
}

/// `strftime` conversions C99 allows, one or two characters each (`LUA_STRFTIMEOPTIONS`).
const OPTIONS_1: &[u8] = b"aAbBcCdDeFgGhHIjmMnprRStTuUVwWxXyYzZ%";
const OPTIONS_2: &[&[u8]] = &[
    b"Ec", b"EC", b"Ex", b"EX", b"Ey", b"EY", b"Od", b"Oe", b"OH", b"OI", b"Om", b"OM", b"OS",
    b"Ou", b"OU", b"OV", b"Ow", b"OW", b"Oy",
];
/// Size of the buffer for one conversion (`SIZETIMEFMT`).
const SIZETIMEFMT: usize = 250;

fn zero_tm() -> libc::tm {
    // SAFETY: `tm` is plain old data (integers and a nullable pointer); all-zero is valid.
    unsafe { std::mem::zeroed() }
}

/// `gmtime_r`/`localtime_r`; `None` when the time cannot be represented.
fn break_time(t: i64, utc: bool) -> Option<libc::tm> {
    let tt = t as libc::time_t;
    let mut tm = zero_tm();
    // SAFETY: both pointers are valid for the duration of the call.
    let r = unsafe {
        if utc {
            libc::gmtime_r(&tt, &mut tm)
        } else {
            libc::localtime_r(&tt, &mut tm)
        }
    };
    if r.is_null() {
        None
    } else {
        Some(tm)
    }
}

/// One `strftime` conversion (`spec` without the `%`).
fn strftime_one(spec: &[u8], tm: &libc::tm, out: &mut Vec<u8>) {
    let mut fmt = Vec::with_capacity(4);
    fmt.push(b'%');
    fmt.extend_from_slice(spec);
    fmt.push(0);
    let mut buf = [0u8; SIZETIMEFMT];
    // SAFETY: `fmt` is NUL-terminated, `buf` has SIZETIMEFMT bytes, `tm` is a valid struct.
    let n = unsafe {
        libc::strftime(
            buf.as_mut_ptr() as *mut libc::c_char,
            SIZETIMEFMT,
            fmt.as_ptr() as *const libc::c_char,
            tm,
        )
    };
    out.extend_from_slice(&buf[..n.min(SIZETIMEFMT)]);
}

/// `l_checktime`.
fn check_time(ctx: &mut Ctx, arg: usize) -> Result<i64, LuaError> {
    ctx.check_integer(arg)
}

fn now() -> i64 {
    match std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => d.as_secs() as i64,
        Err(e) => -(e.duration().as_secs() as i64),
    }
}

/// `setallfields`: store the fields of `tm` into table `t` (with metamethods, as lua_setfield).
fn set_all_fields(st: &mut State, t: Value, tm: &libc::tm) -> Result<(), LuaError> {
    let fields: [(&str, i64); 8] = [
        ("year", tm.tm_year as i64 + 1900),
        ("month", tm.tm_mon as i64 + 1),
        ("day", tm.tm_mday as i64),
        ("hour", tm.tm_hour as i64),
        ("min", tm.tm_min as i64),
        ("sec", tm.tm_sec as i64),
        ("yday", tm.tm_yday as i64 + 1),
        ("wday", tm.tm_wday as i64 + 1),
    ];
    for (k, v) in fields {
        let key = st.new_string(k.as_bytes());
        st.set_index(t, key, Value::int(v))?;
    }
    if tm.tm_isdst >= 0 {
        let key = st.new_string(b"isdst");
        st.set_index(t, key, Value::boolean(tm.tm_isdst != 0))?;
    }
    Ok(())
}

/// `os.date([format [, time]])`.
fn os_date(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let fmt: Vec<u8> = match ctx.opt_str(1)? {
        Some(s) => s.as_bytes().to_vec(),
        None => b"%c".to_vec(),
    };
    let t = if ctx.is_none_or_nil(2) {
        now()
    } else {
        check_time(ctx, 2)?
    };
    let mut s: &[u8] = &fmt;
    let utc = s.first() == Some(&b'!');
    if utc {
        s = &s[1..];
    }
    let Some(tm) = break_time(t, utc) else {
        return Err(ctx.error("date result cannot be represented in this installation"));
    };
    // strcmp(s, "*t"): the C string stops at an embedded zero
    let cstr = match s.iter().position(|&c| c == 0) {
        Some(z) => &s[..z],
        None => s,
    };
    if cstr == b"*t" {
        let tab = ctx.new_table_sized(0, 9);
        let tv = Value::table(tab);
        ctx.push(tv);
        set_all_fields(ctx, tv, &tm)?;
        return Ok(1);
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        if s[i] != b'%' {
            out.push(s[i]);
            i += 1;
            continue;
        }
        i += 1;
        let rest = &s[i..];
        let len = if rest.first().is_some_and(|c| OPTIONS_1.contains(c)) {
            1
        } else if rest.len() >= 2 && OPTIONS_2.contains(&&rest[..2]) {
            2
        } else {
            // the message shows the rest of the format as a C string
            let shown = match rest.iter().position(|&c| c == 0) {
                Some(z) => &rest[..z],
                None => rest,
            };
            let msg = format!(
                "invalid conversion specifier '%{}'",
                String::from_utf8_lossy(shown)
            );
            return Err(ctx.arg_error(1, &msg));
        };
        strftime_one(&rest[..len], &tm, &mut out);
        i += len;
    }
    let v = ctx.new_string(&out);
    ctx.ret1(v)
}

/// `getfield` of `os_time`: an integer field of the date table, minus `delta`.
fn get_field(ctx: &mut Ctx, key: &str, d: i64, delta: i64) -> Result<i32, LuaError> {
    let t = ctx.arg(1);
    let k = ctx.new_string(key.as_bytes());
    let v = ctx.index(t, k)?;
    let res = match ctx.to_integer(v) {
        Some(r) => r,
        None => {
            if !v.is_nil() {
                return Err(ctx.error(&format!("field '{key}' is not an integer")));
            } else if d < 0 {
                return Err(ctx.error(&format!("field '{key}' missing in date table")));
            }
            return Ok(d as i32);
        }
    };
    let ok = if res >= 0 {
        res - delta <= i32::MAX as i64
    } else {
        i32::MIN as i64 + delta <= res
    };
    if !ok {
        return Err(ctx.error(&format!("field '{key}' is out-of-bound")));
    }
    Ok((res - delta) as i32)
}

/// `os.time([table])`.
fn os_time(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let t: i64 = if ctx.is_none_or_nil(1) {
        now()
    } else {
        ctx.check_table(1)?;
        let mut tm = zero_tm();
        tm.tm_year = get_field(ctx, "year", -1, 1900)?;
        tm.tm_mon = get_field(ctx, "month", -1, 1)?;
        tm.tm_mday = get_field(ctx, "day", -1, 0)?;
        tm.tm_hour = get_field(ctx, "hour", 12, 0)?;
        tm.tm_min = get_field(ctx, "min", 0, 0)?;
        tm.tm_sec = get_field(ctx, "sec", 0, 0)?;
        let tv = ctx.arg(1);
        let k = ctx.new_string(b"isdst");
        let d = ctx.index(tv, k)?;
        tm.tm_isdst = if d.is_nil() { -1 } else { d.truthy() as i32 };
        // SAFETY: `tm` is a valid, initialised struct.
        let r = unsafe { libc::mktime(&mut tm) };
        set_all_fields(ctx, tv, &tm)?;
        r as i64
    };
    if t == -1 {
        return Err(ctx.error("time result cannot be represented in this installation"));
    }
    ctx.ret1(Value::int(t))
}

/// `os.difftime(t2, t1)` (both required in 5.4).
fn os_difftime(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let t1 = check_time(ctx, 1)?;
    let t2 = check_time(ctx, 2)?;
    ctx.ret1(Value::float(t1 as f64 - t2 as f64))
}

/// `os.exit([code [, close]])`: flushes every stream (C's `exit` does; with `close`, closes them)
/// and ends the process.
fn os_exit(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let v = ctx.arg(1);
    let status: i32 = if let aqua_vm::Val::Bool(b) = v.view() {
        if b {
            0
        } else {
            1
        }
    } else if ctx.is_none_or_nil(1) {
        0
    } else {
        ctx.check_integer(1)? as i32
    };
    if ctx.to_boolean(2) {
        // lua_close: pending to-be-closed variables of the main thread, then every `__gc`
        // finalizer (`State::close`); the io streams are closed as their `__gc` would
        ctx.state().close();
        crate::io::close_all();
    }
    // C's exit: open files, then stderr, then stdout
    crate::auxlib::flush_at_exit();
    std::process::exit(status)
}

/// `os.execute([command])`: C `system` (the child shares stdout; nothing is flushed first, as
/// in C).
fn os_execute(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let cmd = ctx.opt_str(1)?.map(|s| s.as_bytes().to_vec());
    match cmd {
        None => {
            // SAFETY: system(NULL) only asks whether a shell exists.
            let r = unsafe { libc::system(std::ptr::null()) };
            ctx.ret1(Value::boolean(r != 0))
        }
        Some(c) => {
            let c = to_cstring(&c);
            // SAFETY: `c` is a valid NUL-terminated string.
            let stat = unsafe { libc::system(c.as_ptr()) };
            if stat == -1 {
                os_error_result(ctx, std::io::Error::last_os_error(), None)
            } else {
                crate::io::exec_result(ctx, stat)
            }
        }
    }
}

/// `os.getenv(name)`.
fn os_getenv(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let name = ctx.check_bytes(1)?;
    let name = cstr_prefix(&name);
    #[cfg(unix)]
    let val = {
        use std::os::unix::ffi::{OsStrExt, OsStringExt};
        if name.is_empty() || name.contains(&b'=') {
            None
        } else {
            std::env::var_os(std::ffi::OsStr::from_bytes(name)).map(|v| v.into_vec())
        }
    };
    #[cfg(not(unix))]
    let val = std::env::var(String::from_utf8_lossy(name).as_ref())
        .ok()
        .map(|s| s.into_bytes());
    match val {
        Some(v) => {
            let s = ctx.new_string(&v);
            ctx.ret1(s)
        }
        None => ctx.ret1(Value::NIL),
    }
}

/// The bytes of `b` up to its first zero (what C sees of a Lua string).
pub(crate) fn cstr_prefix(b: &[u8]) -> &[u8] {
    match b.iter().position(|&c| c == 0) {
        Some(z) => &b[..z],
        None => b,
    }
}

pub(crate) fn to_cstring(b: &[u8]) -> CString {
    // cannot fail: the prefix has no zero byte
    CString::new(cstr_prefix(b)).unwrap_or_default()
}

/// `os.remove(filename)`: C `remove` (files and empty directories).
fn os_remove(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let name = ctx.check_bytes(1)?;
    let c = to_cstring(&name);
    // SAFETY: `c` is a valid NUL-terminated string.
    let r = unsafe { libc::remove(c.as_ptr()) };
    if r == 0 {
        file_result(ctx, Ok(()), Some(&name))
    } else {
        os_error_result(ctx, std::io::Error::last_os_error(), Some(&name))
    }
}

/// `os.rename(oldname, newname)`.
fn os_rename(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let from = ctx.check_bytes(1)?;
    let to = ctx.check_bytes(2)?;
    let cf = to_cstring(&from);
    let ct = to_cstring(&to);
    // SAFETY: both are valid NUL-terminated strings.
    let r = unsafe { libc::rename(cf.as_ptr(), ct.as_ptr()) };
    if r == 0 {
        file_result(ctx, Ok(()), None)
    } else {
        // loslib passes no file name here
        os_error_result(ctx, std::io::Error::last_os_error(), None)
    }
}

/// `mkstemp("/tmp/lua_XXXXXX")`: the open descriptor and the name.
pub(crate) fn make_temp() -> Option<(libc::c_int, Vec<u8>)> {
    let mut templ = b"/tmp/lua_XXXXXX\0".to_vec();
    // SAFETY: `templ` is a writable NUL-terminated buffer ending in "XXXXXX".
    let fd = unsafe { libc::mkstemp(templ.as_mut_ptr() as *mut libc::c_char) };
    if fd == -1 {
        return None;
    }
    templ.pop();
    Some((fd, templ))
}

/// `os.tmpname()`.
fn os_tmpname(ctx: &mut Ctx) -> Result<usize, LuaError> {
    match make_temp() {
        Some((fd, name)) => {
            // SAFETY: `fd` was just opened by mkstemp and is owned here.
            unsafe { libc::close(fd) };
            let s = ctx.new_string(&name);
            ctx.ret1(s)
        }
        None => Err(ctx.error("unable to generate a unique filename")),
    }
}

const CATEGORIES: [&str; 6] = ["all", "collate", "ctype", "monetary", "numeric", "time"];

/// `luaL_checkoption` with an optional default.
pub(crate) fn check_option(
    ctx: &mut Ctx,
    arg: usize,
    def: Option<&str>,
    list: &[&str],
) -> Result<usize, LuaError> {
    let name: Vec<u8> = match def {
        Some(d) if ctx.is_none_or_nil(arg) => d.as_bytes().to_vec(),
        _ => ctx.check_bytes(arg)?,
    };
    let cname = cstr_prefix(&name);
    if let Some(i) = list.iter().position(|o| o.as_bytes() == cname) {
        return Ok(i);
    }
    let msg = format!("invalid option '{}'", String::from_utf8_lossy(cname));
    Err(ctx.arg_error(arg, &msg))
}

/// `os.setlocale([locale [, category]])`: C `setlocale` (the process starts in "C", as lua.c).
fn os_setlocale(ctx: &mut Ctx) -> Result<usize, LuaError> {
    const CATS: [libc::c_int; 6] = [
        libc::LC_ALL,
        libc::LC_COLLATE,
        libc::LC_CTYPE,
        libc::LC_MONETARY,
        libc::LC_NUMERIC,
        libc::LC_TIME,
    ];
    let loc = ctx.opt_str(1)?.map(|s| to_cstring(s.as_bytes()));
    let op = check_option(ctx, 2, Some("all"), &CATEGORIES)?;
    let cat = CATS[op.min(CATS.len() - 1)];
    let ptr = loc.as_ref().map_or(std::ptr::null(), |c| c.as_ptr());
    // SAFETY: `ptr` is null (a query) or a valid NUL-terminated string; the result is either
    // null or a NUL-terminated string valid until the next setlocale call, copied at once.
    let r = unsafe {
        let p = libc::setlocale(cat, ptr);
        if p.is_null() {
            None
        } else {
            Some(std::ffi::CStr::from_ptr(p).to_bytes().to_vec())
        }
    };
    match r {
        Some(name) => {
            let s = ctx.new_string(&name);
            ctx.ret1(s)
        }
        None => ctx.ret1(Value::NIL),
    }
}

const FUNCS: &[(&str, aqua_vm::NativeFn)] = &[
    ("clock", os_clock),
    ("date", os_date),
    ("difftime", os_difftime),
    ("execute", os_execute),
    ("exit", os_exit),
    ("getenv", os_getenv),
    ("remove", os_remove),
    ("rename", os_rename),
    ("setlocale", os_setlocale),
    ("time", os_time),
    ("tmpname", os_tmpname),
];

/// Open the `os` library (global `os`, `registry._LOADED.os`).
pub fn open(st: &mut State) {
    crate::auxlib::new_lib(st, "os", FUNCS);
}
