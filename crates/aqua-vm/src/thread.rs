//! Threads (lstate.c `lua_State`): one register stack and one `CallInfo` vector per coroutine.
//!
//! Role: a thread owns `stack` (a `Vec<Value>` whose length is the allocated size; every slot is
//! initialised), `top` (first free slot for natives / after multi-result calls), the call chain
//! `ci` (index 0 is the base entry, never popped), the open upvalues sorted by stack index and
//! the stack indices of pending to-be-closed variables.
//!
//! Invariants:
//! - a Lua frame owns `stack[base .. base + maxstacksize]`, reserved (allocated) when it was
//!   pushed: handlers may index registers of a verified prototype without bounds checks;
//! - the stack never exceeds `MAX_STACK` slots (+ `ERROR_EXTRA` while handling an overflow);
//! - after growing, every open upvalue's `v` points at `stack[idx]` again.

use crate::closure::UpVal;
use crate::gc::{GcObject, GcRef, Heap, Kind};
use crate::value::Value;

/// LUAI_MAXSTACK.
pub const MAX_STACK: usize = 1_000_000;
/// Extra room granted while handling a stack overflow.
pub(crate) const ERROR_EXTRA: usize = 200;
/// LUA_MINSTACK: free slots guaranteed to a native function.
pub const MIN_STACK: usize = 20;
/// LUAI_MAXCCALLS.
pub const MAX_CCALLS: u16 = 200;

/// Frame status flags.
pub(crate) const CIST_LUA: u16 = 1;
/// Native frame of `pcall`/`xpcall` that protects the call above it.
pub(crate) const CIST_PCALL: u16 = 2;
/// With `CIST_PCALL`: the handler is at `func + 1`.
pub(crate) const CIST_XPCALL: u16 = 4;
/// Metamethod frame: when it returns, finish the caller's interrupted opcode.
pub(crate) const CIST_FINISHOP: u16 = 8;
/// Frame was entered through a tail call.
pub(crate) const CIST_TAIL: u16 = 16;
/// Native frame that is a `coroutine.yield` waiting for resume values.
pub(crate) const CIST_YIELD: u16 = 32;
/// Metamethod frame whose results are discarded (`__newindex`, `__close`).
pub(crate) const CIST_NORESULT: u16 = 64;
/// Native frame of `coroutine.resume`/`wrap` waiting for a coroutine.
#[allow(dead_code)]
pub(crate) const CIST_RESUME: u16 = 128;
/// Metamethod frame running `__lt` for a `<=` without `__le` (LUA_COMPAT_LT_LE, as Debian's
/// lua5.4): its result is negated.
pub(crate) const CIST_LEQ: u16 = 512;
/// Native frame forwarding the results of a call it requested (`Req::TailCall`).
pub(crate) const CIST_FORWARD: u16 = 256;
/// With `CIST_PCALL`: the protected call failed and the pending to-be-closed variables above it
/// are being closed (lua5.4's `CIST_CLSRET`/`finishpcallk` state); the error value is kept in
/// the callee's function slot until every `__close` ran (`State::pcall_close`).
pub(crate) const CIST_CLSRET: u16 = 1024;
/// A debug hook is running for this frame (ldo.c `CIST_HOOKED`): the frame called above it is
/// the hook (`getinfo` reports it as name "?", namewhat "hook"). See `crate::hook`.
pub(crate) const CIST_HOOKED: u16 = 2048;
/// A finalizer (`__gc`) is being called from this frame (lgc.c `GCTM`'s `CIST_FIN`): the frame
/// called above it is reported by `getinfo` as name "__gc", namewhat "metamethod".
pub(crate) const CIST_FIN: u16 = 4096;

/// A call record (lstate.h `CallInfo`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct CallInfo {
    /// Stack index of the called function.
    pub(crate) func: usize,
    /// First register (Lua) / first argument (native).
    pub(crate) base: usize,
    /// End of the frame (Lua: `base + maxstacksize`).
    pub(crate) top: usize,
    /// Lua: index of the next instruction (saved at calls and slow paths).
    pub(crate) pc: usize,
    /// Wanted results (-1: all).
    pub(crate) nresults: i32,
    pub(crate) status: u16,
    /// Nesting level counted against `MAX_CCALLS` (native re-entry, metamethods, resumes).
    pub(crate) cdepth: u16,
    /// Vararg functions: number of extra arguments stored below `func`.
    pub(crate) nextra: u32,
    /// Opcode-specific scratch (CONCAT: elements left).
    pub(crate) aux: u32,
}

impl CallInfo {
    #[inline(always)]
    pub(crate) fn is_lua(&self) -> bool {
        self.status & CIST_LUA != 0
    }
}

/// Coroutine status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CoStatus {
    /// Created or yielded.
    Suspended,
    Running,
    /// Resumed another coroutine.
    Normal,
    /// Finished or failed.
    Dead,
}

/// A thread (coroutine).
pub struct Thread {
    pub(crate) stack: Vec<Value>,
    pub(crate) top: usize,
    pub(crate) ci: Vec<CallInfo>,
    pub(crate) open_upvals: Vec<GcRef<UpVal>>,
    /// Stack indices of pending to-be-closed variables (ascending).
    pub(crate) tbc: Vec<usize>,
    pub(crate) status: CoStatus,
    /// Non-yieldable nesting (Rust re-entries running on this thread).
    pub(crate) nny: u32,
    pub(crate) resumer: Option<GcRef<Thread>>,
    /// Resumed by `coroutine.wrap` (errors propagate instead of `false, msg`).
    pub(crate) wrap: bool,
    pub(crate) is_main: bool,
    /// Ended with an error (for `coroutine.close` and status).
    pub(crate) errored: bool,
    /// Error value of a failed coroutine (kept for `close`).
    pub(crate) error_value: Value,
    /// Stack-overflow handling in progress (grants `ERROR_EXTRA`).
    pub(crate) in_overflow: bool,
    /// Number of values of a yield out of a Rust-level resume.
    pub(crate) aux_yield_n: usize,
    /// Debug hook of this thread (`lua_sethook` state: function, mask, counts, `allowhook`).
    pub(crate) hook: crate::hook::HookState,
}

impl GcObject for Thread {
    const KIND: Kind = Kind::Thread;
    fn extra_bytes(&self) -> usize {
        self.stack.capacity() * 16 + self.ci.capacity() * std::mem::size_of::<CallInfo>()
    }
}

impl Thread {
    pub(crate) fn new(is_main: bool) -> Thread {
        let mut t = Thread {
            stack: vec![Value::NIL; 64],
            top: 1,
            ci: Vec::with_capacity(16),
            open_upvals: Vec::new(),
            tbc: Vec::new(),
            status: if is_main {
                CoStatus::Running
            } else {
                CoStatus::Suspended
            },
            nny: 0,
            resumer: None,
            wrap: false,
            is_main,
            errored: false,
            error_value: Value::NIL,
            in_overflow: false,
            aux_yield_n: 0,
            hook: crate::hook::HookState::default(),
        };
        t.ci.push(CallInfo {
            func: 0,
            base: 1,
            top: 1 + MIN_STACK,
            pc: 0,
            nresults: 0,
            status: 0,
            cdepth: 0,
            nextra: 0,
            aux: 0,
        });
        t
    }

    /// Make `stack.len() >= n`, growing geometrically. `Err(())` past the stack limit.
    #[inline(always)]
    pub(crate) fn ensure(&mut self, heap: &mut Heap, n: usize) -> Result<(), ()> {
        if n <= self.stack.len() {
            Ok(())
        } else {
            self.grow_stack(heap, n)
        }
    }

    #[cold]
    pub(crate) fn grow_stack(&mut self, heap: &mut Heap, n: usize) -> Result<(), ()> {
        let limit = if self.in_overflow {
            MAX_STACK + ERROR_EXTRA
        } else {
            MAX_STACK
        };
        if n > limit {
            return Err(());
        }
        let mut newsize = (self.stack.len() * 2).max(n);
        if newsize > limit {
            newsize = limit;
        }
        let old = self.stack.len();
        self.stack.resize(newsize, Value::NIL);
        heap.grew((newsize - old) * 16);
        let base = self.stack.as_mut_ptr();
        for uv in &self.open_upvals {
            let u = uv.get_mut();
            // SAFETY: idx < stack.len() (open upvalues refer to live slots).
            u.v = unsafe { base.add(u.idx) };
        }
        Ok(())
    }

    /// `luaD_shrinkstack`: after a deep recursion, give memory back (called by the collector at
    /// a safe point: every interpreter frame re-derives its register pointer after a safe point).
    /// Keeps every frame's reserved window and the open upvalues' slots.
    pub(crate) fn shrink_stack_if_oversized(&mut self) {
        let mut needed = self.top;
        for ci in &self.ci {
            needed = needed.max(ci.top);
        }
        for uv in &self.open_upvals {
            needed = needed.max(uv.get().idx + 1);
        }
        needed += MIN_STACK + 64;
        // luaE_shrinkCI: the CallInfo vector too (frames re-derive their record pointer after a
        // safe point)
        if self.ci.capacity() > 1024 && self.ci.capacity() > 8 * self.ci.len() {
            self.ci.shrink_to(2 * self.ci.len());
        }
        let len = self.stack.len();
        if len > (1 << 16) && len > 8 * needed {
            let newsize = (2 * needed).max(64);
            self.stack.truncate(newsize);
            self.stack.shrink_to_fit();
            let base = self.stack.as_mut_ptr();
            for uv in &self.open_upvals {
                let u = uv.get_mut();
                // SAFETY: idx < needed <= newsize.
                u.v = unsafe { base.add(u.idx) };
            }
        }
    }

    /// `luaF_findupval`: the open upvalue for stack slot `idx` (created if needed).
    pub(crate) fn find_upval(
        &mut self,
        heap: &mut Heap,
        me: GcRef<Thread>,
        idx: usize,
    ) -> GcRef<UpVal> {
        // binary search in the sorted list
        let pos = match self.open_upvals.binary_search_by(|u| u.get().idx.cmp(&idx)) {
            Ok(p) => return self.open_upvals[p],
            Err(p) => p,
        };
        // SAFETY: idx is a slot of the current frame (< stack.len()).
        let v = unsafe { self.stack.as_mut_ptr().add(idx) };
        let uv = heap.alloc(UpVal {
            v,
            closed: Value::NIL,
            idx,
            thread: Some(me),
        });
        self.open_upvals.insert(pos, uv);
        uv
    }

    /// `luaF_closeupval`: close every open upvalue at or above `level`.
    pub(crate) fn close_upvals(&mut self, level: usize) {
        while let Some(&uv) = self.open_upvals.last() {
            let u = uv.get_mut();
            if u.idx < level {
                break;
            }
            u.closed = self.stack[u.idx];
            u.v = &mut u.closed;
            u.thread = None;
            self.open_upvals.pop();
        }
    }

    /// Current frame.
    #[inline(always)]
    pub(crate) fn cur_ci(&self) -> &CallInfo {
        // the base entry is never popped
        self.ci.last().unwrap_or(&self.ci[0])
    }

    /// Coroutine status.
    pub fn status(&self) -> CoStatus {
        self.status
    }
}
