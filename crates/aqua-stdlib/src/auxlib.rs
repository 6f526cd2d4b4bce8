//! Shared helpers of the standard library (the parts of lauxlib.c that are not argument
//! checking — that lives in the VM's native ABI, `aqua_vm::Ctx`).
//!
//! Role:
//! - C's **stdout** and **stderr** as glibc `FILE`s ([`crate::cfile::CFile`]): `print`,
//!   `io.write`, `io.stdout`/`io.stderr` handles, warnings and the host's error messages go
//!   through them, so output reaches the descriptors in the same pieces and order as lua5.4's
//!   (`print` flushes after its newline; stderr is unbuffered unless `setvbuf` says otherwise;
//!   writing to stderr does not flush stdout); the host calls [`flush_at_exit`] at the end;
//! - **stderr** messages ([`write_stderr`], `lua_writestringerror`) used by `warn`;
//! - an output **capture** mode for tests ([`capture_output`]) that collects stdout/stderr bytes
//!   of the current thread instead of writing them;
//! - [`tolstring`] (`luaL_tolstring` exactly as lua 5.4.4: `__tostring`, `__name`, `%p`
//!   addresses);
//! - the warning system ([`warning`], lauxlib's `warnfoff`/`warnfon`/`warnfcont` state machine);
//! - [`new_lib`] (`luaL_newlib` + `luaL_requiref`: a table of natives registered in
//!   `registry._LOADED[name]` and as a global).
//!
//! Invariants: the stdout buffer is per OS thread (a `State` is not `Send`, so every state
//! lives on one thread); nothing here holds a `Value` across a call into Lua except through the
//! Lua stack.

use crate::cfile::{CFile, FdInfo, VBuf};
use aqua_vm::{GcRef, LuaError, LuaString, NativeFn, State, Table, Val, Value};
use std::cell::RefCell;

/// The standard output streams of this thread: C's `stdout` (fully buffered, line-buffered on
/// a terminal) and `stderr` (unbuffered), as glibc `FILE`s ([`CFile`]).
struct Output {
    stdout: CFile,
    stderr: CFile,
    /// `Some((stdout, stderr))` while capturing (tests).
    capture: Option<(Vec<u8>, Vec<u8>)>,
}

impl Output {
    /// The C stream behind `which`.
    fn stream(&mut self, which: StdOut) -> &mut CFile {
        match which {
            StdOut::Out => &mut self.stdout,
            StdOut::Err => &mut self.stderr,
        }
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        // C's exit: stderr is flushed before stdout (glibc's list of streams)
        let _ = self.stderr.flush(&mut |b| fd_write(2, b));
        let _ = self.stdout.flush(&mut |b| fd_write(1, b));
    }
}

thread_local! {
    static OUT: RefCell<Output> = const {
        RefCell::new(Output { stdout: CFile::new(), stderr: CFile::unbuffered(), capture: None })
    };
}

/// One of the two standard output streams.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum StdOut {
    Out,
    Err,
}

impl StdOut {
    fn fd(self) -> i32 {
        match self {
            StdOut::Out => 1,
            StdOut::Err => 2,
        }
    }
}

/// `write(2)` of all of `data` to a descriptor (retrying on EINTR and short writes).
pub fn fd_write(fd: i32, mut data: &[u8]) -> std::io::Result<()> {
    while !data.is_empty() {
        // SAFETY: the pointer and length describe a live slice; write only reads it.
        let r = unsafe { libc::write(fd, data.as_ptr().cast(), data.len()) };
        if r < 0 {
            let e = std::io::Error::last_os_error();
            if e.kind() == std::io::ErrorKind::Interrupted {
                continue;
            }
            return Err(e);
        }
        if r == 0 {
            return Err(std::io::Error::from(std::io::ErrorKind::WriteZero));
        }
        data = data.get(r as usize..).unwrap_or(&[]);
    }
    Ok(())
}

fn with_out<R>(f: impl FnOnce(&mut Output) -> R) -> Option<R> {
    OUT.try_with(|o| f(&mut o.borrow_mut())).ok()
}

/// `fwrite` to a standard output stream.
pub fn std_write(which: StdOut, bytes: &[u8]) -> std::io::Result<()> {
    with_out(|o| {
        if let Some((c, e)) = o.capture.as_mut() {
            match which {
                StdOut::Out => c.extend_from_slice(bytes),
                StdOut::Err => e.extend_from_slice(bytes),
            }
            return Ok(());
        }
        let (fd, f) = (which.fd(), o.stream(which));
        f.write(bytes, &mut |b| fd_write(fd, b), &mut || FdInfo::of_fd(fd))
    })
    .unwrap_or(Ok(()))
}

/// `fflush` of a standard output stream.
pub fn std_flush(which: StdOut) -> std::io::Result<()> {
    with_out(|o| {
        let (fd, f) = (which.fd(), o.stream(which));
        f.flush(&mut |b| fd_write(fd, b))
    })
    .unwrap_or(Ok(()))
}

/// `setvbuf(NULL, mode)` of a standard output stream.
pub fn std_setvbuf(which: StdOut, mode: VBuf) -> std::io::Result<()> {
    with_out(|o| {
        let (fd, f) = (which.fd(), o.stream(which));
        f.setvbuf(mode, &mut |b| fd_write(fd, b), &mut || FdInfo::of_fd(fd))
    })
    .unwrap_or(Ok(()))
}

/// Whether C's stdout is line-buffered now (glibc flushes it before reading a line-buffered
/// or unbuffered input stream).
pub fn stdout_line_buffered() -> bool {
    with_out(|o| o.stdout.is_line_buffered()).unwrap_or(false)
}

/// Append bytes to stdout (`lua_writestring`, an `fwrite` to C's stdout).
pub fn write_stdout(bytes: &[u8]) {
    let _ = std_write(StdOut::Out, bytes);
}

/// `fflush(stdout)`: what `print` does after its newline (`lua_writeline`). A host writing to
/// the process's stdout itself calls this first.
pub fn flush_stdout() {
    let _ = std_flush(StdOut::Out);
}

/// `lua_writestringerror`: `fprintf(stderr, ...)` then `fflush(stderr)`. stdout is NOT flushed
/// (lua5.4's error messages and warnings come before what stdout still buffers).
pub fn write_stderr(bytes: &[u8]) {
    let _ = std_write(StdOut::Err, bytes);
    let _ = std_flush(StdOut::Err);
}

/// What C's `exit` flushes, in glibc's order: the open files (newest first), then stderr, then
/// stdout. The host calls this when the program ends.
pub fn flush_at_exit() {
    crate::io::flush_all();
    let _ = std_flush(StdOut::Err);
    let _ = std_flush(StdOut::Out);
}

/// Start (`true`) or stop (`false`) capturing this thread's stdout/stderr output. Stopping
/// returns what was captured as `(stdout, stderr)`. Meant for tests.
pub fn capture_output(on: bool) -> (Vec<u8>, Vec<u8>) {
    OUT.try_with(|o| {
        let mut o = o.borrow_mut();
        let prev = o.capture.take().unwrap_or_default();
        if on {
            o.capture = Some((Vec::new(), Vec::new()));
        }
        prev
    })
    .unwrap_or_default()
}

/// `luaL_tolstring` (lua 5.4.4): the string form of `v` as `print`/`tostring` show it.
/// A `__tostring` metamethod may return a string or a number (converted); anything else is the
/// error "'__tostring' must return a string". Otherwise `__name` (a string metafield) replaces
/// the type name of objects: `"name: 0x..."`.
pub fn tolstring(st: &mut State, v: Value) -> Result<GcRef<LuaString>, LuaError> {
    match v.view() {
        Val::Str(s) if st.get_metatable(v).is_none() => return Ok(s),
        Val::Int(_) | Val::Num(_) | Val::Nil | Val::Bool(_) if st.get_metatable(v).is_none() => {
            return Ok(plain_tostring(st, v));
        }
        _ => {}
    }
    let tm = st.get_metafield(v, "__tostring");
    if !tm.is_nil() {
        let r = st.call(tm, &[v])?;
        let r = r.first().copied().unwrap_or(Value::NIL);
        return match st.to_string_value(r) {
            Some(s) => Ok(s),
            None => Err(st.error_at("'__tostring' must return a string")),
        };
    }
    match v.view() {
        Val::Str(s) => Ok(s),
        Val::Int(_) | Val::Num(_) | Val::Nil | Val::Bool(_) => Ok(plain_tostring(st, v)),
        _ => {
            let name = st.get_metafield(v, "__name");
            let mut s: Vec<u8> = match name.str_bytes() {
                Some(b) => b.to_vec(),
                None => v.type_name().as_bytes().to_vec(),
            };
            s.extend_from_slice(b": ");
            s.extend_from_slice(pointer_string(v).as_bytes());
            Ok(st.intern(&s))
        }
    }
}

/// `%p` of an object value, as glibc prints it (`0x...` lower-case hex, `(nil)` for null).
pub fn pointer_string(v: Value) -> String {
    let p = match v.view() {
        Val::NFunc(f) => f as usize,
        Val::Nil | Val::Bool(_) | Val::Int(_) | Val::Num(_) => 0,
        _ => v.ptr_bits(),
    };
    if p == 0 {
        "(nil)".to_string()
    } else {
        format!("{p:#x}")
    }
}

fn plain_tostring(st: &mut State, v: Value) -> GcRef<LuaString> {
    match v.view() {
        Val::Nil => st.intern(b"nil"),
        Val::Bool(true) => st.intern(b"true"),
        Val::Bool(false) => st.intern(b"false"),
        Val::Int(i) => {
            let mut buf = [0u8; 24];
            let s = int_to_bytes(i, &mut buf);
            st.intern(s)
        }
        Val::Num(f) => st.intern(aqua_vm::number::fmt_float(f).as_bytes()),
        _ => st.intern(b""),
    }
}

/// Decimal digits of `i` written at the end of `buf` (`%lld`); returns the used slice.
pub fn int_to_bytes(i: i64, buf: &mut [u8; 24]) -> &[u8] {
    let mut n = i.unsigned_abs();
    let mut pos = buf.len();
    loop {
        pos -= 1;
        buf[pos] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if i < 0 {
        pos -= 1;
        buf[pos] = b'-';
    }
    &buf[pos..]
}

// ----- warnings --------------------------------------------------------------------------------

/// Registry key of the "continuing a multi-part warning" flag (lauxlib's `warnfcont` state).
const WARN_CONT_KEY: &str = "_AQUA_WARNCONT";

/// Emit a warning piece (`lua_warning`): `tocont` = more pieces follow. Implements lauxlib's
/// state machine: off (only "@on" is honoured), on (a new message starts with
/// "Lua warning: "), continuing (pieces appended; the last one adds a newline). Control
/// messages ("@on", "@off") are recognised only as single-piece messages.
pub fn warning(st: &mut State, msg: &[u8], tocont: bool) {
    let reg = st.registry();
    let cont = st.raw_get_str(reg, WARN_CONT_KEY).truthy();
    // C strings: the message stops at an embedded zero.
    let msg = match msg.iter().position(|&b| b == 0) {
        Some(z) => &msg[..z],
        None => msg,
    };
    if !cont {
        // checkcontrol
        if !tocont && msg.first() == Some(&b'@') {
            match &msg[1..] {
                b"off" => st.warn_on = false,
                b"on" => st.warn_on = true,
                _ => {}
            }
            return;
        }
        if !st.warn_on {
            return;
        }
        let mut out = b"Lua warning: ".to_vec();
        out.extend_from_slice(msg);
        if !tocont {
            out.push(b'\n');
        }
        write_stderr(&out);
    } else {
        let mut out = msg.to_vec();
        if !tocont {
            out.push(b'\n');
        }
        write_stderr(&out);
    }
    st.raw_set_str(reg, WARN_CONT_KEY, Value::boolean(tocont));
}

// ----- library registration ----------------------------------------------------------------

/// `registry._LOADED` (created if missing).
pub fn loaded_table(st: &mut State) -> GcRef<Table> {
    let reg = st.registry();
    if let Some(t) = st.raw_get_str(reg, "_LOADED").as_table() {
        return t;
    }
    let t = st.new_table();
    st.raw_set_str(reg, "_LOADED", Value::table(t));
    t
}

/// Fill `t` with the natives of `funcs` (`luaL_setfuncs` without upvalues).
pub fn set_funcs(st: &mut State, t: GcRef<Table>, funcs: &[(&str, NativeFn)]) {
    for &(name, f) in funcs {
        st.raw_set_str(t, name, Value::native(f));
    }
}

/// `luaL_requiref(L, name, luaL_newlib(funcs), 1)`: a new table with `funcs`, stored in
/// `registry._LOADED[name]` and as global `name`. Returns the table.
pub fn new_lib(st: &mut State, name: &str, funcs: &[(&str, NativeFn)]) -> GcRef<Table> {
    let t = st.new_table_sized(0, funcs.len());
    set_funcs(st, t, funcs);
    let loaded = loaded_table(st);
    st.raw_set_str(loaded, name, Value::table(t));
    st.set_global(name, Value::table(t));
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_print_like_lld() {
        let mut b = [0u8; 24];
        for i in [0, 1, -1, 9, 10, -10, 1234567890, i64::MAX, i64::MIN] {
            assert_eq!(int_to_bytes(i, &mut b), i.to_string().as_bytes());
        }
    }

    #[test]
    fn pointers_print_like_glibc() {
        assert_eq!(pointer_string(Value::NIL), "(nil)");
        assert_eq!(pointer_string(Value::light_userdata(0x1234)), "0x1234");
    }
}
