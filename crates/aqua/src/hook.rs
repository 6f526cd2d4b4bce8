//! Debug hooks and interrupts in the embedding API, in the style of mlua's `Lua::set_hook`.
//!
//! Role: [`Lua::set_hook`] installs a Rust callback as the VM hook (`aqua_vm::hook`) of the main
//! thread (coroutines created later inherit it, as with `lua_sethook` + `lua_newthread`);
//! [`HookTriggers`] says when it runs (calls, returns, new lines, every N instructions). The
//! callback gets a [`Debug`] describing the event and the hooked function; returning `Err`
//! raises that error in Lua at the hooked point — the sandbox use is a count hook that stops a
//! runaway script:
//!
//! ```
//! use aqua::{Error, HookTriggers, Lua};
//! let lua = Lua::new();
//! let budget = std::cell::Cell::new(100);
//! lua.set_hook(HookTriggers::new().every_nth_instruction(1000), move |_lua, _debug| {
//!     budget.set(budget.get() - 1);
//!     if budget.get() == 0 {
//!         Err(Error::runtime("instruction budget exhausted"))
//!     } else {
//!         Ok(())
//!     }
//! })
//! .unwrap();
//! let err = lua.load("while true do end").exec().unwrap_err();
//! assert!(err.to_string().contains("instruction budget exhausted"));
//! ```
//!
//! [`Lua::interrupter`] gives a `Send + Sync` handle whose `interrupt()` makes the running code
//! fail with `interrupted!` at its next trap check (from a signal handler or a watchdog thread;
//! the `aqua` CLI's ^C uses it).
//!
//! Mechanism: the callback is wrapped in a native Lua function (so it runs through the API's
//! callback trampoline: state pointer, panics caught, errors converted), and the VM hook calls
//! that function with the event code and line. Hooks do not fire while a hook runs, so the
//! callback may call into Lua freely.

use crate::error::Result;
use crate::function::Function;
use crate::lua::Lua;
use aqua_vm::debug::InfoTarget;
use aqua_vm::hook::{HookEvent, HookFn, HookInfo, MASK_CALL, MASK_COUNT, MASK_LINE, MASK_RET};
use std::rc::Rc;

pub use aqua_vm::Interrupter;

/// When a hook runs (mlua's `HookTriggers`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HookTriggers {
    /// Before a function is called (also tail calls).
    pub on_calls: bool,
    /// When a function returns.
    pub on_returns: bool,
    /// Before an instruction on a new line (or reached by a jump backwards).
    pub every_line: bool,
    /// Every `n` VM instructions (`Some(0)` counts as none).
    pub every_nth_instruction: Option<u32>,
}

impl HookTriggers {
    /// Only calls.
    pub const ON_CALLS: HookTriggers = HookTriggers::new().on_calls();
    /// Only returns.
    pub const ON_RETURNS: HookTriggers = HookTriggers::new().on_returns();
    /// Only new lines.
    pub const EVERY_LINE: HookTriggers = HookTriggers::new().every_line();

    /// No trigger.
    pub const fn new() -> HookTriggers {
        HookTriggers {
            on_calls: false,
            on_returns: false,
            every_line: false,
            every_nth_instruction: None,
        }
    }
    /// Add calls.
    pub const fn on_calls(mut self) -> HookTriggers {
        self.on_calls = true;
        self
    }
    /// Add returns.
    pub const fn on_returns(mut self) -> HookTriggers {
        self.on_returns = true;
        self
    }
    /// Add new lines.
    pub const fn every_line(mut self) -> HookTriggers {
        self.every_line = true;
        self
    }
    /// Run every `n` instructions.
    pub const fn every_nth_instruction(mut self, n: u32) -> HookTriggers {
        self.every_nth_instruction = Some(n);
        self
    }

    /// The VM mask and count.
    fn mask_count(&self) -> (u8, u32) {
        let mut mask = 0;
        if self.on_calls {
            mask |= MASK_CALL;
        }
        if self.on_returns {
            mask |= MASK_RET;
        }
        if self.every_line {
            mask |= MASK_LINE;
        }
        let count = self.every_nth_instruction.unwrap_or(0);
        if count > 0 {
            mask |= MASK_COUNT;
        }
        (mask, count)
    }
}

/// The event a hook runs for (mlua's `DebugEvent`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DebugEvent {
    Call,
    TailCall,
    Ret,
    Line,
    Count,
}

/// Where the hooked function comes from (`lua_Debug`'s `S` fields).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DebugSource {
    /// The chunk name (`"=[C]"` for Rust functions).
    pub source: String,
    /// The printable chunk id.
    pub short_src: String,
    /// First line of the definition (-1 for Rust functions, 0 for a main chunk).
    pub line_defined: i64,
    /// Last line of the definition.
    pub last_line_defined: i64,
    /// `"Lua"`, `"C"` or `"main"`.
    pub what: &'static str,
}

/// The name of the hooked function as its caller saw it (`lua_Debug`'s `n` fields).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DebugNames {
    pub name: Option<String>,
    /// `"global"`, `"local"`, `"method"`, `"field"`, `"upvalue"`, `"metamethod"`, ... or `""`.
    pub name_what: &'static str,
}

/// What a hook callback is told. The hooked function is queried on demand (only inside the
/// callback: the frame is gone afterwards).
pub struct Debug<'a> {
    lua: &'a Lua,
    event: DebugEvent,
    line: Option<u32>,
}

impl std::fmt::Debug for Debug<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Debug")
            .field("event", &self.event)
            .field("line", &self.line)
            .finish()
    }
}

impl Debug<'_> {
    /// The event.
    pub fn event(&self) -> DebugEvent {
        self.event
    }

    /// The current line of the hooked function (the new line for line events), -1 when unknown
    /// (a Rust function, stripped code).
    pub fn curr_line(&self) -> i32 {
        if let Some(l) = self.line {
            return l as i32;
        }
        self.info(b"l").map_or(-1, |i| i.currentline as i32)
    }

    /// Where the hooked function comes from.
    pub fn source(&self) -> DebugSource {
        match self.info(b"S") {
            Some(i) => DebugSource {
                source: String::from_utf8_lossy(&i.source).into_owned(),
                short_src: String::from_utf8_lossy(&i.short_src).into_owned(),
                line_defined: i.linedefined,
                last_line_defined: i.lastlinedefined,
                what: i.what,
            },
            None => DebugSource {
                source: "=?".into(),
                short_src: "?".into(),
                line_defined: -1,
                last_line_defined: -1,
                what: "C",
            },
        }
    }

    /// The hooked function's name.
    pub fn names(&self) -> DebugNames {
        match self.info(b"n") {
            Some(i) => DebugNames {
                name: i.name.map(|n| String::from_utf8_lossy(&n).into_owned()),
                name_what: i.namewhat,
            },
            None => DebugNames {
                name: None,
                name_what: "",
            },
        }
    }

    /// `lua_getinfo` on the hooked function: level 1 of the running thread (level 0 is the
    /// native function that runs the callback).
    fn info(&self, what: &[u8]) -> Option<aqua_vm::debug::DebugInfo> {
        self.lua.st(|st| {
            let th = st.current_thread();
            let lv = st.get_stack(th, 1)?;
            st.get_info(InfoTarget::Level(th, lv), what)
        })
    }
}

fn event_code(e: HookEvent) -> i64 {
    match e {
        HookEvent::Call => 0,
        HookEvent::Return => 1,
        HookEvent::Line => 2,
        HookEvent::Count => 3,
        HookEvent::TailCall => 4,
    }
}

fn event_of(code: i64) -> DebugEvent {
    match code {
        0 => DebugEvent::Call,
        1 => DebugEvent::Ret,
        2 => DebugEvent::Line,
        3 => DebugEvent::Count,
        _ => DebugEvent::TailCall,
    }
}

impl Lua {
    /// Install `callback` as the hook of the main thread (replacing any hook, including one set
    /// by `debug.sethook`), run on the events of `triggers`. Coroutines created afterwards
    /// inherit it. An `Err` from the callback is raised as a Lua error at the hooked point.
    /// Triggers with no event remove the hook.
    pub fn set_hook<F>(&self, triggers: HookTriggers, callback: F) -> Result<()>
    where
        F: Fn(&Lua, Debug) -> Result<()> + 'static,
    {
        let (mask, count) = triggers.mask_count();
        if mask == 0 {
            self.remove_hook();
            return Ok(());
        }
        let func: Function =
            self.create_function(move |lua, (code, line): (i64, Option<i64>)| {
                let dbg = Debug {
                    lua,
                    event: event_of(code),
                    line: line.and_then(|l| u32::try_from(l).ok()),
                };
                callback(lua, dbg)
            })?;
        let id = func.0.id;
        let hook: HookFn = Rc::new(move |st: &mut aqua_vm::State, info: &HookInfo| {
            // the whole handle is captured (not just its id): it keeps the native function
            // pinned as long as the hook is installed
            let _keep = &func;
            let f = st.pinned(id);
            let line = info
                .line
                .map_or(aqua_vm::Value::NIL, |l| aqua_vm::Value::int(i64::from(l)));
            st.call(f, &[aqua_vm::Value::int(event_code(info.event)), line])
                .map(|_| ())
        });
        self.st(|st| {
            let main = st.main_thread();
            st.set_hook(main, Some(hook), mask, count.min(i32::MAX as u32) as i32);
        });
        Ok(())
    }

    /// Remove the hook of the main thread.
    pub fn remove_hook(&self) {
        self.st(|st| {
            let main = st.main_thread();
            st.set_hook(main, None, 0, 0);
        });
    }

    /// A handle that interrupts the code running in this state: the next trap check (a
    /// backward jump, a call or return, a Rust function's return) raises `interrupted!`. The
    /// handle is `Send + Sync` and [`Interrupter::interrupt`] is async-signal-safe.
    pub fn interrupter(&self) -> Interrupter {
        self.st(|st| st.interrupter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Error;
    use std::cell::RefCell;

    #[test]
    fn count_hook_stops_an_infinite_loop() {
        let lua = Lua::new();
        let calls = Rc::new(RefCell::new(0u32));
        let c = calls.clone();
        lua.set_hook(
            HookTriggers::new().every_nth_instruction(500),
            move |_lua, debug| {
                assert_eq!(debug.event(), DebugEvent::Count);
                *c.borrow_mut() += 1;
                if *c.borrow() >= 20 {
                    Err(Error::runtime("script took too long"))
                } else {
                    Ok(())
                }
            },
        )
        .unwrap();
        let err = lua
            .load("local n = 0 while true do n = n + 1 end")
            .exec()
            .unwrap_err();
        assert!(err.to_string().contains("script took too long"), "{err}");
        assert_eq!(*calls.borrow(), 20);
        // the state stays usable; without the hook a loop runs to its end
        lua.remove_hook();
        let v: i64 = lua
            .load("local n = 0 for i = 1, 100000 do n = n + 1 end return n")
            .eval()
            .unwrap();
        assert_eq!(v, 100000);
    }

    #[test]
    fn a_hook_error_can_be_caught_by_pcall() {
        let lua = Lua::new();
        // fire once: the error must reach the pcall inside the chunk, and the chunk goes on
        let fired = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let f = fired.clone();
        lua.set_hook(
            HookTriggers::new().every_nth_instruction(100),
            move |_, _| {
                if f.swap(true, std::sync::atomic::Ordering::Relaxed) {
                    Ok(())
                } else {
                    Err(Error::runtime("stop"))
                }
            },
        )
        .unwrap();
        let r: (bool, String) = lua
            .load("local ok, e = pcall(function() while true do end end) return ok, e")
            .eval()
            .unwrap();
        assert!(!r.0, "pcall caught nothing");
        assert!(r.1.contains("stop"), "{}", r.1);
    }

    #[test]
    fn line_and_call_events_with_names() {
        let lua = Lua::new();
        let log = Rc::new(RefCell::new(Vec::new()));
        let l = log.clone();
        lua.set_hook(
            HookTriggers::new().every_line().on_calls(),
            move |_lua, debug| {
                let name = debug.names().name.unwrap_or_default();
                let src = debug.source();
                l.borrow_mut().push(format!(
                    "{:?} {} {} {}",
                    debug.event(),
                    debug.curr_line(),
                    name,
                    src.what
                ));
                Ok(())
            },
        )
        .unwrap();
        lua.load("local function f()\n  return 1\nend\nlocal x = f()\n")
            .set_name("=chunk")
            .exec()
            .unwrap();
        lua.remove_hook();
        let got = log.borrow().join("; ");
        assert_eq!(
            got,
            // (a call event's current line is the first line with code, as lua_getinfo says)
            "Call 3  main; Line 3  main; Line 4  main; Call 2 f Lua; Line 2 f Lua"
        );
    }

    #[test]
    fn interrupter_from_another_thread() {
        let lua = Lua::new();
        let intr = lua.interrupter();
        let t = std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(50));
            intr.interrupt();
        });
        let err = lua.load("while true do end").exec().unwrap_err();
        t.join().unwrap();
        assert!(err.to_string().contains("interrupted!"), "{err}");
        // consumed: the next run is not interrupted
        let v: i64 = lua.load("return 1 + 1").eval().unwrap();
        assert_eq!(v, 2);
    }

    #[test]
    fn interrupt_inside_a_numeric_for_and_a_native_loop() {
        let lua = Lua::new();
        let intr = lua.interrupter();
        intr.interrupt();
        let err = lua
            .load("for i = 1, math.maxinteger do end")
            .exec()
            .unwrap_err();
        assert!(err.to_string().contains("interrupted!"), "{err}");
        intr.interrupt();
        let err = lua
            .load("local t = os.clock() while true do t = os.clock() end")
            .exec()
            .unwrap_err();
        assert!(err.to_string().contains("interrupted!"), "{err}");
        assert!(!intr.is_pending());
    }
}
