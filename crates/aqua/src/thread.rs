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
            CoStatus::Dead if co.died_with_error() => ThreadStatus::Error,
            CoStatus::Dead => ThreadStatus::Finished,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{Error, Function, Lua, Thread, ThreadStatus, Value};

    fn thread_of(lua: &Lua, src: &str) -> Thread {
        let f: Function = lua.load(src).eval().expect("chunk returns a function");
        lua.create_thread(f).expect("thread")
    }

    #[test]
    fn status_through_a_normal_life() {
        let lua = Lua::new();
        let co = thread_of(
            &lua,
            "return function(a) local b = coroutine.yield(a + 1) return b * 2 end",
        );
        assert_eq!(co.status(), ThreadStatus::Resumable);
        let y: i64 = co.resume(1).expect("first resume");
        assert_eq!(y, 2);
        assert_eq!(co.status(), ThreadStatus::Resumable);
        let r: i64 = co.resume(21).expect("second resume");
        assert_eq!(r, 42);
        assert_eq!(co.status(), ThreadStatus::Finished);
        assert!(matches!(
            co.resume::<()>(()),
            Err(Error::CoroutineUnresumable)
        ));
        assert_eq!(co.status(), ThreadStatus::Finished);
    }

    #[test]
    fn an_error_kills_the_coroutine_with_status_error() {
        let lua = Lua::new();
        let co = thread_of(
            &lua,
            "return function() coroutine.yield(1) error('boom') end",
        );
        let _: i64 = co.resume(()).expect("yields");
        let e = co.resume::<()>(()).expect_err("raises");
        assert!(e.to_string().contains("boom"), "{e}");
        assert_eq!(co.status(), ThreadStatus::Error);
        assert!(matches!(
            co.resume::<()>(()),
            Err(Error::CoroutineUnresumable)
        ));
        assert_eq!(co.status(), ThreadStatus::Error);
    }

    #[test]
    fn an_error_in_a_coroutine_resumed_from_lua_is_status_error() {
        let lua = Lua::new();
        let (bad, good): (Thread, Thread) = lua
            .load(
                "local bad = coroutine.create(function() error({}) end)
                 local good = coroutine.create(function() return 1 end)
                 assert(not coroutine.resume(bad))
                 assert(coroutine.resume(good))
                 return bad, good",
            )
            .eval()
            .expect("chunk");
        assert_eq!(bad.status(), ThreadStatus::Error);
        assert_eq!(good.status(), ThreadStatus::Finished);
    }

    #[test]
    fn running_and_normal_coroutines_are_running() {
        let lua = Lua::new();
        let seen = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
        let s2 = seen.clone();
        let probe = lua
            .create_function(move |_, t: Thread| {
                s2.borrow_mut().push(t.status());
                Ok(())
            })
            .expect("function");
        lua.globals().set("probe", probe).expect("set");
        let v: Value = lua
            .load(
                "local outer
                 outer = coroutine.create(function()
                   probe(outer)
                   local inner = coroutine.create(function() probe(outer) end)
                   coroutine.resume(inner)
                 end)
                 coroutine.resume(outer)
                 return outer",
            )
            .eval()
            .expect("chunk");
        let outer = v.as_thread().expect("a thread").clone();
        assert_eq!(
            *seen.borrow(),
            vec![ThreadStatus::Running, ThreadStatus::Running]
        );
        assert_eq!(outer.status(), ThreadStatus::Finished);
    }

    #[test]
    fn closing_an_errored_coroutine_from_lua_leaves_it_dead() {
        let lua = Lua::new();
        let co: Thread = lua
            .load(
                "local co = coroutine.create(function() error('x') end)
                 coroutine.resume(co)
                 assert(coroutine.status(co) == 'dead')
                 return co",
            )
            .eval()
            .expect("chunk");
        assert_eq!(co.status(), ThreadStatus::Error);
        let closed: (bool, String) = lua
            .load("local co = ... return coroutine.close(co)")
            .call(co.clone())
            .expect("close");
        assert!(!closed.0 && closed.1.contains('x'), "{closed:?}");
        assert_eq!(co.status(), ThreadStatus::Finished);
    }
}
