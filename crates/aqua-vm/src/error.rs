//! Lua errors as Rust values (ldo.c's `luaD_throw` without longjmp).
//!
//! Role: a Lua error is `Err(LuaError)` propagated with `?` up to the nearest protected frame
//! (a `pcall`/`xpcall` marker in the CallInfo chain, a coroutine boundary, or a Rust caller that
//! catches it). No panics or unwinding are used for Lua errors.
//!
//! The error value is a Lua [`Value`]; while the error propagates no safe point runs (message
//! handlers and `__close` methods receive it on the Lua stack), so it stays valid. Rust code that
//! receives an error from the VM must convert or pin the value before calling into Lua again.

use crate::value::Value;

/// Error status (lua.h `LUA_ERR*`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// LUA_ERRRUN
    Runtime,
    /// LUA_ERRSYNTAX (from `load` through the compiler hook)
    Syntax,
    /// LUA_ERRMEM
    Memory,
    /// LUA_ERRERR: error while running a message handler
    ErrorHandler,
}

/// A Lua error.
#[derive(Clone, Debug)]
pub struct LuaError {
    /// The error object (usually a string with position prefix).
    pub value: Value,
    /// Traceback, when a caller asked for one (`State::traceback`).
    pub traceback: Option<String>,
    pub kind: ErrorKind,
    /// The `xpcall` message handler already ran for this error.
    pub(crate) handled: bool,
}

impl LuaError {
    /// An error carrying `value`.
    pub fn new(value: Value) -> LuaError {
        LuaError {
            value,
            traceback: None,
            kind: ErrorKind::Runtime,
            handled: false,
        }
    }
    pub(crate) fn with_kind(value: Value, kind: ErrorKind) -> LuaError {
        LuaError {
            value,
            traceback: None,
            kind,
            handled: false,
        }
    }
}
