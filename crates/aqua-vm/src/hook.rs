//! Debug hooks and the interrupt trap (ldo.c `luaD_hook`, `luaD_hookcall`, `rethook`; ldebug.c
//! `luaG_traceexec`; lua.c's `lstop`).
//!
//! Role: every thread has its own hook (`Thread::hook`, a [`HookState`], as `lua_sethook` sets
//! per `lua_State`): a Rust callback ([`HookFn`]), an event mask ([`MASK_CALL`] | [`MASK_RET`] |
//! [`MASK_LINE`] | [`MASK_COUNT`]), the count period and `allowhook`. `debug.sethook`
//! (aqua-stdlib) installs a callback that calls the Lua hook function it keeps in the registry, as
//! ldblib.c's `hookf` does; the embedding API installs its own callbacks. A new thread inherits
//! its creator's hook (`lua_newthread`).
//!
//! When hooks fire (as in lua5.4):
//! - call: when a Lua function starts (after `VARARGPREP` for vararg functions; event
//!   "tail call" when entered through a tail call) and when a native function starts;
//! - return: before a returning function's results are moved (`do_return`, native returns);
//! - line: before an instruction whose line differs from the last traced instruction's, or that
//!   is reached by a jump backwards (5.4's `changedline` / `npci <= oldpc` rule);
//! - count: every `count` instructions.
//!
//! A hook runs with the hooked frame on top, flagged `CIST_HOOKED`, and with `allowhook` off (no
//! hook fires while a hook of the same thread runs); a Lua hook function is called above it with
//! `State::call`, so inside it level 1 is the hook and level 2 the hooked function. An error
//! raised by a hook propagates as a normal Lua error from the hooked point.
//!
//! Zero cost when no hook is set (lvm.c's `trap` idea, taken one step further): the interpreter
//! loop is instantiated twice (`interp::run_loop::<HOOKED>`). The plain instance has no
//! per-instruction check at all: it reads the trap word ([`State`]'s `trap`) only at backward
//! jumps, after slow paths that may have run code, and when it (re-)enters a frame ('newframe,
//! where it also compares the running thread's hook mask), and then switches to the hooked
//! instance (which calls `State::trace_exec` before every instruction) or raises the
//! interrupt. Hooks are installed by code, and code runs only in slow paths: those compare the
//! running thread's mask again (one more load), so backward jumps test the trap word alone.
//!
//! Interrupts: an [`Interrupter`] (from [`State::interrupter`]) sets `TRAP_INTERRUPT` with one
//! atomic OR — async-signal-safe, usable from a signal handler or another OS thread. The VM
//! notices it at the next trap check of the running code (a backward jump, a call, a return,
//! any instruction while hooks are on, the return of a native function) and raises the error
//! `interrupted!` there, positioned like lua.c's `lstop` (`luaL_where(L, 1)`).

use crate::closure::LProto;
use crate::gc::GcRef;
use crate::state::State;
use crate::thread::{Thread, CIST_HOOKED, CIST_TAIL};
use crate::LuaError;
use std::rc::Rc;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::Arc;

/// Hook on function calls (`LUA_MASKCALL`).
pub const MASK_CALL: u8 = 1;
/// Hook on function returns (`LUA_MASKRET`).
pub const MASK_RET: u8 = 2;
/// Hook on new lines (`LUA_MASKLINE`).
pub const MASK_LINE: u8 = 4;
/// Hook every `count` instructions (`LUA_MASKCOUNT`).
pub const MASK_COUNT: u8 = 8;

/// Trap word bit: an interrupt was requested ([`Interrupter::interrupt`]).
pub(crate) const TRAP_INTERRUPT: u8 = 1;

/// A hook event (`lua_Debug.event`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HookEvent {
    Call,
    Return,
    Line,
    Count,
    TailCall,
}

impl HookEvent {
    /// The name `debug.sethook` hooks receive: "call", "return", "line", "count", "tail call".
    pub fn name(self) -> &'static str {
        match self {
            HookEvent::Call => "call",
            HookEvent::Return => "return",
            HookEvent::Line => "line",
            HookEvent::Count => "count",
            HookEvent::TailCall => "tail call",
        }
    }
}

/// What a hook callback is told (the hooked function is the top frame of the running thread:
/// level 0 for `State::where_`/traceback-style queries made by the callback itself).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HookInfo {
    pub event: HookEvent,
    /// Line events: the new line (`None` for stripped code and for the other events).
    pub line: Option<u32>,
}

/// A hook callback. An `Err` is raised as a Lua error at the hooked point.
pub type HookFn = Rc<dyn Fn(&mut State, &HookInfo) -> Result<(), LuaError>>;

/// The hook state of one thread (`L->hook`, `hookmask`, `basehookcount`, `hookcount`,
/// `allowhook`, `oldpc`).
#[derive(Clone)]
pub(crate) struct HookState {
    pub(crate) func: Option<HookFn>,
    /// `MASK_*` bits; 0 exactly when `func` is `None`.
    pub(crate) mask: u8,
    /// The count as given to `set_hook` (`lua_gethookcount`; counting needs it positive).
    pub(crate) basecount: i32,
    /// Instructions left before the next count event (counts down while `MASK_COUNT` is set).
    pub(crate) count: u32,
    /// Hooks may fire (off while a hook of this thread runs).
    pub(crate) allow: bool,
    /// Index of the last instruction traced for line events (`L->oldpc`).
    pub(crate) oldpc: u32,
    /// While a call/return hook runs: `(ftransfer, ntransfer)` of the hooked frame (the frame
    /// flagged `CIST_HOOKED`), for `debug.getinfo`'s `r` option.
    pub(crate) transfer: Option<(u32, u32)>,
}

impl Default for HookState {
    fn default() -> HookState {
        HookState {
            func: None,
            mask: 0,
            basecount: 0,
            count: 0,
            allow: true,
            oldpc: 0,
            transfer: None,
        }
    }
}

impl HookState {
    /// The hook a new thread starts with (`lua_newthread` copies hook, mask and count).
    pub(crate) fn inherit(&self) -> HookState {
        HookState {
            func: self.func.clone(),
            mask: self.mask,
            basecount: self.basecount,
            count: self.basecount.max(0) as u32,
            ..HookState::default()
        }
    }
}

/// A handle that interrupts the code running in a [`State`]: the next trap check raises the error
/// `interrupted!`. `Send + Sync`; [`Interrupter::interrupt`] is async-signal-safe (one atomic OR
/// on a lock-free byte, no allocation, no lock).
#[derive(Clone, Debug)]
pub struct Interrupter(Arc<AtomicU8>);

impl Interrupter {
    /// Request an interrupt.
    #[inline]
    pub fn interrupt(&self) {
        self.0.fetch_or(TRAP_INTERRUPT, Ordering::Relaxed);
    }
    /// Withdraw a request not yet noticed.
    pub fn clear(&self) {
        self.0.fetch_and(!TRAP_INTERRUPT, Ordering::Relaxed);
    }
    /// A request is pending.
    pub fn is_pending(&self) -> bool {
        self.0.load(Ordering::Relaxed) & TRAP_INTERRUPT != 0
    }
}

impl State {
    /// A handle that interrupts this state's running code (see [`Interrupter`]).
    pub fn interrupter(&self) -> Interrupter {
        Interrupter(self.trap.clone())
    }

    /// `lua_sethook(th, func, mask, count)`: install (or with `None` / mask 0, remove) the hook
    /// of thread `th`. `MASK_COUNT` needs `count > 0` (it is dropped otherwise; the count is
    /// still what `hook_count` reports, as in lua5.4).
    pub fn set_hook(&mut self, th: GcRef<Thread>, func: Option<HookFn>, mut mask: u8, count: i32) {
        mask &= MASK_CALL | MASK_RET | MASK_LINE | MASK_COUNT;
        if count <= 0 {
            mask &= !MASK_COUNT;
        }
        let (func, mask) = match func {
            Some(f) if mask != 0 => (Some(f), mask),
            _ => (None, 0),
        };
        let h = &mut th.get_mut().hook;
        h.func = func;
        h.mask = mask;
        h.basecount = count;
        h.count = count.max(0) as u32;
        // (a running plain loop notices the new mask at its next trap check: the native that
        // called this returns through one)
    }

    /// The hook callback of `th` (`lua_gethook`).
    pub fn hook(&self, th: GcRef<Thread>) -> Option<HookFn> {
        th.get().hook.func.clone()
    }
    /// The hook mask of `th` (`lua_gethookmask`).
    pub fn hook_mask(&self, th: GcRef<Thread>) -> u8 {
        th.get().hook.mask
    }
    /// The hook count of `th` (`lua_gethookcount`).
    pub fn hook_count(&self, th: GcRef<Thread>) -> i32 {
        th.get().hook.basecount
    }

    /// `(ftransfer, ntransfer)` of frame `ci_index` of `th` when a call/return hook is running
    /// for it (`debug.getinfo` option `r`), else `(0, 0)`.
    pub fn hook_transfer(&self, th: GcRef<Thread>, ci_index: usize) -> (u32, u32) {
        let t = th.get();
        match (t.ci.get(ci_index), t.hook.transfer) {
            (Some(ci), Some(tr)) if ci.status & CIST_HOOKED != 0 => tr,
            _ => (0, 0),
        }
    }

    /// The error an interrupt raises (lua.c `lstop`: `luaL_error(L, "interrupted!")` from a hook,
    /// so positioned at the caller of the interrupted function).
    #[cold]
    pub(crate) fn interrupt_error(&mut self) -> LuaError {
        let mut m = self.where_(1);
        m.extend_from_slice(b"interrupted!");
        self.error_bytes(&m)
    }

    /// Act on a non-zero trap word `tw`: raise a pending interrupt.
    #[cold]
    #[inline(never)]
    pub(crate) fn trap_slow(&mut self, tw: u8) -> Result<(), LuaError> {
        if tw & TRAP_INTERRUPT != 0 {
            self.trap.fetch_and(!TRAP_INTERRUPT, Ordering::Relaxed);
            return Err(self.interrupt_error());
        }
        Ok(())
    }

    /// `luaD_hook`: run the running thread's hook for the top frame, if hooks are allowed.
    #[inline(never)]
    pub(crate) fn run_hook(
        &mut self,
        event: HookEvent,
        line: Option<u32>,
        transfer: Option<(u32, u32)>,
    ) -> Result<(), LuaError> {
        let me = self.cur;
        let th = me.get_mut();
        if !th.hook.allow {
            return Ok(());
        }
        let Some(f) = th.hook.func.clone() else {
            return Ok(());
        };
        let idx = th.ci.len() - 1;
        let saved_top = th.top;
        let ci = th.ci[idx];
        if ci.is_lua() && th.top < ci.top {
            th.top = ci.top; // protect the whole activation register
        }
        th.hook.allow = false;
        // (ldo.c flags CIST_TRAN only when values are transferred)
        th.hook.transfer = transfer.filter(|&(_, n)| n != 0);
        th.ci[idx].status |= CIST_HOOKED;
        let r = f(self, &HookInfo { event, line });
        let th = me.get_mut();
        th.hook.allow = true;
        th.hook.transfer = None;
        if let Some(c) = th.ci.get_mut(idx) {
            c.status &= !CIST_HOOKED;
        }
        th.top = saved_top;
        r
    }

    /// `luaD_hookcall` for the Lua frame on top (at its first instruction, or just after its
    /// `VARARGPREP`).
    #[inline(never)]
    pub(crate) fn hook_call_lua(&mut self) -> Result<(), LuaError> {
        let me = self.cur;
        let th = me.get_mut();
        th.hook.oldpc = 0;
        if th.hook.mask & MASK_CALL == 0 {
            return Ok(());
        }
        let idx = th.ci.len() - 1;
        let ci = th.ci[idx];
        let np = crate::debug::ci_proto(th, &ci).map_or(0, |p| p.get().numparams as u32);
        let ev = if ci.status & CIST_TAIL != 0 {
            HookEvent::TailCall
        } else {
            HookEvent::Call
        };
        th.ci[idx].pc += 1; // hooks assume 'pc' is already incremented
        let r = self.run_hook(ev, None, Some((1, np)));
        if let Some(c) = me.get_mut().ci.get_mut(idx) {
            c.pc -= 1;
        }
        r
    }

    /// Call hook of the native frame just pushed on top, with `nargs` arguments.
    #[inline(never)]
    pub(crate) fn hook_call_native(&mut self, nargs: usize) -> Result<(), LuaError> {
        self.run_hook(HookEvent::Call, None, Some((1, nargs as u32)))
    }

    /// `rethook` for the top frame returning `stack[firstres .. firstres + nres]` (called only
    /// when the running thread has a hook): the return hook, then `oldpc` for the caller.
    #[inline(never)]
    pub(crate) fn hook_return(&mut self, firstres: usize, nres: usize) -> Result<(), LuaError> {
        let me = self.cur;
        let th = me.get_mut();
        if th.hook.mask & MASK_RET != 0 {
            let ci = *th.cur_ci();
            if th.top < firstres + nres {
                th.top = firstres + nres;
            }
            let ftransfer = firstres.saturating_sub(ci.func) as u32;
            self.run_hook(HookEvent::Return, None, Some((ftransfer, nres as u32)))?;
        }
        let th = me.get_mut();
        let n = th.ci.len();
        if n >= 2 {
            let prev = th.ci[n - 2];
            if prev.is_lua() {
                th.hook.oldpc = prev.pc.saturating_sub(1) as u32;
            }
        }
        Ok(())
    }

    /// Return hook of the `pcall`/`xpcall` frame on top whose callee returned normally (its
    /// results: `true` and the callee's results).
    #[inline(never)]
    pub(crate) fn hook_pcall_return(&mut self) -> Result<(), LuaError> {
        let th = self.cur.get();
        let ci = *th.cur_ci();
        let off = if ci.status & crate::thread::CIST_XPCALL != 0 {
            2
        } else {
            1
        };
        let first = (ci.func + off).min(th.top);
        let mut vals = vec![crate::value::Value::TRUE];
        vals.extend_from_slice(&th.stack[first..th.top]);
        self.hook_return_values(&vals)
    }

    /// Return hook of the native frame on top returning `vals`, shown as copies pushed above
    /// every live slot (the frame's own slots, its function included, stay untouched).
    #[inline(never)]
    pub(crate) fn hook_return_values(
        &mut self,
        vals: &[crate::value::Value],
    ) -> Result<(), LuaError> {
        let me = self.cur;
        let th = me.get_mut();
        let saved = th.top;
        let first = th.top;
        if th.ensure(&mut self.heap, first + vals.len() + 1).is_err() {
            return Err(self.stack_overflow());
        }
        let th = me.get_mut();
        th.stack[first..first + vals.len()].copy_from_slice(vals);
        th.top = first + vals.len();
        let r = self.hook_return(first, vals.len());
        me.get_mut().top = saved;
        r
    }

    /// After a native returned `n` results normally: a pending interrupt is raised with the
    /// native still on top (as lua.c's return hook `lstop` does); the return hook runs.
    #[cold]
    #[inline(never)]
    pub(crate) fn native_return_slow(&mut self, n: usize) -> Result<(), LuaError> {
        let tw = self.trap.load(Ordering::Relaxed);
        if tw & TRAP_INTERRUPT != 0 {
            self.trap_slow(tw)?;
        }
        if self.cur.get().hook.mask != 0 {
            let top = self.cur.get().top;
            self.hook_return(top.saturating_sub(n), n)?;
        }
        Ok(())
    }

    /// `luaG_traceexec`: count and line hooks before instruction `npci` of the Lua frame on top
    /// (running `p`; the frame's `pc` is saved as `npci + 1`). `Ok(false)`: the running thread
    /// has no hook any more (the caller leaves the hooked loop).
    #[inline(never)]
    pub(crate) fn trace_exec(&mut self, p: &LProto, npci: usize) -> Result<bool, LuaError> {
        let tw = self.trap.load(Ordering::Relaxed);
        if tw != 0 {
            self.trap_slow(tw)?;
        }
        let me = self.cur;
        let th = me.get_mut();
        let mask = th.hook.mask;
        if mask == 0 {
            return Ok(false);
        }
        if mask & (MASK_LINE | MASK_COUNT) == 0 || (npci == 0 && p.is_vararg) {
            // (VARARGPREP is not traced: the call hook fires after it)
            return Ok(true);
        }
        let mut counthook = false;
        if mask & MASK_COUNT != 0 {
            th.hook.count = th.hook.count.saturating_sub(1);
            if th.hook.count == 0 {
                counthook = true;
                th.hook.count = th.hook.basecount.max(1) as u32;
            }
        }
        if !counthook && mask & MASK_LINE == 0 {
            return Ok(true);
        }
        if counthook {
            self.run_hook(HookEvent::Count, None, None)?;
        }
        if mask & MASK_LINE != 0 {
            let th = me.get_mut();
            let lines = &p.info.lineinfo;
            let old = th.hook.oldpc as usize;
            let oldpc = if old < p.code.len() { old } else { 0 };
            let changed = !lines.is_empty() && lines.get(oldpc) != lines.get(npci);
            if npci <= oldpc || changed {
                let newline = lines.get(npci).copied();
                self.run_hook(HookEvent::Line, newline, None)?;
            }
            me.get_mut().hook.oldpc = npci as u32;
        }
        Ok(true)
    }
}
