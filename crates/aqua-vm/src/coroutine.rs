//! Coroutines (ldo.c `lua_resume`/`lua_yield`, lcorolib.c semantics) at the VM level.
//!
//! Role: a coroutine is a [`Thread`]: its own stack and CallInfo vector. `coroutine.resume`
//! called from Lua switches the running thread inside the same interpreter loop (no Rust
//! recursion): the resumer keeps its `resume` native frame on top until the coroutine yields,
//! returns or fails, and the coroutine's `resumer` link says where to go back. A yield leaves
//! the `yield` native frame on top of the coroutine; resuming it again delivers the resume
//! arguments as that frame's results. A Rust-level resume ([`State::resume`]) runs a nested
//! interpreter with the coroutine as start thread; yielding out of it returns to Rust.
//!
//! Non-yieldable: a thread whose `nny > 0` (a native re-entered the interpreter on it) cannot
//! yield: "attempt to yield across a C-call boundary".

use crate::call::{Exec, Pre};
use crate::gc::GcRef;
use crate::state::State;
use crate::thread::*;
use crate::value::*;
use crate::LuaError;

/// Result of a Rust-level resume.
#[derive(Debug)]
pub enum Resume {
    /// The coroutine yielded these values.
    Yield(Vec<Value>),
    /// The coroutine returned these values (it is now dead).
    Return(Vec<Value>),
}

impl GcRef<Thread> {
    /// Coroutine status as seen from the running thread `cur`.
    pub fn get_status(&self) -> CoStatus {
        self.get().status
    }
    /// Did this (dead) coroutine die with an error?
    pub fn died_with_error(&self) -> bool {
        self.get().errored
    }
    /// The error a dead coroutine died with (nil otherwise).
    pub fn error_value(&self) -> Value {
        self.get().error_value
    }
}

impl State {
    /// Deliver `vals` (already at the resumer's top) to the resumer's `resume` frame.
    fn deliver_to_resumer(&mut self, co: GcRef<Thread>, n_on_co_top: usize, ok_prefix: bool) {
        let resumer = co.get_mut().resumer.take().expect("resumer");
        let wrap = co.get().wrap;
        let c = co.get_mut();
        let first = c.top - n_on_co_top;
        let vals: Vec<Value> = c.stack[first..c.top].to_vec();
        c.top = first;
        self.cur = resumer;
        let r = resumer.get_mut();
        r.status = CoStatus::Running;
        let extra = if ok_prefix && !wrap { 1 } else { 0 };
        let top = r.top;
        if r.ensure(&mut self.heap, top + vals.len() + extra + MIN_STACK)
            .is_err()
        {
            // cannot happen in practice (resume frames reserve MIN_STACK); drop values
            self.poscall(0);
            return;
        }
        let r = resumer.get_mut();
        if extra == 1 {
            r.stack[top] = Value::TRUE;
        }
        r.stack[top + extra..top + extra + vals.len()].copy_from_slice(&vals);
        r.top = top + extra + vals.len();
        self.poscall(vals.len() + extra);
    }

    /// The running coroutine's body returned (its frame count is back to 1).
    pub(crate) fn coroutine_finished(&mut self) {
        let co = self.cur;
        let c = co.get_mut();
        c.status = CoStatus::Dead;
        let n = c.top.saturating_sub(1);
        self.deliver_to_resumer(co, n, true);
    }

    /// `coroutine.yield` request with `n` values on top of the running thread.
    pub(crate) fn do_yield(&mut self, n: usize) -> Result<Pre, LuaError> {
        let co = self.cur;
        let c = co.get_mut();
        if c.is_main {
            // pop the yield frame first? keep it: the error unwinds it
            return Err(self.error_msg("attempt to yield from outside a coroutine"));
        }
        if c.nny > 0 {
            return Err(self.error_msg("attempt to yield across a C-call boundary"));
        }
        c.status = CoStatus::Suspended;
        if let Some(ci) = c.ci.last_mut() {
            ci.status |= CIST_YIELD;
        }
        if c.resumer.is_none() {
            // Rust-level resume: leave the values on top for `State::resume`
            c.aux_yield_n = n;
            return Ok(Pre::YieldOut);
        }
        self.deliver_to_resumer(co, n, true);
        Ok(Pre::Switch)
    }

    /// `coroutine.resume`/`wrap` request: resume `co` with the `n` topmost values.
    pub(crate) fn do_resume(
        &mut self,
        co: GcRef<Thread>,
        n: usize,
        wrap: bool,
    ) -> Result<Pre, LuaError> {
        let me = self.cur;
        let m = me.get_mut();
        let cdepth = m.cur_ci().cdepth;
        let err: Option<&str> = if co.get().status == CoStatus::Dead {
            Some("cannot resume dead coroutine")
        } else if co.get().status != CoStatus::Suspended || co == me {
            Some("cannot resume non-suspended coroutine")
        } else if cdepth + 1 >= MAX_CCALLS {
            Some("C stack overflow")
        } else {
            None
        };
        if let Some(msg) = err {
            if wrap {
                return Err(self.error_at(msg));
            }
            let th = me.get_mut();
            th.top -= n;
            let v = self.new_string(msg.as_bytes());
            let th = me.get_mut();
            let top = th.top;
            th.stack[top] = Value::FALSE;
            th.stack[top + 1] = v;
            th.top = top + 2;
            return self.native_return(2); // (`resume` returns: trap check, return hook)
        }
        // move arguments
        let m = me.get_mut();
        let first = m.top - n;
        let args: Vec<Value> = m.stack[first..m.top].to_vec();
        m.top = first;
        m.status = CoStatus::Normal;
        let c = co.get_mut();
        if c.ensure(&mut self.heap, c.top + n + MIN_STACK).is_err() {
            return Err(self.error_at("stack overflow"));
        }
        let c = co.get_mut();
        let top = c.top;
        c.stack[top..top + n].copy_from_slice(&args);
        c.top = top + n;
        c.status = CoStatus::Running;
        c.resumer = Some(me);
        c.wrap = wrap;
        self.cur = co;
        if c.ci.len() == 1 {
            // first resume: call the body at stack[1]
            c.ci[0].cdepth = cdepth + 1;
            match self.precall(1, -1, 0, cdepth + 1) {
                Ok(Pre::Done) => {
                    // native body finished at once
                    if self.cur == co && co.get().ci.len() == 1 {
                        self.coroutine_finished();
                    }
                    Ok(Pre::Switch)
                }
                Ok(_) => Ok(Pre::Switch),
                Err(e) => Err(e),
            }
        } else {
            // resuming from a yield: the args are the yield frame's results
            self.finish_yield(n)?;
            Ok(Pre::Switch)
        }
    }

    /// Deliver `n` resume values (on top of the running coroutine) as the results of its
    /// pending `yield` frame; if that yield ran as a metamethod (`__index = coroutine.yield`),
    /// finish the interrupted opcode too.
    fn finish_yield(&mut self, n: usize) -> Result<(), LuaError> {
        let th = self.cur.get();
        let status = th.ci.last().map_or(0, |c| c.status);
        let first = if n > 0 {
            th.stack[th.top - n]
        } else {
            Value::NIL
        };
        if th.hook.mask != 0 {
            // the yield (a native) returns the resume values: return hook
            self.hook_return(th.top - n, n)?;
        }
        self.poscall(n);
        if status & CIST_FINISHOP != 0 {
            let r = if status & CIST_LEQ != 0 {
                Value::boolean(first.is_falsy())
            } else {
                first
            };
            self.finish_op(r)?;
        }
        Ok(())
    }

    /// Resume coroutine `co` from Rust with `args`.
    pub fn resume(&mut self, co: GcRef<Thread>, args: &[Value]) -> Result<Resume, LuaError> {
        let me = self.cur;
        if co.get().status == CoStatus::Dead {
            return Err(self.error_msg("cannot resume dead coroutine"));
        }
        if co.get().status != CoStatus::Suspended || co == me {
            return Err(self.error_msg("cannot resume non-suspended coroutine"));
        }
        let cdepth = me.get().cur_ci().cdepth + 1;
        if cdepth >= MAX_CCALLS {
            return Err(self.error_msg("C stack overflow"));
        }
        let c = co.get_mut();
        if c.ensure(&mut self.heap, c.top + args.len() + MIN_STACK)
            .is_err()
        {
            return Err(self.error_msg("stack overflow"));
        }
        let top = c.top;
        c.stack[top..top + args.len()].copy_from_slice(args);
        c.top = top + args.len();
        c.status = CoStatus::Running;
        c.resumer = None;
        c.wrap = false;
        me.get_mut().status = if me.get().is_main {
            CoStatus::Running
        } else {
            CoStatus::Normal
        };
        // keep the resuming thread (and the coroutine) alive while the coroutine runs
        let pin_me = self.pin(Value::thread(me));
        let pin_co = self.pin(Value::thread(co));
        self.cur = co;
        let r: Result<Exec, LuaError> = (|| {
            if co.get().ci.len() == 1 {
                co.get_mut().ci[0].cdepth = cdepth;
                match self.precall(1, -1, 0, cdepth)? {
                    Pre::Done => Ok(Exec::Done),
                    Pre::YieldOut => Ok(Exec::Yield),
                    _ => self.execute(1),
                }
            } else {
                self.finish_yield(args.len())?;
                if self.settle(co, 1)? {
                    return Ok(Exec::Done);
                }
                self.execute(1)
            }
        })();
        self.unpin(pin_me);
        self.unpin(pin_co);
        self.cur = me;
        me.get_mut().status = CoStatus::Running;
        let c = co.get_mut();
        match r {
            Ok(Exec::Yield) => {
                let n = c.aux_yield_n;
                let vals = c.stack[c.top - n..c.top].to_vec();
                c.top -= n;
                c.status = CoStatus::Suspended;
                Ok(Resume::Yield(vals))
            }
            Ok(Exec::Done) => {
                c.status = CoStatus::Dead;
                let vals = c.stack[1..c.top].to_vec();
                c.top = 1;
                Ok(Resume::Return(vals))
            }
            Err(e) => {
                c.status = CoStatus::Dead;
                c.errored = true;
                c.error_value = e.value;
                Err(e)
            }
        }
    }

    /// `coroutine.close`: close a suspended or dead coroutine's pending to-be-closed variables.
    /// `Ok(None)` = closed cleanly, `Ok(Some(err))` = the coroutine had died with `err` or a
    /// `__close` raised it. The `__close`s run non-yieldably (`lua_closethread` is a C call): a
    /// yield inside one is "attempt to yield across a C-call boundary", as in lua5.4.
    pub fn close_thread(&mut self, co: GcRef<Thread>) -> Result<Option<Value>, LuaError> {
        let st = co.get().status;
        if st != CoStatus::Suspended && st != CoStatus::Dead {
            let msg = if co == self.cur {
                "cannot close a running coroutine"
            } else {
                "cannot close a normal coroutine"
            };
            return Err(self.error_at(msg));
        }
        let me = self.cur;
        let prev_err = if co.get().errored {
            Some(co.get().error_value)
        } else {
            None
        };
        self.cur = co;
        co.get_mut().nny += 1;
        let e0 = prev_err.map(LuaError::new);
        let r = self.close_level(1, e0);
        co.get_mut().nny -= 1;
        self.cur = me;
        let c = co.get_mut();
        c.ci.truncate(1);
        c.top = 1;
        c.status = CoStatus::Dead;
        c.tbc.clear();
        c.errored = false;
        c.error_value = Value::NIL;
        match r {
            Ok(Some(e)) => Ok(Some(e.value)),
            Ok(None) => Ok(None),
            Err(e) => Ok(Some(e.value)),
        }
    }

    /// Is the running thread yieldable (`lua_isyieldable`)?
    pub fn is_yieldable(&self) -> bool {
        let t = self.cur.get();
        !t.is_main && t.nny == 0
    }
}
