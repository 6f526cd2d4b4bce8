//! The `aqua` command: lua.c of Lua 5.4 on the embedding API.
//!
//! Flow (lua.c's `pmain`): parse the options (`args`); on a bad option print lua's usage and
//! exit 1; `-v`/`-i` print the banner ([`aqua::COPYRIGHT`]); make the state (`-E` sets
//! `LUA_NOENV` in the registry before the libraries are opened); build the `arg` table; run
//! `LUA_INIT_5_4`/`LUA_INIT` (unless `-E`); run `-e`/`-l`/`-W` in order; run the script with its
//! arguments as `...`; then the REPL (`-i`, or no script and no `-e`/`-v` with a terminal on
//! standard input; without a terminal standard input is run as a script).
//!
//! All of that runs inside a native function, [`pmain`] (lua.c's `pmain`, which `main` calls with
//! `lua_pcall`), so every chunk runs with a real C level below it, as in lua5.4: tracebacks end
//! with `[C]: in ?`, `debug.getinfo(2)` in the main chunk describes a C function (its "locals"
//! are `argc` and the `argv` pointer, as lua.c's), level 3 is nil, and a return hook still set
//! when the script ends sees that C function return.
//!
//! Any failure stops the sequence and makes the exit status 1. An uncaught error is reported on
//! stderr as `progname: message`, where the message is lua.c's `msghandler` text: the error
//! string (or `__tostring` result, or `(error object is a X value)`) followed by the traceback
//! taken where the error was raised (its last line, `[C]: in ?`, is `pmain`). Syntax errors and
//! unreadable files have no traceback.
//!
//! `--list` (see `list.rs`) and `--alloc=NAME` are Aqua's own options (see `args.rs`).
//!
//! The banner has lua's shape with Aqua's name: `Aqua 0.1.0 (Lua 5.4)  Copyright (C) 2026 the
//! Aqua authors` ([`aqua::COPYRIGHT`]); the usage text is lua's plus an "Aqua options" block.
//! ^C while a chunk runs (every call goes through [`docall`]) stops it with the error
//! `interrupted!`, as lua.c's SIGINT handler does (see `signals.rs`); outside a call ^C has its
//! default action.

pub mod args;
pub mod list;
pub mod repl;
pub mod signals;

use aqua::{Error, Function, Lua, MultiValue, Table, Value, Variadic};
use args::{Action, ArgError};
use std::io::{IsTerminal, Write};

/// The names `--alloc` accepts.
fn allocator_names() -> String {
    let names: Vec<&str> = aqua::Allocator::ALL.iter().map(|a| a.name()).collect();
    names.join(", ")
}

/// The compiler options for `--alloc=NAME` (`None`: unknown allocator).
pub fn compiler_options(alloc: Option<&str>) -> Option<aqua::CompilerOptions> {
    let allocator = aqua::Allocator::from_name(alloc.unwrap_or("lifo"))?;
    Some(aqua::CompilerOptions::default().with_allocator(allocator))
}

/// The program state shared by the steps (inside [`pmain`]).
pub struct Cli<'a> {
    pub lua: &'a Lua,
    /// `argv[0]`, prefixed to error messages (`None` inside the REPL, as in lua.c).
    pub progname: Option<String>,
}

/// Flush what Lua code printed (before writing to stderr and at exit).
pub fn flush_stdout() {
    aqua::flush_stdout();
}

/// Write to stdout after what Lua printed (errors such as a closed stdout are ignored, as C's
/// `fwrite` would).
pub fn out(bytes: &[u8]) {
    flush_stdout();
    let mut o = std::io::stdout().lock();
    let _ = o.write_all(bytes);
    let _ = o.flush();
}

/// lua.c's `l_message`.
///
/// As lua.c's `l_message`, this writes to the C-level stderr and flushes it only: what stdout
/// still buffers comes out after the message (at exit), exactly as with lua5.4.
pub fn message(progname: Option<&str>, msg: impl AsRef<[u8]>) {
    let msg = msg.as_ref();
    let mut line = Vec::with_capacity(msg.len() + 16);
    if let Some(p) = progname {
        line.extend_from_slice(p.as_bytes());
        line.extend_from_slice(b": ");
    }
    line.extend_from_slice(msg);
    line.push(b'\n');
    aqua_stdlib::write_stderr(&line);
}

/// Call a chunk with ^C interrupting it (lua.c's `docall`: the SIGINT handler is installed for
/// the duration of the call only).
pub fn docall<R: aqua::FromLuaMulti>(
    f: &Function,
    args: impl aqua::IntoLuaMulti,
) -> aqua::Result<R> {
    let _sigint = signals::SigintGuard::catch();
    f.call::<R>(args)
}

/// The text lua.c reports for an error: msghandler's (message, then the traceback taken where
/// the error was raised, when there is one). A string error value is written as its bytes
/// (Lua strings need not be UTF-8).
pub fn error_text(e: &Error) -> Vec<u8> {
    match e {
        Error::Lua {
            value: Value::String(s),
            traceback,
            ..
        } => {
            let mut m = s.to_vec();
            if let Some(tb) = traceback {
                m.push(b'\n');
                m.extend_from_slice(tb.as_bytes());
            }
            m
        }
        e => e.to_string().into_bytes(),
    }
}

fn print_usage(progname: &str, err: &ArgError) {
    flush_stdout();
    let mut e = std::io::stderr().lock();
    let _ = match err {
        ArgError::NeedsArgument(o) => writeln!(e, "{progname}: '{o}' needs argument"),
        ArgError::Unrecognized(o) => writeln!(e, "{progname}: unrecognized option '{o}'"),
    };
    let _ = write!(
        e,
        "usage: {progname} [options] [script [args]]\n\
         Available options are:\n  \
         -e stat   execute string 'stat'\n  \
         -i        enter interactive mode after executing 'script'\n  \
         -l mod    require library 'mod' into global 'mod'\n  \
         -l g=mod  require library 'mod' into global 'g'\n  \
         -v        show version information\n  \
         -E        ignore environment variables\n  \
         -W        turn warnings on\n  \
         --        stop handling options\n  \
         -         stop handling options and execute stdin\n\
         Aqua options:\n  \
         --list    list the bytecode of 'script' (luac -l); twice or --list=full for details\n  \
         --alloc=A register allocator for the compiler (available: {})\n  \
         --target=T back end: register (default) or stack (the stack VM, for comparison)\n  \
         --passes  run the IR passes (constant/copy propagation, dead-code elimination)\n",
        allocator_names()
    );
}

fn print_version() {
    out(format!("{}\n", aqua::COPYRIGHT).as_bytes());
}

/// Bytes of the command-line arguments (Lua strings are bytes).
pub fn argv_bytes() -> Vec<Vec<u8>> {
    std::env::args_os().map(os_bytes).collect()
}

#[cfg(unix)]
fn os_bytes(s: std::ffi::OsString) -> Vec<u8> {
    use std::os::unix::ffi::OsStringExt;
    s.into_vec()
}

#[cfg(not(unix))]
fn os_bytes(s: std::ffi::OsString) -> Vec<u8> {
    s.to_string_lossy().into_owned().into_bytes()
}

fn lossy(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

impl Cli<'_> {
    /// Report an error (lua.c's `report`); returns false for `?`-like chaining.
    pub fn report(&self, e: &Error) {
        message(self.progname.as_deref(), error_text(e));
    }

    /// Run a loaded chunk or report its load/run error (lua.c's `dochunk`).
    fn dochunk(&self, f: aqua::Result<Function>, args: MultiValue) -> bool {
        match f.and_then(|f| docall::<()>(&f, args)) {
            Ok(()) => true,
            Err(e) => {
                self.report(&e);
                false
            }
        }
    }

    fn dostring(&self, code: &[u8], name: &str) -> bool {
        self.dochunk(
            self.lua.load(code).set_name(name).into_function(),
            MultiValue::new(),
        )
    }

    fn dofile(&self, path: &[u8]) -> bool {
        self.dochunk(
            self.lua
                .load(std::path::PathBuf::from(lossy_path(path)))
                .into_function(),
            MultiValue::new(),
        )
    }

    /// `-l [g=]mod` (lua.c's `dolibrary`).
    fn dolibrary(&self, spec: &[u8]) -> bool {
        let (globname, modname): (Vec<u8>, Vec<u8>) = match spec.iter().position(|&b| b == b'=') {
            Some(i) => (spec[..i].to_vec(), spec[i + 1..].to_vec()),
            None => {
                // LUA_IGMARK: `-l mod-v2` loads "mod-v2" into global "mod"
                let g = match spec.iter().position(|&b| b == b'-') {
                    Some(i) => spec[..i].to_vec(),
                    None => spec.to_vec(),
                };
                (g, spec.to_vec())
            }
        };
        let require: Value = match self.lua.globals().get("require") {
            Ok(v) => v,
            Err(e) => {
                self.report(&e);
                return false;
            }
        };
        let f = match require {
            Value::Function(f) => f,
            _ => {
                // No package library yet: say so honestly, in lua's words.
                let m = format!(
                    "module '{}' not found:\n\t'require' is not available (no package library)",
                    lossy(&modname)
                );
                message(self.progname.as_deref(), &m);
                return false;
            }
        };
        let name = match self.lua.create_string(&modname) {
            Ok(s) => s,
            Err(e) => {
                self.report(&e);
                return false;
            }
        };
        match docall::<Value>(&f, name) {
            Ok(v) => match self
                .lua
                .create_string(&globname)
                .and_then(|g| self.lua.globals().set(g, v))
            {
                Ok(()) => true,
                Err(e) => {
                    self.report(&e);
                    false
                }
            },
            Err(e) => {
                self.report(&e);
                false
            }
        }
    }

    /// `LUA_INIT_5_4` / `LUA_INIT` (lua.c's `handle_luainit`).
    fn handle_luainit(&self) -> bool {
        let (name, init) = match std::env::var_os("LUA_INIT_5_4") {
            Some(v) => ("=LUA_INIT_5_4", v),
            None => match std::env::var_os("LUA_INIT") {
                Some(v) => ("=LUA_INIT", v),
                None => return true,
            },
        };
        let init = os_bytes(init);
        match init.strip_prefix(b"@") {
            Some(file) => self.dofile(file),
            None => self.dostring(&init, name),
        }
    }

    /// The `arg` table: script at 0, options at negative indices, script arguments at 1..n.
    fn create_arg_table(&self, argv: &[Vec<u8>], script: usize) -> aqua::Result<()> {
        let t = self.lua.create_table()?;
        for (i, a) in argv.iter().enumerate() {
            t.raw_set(i as i64 - script as i64, self.lua.create_string(a)?)?;
        }
        self.lua.globals().set("arg", t)
    }

    /// Arguments for the script: `arg[1..#arg]` (lua.c's `pushargs`).
    fn script_args(&self) -> aqua::Result<Variadic<Value>> {
        let arg: Value = self.lua.globals().get("arg")?;
        let Value::Table(t) = arg else {
            return Err(Error::RuntimeError("'arg' is not a table".into()));
        };
        let n = Table::len(&t)?;
        if n > 1_000_000 {
            return Err(Error::RuntimeError(
                "stack overflow (too many arguments to script)".into(),
            ));
        }
        let mut v = Vec::new();
        for i in 1..=n {
            v.push(t.raw_get::<Value>(i)?);
        }
        Ok(Variadic(v))
    }

    /// Run the main script (lua.c's `handle_script`).
    fn handle_script(&self, argv: &[Vec<u8>], script: usize, stdin: bool) -> bool {
        let f = if stdin {
            self.lua.load(std::io::stdin()).into_function()
        } else {
            let path = std::path::PathBuf::from(lossy_path(&argv[script]));
            self.lua.load(path).into_function()
        };
        let f = match f {
            Ok(f) => f,
            Err(e) => {
                self.report(&e);
                return false;
            }
        };
        let args = match self.script_args() {
            Ok(a) => a,
            Err(e) => {
                self.report(&e);
                return false;
            }
        };
        self.dochunk(
            Ok(f),
            aqua::IntoLuaMulti::into_lua_multi(args, self.lua).unwrap_or_default(),
        )
    }
}

#[cfg(unix)]
fn lossy_path(b: &[u8]) -> std::ffi::OsString {
    use std::os::unix::ffi::OsStringExt;
    std::ffi::OsString::from_vec(b.to_vec())
}

#[cfg(not(unix))]
fn lossy_path(b: &[u8]) -> std::ffi::OsString {
    std::ffi::OsString::from(lossy(b))
}

/// The whole program; returns the exit status.
pub fn main() -> i32 {
    signals::default_sigpipe();
    let argv = argv_bytes();
    let progname = argv
        .first()
        .filter(|p| !p.is_empty())
        .map(|p| lossy(p))
        .unwrap_or_else(|| "aqua".into());
    let a = match args::parse(&argv) {
        Ok(a) => a,
        Err(e) => {
            print_usage(&progname, &e);
            return 1;
        }
    };
    let Some(opts) = compiler_options(a.alloc.as_deref()) else {
        let alloc = a.alloc.as_deref().unwrap_or_default();
        let avail = allocator_names();
        message(
            Some(&progname),
            format!("unknown register allocator '{alloc}' (available: {avail})"),
        );
        return 1;
    };
    let mut opts = opts;
    opts.passes = a.passes;
    match a.target.as_deref() {
        None | Some("register") => {}
        Some("stack") => opts.target = aqua_compiler::Target::Stack,
        Some(t) => {
            message(
                Some(&progname),
                format!("unknown target '{t}' (available: register, stack)"),
            );
            return 1;
        }
    }
    if let Some(fmt) = a.regalloc_report.as_deref() {
        return list::regalloc_report(&progname, &argv, &a, &opts, fmt);
    }
    if a.list > 0 {
        return list::run(&progname, &argv, &a, &opts);
    }
    if a.has_v {
        print_version();
    }
    let lua = Lua::new_bare();
    if a.has_e_upper {
        let _ = lua.set_named_registry_value("LUA_NOENV", true);
    }
    lua.open_libs();
    signals::set_interrupt_target(lua.interrupter());
    if a.alloc.is_some() || a.target.is_some() || a.passes {
        lua.set_compiler_options(opts);
    }
    let ok = pmain(&lua, progname, argv, a);
    // What C's `exit` flushes, in glibc's order (open files, stderr, stdout).
    aqua_stdlib::flush_at_exit();
    if let Some(v) = std::env::var_os("AQUA_COUNT_INSNS") {
        // (counted only in builds with the `count-insns` feature)
        let n = lua.executed_instructions();
        eprintln!("aqua: {n} instructions executed");
        if v == "hist" {
            // One line per opcode, most frequent first: count, share, target, name.
            for (stack, name, c) in lua.executed_histogram() {
                let pct = if n > 0 {
                    c as f64 * 100.0 / n as f64
                } else {
                    0.0
                };
                let t = if stack { "stack" } else { "reg" };
                eprintln!("aqua: {c:>12} {pct:>6.2}% {t:<5} {name}");
            }
        }
    }
    if ok {
        0
    } else {
        1
    }
}

/// Run the program's steps ([`run`]) inside a native function called from Rust, as lua.c's `main`
/// calls `pmain` with `lua_pcall(L, pmain, argc, argv)`: the chunks run above a real C level.
/// Its arguments are lua.c's (`argc`, and `argv` as a light userdata: an identity only, never
/// read), which `debug.getlocal(2, n)` in the main chunk sees as `(C temporary)` values.
///
/// Returns the success of the steps. An error of the call itself (only a return hook the
/// script left set can raise one, when `pmain` returns) is reported as lua.c's `main` does:
/// message only, no traceback (it has no message handler). Called again from Lua (through
/// `debug.getinfo(2, "f").func`, where lua5.4 crashes), it does nothing.
fn pmain(lua: &Lua, progname: String, argv: Vec<Vec<u8>>, a: args::Args) -> bool {
    let argc = argv.len() as i64;
    let argv_id = aqua::LightUserData(argv.as_ptr() as *mut std::ffi::c_void);
    let name = progname.clone();
    let started = std::cell::Cell::new(false);
    let f = lua.create_function(move |lua, _: MultiValue| {
        if started.replace(true) {
            return Ok(Value::Nil);
        }
        let cli = Cli {
            lua,
            progname: Some(name.clone()),
        };
        Ok(Value::Boolean(run(&cli, &argv, &a)))
    });
    match f.and_then(|f| f.call::<Value>((argc, argv_id))) {
        Ok(v) => matches!(v, Value::Boolean(true)),
        Err(e) => {
            message(Some(&progname), e.message());
            false
        }
    }
}

fn run(cli: &Cli, argv: &[Vec<u8>], a: &args::Args) -> bool {
    // lua.c's createargtable: without a script, the program name is arg[0]
    let script = a.script.unwrap_or(0);
    if let Err(e) = cli.create_arg_table(argv, script) {
        cli.report(&e);
        return false;
    }
    if !a.has_e_upper && !cli.handle_luainit() {
        return false;
    }
    for act in &a.actions {
        let ok = match act {
            Action::Exec(code) => cli.dostring(code, "=(command line)"),
            Action::Require(spec) => cli.dolibrary(spec),
            Action::WarningsOn => {
                cli.lua.set_warnings(true);
                true
            }
        };
        if !ok {
            return false;
        }
    }
    if let Some(s) = a.script {
        if !cli.handle_script(argv, s, a.script_is_stdin) {
            return false;
        }
    }
    if a.has_i {
        repl::run(cli);
    } else if a.script.is_none() && !a.has_e && !a.has_v {
        if std::io::stdin().is_terminal() {
            print_version();
            repl::run(cli);
        } else {
            // lua.c ignores dofile's status here: an error is reported, the exit status is 0
            let f = cli.lua.load(std::io::stdin()).into_function();
            cli.dochunk(f, MultiValue::new());
        }
    }
    true
}
