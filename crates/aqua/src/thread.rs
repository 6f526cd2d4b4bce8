//! [`Thread`]: a handle to a Lua coroutine, resumable from Rust.
//!
//! A resume from Rust runs the coroutine in a nested interpreter until it yields, returns or
//! fails (`aqua_vm::State::resume`).

use crate::conversion::{FromLuaMulti, IntoLuaMulti};
use crate::error::{Error, Result};
use crate::lua::LuaRef;
use aqua_vm::{CoStatus, Resume};

/// A coroutine handle.
#[derive(Clone, Debug, PartialEq)]
pub struct Thread(pub(crate) LuaRef);

/// Status of a coroutine as seen from Rust.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ThreadStatus {
    /// Created or yielded: can be resumed.
    Resumable,
    /// Running (or resuming another coroutine).
    Running,
    /// Returned normally.
    Finished,
    /// Died with an error.
    Error,
}

impl Thread {
    /// Resume the coroutine with `args`; returns what it yielded or returned.
    pub fn resume<R: FromLuaMulti>(&self, args: impl IntoLuaMulti) -> Result<R> {
        let (lua, t) = self.0.get()?;
        let Some(co) = t.as_thread() else {
            return Err(Error::StateDropped);
        };
        if co.get_status() != CoStatus::Suspended {
            return Err(Error::CoroutineUnresumable);
        }
        let (raw, keep) = lua.args_to_raw(args)?;
        let r = lua.nested(|| lua.st(|s| s.resume(co, &raw)))?;
        drop(keep);
        match r {
            Ok(Resume::Yield(v)) | Ok(Resume::Return(v)) => lua.results_from_raw(&v),
            Err(e) => Err(lua.error_from_vm(e)),
        }
    }

    /// The coroutine's status.
    pub fn status(&self) -> ThreadStatus {
        let Ok((lua, t)) = self.0.get() else {
            return ThreadStatus::Error;
        };
        let _ = lua;
        let Some(co) = t.as_thread() else {
            return ThreadStatus::Error;
        };
        match co.get_status() {
            CoStatus::Suspended => ThreadStatus::Resumable,
            CoStatus::Running | CoStatus::Normal => ThreadStatus::Running,
            // TODO(vm): tell errored from finished once the VM exposes it.
            CoStatus::Dead => ThreadStatus::Finished,
        }
    }
}
