//! aqua-stdlib: the Lua 5.4 standard library on top of `aqua-vm`, and the glue that installs
//! the compiler into the VM.
//!
//! Place in the pipeline: depends on `aqua-vm` (the native ABI, `aqua_vm::Ctx`) and
//! `aqua-compiler`. The VM never parses: [`install_compiler`] gives it a hook
//! (`State::set_compiler`) that runs `aqua_compiler::compile` and turns a `CompileError` into
//! lua5.4's full message (`chunkid:line: msg`). `aqua` (embedding API and CLI) calls
//! [`open_libs`] on a fresh state.
//!
//! One module per library (`base`, `coroutine`, `string`; later `table`, `math`, `io`, `os`,
//! `utf8`, `package`, `debug`) plus [`auxlib`], the shared helpers (buffered stdout,
//! `luaL_tolstring`, warnings, library registration). Argument checking is the VM's
//! (`Ctx::check_*`), never duplicated here.
//!
//! Host obligations: stdout and stderr are glibc-like `FILE`s of this crate ([`cfile`]). Write
//! error messages with [`write_stderr`] (lua.c's `l_message`: stdout is not flushed first, as
//! in lua5.4), call [`flush_stdout`] before writing to the process's stdout directly, and
//! [`flush_at_exit`] when the program ends.

pub mod auxlib;
pub mod base;
pub mod cfile;
pub mod coroutine;
pub mod debug;
pub mod io;
pub mod math;
pub mod os;
pub mod package;
pub mod string;
pub mod table;
pub mod utf8;

pub use auxlib::{
    capture_output, flush_at_exit, flush_stdout, tolstring, write_stderr, write_stdout,
};

use aqua_vm::State;

/// The compiler hook: `aqua_compiler::compile_at(source, chunkname, opts, c_calls)`, errors as the
/// full lua message.
pub fn install_compiler_with(st: &mut State, opts: aqua_compiler::Options) {
    // the stack target runs every Lua function with the stack interpreter
    st.stack_vm = opts.target == aqua_compiler::Target::Stack;
    st.stack_lowering = Some(|p| {
        if aqua_bytecode::verify(p).is_err() {
            return Ok(()); // (loading reports it)
        }
        aqua_compiler::emit_stack::attach_to_register_code(p).map_err(|e| e.message)
    });
    st.set_compiler(Box::new(
        move |src: &[u8], chunkname: &[u8], c_calls: u32| {
            aqua_compiler::compile_at(src, chunkname, &opts, c_calls).map_err(|e| {
                if e.line == 0 {
                    // no position (e.g. "C stack overflow" of too deep nesting)
                    e.message.clone()
                } else {
                    e.to_lua_message(chunkname)
                }
            })
        },
    ));
}

/// Install the compiler with the default options (LIFO register allocation).
pub fn install_compiler(st: &mut State) {
    install_compiler_with(st, aqua_compiler::Options::default());
}

/// `luaL_openlibs` for the libraries that exist so far: installs the compiler hook, then opens
/// base (`_G`, `_G._G`, `_VERSION`), `coroutine` and `string` (in lua's order), each recorded in
/// `registry._LOADED`.
pub fn open_libs(st: &mut State) {
    install_compiler(st);
    base::open(st);
    package::open(st);
    coroutine::open(st);
    table::open(st);
    io::open(st);
    os::open(st);
    string::open(st);
    math::open(st);
    utf8::open(st);
    debug::open(st);
}

/// A new state with the compiler installed and every library opened.
pub fn new_state() -> State {
    let mut st = State::new();
    open_libs(&mut st);
    st
}
