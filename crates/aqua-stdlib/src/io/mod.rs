//! The `io` library (liolib.c of Lua 5.4): `io.open/close/read/write/lines/input/output/popen/
//! tmpfile/type/flush` and the file-handle methods.
//!
//! Place: opened by `open_libs` after `table` (linit.c order). A file handle is a full userdata
//! whose payload is a [`FileUd`] (a shared [`stream::Stream`]) and whose metatable is
//! `registry["FILE*"]` (`__name = "FILE*"`, `__index` = the methods table, `__gc`, `__close`,
//! `__tostring`). The default input/output files live in `registry._IO_input`/`_IO_output`.
//!
//! Failures follow `luaL_fileresult`: `nil, "name: strerror", errno` (without the name when
//! the operation has none); pipes closing follow `luaL_execresult`.
//!
//! Invariants: a stream is borrowed (`RefCell`) only inside one native, never across a call into
//! Lua; writes to `io.stdout` go to the shared buffered stdout of `auxlib` (as `print`).

pub mod stream;

use aqua_vm::{Ctx, LuaError, NativeFn, State, Val, Value};
use std::cell::RefCell;
use std::io::{self, SeekFrom};
use std::rc::Rc;
use stream::{Closed, Handle, StdKind, Stream, VBuf};

pub use stream::{close_all, flush_all};

/// The Rust payload of a Lua file handle.
pub struct FileUd(pub Rc<RefCell<Stream>>);

const FILEHANDLE: &str = "FILE*";
const IO_INPUT: &str = "_IO_input";
const IO_OUTPUT: &str = "_IO_output";
/// Largest count `read(n)` accepts (lua fails to allocate bigger blocks: "not enough memory").
const MAX_READ_BLOCK: i64 = 1 << 46;
/// Maximum number of formats of `lines` (`MAXARGLINE`).
const MAXARGLINE: usize = 250;

// ----- errors as results ---------------------------------------------------------------------

/// `strerror` text and errno of an I/O error.
pub(crate) fn error_parts(e: &io::Error) -> (String, i64) {
    match e.raw_os_error() {
        Some(code) => {
            let s = io::Error::from_raw_os_error(code).to_string();
            let suffix = format!(" (os error {code})");
            let s = s.strip_suffix(&suffix).map(str::to_string).unwrap_or(s);
            (s, code as i64)
        }
        None => (e.to_string(), 0),
    }
}

/// The values of a `luaL_fileresult` failure: `nil, "[fname: ]strerror", errno`.
fn fail_values(st: &mut State, e: &io::Error, fname: Option<&[u8]>) -> Vec<Value> {
    let (msg, code) = error_parts(e);
    let mut m = Vec::new();
    if let Some(f) = fname {
        m.extend_from_slice(crate::os::cstr_prefix(f));
        m.extend_from_slice(b": ");
    }
    m.extend_from_slice(msg.as_bytes());
    let s = st.new_string(&m);
    vec![Value::NIL, s, Value::int(code)]
}

/// Push `vals` and return their count.
fn push_all(ctx: &mut Ctx, vals: &[Value]) -> Result<usize, LuaError> {
    for &v in vals {
        ctx.push(v);
    }
    Ok(vals.len())
}

/// `luaL_fileresult` for a failure: `nil, "[fname: ]strerror", errno`.
pub(crate) fn os_error_result(
    ctx: &mut Ctx,
    e: io::Error,
    fname: Option<&[u8]>,
) -> Result<usize, LuaError> {
    let v = fail_values(ctx, &e, fname);
    push_all(ctx, &v)
}

/// `luaL_fileresult`: `true` on success.
pub(crate) fn file_result(
    ctx: &mut Ctx,
    r: io::Result<()>,
    fname: Option<&[u8]>,
) -> Result<usize, LuaError> {
    match r {
        Ok(()) => ctx.ret1(Value::TRUE),
        Err(e) => os_error_result(ctx, e, fname),
    }
}

// ----- handles ---------------------------------------------------------------------------------

/// The stream of a file handle value, if it is one.
pub fn to_stream(v: Value) -> Option<Rc<RefCell<Stream>>> {
    let u = v.as_userdata()?;
    u.data().downcast_ref::<FileUd>().map(|f| f.0.clone())
}

/// Wrap a stream into a new file handle.
fn new_file(st: &mut State, s: Stream) -> Value {
    let rc = stream::register(s);
    let u = st.new_userdata(Box::new(FileUd(rc)));
    let reg = st.registry();
    let mt = st.raw_get_str(reg, FILEHANDLE).as_table();
    let v = Value::userdata(u);
    st.set_metatable(v, mt);
    v
}

/// `luaL_checkudata(L, arg, "FILE*")`.
fn check_file(ctx: &mut Ctx, arg: usize) -> Result<Rc<RefCell<Stream>>, LuaError> {
    match to_stream(ctx.arg(arg)) {
        Some(s) => Ok(s),
        None => Err(ctx.type_error(arg, FILEHANDLE)),
    }
}

/// `tofile`: an open file handle at argument 1.
fn tofile(ctx: &mut Ctx) -> Result<Rc<RefCell<Stream>>, LuaError> {
    let s = check_file(ctx, 1)?;
    if s.borrow().is_closed() {
        return Err(ctx.error("attempt to use a closed file"));
    }
    Ok(s)
}

/// `getiofile`: the default input or output file (value and stream).
fn getiofile(ctx: &mut Ctx, key: &str) -> Result<(Value, Rc<RefCell<Stream>>), LuaError> {
    let reg = ctx.registry();
    let v = ctx.raw_get_str(reg, key);
    match to_stream(v) {
        Some(s) if !s.borrow().is_closed() => Ok((v, s)),
        _ => {
            let what = if key == IO_INPUT { "input" } else { "output" };
            Err(ctx.error(&format!("default {what} file is closed")))
        }
    }
}

/// `l_checkmode`: `[rwa]+?b*`.
fn check_mode(m: &[u8]) -> bool {
    let m = crate::os::cstr_prefix(m);
    let mut i = 0;
    match m.first() {
        Some(b'r' | b'w' | b'a') => i += 1,
        _ => return false,
    }
    if m.get(i) == Some(&b'+') {
        i += 1;
    }
    m[i..].iter().all(|&c| c == b'b')
}

#[cfg(unix)]
fn bytes_to_path(b: &[u8]) -> std::path::PathBuf {
    use std::os::unix::ffi::OsStrExt;
    std::path::PathBuf::from(std::ffi::OsStr::from_bytes(crate::os::cstr_prefix(b)))
}

/// `fopen(name, mode)` (mode already checked).
fn fopen(name: &[u8], mode: &[u8]) -> io::Result<Stream> {
    let plus = mode.contains(&b'+');
    let mut o = std::fs::OpenOptions::new();
    let (r, w) = match mode.first() {
        Some(b'r') => {
            o.read(true).write(plus);
            (true, plus)
        }
        Some(b'w') => {
            o.write(true).create(true).truncate(true).read(plus);
            (plus, true)
        }
        _ => {
            o.append(true).create(true).read(plus);
            (plus, true)
        }
    };
    let f = o.open(bytes_to_path(name))?;
    Ok(Stream::file(f, r, w))
}

/// `opencheckfile`: open or raise "cannot open file 'name' (msg)".
fn opencheckfile(ctx: &mut Ctx, name: &[u8], mode: &[u8]) -> Result<Value, LuaError> {
    match fopen(name, mode) {
        Ok(s) => Ok(new_file(ctx, s)),
        Err(e) => {
            let (msg, _) = error_parts(&e);
            let mut m = b"cannot open file '".to_vec();
            m.extend_from_slice(crate::os::cstr_prefix(name));
            m.extend_from_slice(b"' (");
            m.extend_from_slice(msg.as_bytes());
            m.push(b')');
            Err(ctx.error_bytes_at(&m))
        }
    }
}

// ----- closing ---------------------------------------------------------------------------------

/// `aux_close`: close and push the results of the close function.
fn aux_close(ctx: &mut Ctx, s: &Rc<RefCell<Stream>>) -> Result<usize, LuaError> {
    let r = s.borrow_mut().close();
    match r {
        Closed::Refused => {
            ctx.push(Value::NIL);
            let m = ctx.new_string(b"cannot close standard file");
            ctx.push(m);
            Ok(2)
        }
        Closed::File(r) => file_result(ctx, r, None),
        Closed::Pipe(Err(e)) => os_error_result(ctx, e, None),
        Closed::Pipe(Ok(status)) => {
            use std::os::unix::process::ExitStatusExt;
            exec_result(ctx, status.into_raw())
        }
    }
}

/// `luaL_execresult` for a wait status (`system`/`pclose`): `true|nil, "exit"|"signal", code`.
pub(crate) fn exec_result(ctx: &mut Ctx, stat: i32) -> Result<usize, LuaError> {
    let (what, code) = if libc::WIFEXITED(stat) {
        ("exit", libc::WEXITSTATUS(stat) as i64)
    } else if libc::WIFSIGNALED(stat) {
        ("signal", libc::WTERMSIG(stat) as i64)
    } else {
        ("exit", stat as i64)
    };
    ctx.push(if what == "exit" && code == 0 {
        Value::TRUE
    } else {
        Value::NIL
    });
    let w = ctx.new_string(what.as_bytes());
    ctx.push(w);
    ctx.push(Value::int(code));
    Ok(3)
}

fn f_close(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let s = tofile(ctx)?;
    aux_close(ctx, &s)
}

fn io_close(ctx: &mut Ctx) -> Result<usize, LuaError> {
    if ctx.nargs() == 0 {
        let reg = ctx.registry();
        let v = ctx.raw_get_str(reg, IO_OUTPUT);
        ctx.push(v);
    }
    f_close(ctx)
}

/// `__gc` and `__close`.
fn f_gc(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let s = check_file(ctx, 1)?;
    let open = !s.borrow().is_closed();
    if open {
        let _ = s.borrow_mut().close();
    }
    Ok(0)
}

fn f_tostring(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let s = check_file(ctx, 1)?;
    let text = if s.borrow().is_closed() {
        "file (closed)".to_string()
    } else {
        format!("file ({})", crate::auxlib::pointer_string(ctx.arg(1)))
    };
    let v = ctx.new_string(text.as_bytes());
    ctx.ret1(v)
}

// ----- opening ---------------------------------------------------------------------------------

fn io_open(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let name = ctx.check_bytes(1)?;
    let mode = match ctx.opt_str(2)? {
        Some(m) => m.as_bytes().to_vec(),
        None => b"r".to_vec(),
    };
    if !check_mode(&mode) {
        return Err(ctx.arg_error(2, "invalid mode"));
    }
    match fopen(&name, &mode) {
        Ok(s) => {
            let v = new_file(ctx, s);
            ctx.ret1(v)
        }
        Err(e) => os_error_result(ctx, e, Some(&name)),
    }
}

fn io_popen(ctx: &mut Ctx) -> Result<usize, LuaError> {
    use std::process::{Command, Stdio};
    let cmd = ctx.check_bytes(1)?;
    let mode = match ctx.opt_str(2)? {
        Some(m) => m.as_bytes().to_vec(),
        None => b"r".to_vec(),
    };
    let reading = match mode.as_slice() {
        b"r" => true,
        b"w" => false,
        _ => return Err(ctx.arg_error(2, "invalid mode")),
    };
    let mut c = Command::new("/bin/sh");
    {
        use std::os::unix::ffi::OsStrExt;
        c.arg("-c")
            .arg(std::ffi::OsStr::from_bytes(crate::os::cstr_prefix(&cmd)));
    }
    if reading {
        c.stdout(Stdio::piped());
    } else {
        c.stdin(Stdio::piped());
    }
    let spawned = c.spawn().and_then(|mut child| {
        let h = if reading {
            match child.stdout.take() {
                Some(o) => Handle::PipeRead(child, o),
                None => return Err(io::Error::from_raw_os_error(libc::EPIPE)),
            }
        } else {
            match child.stdin.take() {
                Some(i) => Handle::PipeWrite(child, i),
                None => return Err(io::Error::from_raw_os_error(libc::EPIPE)),
            }
        };
        Ok(Stream::pipe(h))
    });
    match spawned {
        Ok(s) => {
            let v = new_file(ctx, s);
            ctx.ret1(v)
        }
        Err(e) => os_error_result(ctx, e, Some(&cmd)),
    }
}

fn io_tmpfile(ctx: &mut Ctx) -> Result<usize, LuaError> {
    use std::os::unix::io::FromRawFd;
    match crate::os::make_temp() {
        Some((fd, name)) => {
            let c = crate::os::to_cstring(&name);
            // SAFETY: `c` is NUL-terminated; `fd` is a fresh descriptor owned by the File.
            let f = unsafe {
                libc::unlink(c.as_ptr());
                std::fs::File::from_raw_fd(fd)
            };
            let v = new_file(ctx, Stream::file(f, true, true));
            ctx.ret1(v)
        }
        None => os_error_result(ctx, io::Error::last_os_error(), None),
    }
}

fn io_type(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let v = ctx.check_any(1)?;
    let r: Option<&[u8]> = match to_stream(v) {
        None => None,
        Some(s) if s.borrow().is_closed() => Some(b"closed file"),
        Some(_) => Some(b"file"),
    };
    match r {
        None => ctx.ret1(Value::NIL),
        Some(t) => {
            let s = ctx.new_string(t);
            ctx.ret1(s)
        }
    }
}

/// `g_iofile` of `io.input`/`io.output`.
fn g_iofile(ctx: &mut Ctx, key: &str, mode: &[u8]) -> Result<usize, LuaError> {
    if !ctx.is_none_or_nil(1) {
        let a = ctx.arg(1);
        let v = if a.as_str().is_some() || a.is_number() {
            let name = ctx.check_bytes(1)?;
            opencheckfile(ctx, &name, mode)?
        } else {
            tofile(ctx)?;
            a
        };
        let reg = ctx.registry();
        ctx.raw_set_str(reg, key, v);
    }
    let reg = ctx.registry();
    let v = ctx.raw_get_str(reg, key);
    ctx.ret1(v)
}

fn io_input(ctx: &mut Ctx) -> Result<usize, LuaError> {
    g_iofile(ctx, IO_INPUT, b"r")
}

fn io_output(ctx: &mut Ctx) -> Result<usize, LuaError> {
    g_iofile(ctx, IO_OUTPUT, b"w")
}

// ----- reading ---------------------------------------------------------------------------------

/// `l_getn` (`read_number`): read the longest prefix that can be a numeral (at most 200
/// characters), then convert it; `None` if it is not a number.
fn read_number(s: &mut Stream) -> Option<Value> {
    const L_MAXLENNUM: usize = 200;
    struct Rn<'a> {
        s: &'a mut Stream,
        c: Option<u8>,
        buf: Vec<u8>,
        overflow: bool,
    }
    impl Rn<'_> {
        fn nextc(&mut self) -> bool {
            if self.buf.len() >= L_MAXLENNUM {
                self.overflow = true;
                return false;
            }
            if let Some(c) = self.c {
                self.buf.push(c);
            }
            self.s.getc();
            self.c = self.s.peek();
            true
        }
        fn test2(&mut self, set: &[u8; 2]) -> bool {
            match self.c {
                Some(c) if c == set[0] || c == set[1] => self.nextc(),
                _ => false,
            }
        }
        fn readdigits(&mut self, hex: bool) -> usize {
            let mut count = 0;
            while let Some(c) = self.c {
                let ok = if hex {
                    c.is_ascii_hexdigit()
                } else {
                    c.is_ascii_digit()
                };
                if !ok || !self.nextc() {
                    break;
                }
                count += 1;
            }
            count
        }
    }
    let mut c = s.peek();
    while let Some(ch) = c {
        if !matches!(ch, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r') {
            break;
        }
        s.getc();
        c = s.peek();
    }
    let mut rn = Rn {
        s,
        c,
        buf: Vec::new(),
        overflow: false,
    };
    let mut count = 0;
    let mut hex = false;
    rn.test2(b"-+");
    if rn.test2(b"00") {
        if rn.test2(b"xX") {
            hex = true;
        } else {
            count = 1;
        }
    }
    count += rn.readdigits(hex);
    if rn.test2(b"..") {
        count += rn.readdigits(hex);
    }
    if count > 0 && rn.test2(if hex { b"pP" } else { b"eE" }) {
        rn.test2(b"-+");
        rn.readdigits(false);
    }
    if rn.overflow {
        return None;
    }
    match aqua_vm::number::str2number(&rn.buf) {
        Some(aqua_vm::number::Num::Int(i)) => Some(Value::int(i)),
        Some(aqua_vm::number::Num::Float(f)) => Some(Value::float(f)),
        None => None,
    }
}

/// `g_read`: read with the formats `fmts` (value and argument index for errors); the results
/// (not yet pushed: no safe point runs inside a native).
fn g_read(
    ctx: &mut Ctx,
    s: &Rc<RefCell<Stream>>,
    fmts: &[(Value, usize)],
) -> Result<Vec<Value>, LuaError> {
    let mut outv: Vec<Value> = Vec::new();
    s.borrow_mut().clear_error();
    let mut success = true;
    if fmts.is_empty() {
        let mut out = Vec::new();
        let nl = s.borrow_mut().read_line(false, &mut out);
        success = nl || !out.is_empty();
        let v = ctx.new_string(&out);
        outv.push(v);
    } else {
        for &(f, arg) in fmts {
            if !success {
                break;
            }
            let res: Value;
            if f.is_number() {
                let l = match f.view() {
                    Val::Int(i) => i,
                    _ => match ctx.to_integer(f) {
                        Some(i) => i,
                        None => {
                            return Err(ctx.arg_error(arg, "number has no integer representation"))
                        }
                    },
                };
                if l == 0 {
                    // test_eof
                    success = s.borrow_mut().peek().is_some();
                    res = ctx.new_string(b"");
                } else {
                    // liolib allocates the whole block first: a negative count (a huge
                    // size_t) or an impossible size is a memory error there
                    if !(0..=MAX_READ_BLOCK).contains(&l) {
                        return Err(ctx.error_msg("not enough memory"));
                    }
                    let mut out = Vec::new();
                    let want = l as usize;
                    s.borrow_mut().read_chars(want, &mut out);
                    success = !out.is_empty();
                    res = ctx.new_string(&out);
                }
            } else {
                let p: Vec<u8> = match f.view() {
                    Val::Str(st) => st.as_bytes().to_vec(),
                    _ => {
                        let name = ctx.get_metafield(f, "__name");
                        let tn = match name.str_bytes() {
                            Some(b) => String::from_utf8_lossy(b).into_owned(),
                            None => f.type_name().to_string(),
                        };
                        return Err(ctx.arg_error(arg, &format!("string expected, got {tn}")));
                    }
                };
                let mut p: &[u8] = &p;
                if p.first() == Some(&b'*') {
                    p = &p[1..];
                }
                match p.first() {
                    Some(b'n') => {
                        let r = read_number(&mut s.borrow_mut());
                        success = r.is_some();
                        res = r.unwrap_or(Value::NIL);
                    }
                    Some(b'l') | Some(b'L') => {
                        let mut out = Vec::new();
                        let keep = p[0] == b'L';
                        let nl = s.borrow_mut().read_line(keep, &mut out);
                        success = nl || !out.is_empty();
                        res = ctx.new_string(&out);
                    }
                    Some(b'a') => {
                        let mut out = Vec::new();
                        s.borrow_mut().read_all(&mut out);
                        success = true;
                        res = ctx.new_string(&out);
                    }
                    _ => return Err(ctx.arg_error(arg, "invalid format")),
                }
            }
            outv.push(res);
        }
    }
    let err = s.borrow_mut().error.take();
    if let Some(e) = err {
        return Ok(fail_values(ctx, &e, None));
    }
    if !success {
        if let Some(last) = outv.last_mut() {
            *last = Value::NIL;
        }
    }
    Ok(outv)
}

/// Formats given as arguments `first..=nargs`.
fn arg_formats(ctx: &Ctx, first: usize) -> Vec<(Value, usize)> {
    (first..=ctx.nargs()).map(|i| (ctx.arg(i), i)).collect()
}

fn io_read(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let (_, s) = getiofile(ctx, IO_INPUT)?;
    let fmts = arg_formats(ctx, 1);
    let r = g_read(ctx, &s, &fmts)?;
    push_all(ctx, &r)
}

fn f_read(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let s = tofile(ctx)?;
    let fmts = arg_formats(ctx, 2);
    let r = g_read(ctx, &s, &fmts)?;
    push_all(ctx, &r)
}

/// The iterator of `lines`: upvalues file, format count, close-at-end flag, formats.
fn io_readline(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let ups = ctx.upvalues().to_vec();
    let file = ups.first().copied().unwrap_or(Value::NIL);
    let Some(s) = to_stream(file) else {
        return Err(ctx.error("file is already closed"));
    };
    if s.borrow().is_closed() {
        return Err(ctx.error("file is already closed"));
    }
    let toclose = ups.get(2).is_some_and(|v| v.truthy());
    let fmts: Vec<(Value, usize)> = ups
        .iter()
        .skip(3)
        .enumerate()
        .map(|(i, &v)| (v, i + 2))
        .collect();
    let r = g_read(ctx, &s, &fmts)?;
    if r.first().is_some_and(|v| v.truthy()) {
        return push_all(ctx, &r);
    }
    if r.len() > 1 {
        let m = match ctx.to_string_value(r[1]) {
            Some(m) => m.as_bytes().to_vec(),
            None => Vec::new(),
        };
        return Err(ctx.error_bytes_at(&m));
    }
    if toclose {
        let k = aux_close(ctx, &s)?;
        ctx.pop(k);
    }
    Ok(0)
}

/// `aux_lines`: the iterator over the file at argument 1 with formats from argument 2.
fn aux_lines(ctx: &mut Ctx, file: Value, toclose: bool) -> Result<Value, LuaError> {
    let nfmt = ctx.nargs().saturating_sub(1);
    if nfmt > MAXARGLINE {
        return Err(ctx.arg_error(MAXARGLINE + 2, "too many arguments"));
    }
    let mut ups = vec![file, Value::int(nfmt as i64), Value::boolean(toclose)];
    for i in 2..=ctx.nargs() {
        ups.push(ctx.arg(i));
    }
    Ok(ctx.new_native_closure(io_readline, ups))
}

fn f_lines(ctx: &mut Ctx) -> Result<usize, LuaError> {
    tofile(ctx)?;
    let f = ctx.arg(1);
    let it = aux_lines(ctx, f, false)?;
    ctx.ret1(it)
}

fn io_lines(ctx: &mut Ctx) -> Result<usize, LuaError> {
    if ctx.nargs() == 0 {
        ctx.push(Value::NIL);
    }
    if ctx.arg(1).is_nil() {
        let reg = ctx.registry();
        let v = ctx.raw_get_str(reg, IO_INPUT);
        ctx.set_arg(1, v);
        tofile(ctx)?;
        let it = aux_lines(ctx, v, false)?;
        ctx.ret1(it)
    } else {
        let name = ctx.check_bytes(1)?;
        let f = opencheckfile(ctx, &name, b"r")?;
        ctx.set_arg(1, f);
        let it = aux_lines(ctx, f, true)?;
        ctx.push(it);
        ctx.push(Value::NIL);
        ctx.push(Value::NIL);
        ctx.push(f);
        Ok(4)
    }
}

// ----- writing ---------------------------------------------------------------------------------

/// `g_write`: write arguments `first..`; returns the file `fv` or a failure.
fn g_write(
    ctx: &mut Ctx,
    s: &Rc<RefCell<Stream>>,
    fv: Value,
    first: usize,
) -> Result<usize, LuaError> {
    let mut status: io::Result<()> = Ok(());
    for i in first..=ctx.nargs() {
        let v = ctx.arg(i);
        let bytes: Vec<u8> = match v.view() {
            Val::Int(n) => n.to_string().into_bytes(),
            Val::Num(x) => aqua_vm::number::fmt_g14(x).into_bytes(),
            _ => ctx.check_bytes(i)?,
        };
        let r = s.borrow_mut().write(&bytes);
        if status.is_ok() {
            status = r;
        }
    }
    match status {
        Ok(()) => ctx.ret1(fv),
        Err(e) => os_error_result(ctx, e, None),
    }
}

fn io_write(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let (fv, s) = getiofile(ctx, IO_OUTPUT)?;
    g_write(ctx, &s, fv, 1)
}

fn f_write(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let s = tofile(ctx)?;
    let fv = ctx.arg(1);
    g_write(ctx, &s, fv, 2)
}

// ----- other methods ---------------------------------------------------------------------------

fn f_seek(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let s = tofile(ctx)?;
    let op = crate::os::check_option(ctx, 2, Some("cur"), &["set", "cur", "end"])?;
    let off = ctx.opt_integer(3, 0)?;
    let pos = match op {
        0 => {
            if off < 0 {
                let e = io::Error::from_raw_os_error(libc::EINVAL);
                return os_error_result(ctx, e, None);
            }
            SeekFrom::Start(off as u64)
        }
        1 => SeekFrom::Current(off),
        _ => SeekFrom::End(off),
    };
    let r = s.borrow_mut().seek(pos);
    match r {
        Ok(p) => ctx.ret1(Value::int(p as i64)),
        Err(e) => os_error_result(ctx, e, None),
    }
}

fn f_setvbuf(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let s = tofile(ctx)?;
    let op = crate::os::check_option(ctx, 2, None, &["no", "full", "line"])?;
    // the size is checked but, as glibc's setvbuf(f, NULL, mode, size) does, not used
    ctx.opt_integer(3, stream::BUFSIZE as i64)?;
    let mode = [VBuf::No, VBuf::Full, VBuf::Line][op.min(2)];
    let r = s.borrow_mut().set_vbuf(mode);
    file_result(ctx, r, None)
}

fn f_flush(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let s = tofile(ctx)?;
    let r = s.borrow_mut().flush();
    file_result(ctx, r, None)
}

fn io_flush(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let (_, s) = getiofile(ctx, IO_OUTPUT)?;
    let r = s.borrow_mut().flush();
    file_result(ctx, r, None)
}

// ----- opening the library ---------------------------------------------------------------------

const FUNCS: &[(&str, NativeFn)] = &[
    ("close", io_close),
    ("flush", io_flush),
    ("input", io_input),
    ("lines", io_lines),
    ("open", io_open),
    ("output", io_output),
    ("popen", io_popen),
    ("read", io_read),
    ("tmpfile", io_tmpfile),
    ("type", io_type),
    ("write", io_write),
];

const METHODS: &[(&str, NativeFn)] = &[
    ("read", f_read),
    ("write", f_write),
    ("lines", f_lines),
    ("flush", f_flush),
    ("seek", f_seek),
    ("setvbuf", f_setvbuf),
    ("close", f_close),
];

const METAMETHODS: &[(&str, NativeFn)] = &[
    ("__gc", f_gc),
    ("__close", f_gc),
    ("__tostring", f_tostring),
];

/// Open the `io` library: the `FILE*` metatable, the library table and the standard files.
pub fn open(st: &mut State) {
    let lib = crate::auxlib::new_lib(st, "io", FUNCS);
    // createmeta
    let mt = st.new_table();
    let name = st.new_string(FILEHANDLE.as_bytes());
    st.raw_set_str(mt, "__name", name);
    let reg = st.registry();
    st.raw_set_str(reg, FILEHANDLE, Value::table(mt));
    crate::auxlib::set_funcs(st, mt, METAMETHODS);
    let methods = st.new_table_sized(0, METHODS.len());
    crate::auxlib::set_funcs(st, methods, METHODS);
    st.raw_set_str(mt, "__index", Value::table(methods));
    // standard files
    for (kind, field, key) in [
        (StdKind::In, "stdin", Some(IO_INPUT)),
        (StdKind::Out, "stdout", Some(IO_OUTPUT)),
        (StdKind::Err, "stderr", None),
    ] {
        let v = new_file(st, Stream::std(kind));
        if let Some(k) = key {
            st.raw_set_str(reg, k, v);
        }
        st.raw_set_str(lib, field, v);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_follow_l_checkmode() {
        for m in ["r", "w", "a", "r+", "w+", "a+", "rb", "r+b", "wbb", "a+b"] {
            assert!(check_mode(m.as_bytes()), "{m}");
        }
        for m in ["", "x", "rw", "rb+", "r++", "+r", "b"] {
            assert!(!check_mode(m.as_bytes()), "{m}");
        }
    }

    #[test]
    fn errors_are_strerror_and_errno() {
        let e = io::Error::from_raw_os_error(libc::ENOENT);
        assert_eq!(
            error_parts(&e),
            ("No such file or directory".to_string(), 2)
        );
    }
}
