//! Aqua: Lua 5.4 in Rust — the embedding API (an mlua-like layer over `aqua-vm`).
//!
//! Place in the pipeline: the top crate. [`Lua::new`] makes a VM state (`aqua_vm::State`) with
//! the standard libraries of `aqua-stdlib` (which also installs `aqua-compiler` as the state's
//! compiler); the `aqua` command-line program (`src/main.rs`, `src/cli/`) is built on this API.
//!
//! ```
//! use aqua::{Lua, Table, Function, Result};
//! # fn main() -> Result<()> {
//! let lua = Lua::new();
//! lua.load("x = 1 + 1").set_name("=example").exec()?;
//! let v: i64 = lua.load("return x * 21").eval()?;
//! assert_eq!(v, 42);
//!
//! lua.globals().set("add", lua.create_function(|_, (a, b): (i64, i64)| Ok(a + b))?)?;
//! let f: Function = lua.globals().get("add")?;
//! let r: i64 = f.call((1, 2))?;
//! assert_eq!(r, 3);
//!
//! let t: Table = lua.create_table()?;
//! t.set(1, "x")?;
//! let s: String = t.get(1)?;
//! assert_eq!(s, "x");
//! assert_eq!(t.len()?, 1);
//! # Ok(())
//! # }
//! ```
//!
//! Modules: [`lua`] (the state handle, callbacks), [`value`] (the [`Value`] enum), [`table`],
//! [`function`], [`string`], [`thread`], [`userdata`] (the [`UserData`] trait), [`conversion`]
//! ([`IntoLua`]/[`FromLua`] and multi-value forms), [`chunk`] (loading code), [`error`].
//!
//! Handles ([`Table`], [`Function`], [`LuaString`], [`AnyUserData`], [`Thread`]) pin their object
//! in the VM's root set while they live and unpin it when dropped; they hold only a weak reference
//! to the state (see `lua.rs`).

pub mod chunk;
pub mod conversion;
pub mod error;
pub mod function;
pub mod hook;
pub mod lua;
pub mod scope;
pub mod string;
pub mod table;
pub mod thread;
pub mod userdata;
pub mod value;

#[cfg(test)]
mod tests;

pub use chunk::{AsChunk, Chunk, ChunkMode};
pub use conversion::{BString, FromLua, FromLuaMulti, IntoLua, IntoLuaMulti, MultiValue, Variadic};
pub use error::{Error, ExternalError, ExternalResult, Result};
pub use function::Function;
pub use hook::{Debug, DebugEvent, DebugNames, DebugSource, HookTriggers, Interrupter};
pub use lua::{Allocator, CompilerOptions, Lua, RegistryKey, Target};
pub use scope::Scope;
pub use string::{BorrowedBytes, LuaString};
pub use table::{Table, TablePairs, TableSequence};
pub use thread::{Thread, ThreadStatus};
pub use userdata::{
    AnyUserData, MetaMethod, UserData, UserDataFields, UserDataMethods, UserDataRef, UserDataRefMut,
};
pub use value::{LightUserData, Nil, Value};

/// The VM crate, for code that needs raw access (`Lua::with_raw_state`).
pub use aqua_vm as raw;

/// Write out what Lua code printed (`print` and `io.write` output is buffered). Call it before
/// writing to stdout or stderr directly, and at exit.
pub fn flush_stdout() {
    aqua_stdlib::flush_stdout();
    let _ = std::io::Write::flush(&mut std::io::stdout());
}

/// The version of Aqua.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The banner line of `aqua -v` (same shape as lua5.4's `Lua 5.4.6  Copyright ...`).
pub const COPYRIGHT: &str = concat!(
    "Aqua ",
    env!("CARGO_PKG_VERSION"),
    " (Lua 5.4)  Copyright (C) 2026 the Aqua authors"
);

/// Everything commonly needed, for `use aqua::prelude::*`.
pub mod prelude {
    pub use crate::{
        AnyUserData, Error, FromLua, FromLuaMulti, Function, IntoLua, IntoLuaMulti, Lua, LuaString,
        MetaMethod, MultiValue, Result, Table, Thread, UserData, UserDataFields, UserDataMethods,
        Value, Variadic,
    };
}
