//! The message handler in force at a raise point (lua's `L->errfunc`, ldebug.c `luaG_errormsg`).
//!
//! Role: when an error is raised, lua5.4 calls the message handler of the innermost protected
//! call *before* anything unwinds: the handler of an `xpcall`, or the one a C host gave
//! `lua_pcall` (lua.c's `msghandler`, which appends a traceback). A plain `pcall` has none, and
//! hides the handlers of the calls below it. Aqua's protected calls are frames flagged in the
//! `CallInfo` chain: `CIST_PCALL` (+ `CIST_XPCALL`, handler at `func + 1`) for `pcall`/`xpcall`,
//! and [`CIST_TRACEBACK`] on the frame below a host's `State::pcall_traceback` (the embedding
//! API's calls, the `aqua` CLI's `docall`) whose handler records the traceback. [`State::errfunc`]
//! walks the chain of the running thread from the top and returns the first one found. A
//! coroutine's own chain starts with no handler (a new thread's `errfunc` is 0 in lua5.4).
//!
//! [`State::run_errfunc`] applies it to an error at its raise point (the interpreter's error
//! path calls it once per error, `LuaError::handled` remembers that it ran). The traceback
//! handler does not change the error value (a Rust host gets the value back as it was raised):
//! it stores `stack traceback:...` in `LuaError::traceback`, and [`State::msghandler_text`]
//! makes lua.c's message from both when a string is needed.
//!
//! [`State::errormsg_value`] is `luaG_errormsg` for the errors a native raises and catches
//! itself, as `lua_load`'s protected parser does: lua5.4 runs the handler for a
//! `C stack overflow` of the parser or an error of a `load` reader function even though `load`
//! returns the message instead of raising it, so an unprotected `load` in a script returns the
//! message with lua.c's traceback appended, and one inside `xpcall` returns the handler's result.

use crate::api::Ctx;
use crate::error::{ErrorKind, LuaError};
use crate::state::State;
use crate::thread::{CIST_PCALL, CIST_XPCALL};
use crate::value::Value;

/// Frame status flag: this frame called a function through `State::pcall_traceback`, which
/// protects everything above it with the traceback message handler (a host's `lua_pcall` with
/// lua.c's `msghandler`). Set on the caller's frame for the duration of the call.
pub(crate) const CIST_TRACEBACK: u16 = 8192;

/// The message handler protecting the running frame.
#[derive(Clone, Copy, Debug)]
pub(crate) enum ErrFunc {
    /// No handler (no protected call, or a `pcall`).
    None,
    /// An `xpcall` handler.
    Handler(Value),
    /// The host's traceback handler.
    Traceback,
}

impl State {
    /// The innermost message handler of the running thread (see the module docs).
    pub(crate) fn errfunc(&self) -> ErrFunc {
        let th = self.cur.get();
        for ci in th.ci.iter().rev() {
            if ci.status & CIST_PCALL != 0 {
                if ci.status & CIST_XPCALL != 0 {
                    let h = th.stack.get(ci.func + 1).copied().unwrap_or(Value::NIL);
                    return ErrFunc::Handler(h);
                }
                return ErrFunc::None;
            }
            if ci.status & CIST_TRACEBACK != 0 {
                return ErrFunc::Traceback;
            }
        }
        ErrFunc::None
    }

    /// Run the innermost message handler for `e`, at its raise point (frames intact):
    /// `luaG_errormsg`. An `xpcall` handler's first result becomes the error value; an error
    /// inside the handler was itself given to the handler (nested, as `luaG_errormsg` does) and
    /// its result is the final value, unless the handler failed for good ("error in error
    /// handling"). The traceback handler records the traceback of the running thread.
    pub(crate) fn run_errfunc(&mut self, e: LuaError) -> LuaError {
        let h = match self.errfunc() {
            ErrFunc::None => return e,
            ErrFunc::Traceback => {
                let mut e = e;
                if e.traceback.is_none() {
                    e.traceback = Some(self.traceback_handler_text(e.value));
                }
                return e;
            }
            ErrFunc::Handler(h) => h,
        };
        // run it on top of the current stack (frames intact)
        self.cur.get_mut().in_overflow = true;
        let top = self.live_top();
        self.cur.get_mut().top = top;
        match self.call_handler(h, &[e.value]) {
            Ok(r) => LuaError {
                value: r.first().copied().unwrap_or(Value::NIL),
                traceback: e.traceback,
                kind: e.kind,
                handled: true,
            },
            Err(e2) if e2.handled && e2.kind != ErrorKind::ErrorHandler => LuaError {
                value: e2.value,
                traceback: e.traceback,
                kind: e.kind,
                handled: true,
            },
            Err(_) => LuaError {
                value: self.new_string(b"error in error handling"),
                traceback: None,
                kind: ErrorKind::ErrorHandler,
                handled: true,
            },
        }
    }

    /// The traceback text of the traceback handler at the raise point. As lua.c's `msghandler`,
    /// the handler is a native function called there (hooks see its call and return), whose
    /// traceback starts at its caller, the frame that raised; if it cannot be called (no C
    /// level left), the traceback is taken directly.
    fn traceback_handler_text(&mut self, v: Value) -> String {
        // (with the stack room kept for error handling, only while it runs)
        let th = self.cur;
        let was = std::mem::replace(&mut th.get_mut().in_overflow, true);
        let top = self.live_top();
        th.get_mut().top = top;
        let tb = match self.call_handler(Value::native(traceback_handler), &[v]) {
            Ok(r) => r.first().and_then(|t| t.str_bytes()).map(|b| b.to_vec()),
            Err(_) => None,
        };
        th.get_mut().in_overflow = was;
        let tb = tb.unwrap_or_else(|| self.traceback(None, None, 0));
        String::from_utf8_lossy(&tb).into_owned()
    }

    /// lua.c's `msghandler` result for error value `v` with the traceback `traceback`
    /// (`stack traceback:\n\t...`): a string or number is the message and gets the traceback
    /// appended; another value with a `__tostring` that gives a string is that string (no
    /// traceback); anything else is `(error object is a X value)` plus the traceback.
    pub fn msghandler_text(&mut self, v: Value, traceback: &[u8]) -> Value {
        let mut msg = match self.to_str_bytes(v) {
            Some(b) => b,
            None => {
                let tm = self.get_metafield(v, "__tostring");
                if !tm.is_nil() {
                    if let Ok(r) = self.call(tm, &[v]) {
                        if let Some(&s) = r.first().filter(|s| s.is_str()) {
                            return s;
                        }
                    }
                }
                format!("(error object is a {} value)", v.type_name()).into_bytes()
            }
        };
        msg.push(b'\n');
        msg.extend_from_slice(traceback);
        self.new_string(&msg)
    }

    /// The value of an error after its handler ran ([`State::run_errfunc`]): lua.c's message
    /// (see [`State::msghandler_text`]) when the traceback handler ran, else the value as it is.
    pub fn handled_value(&mut self, e: &LuaError) -> Value {
        match &e.traceback {
            Some(tb) => {
                let tb = tb.clone();
                self.msghandler_text(e.value, tb.as_bytes())
            }
            None => e.value,
        }
    }

    /// `luaG_errormsg` for an error that the running native raises and catches itself (as
    /// `lua_load`'s protected parser does): the value the innermost message handler makes of
    /// `v`, computed now, with the native on top of the stack.
    pub fn errormsg_value(&mut self, v: Value) -> Value {
        let e = self.run_errfunc(LuaError::new(v));
        self.handled_value(&e)
    }
}

/// The native the traceback handler calls at a raise point (lua.c's `msghandler` without the
/// message: the error value stays as it was raised): the traceback from its caller down.
fn traceback_handler(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let tb = ctx.state().traceback(None, None, 1);
    let v = ctx.new_string(&tb);
    ctx.ret1(v)
}
