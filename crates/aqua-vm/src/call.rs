//! Calls, returns, errors and thread switches (ldo.c).
//!
//! Role: `precall` starts a call of the value at `stack[func]` with the arguments above it: a
//! Lua function gets a new `CallInfo` (its frame `stack[base .. base+maxstacksize]` reserved
//! here — the invariant that lets the interpreter index registers unchecked) and the
//! interpreter continues in the same loop (stackless); a native runs to completion right here
//! and its results are moved into place by `poscall` (unless it asked for a control transfer:
//! protected call, yield, resume). `execute` runs the interpreter until the frame depth drops
//! to a stop level, catching errors at protected frames (`pcall`/`xpcall` markers) or at
//! coroutine boundaries, and returning uncaught errors with the frames still in place (so that
//! the catcher can produce a traceback). An error caught by a pcall closes the pending
//! to-be-closed variables above it through pushed frames (`pcall_close`, the pcall frame flagged
//! `CIST_CLSRET`), so a Lua `__close` run by the unwinding may yield; the pcall returns
//! `false, err` only after the last one.

use crate::api::{Ctx, Req};
use crate::closure::NativeCode;
use crate::debug::errfunc::CIST_TRACEBACK;
use crate::gc::GcRef;
use crate::state::State;
use crate::thread::*;
use crate::value::*;
use crate::{ErrorKind, LuaError};

/// Outcome of `precall`.
pub(crate) enum Pre {
    /// A Lua frame was pushed on the current thread.
    Lua,
    /// A native ran; its results are in place.
    Done,
    /// The running thread changed or frames were popped: re-examine the top frame.
    Switch,
    /// The start thread of the running `execute` yielded (Rust-level resume).
    YieldOut,
}

/// Outcome of `execute`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Exec {
    Done,
    Yield,
}

impl State {
    /// Top of the used stack of the running thread (above every live register).
    #[inline]
    pub(crate) fn live_top(&self) -> usize {
        let th = self.cur.get();
        let ci = th.cur_ci();
        if ci.is_lua() {
            th.top.max(ci.top)
        } else {
            th.top
        }
    }

    #[cold]
    pub(crate) fn stack_overflow(&mut self) -> LuaError {
        self.cur.get_mut().in_overflow = true;
        self.rt_error(b"stack overflow")
    }

    /// Start calling `stack[func]` with arguments `stack[func+1 .. top]`.
    #[inline(never)]
    pub(crate) fn precall(
        &mut self,
        func: usize,
        nresults: i32,
        status: u16,
        cdepth: u16,
    ) -> Result<Pre, LuaError> {
        let mut tries = 0;
        loop {
            let th = self.cur.get_mut();
            let f = th.stack[func];
            match f.tag {
                T_LCL => {
                    // SAFETY: tag checked.
                    let cl: GcRef<crate::closure::LClosure> = unsafe { GcRef::from_addr(f.p) };
                    let p = cl.get().proto.get();
                    let nargs = th.top - func - 1;
                    let fsize = p.maxstacksize as usize;
                    let need = func + 2 + nargs + fsize;
                    if need > th.stack.len() && th.grow_stack(&mut self.heap, need).is_err() {
                        return Err(self.stack_overflow());
                    }
                    let np = p.numparams as usize;
                    for i in nargs..np {
                        th.stack[func + 1 + i] = Value::NIL;
                    }
                    th.ci.push(CallInfo {
                        func,
                        base: func + 1,
                        top: func + 1 + fsize,
                        pc: 0,
                        nresults,
                        status: CIST_LUA | status,
                        cdepth,
                        nextra: nargs as u32,
                        aux: 0,
                    });
                    return Ok(Pre::Lua);
                }
                T_NFN | T_NCL => return self.call_native(func, nresults, status, cdepth),
                _ => {
                    // __call
                    let tm = self.get_tm(f, crate::Tm::Call);
                    if tm.is_nil() || tries > 100 {
                        return Err(self.call_error(func));
                    }
                    tries += 1;
                    let th = self.cur.get_mut();
                    if th.ensure(&mut self.heap, th.top + 1).is_err() {
                        return Err(self.stack_overflow());
                    }
                    let top = th.top;
                    th.stack.copy_within(func..top, func + 1);
                    th.stack[func] = tm;
                    th.top += 1;
                }
            }
        }
    }

    #[cold]
    pub(crate) fn call_error(&mut self, func: usize) -> LuaError {
        // luaG_callerror: typeerror(func, "call") with funcnamefromcall's info
        let f = self.cur.get().stack[func];
        let info = crate::debug::callerror_info(self, func);
        let mut msg = b"attempt to call a ".to_vec();
        msg.extend_from_slice(&self.obj_type_name(f));
        msg.extend_from_slice(b" value");
        msg.extend_from_slice(&info);
        self.rt_error(&msg)
    }

    #[inline(never)]
    fn call_native(
        &mut self,
        func: usize,
        nresults: i32,
        status: u16,
        cdepth: u16,
    ) -> Result<Pre, LuaError> {
        let th = self.cur.get_mut();
        let need = th.top + MIN_STACK;
        if need > th.stack.len() && th.grow_stack(&mut self.heap, need).is_err() {
            return Err(self.stack_overflow());
        }
        let top = th.top;
        th.ci.push(CallInfo {
            func,
            base: func + 1,
            top: top + MIN_STACK,
            pc: 0,
            nresults,
            status,
            cdepth,
            nextra: 0,
            aux: 0,
        });
        if th.hook.mask & crate::hook::MASK_CALL != 0 {
            self.hook_call_native(top - func - 1)?;
        }
        let f = th.stack[func];
        let mut ctx = Ctx {
            st: self,
            func,
            req: Req::None,
        };
        let n = match f.view() {
            Val::NFunc(nf) => nf(&mut ctx)?,
            Val::NClosure(c) => match &c.get().code {
                NativeCode::Fn(nf) => nf(&mut ctx)?,
                NativeCode::Boxed(b) => b(&mut ctx)?,
            },
            _ => 0,
        };
        let req = ctx.req;
        match req {
            Req::None => self.native_return(n),
            Req::PCall { xpcall } => {
                let th = self.cur.get_mut();
                let ci = th.ci.last_mut().expect("native frame");
                ci.status |= CIST_PCALL | if xpcall { CIST_XPCALL } else { 0 };
                // like lua_pcallk's luaD_call, a protected call counts as a C level
                let cd = ci.cdepth + 1;
                self.check_cstack(cd)?;
                let callee = ci.func + if xpcall { 2 } else { 1 };
                match self.precall(callee, -1, 0, cd)? {
                    Pre::Lua => Ok(Pre::Lua),
                    Pre::Done => {
                        if self.cur.get().hook.mask != 0 {
                            self.hook_pcall_return()?;
                        }
                        self.finish_pcall();
                        Ok(Pre::Done)
                    }
                    other => Ok(other),
                }
            }
            Req::TailCall { offset, nres } => {
                let th = self.cur.get_mut();
                let ci = th.ci.last_mut().expect("native frame");
                ci.status |= CIST_FORWARD;
                ci.aux = offset as u32;
                let cd = ci.cdepth;
                let callee = ci.func + 1 + offset;
                match self.precall(callee, nres, 0, cd)? {
                    Pre::Lua => Ok(Pre::Lua),
                    Pre::Done => {
                        self.finish_forward();
                        Ok(Pre::Done)
                    }
                    other => Ok(other),
                }
            }
            Req::Yield { n } => self.do_yield(n),
            Req::Resume { co, n, wrap } => self.do_resume(co, n, wrap),
        }
    }

    /// The native frame on top returned `n` results normally (its topmost values): the trap
    /// check of a native return — a pending interrupt is raised with the native still on top
    /// (as lua.c's return hook `lstop` does), the return hook runs — then `poscall`. This is
    /// the one trap check after a native call: the interpreter only re-reads the hook mask.
    #[inline]
    pub(crate) fn native_return(&mut self, n: usize) -> Result<Pre, LuaError> {
        if self.cur.get().hook.mask != 0
            || self.trap.load(std::sync::atomic::Ordering::Relaxed) & crate::hook::TRAP_INTERRUPT
                != 0
        {
            self.native_return_slow(n)?; // interrupt, return hook
        }
        self.poscall(n);
        Ok(Pre::Done)
    }

    /// Finish a native frame: move its `n` topmost values to its function slot, adjust to the
    /// wanted count, pop the frame (`luaD_poscall`).
    #[inline]
    pub(crate) fn poscall(&mut self, n: usize) {
        let th = self.cur.get_mut();
        let first = th.top - n;
        self.poscall_from(first, n);
    }

    /// Like `poscall` with the results at `stack[first .. first+n]`.
    pub(crate) fn poscall_from(&mut self, first: usize, n: usize) {
        let th = self.cur.get_mut();
        let Some(ci) = th.ci.pop() else { return };
        let res = ci.func;
        let wanted = ci.nresults;
        if wanted < 0 {
            if first != res {
                // (res < first: a forward element-wise copy is a correct memmove)
                for j in 0..n {
                    th.stack[res + j] = th.stack[first + j];
                }
            }
            th.top = res + n;
        } else {
            let w = wanted as usize;
            let m = n.min(w);
            if first != res {
                for j in 0..m {
                    th.stack[res + j] = th.stack[first + j];
                }
            }
            for i in m..w {
                th.stack[res + i] = Value::NIL;
            }
            th.top = res + w;
        }
    }

    /// Finish a `pcall`/`xpcall` frame whose callee returned normally.
    pub(crate) fn finish_pcall(&mut self) {
        let th = self.cur.get_mut();
        let ci = *th.ci.last().expect("pcall frame");
        let off = if ci.status & CIST_XPCALL != 0 { 2 } else { 1 };
        let first = ci.func + off - 1;
        th.stack[first] = Value::TRUE;
        let n = th.top - first;
        self.poscall_from(first, n);
    }

    /// Finish a forwarding (tail-calling) native frame.
    pub(crate) fn finish_forward(&mut self) {
        let th = self.cur.get_mut();
        let ci = *th.ci.last().expect("forward frame");
        let first = ci.func + 1 + ci.aux as usize;
        let n = th.top.saturating_sub(first);
        self.poscall_from(first, n);
    }

    /// After a frame was popped (or the thread changed): settle native continuation frames
    /// and finished coroutines until a Lua frame is on top (`Ok(false)`) or the execute must
    /// exit (`Ok(true)`).
    #[inline(never)]
    pub(crate) fn settle(&mut self, start: GcRef<Thread>, stop: usize) -> Result<bool, LuaError> {
        loop {
            let cur = self.cur;
            let th = cur.get_mut();
            let len = th.ci.len();
            if cur == start && len <= stop {
                return Ok(true);
            }
            if len == 1 {
                // a coroutine body returned: deliver to the resumer
                if th.resumer.is_some() {
                    self.coroutine_finished();
                    continue;
                }
                return Ok(true);
            }
            let ci = th.ci[len - 1];
            if ci.is_lua() {
                return Ok(false);
            }
            if ci.status & CIST_PCALL != 0 {
                if ci.status & CIST_CLSRET != 0 {
                    // a `__close` run by the error unwinding returned: close the next ones
                    self.pcall_close()?;
                } else {
                    if th.hook.mask != 0 {
                        self.hook_pcall_return()?;
                    }
                    self.finish_pcall();
                }
                continue;
            }
            if ci.status & CIST_FORWARD != 0 {
                self.finish_forward();
                continue;
            }
            // A plain native frame on top can only be a frame that re-entered the interpreter
            // (below our stop level): exit.
            return Ok(true);
        }
    }

    /// Close upvalues and pending to-be-closed variables at or above `level` of the current
    /// thread (`luaF_close`); `err` is passed to `__close` (nil for normal exits). Returns the
    /// possibly replaced error.
    #[inline(never)]
    pub(crate) fn close_level(
        &mut self,
        level: usize,
        mut err: Option<LuaError>,
    ) -> Result<Option<LuaError>, LuaError> {
        let had_err = err.is_some();
        let mut raised = false;
        let th = self.cur.get_mut();
        th.close_upvals(level);
        loop {
            let th = self.cur.get_mut();
            let Some(&idx) = th.tbc.last() else { break };
            if idx < level {
                break;
            }
            th.tbc.pop();
            let obj = th.stack[idx];
            let tm = self.get_tm(obj, crate::Tm::Close);
            let ev = err.as_ref().map(|e| e.value).unwrap_or(Value::NIL);
            if let Err(e) = self.call(tm, &[obj, ev]) {
                // the new error replaces the current one; the other pending variables are
                // still closed (with it)
                err = Some(e);
                raised = true;
            }
        }
        if raised && !had_err {
            // a normal exit whose `__close` raised: propagate that error
            if let Some(e) = err {
                return Err(e);
            }
        }
        Ok(err)
    }

    /// Run the interpreter on the current thread until its frame count drops to `stop`.
    pub(crate) fn execute(&mut self, stop: usize) -> Result<Exec, LuaError> {
        let start = self.cur;
        loop {
            let r = if self.stack_vm {
                crate::interp_stack::run(self, start, stop) // `--target=stack`
            } else {
                crate::interp::run(self, start, stop)
            };
            match r {
                Ok(x) => return Ok(x),
                Err(e) => {
                    // recovered: continue (`run` settles the frames first, and leaves at
                    // once if a `__close` run by the unwinding yielded out)
                    self.handle_error(start, stop, e)?;
                }
            }
        }
    }

    /// Find where an error goes. `Ok(())`: recovered inside this execute (continue running);
    /// `Err(e)`: propagate to the Rust caller.
    pub(crate) fn handle_error(
        &mut self,
        start: GcRef<Thread>,
        stop: usize,
        mut e: LuaError,
    ) -> Result<(), LuaError> {
        loop {
            // message handler at the raise point
            if !e.handled {
                e.handled = true;
                e = self.apply_handler(e);
            }
            let cur = self.cur;
            let th = cur.get_mut();
            let floor = if cur == start { stop } else { 1 };
            let mut found = None;
            let mut j = th.ci.len();
            while j > floor {
                j -= 1;
                if th.ci[j].status & CIST_PCALL != 0 {
                    found = Some(j);
                    break;
                }
            }
            if let Some(j) = found {
                let ci = th.ci[j];
                let off = if ci.status & CIST_XPCALL != 0 { 2 } else { 1 };
                let level = ci.func + off;
                th.in_overflow = false;
                // The frames above the pcall are gone; the pending to-be-closed variables of
                // those frames are closed by pushed frames (yieldable, like lua5.4's
                // `finishpcallk`), the error value waiting in the callee's slot.
                th.ci.truncate(j + 1);
                th.top = th.top.max(level + 1);
                th.close_upvals(level);
                if let Some(c) = th.ci.last_mut() {
                    c.status |= CIST_CLSRET;
                }
                th.stack[level] = e.value;
                if let Err(e2) = self.pcall_close() {
                    e = e2; // raised by the pcall's return hook
                    continue;
                }
                return Ok(());
            }
            if cur != start {
                if th.resumer.is_some() {
                    // the coroutine dies; deliver the error to its resumer
                    th.status = CoStatus::Dead;
                    th.errored = true;
                    th.error_value = e.value;
                    let wrap = th.wrap;
                    if wrap {
                        // lua_closethread: run the dead coroutine's pending `__close`s first
                        let pending = !th.tbc.is_empty();
                        if pending {
                            th.nny += 1;
                            e = match self.close_level(1, Some(e.clone())) {
                                Ok(Some(x)) => x,
                                Ok(None) => e,
                                Err(x) => x,
                            };
                            cur.get_mut().nny -= 1;
                        }
                    }
                    let th = cur.get_mut();
                    th.error_value = e.value;
                    let resumer = th.resumer.take().expect("resumer");
                    self.cur = resumer;
                    resumer.get_mut().status = CoStatus::Running;
                    if wrap {
                        // propagate in the resumer, prefixed with the caller position
                        let mut e2 = e;
                        if let Some(s) = e2.value.str_bytes() {
                            let mut m = self.where_(1);
                            if !m.is_empty() {
                                m.extend_from_slice(s);
                                e2.value = self.new_string(&m);
                            }
                        }
                        e2.handled = false;
                        e = e2;
                        continue;
                    }
                    let th = resumer.get_mut();
                    let top = th.top;
                    if th.ensure(&mut self.heap, top + 2).is_err() {
                        return Err(e);
                    }
                    th.stack[top] = Value::FALSE;
                    th.stack[top + 1] = e.value;
                    th.top = top + 2;
                    self.poscall(2);
                    return Ok(());
                }
                return Err(e);
            }
            return Err(e);
        }
    }

    /// Run the pending `__close` metamethods of the failed protected call on top of the running
    /// thread (flagged `CIST_CLSRET`, error value at its callee slot `level`), newest first. A
    /// `__close` written in Lua is pushed as a frame (it may yield) and this returns: `settle`
    /// calls it again when that frame returned. A `__close` that raises replaces the error (a
    /// synchronous native error is handled here; an error of a pushed frame comes back through
    /// `handle_error`, which finds the same pcall frame). When none is left, the pcall frame
    /// returns `false, err`. Fails only if the pcall's return hook raises an error (the pcall
    /// frame is then no longer a protected frame: the error goes to an outer one).
    #[inline(never)]
    pub(crate) fn pcall_close(&mut self) -> Result<(), LuaError> {
        let me = self.cur;
        loop {
            let th = me.get_mut();
            let j = th.ci.len() - 1;
            let ci = th.ci[j];
            let off = if ci.status & CIST_XPCALL != 0 { 2 } else { 1 };
            let level = ci.func + off;
            let next = match th.tbc.last() {
                Some(&idx) if idx >= level => Some(idx),
                _ => None,
            };
            let Some(idx) = next else {
                // all closed: `false, err`
                th.ci[j].status &= !CIST_CLSRET;
                let ev = th.stack[level];
                th.top = level + 1;
                if th.hook.mask != 0 {
                    // the protection is over: an error of the return hook goes further out
                    th.ci[j].status &= !(CIST_PCALL | CIST_XPCALL);
                    self.hook_return_values(&[Value::FALSE, ev])?;
                }
                let th = me.get_mut();
                th.stack[level - 1] = Value::FALSE;
                th.stack[level] = ev;
                th.top = level + 1;
                self.poscall_from(level - 1, 2);
                return Ok(());
            };
            th.tbc.pop();
            if idx == level {
                // (cannot happen: variables live in Lua registers above a function slot)
                continue;
            }
            // everything above the variable is dead; the error value stays below it
            th.top = idx + 1;
            let obj = th.stack[idx];
            let ev = th.stack[level];
            let tm = self.get_tm(obj, crate::Tm::Close);
            match self.call_tm(tm, &[obj, ev], 0, true) {
                Ok(Some(_)) => continue,
                Ok(None) => return Ok(()),
                Err(mut e) => {
                    self.cur = me;
                    if !e.handled {
                        e.handled = true;
                        e = self.apply_handler(e);
                    }
                    let th = me.get_mut();
                    th.ci.truncate(j + 1);
                    th.in_overflow = false;
                    th.stack[level] = e.value;
                }
            }
        }
    }

    /// Run the message handler in force at the raise point (`luaG_errormsg`): an `xpcall`
    /// handler, or the traceback handler of a `pcall_traceback` (see `debug/errfunc.rs`).
    fn apply_handler(&mut self, e: LuaError) -> LuaError {
        self.run_errfunc(e)
    }

    /// lua5.4's check of a new C level (`ccall` + `luaE_checkcstack`): reaching exactly
    /// `MAX_CCALLS` levels is "C stack overflow"; the levels above it are room for handling that
    /// error (message handlers and what they call), up to `MAX_CCALLS / 10 * 11`, where it is
    /// "error in error handling". (Only error handling gets past `MAX_CCALLS`: every other path
    /// stops there.)
    #[inline]
    pub(crate) fn check_cstack(&mut self, cd: u16) -> Result<(), LuaError> {
        if cd < MAX_CCALLS {
            return Ok(());
        }
        self.cstack_error(cd)
    }

    #[cold]
    fn cstack_error(&mut self, cd: u16) -> Result<(), LuaError> {
        if cd >= MAX_CCALLS / 10 * 11 {
            let v = self.new_string(b"error in error handling");
            Err(LuaError::with_kind(v, ErrorKind::ErrorHandler))
        } else if cd == MAX_CCALLS {
            Err(self.rt_error(b"C stack overflow"))
        } else {
            Ok(())
        }
    }

    /// Call `f` with `args` from Rust (non-yieldable, counted against the C-stack limit).
    /// On error the stack and frames are restored to their state before the call.
    pub fn call(&mut self, f: Value, args: &[Value]) -> Result<Vec<Value>, LuaError> {
        self.call_inner(f, args, false, false)
    }

    /// [`State::call`] of a message handler (`luaG_errormsg`'s call): it may use the C levels
    /// above `MAX_CCALLS` kept for error handling, so that a handler runs for a
    /// "C stack overflow" too (see [`State::check_cstack`]).
    pub(crate) fn call_handler(
        &mut self,
        f: Value,
        args: &[Value],
    ) -> Result<Vec<Value>, LuaError> {
        self.call_inner(f, args, false, true)
    }

    /// Like [`State::call`], with a traceback (taken at the error point, before unwinding) in
    /// `LuaError::traceback`.
    pub fn pcall_traceback(&mut self, f: Value, args: &[Value]) -> Result<Vec<Value>, LuaError> {
        self.call_inner(f, args, true, false)
    }

    fn call_inner(
        &mut self,
        f: Value,
        args: &[Value],
        want_tb: bool,
        handler: bool,
    ) -> Result<Vec<Value>, LuaError> {
        let th = self.cur;
        // place the call above every live slot, restore `top` exactly afterwards (a pending
        // multi-result count below may depend on it, e.g. a finalizer run at a safe point)
        let saved_top = th.get().top;
        let func = self.live_top();
        let depth = th.get().ci.len();
        let cdepth = th.get().cur_ci().cdepth + 1;
        if cdepth >= MAX_CCALLS && !(handler && cdepth == MAX_CCALLS) {
            self.check_cstack(cdepth)?;
        }
        let t = th.get_mut();
        if t.ensure(&mut self.heap, func + 1 + args.len() + MIN_STACK)
            .is_err()
        {
            return Err(self.stack_overflow());
        }
        let t = th.get_mut();
        t.stack[func] = f;
        t.stack[func + 1..func + 1 + args.len()].copy_from_slice(args);
        t.top = func + 1 + args.len();
        t.nny += 1;
        // With a traceback: the calling frame protects the call with the traceback message
        // handler, which records the traceback where an error is raised (`run_errfunc`).
        let flagged = want_tb && set_traceback_flag(t, depth - 1);
        let r = match self.precall(func, -1, 0, cdepth) {
            Ok(Pre::Lua) | Ok(Pre::Switch) => self.execute(depth).map(|_| ()),
            Ok(Pre::Done) => Ok(()),
            Ok(Pre::YieldOut) => Ok(()),
            // raised by a native called here directly (not through the interpreter, whose
            // `handle_error` ran the handler): run it now, the native's frame still on top
            Err(mut e) if !e.handled => {
                e.handled = true;
                Err(self.run_errfunc(e))
            }
            Err(e) => Err(e),
        };
        if flagged {
            if let Some(c) = th.get_mut().ci.get_mut(depth - 1) {
                c.status &= !CIST_TRACEBACK;
            }
        }
        let mut tb = None;
        if want_tb {
            if let Err(e) = &r {
                if e.traceback.is_none() {
                    // raised where no handler ran (a native called directly)
                    let t = self.traceback(None, None, 0);
                    tb = Some(String::from_utf8_lossy(&t).into_owned());
                }
            }
        }
        self.cur = th;
        let t = th.get_mut();
        t.nny -= 1;
        match r {
            Ok(()) => {
                let res = t.stack[func..t.top].to_vec();
                t.top = saved_top;
                Ok(res)
            }
            Err(e) => {
                t.ci.truncate(depth);
                let mut e = match self.close_level(func, Some(e.clone())) {
                    Ok(Some(x)) => x,
                    Ok(None) => e,
                    Err(x) => x,
                };
                if tb.is_some() {
                    e.traceback = tb;
                }
                th.get_mut().top = saved_top;
                Err(e)
            }
        }
    }

    /// GC safe point (`luaC_checkGC`).
    #[allow(dead_code)]
    #[inline(always)]
    pub(crate) fn check_gc(&mut self) {
        if self.heap.should_collect() {
            self.collect_garbage();
        }
    }
}

/// Flag frame `idx` of `t` with `CIST_TRACEBACK` for a `pcall_traceback` made from it; false
/// when it already was (an outer call of the same frame keeps it).
fn set_traceback_flag(t: &mut crate::thread::Thread, idx: usize) -> bool {
    match t.ci.get_mut(idx) {
        Some(c) if c.status & CIST_TRACEBACK == 0 => {
            c.status |= CIST_TRACEBACK;
            true
        }
        _ => false,
    }
}
