//! aqua-vm: the Lua 5.4 runtime — values, strings, tables, closures, the garbage collector,
//! the stackless interpreter, metamethods, errors, debug info and coroutines.
//!
//! Place in the pipeline: runs `aqua_bytecode::Proto`s (verified with `aqua_bytecode::verify`);
//! it never parses or compiles: `load` of source text goes through a compiler hook installed by
//! the library layer ([`State::set_compiler`]). `aqua-stdlib` builds the standard library on the
//! API below; `aqua` wraps it in the embedding API and the CLI.
//!
//! # Public API summary
//!
//! ## State
//! - `State::new()` — a state with an empty globals table.
//! - `st.set_compiler(Box::new(|src, chunkname, c_calls| -> Result<Proto, Vec<u8>>))` — the
//!   hook used by [`State::load`]/[`State::load_at`] (and the `load` builtin). The error is the
//!   full Lua message; `c_calls` is the C-call nesting the parser's limit counts.
//! - `st.load(src, chunkname) -> Result<Value, LuaError>` (function value; `_ENV` = globals;
//!   syntax errors have `ErrorKind::Syntax`); `st.load_proto(proto)` verifies and loads a Proto;
//!   `st.load_binary(bytes, chunkname)` (undump + verify); `st.function_proto(f)` gives a Lua
//!   function's `Proto` back (for `string.dump`).
//! - Upvalues: `st.get_upvalue(f, n)`, `st.set_upvalue(f, n, v)` (1-based), `st.upvalue_count(f)`.
//! - `st.globals()`, `st.registry()`, `st.set_global(name, v)`, `st.get_global(name)`,
//!   `st.register(name, native_fn)`.
//!
//! ## Values
//! - [`Value`]: 16-byte `Copy`. Constructors `Value::NIL/TRUE/FALSE`, `Value::int(i)`,
//!   `Value::float(f)`, `Value::boolean(b)`, `Value::native(f)`, `Value::table(t)`, ...
//!   Inspect with `v.view()` → [`Val`] (`Nil, Bool, Int, Num, Str, Table, LFunc, NFunc,
//!   NClosure, UserData, LightUserData, Thread`), or `as_int/as_float/as_num/as_str/as_table/
//!   as_thread/as_userdata`, `truthy()`, `is_nil()`, `type_name()`, `raw_eq()`.
//! - Strings: `st.new_string(bytes) -> Value`, `st.intern(bytes) -> GcRef<LuaString>`,
//!   `s.as_bytes()`; tables: `st.new_table()`, `st.new_table_sized(narr, nhash)`,
//!   `st.raw_set(t, k, v)?`, `st.raw_set_str(t, "k", v)`, `st.raw_set_int(t, i, v)`,
//!   `t.raw_get(k)`, `t.raw_get_int(i)`, `st.raw_get_str(t, "k")`, `t.raw_len()`,
//!   `t.next(k) -> Result<Option<(k, v)>, ()>` (Err = invalid key to 'next').
//! - Natives with state: `st.new_native_closure(f, upvalues)`, `st.new_rust_closure(closure,
//!   upvalues)`; userdata: `st.new_userdata(Box<dyn Any>)` (`u.data()`, `u.data_mut()`).
//! - With metamethods: `st.index(v, k)?`, `st.set_index(v, k, x)?`, `st.equals(a, b)?`,
//!   `st.less_than(a, b)?`, `st.less_equal(a, b)?`, `st.len(v)?`, `st.arith(op, a, b)?`,
//!   `st.concat(&[values])?`.
//! - Conversions: `st.to_number(v)`, `st.to_integer(v)`, `st.to_float(v)`,
//!   `st.to_str_bytes(v)` (strings/numbers), `st.tostring(v)? -> GcRef<LuaString>`
//!   (`luaL_tolstring`: `__tostring`, `__name`), `number::fmt_float`, `number::fmt_g14`,
//!   `number::str2number`.
//! - Metatables: `st.get_metatable(v)`, `st.set_metatable(v, Some(mt))` (registers `__gc`),
//!   `st.get_metafield(v, "__name")`, `st.obj_type_name(v)`.
//!
//! ## Native functions (the ABI)
//! `pub type NativeFn = fn(&mut Ctx) -> Result<usize, LuaError>`. `Ctx` derefs to `State`.
//! - Arguments: `ctx.nargs()`, `ctx.arg(i)` (1-based, nil when absent), `ctx.args()`.
//! - Checkers with exact lauxlib messages: `check_integer`, `opt_integer`, `check_number`,
//!   `opt_number`, `check_numeric`, `check_str` (numbers converted), `check_bytes`, `opt_str`,
//!   `check_table`, `check_function`, `check_any`, `arg_error(i, msg)`, `type_error(i, tname)`
//!   ("bad argument #1 to 'ipairs' (table expected, got nil)", method self adjustment).
//! - Results: `ctx.push(v)` then `Ok(n)` = the `n` topmost values; `ctx.ret1(v)`.
//! - Errors: `return Err(ctx.error("msg"))` (`luaL_error`: caller position prefix) or
//!   `Err(LuaError::new(value))` for any value.
//! - Calling Lua: `ctx.call(f, &args)? -> Vec<Value>` (re-enters the interpreter; non-yieldable;
//!   counted against the 200-level C-stack limit). Values a native still needs after a call
//!   must be on its stack (arguments are) or pinned: a collection may run inside the call.
//! - Upvalues of native closures: `ctx.upvalues()`, `ctx.set_upvalue(i, v)`.
//! - Forwarding call (yieldable, like `lua_callk`): push a function and `n` arguments, then
//!   `return Ok(ctx.tail_call(n))`: the callee's results become the native's results.
//!
//! ## VM-level builtins (exported for the library layer to register)
//! [`builtins`]: `pcall`, `xpcall`, `error`, `select`, `coroutine_create`, `coroutine_resume`,
//! `coroutine_yield`, `coroutine_status`, `coroutine_wrap`, `coroutine_isyieldable`,
//! `coroutine_running`, `coroutine_close`, `collectgarbage`, `load`, `next`, `rawequal`, ...
//! See that module for the full list.
//!
//! ## Calling from Rust
//! - `st.call(f, &args) -> Result<Vec<Value>, LuaError>` — on error the stack is restored.
//! - `st.pcall_traceback(f, &args)` — like `call`, but the error gets a traceback string.
//! - `st.traceback(thread, msg, level) -> Vec<u8>` (`luaL_traceback` format). Tracebacks of
//!   errors are taken where the error is raised, by the message handler in force
//!   (`debug/errfunc.rs`).
//!
//! ## GC
//! - `st.collect_garbage()` (full), `st.gc_count_kb()`, `st.gc_stop()`, `st.gc_restart()`,
//!   `st.gc_is_running()`, `st.gc_step(kb)`, `st.gc_set_mode(GcMode)`, `st.gc_set_pause(p)`.
//! - Rust handles: `let id = st.pin(v)` registers a root until `st.unpin(id)`; `st.pinned(id)`.
//!
//! ## Coroutines
//! - `st.new_thread(f) -> GcRef<Thread>`, `st.resume(co, &args) -> Result<Resume, LuaError>`
//!   (`Resume::Yield(values)` / `Resume::Return(values)`), `co.get_status()`,
//!   `co.died_with_error()`, `co.error_value()`, `st.close_thread(co)`, `st.is_yieldable()`.
//!
//! ## Hooks and interrupts ([`hook`])
//! - `st.set_hook(thread, Some(hook_fn), hook::MASK_CALL | hook::MASK_LINE, count)`
//!   (`lua_sethook`, per thread, inherited by new coroutines); `st.hook(th)`, `st.hook_mask(th)`,
//!   `st.hook_count(th)`. A [`HookFn`] is `Rc<dyn Fn(&mut State, &HookInfo) -> Result<..>>`; an
//!   `Err` is raised at the hooked point. No cost when no hook is set (two loop instances).
//! - `st.interrupter()` → [`Interrupter`] (`Send + Sync`, `interrupt()` is async-signal-safe):
//!   the running code fails with `interrupted!` at its next trap check.
//!
//! Errors: [`LuaError`] carries a Lua value (`value`) — convert it (e.g. `st.to_str_bytes`)
//! before running Lua code again.

pub mod api;
pub mod builtins;
mod call;
pub mod closure;
pub mod coroutine;
pub mod debug;
pub mod error;
pub mod gc;
pub mod hook;
mod interp;
mod interp_stack;
pub mod meta;
pub mod meta_names;
pub mod number;
pub mod state;
pub mod string;
pub mod table;
pub mod thread;
pub mod userdata;
pub mod value;

pub use api::Ctx;
pub use coroutine::Resume;
pub use error::{ErrorKind, LuaError};
pub use gc::{GcMode, GcRef};
pub use hook::{HookEvent, HookFn, HookInfo, Interrupter};
pub use meta::ArithOp;
pub use meta_names::Tm;
pub use state::{CompilerHook, PinId, State};
pub use string::LuaString;
pub use table::Table;
pub use thread::{CoStatus, Thread};
pub use userdata::UserData;
pub use value::{LuaType, NativeFn, Val, Value};

/// Verify a prototype before running it.
pub(crate) fn verify_proto(p: &aqua_bytecode::Proto) -> Result<(), String> {
    aqua_bytecode::verify(p)
}
