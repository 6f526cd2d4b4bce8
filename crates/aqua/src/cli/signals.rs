//! Process signal setup for the `aqua` command (the only unsafe code of the CLI).
//!
//! SIGPIPE: Rust programs start with SIGPIPE ignored, so writing to a closed pipe returns an
//! error instead of ending the process. lua5.4 (a C program) dies of SIGPIPE, which is what makes
//! `aqua script.lua | head -1` stop a script that prints forever. We restore the default action.
//!
//! SIGINT, as lua.c does it (`laction` + `lstop`): while a chunk runs (lua.c's `docall`), ^C
//! stops it with the error `interrupted!` (reported like any error: `aqua: interrupted!` plus the
//! traceback, exit status 1; in the REPL the line is abandoned and the loop goes on). Outside a
//! call SIGINT keeps its default action. [`set_interrupt_target`] registers the state's
//! [`aqua::Interrupter`] once; [`SigintGuard::catch`] installs the handler for the duration of
//! a call and restores the default action when dropped. The handler itself restores the
//! default action first (so a second ^C before the VM reacts — a long-running Rust function —
//! kills the process, as with lua.c) and then requests the interrupt; the VM notices it at its
//! next trap check (a backward jump, a call, a return, a native's return).
//!
//! With rustyline editing a line, the terminal is in raw mode: ^C is a key, not a signal, and
//! rustyline's own handling (cancel the line) applies.

use std::sync::OnceLock;

/// The interrupter of the CLI's state (set once, before any handler is installed).
static TARGET: OnceLock<aqua::Interrupter> = OnceLock::new();

/// Restore the default SIGPIPE action (unix only; a no-op elsewhere).
pub fn default_sigpipe() {
    #[cfg(unix)]
    // SAFETY: setting SIG_DFL for SIGPIPE installs no handler code; it is called once at
    // startup, before any thread exists.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

/// Register the interrupter that ^C triggers while a chunk runs.
pub fn set_interrupt_target(i: aqua::Interrupter) {
    let _ = TARGET.set(i);
}

/// lua.c's `laction`: reset SIGINT to its default action, then interrupt the running code.
#[cfg(unix)]
extern "C" fn on_sigint(_sig: libc::c_int) {
    // SAFETY (async-signal-safety, the invariant of this function): it does only
    // - `signal(SIGINT, SIG_DFL)`: `signal` is async-signal-safe (signal-safety(7)) and SIG_DFL
    //   installs no code;
    // - `OnceLock::get`: one atomic load; `TARGET` was set before any handler was installed,
    //   so no initialisation (which could lock or allocate) can be in progress;
    // - `Interrupter::interrupt`: one `fetch_or` on a lock-free `AtomicU8` reached through an
    //   `Arc` (no reference-count change, no allocation, no lock).
    // It touches no other state and does not unwind (none of these can panic).
    unsafe {
        libc::signal(libc::SIGINT, libc::SIG_DFL);
    }
    if let Some(i) = TARGET.get() {
        i.interrupt();
    }
}

/// While alive, ^C interrupts the running chunk (lua.c's `signal(SIGINT, laction)` around
/// `lua_pcall`); dropping it restores the default action.
#[derive(Debug)]
pub struct SigintGuard {
    active: bool,
}

impl SigintGuard {
    /// Install the SIGINT handler (nothing happens without an interrupt target, or off unix).
    /// A request left over from an earlier ^C is withdrawn first.
    pub fn catch() -> SigintGuard {
        #[cfg(unix)]
        if let Some(i) = TARGET.get() {
            i.clear();
            // SAFETY: `sa` is a zero-initialised `sigaction` (a valid value: empty mask, no
            // flags) whose handler is `on_sigint`, an `extern "C" fn(c_int)` that is
            // async-signal-safe (see its comment); SA_RESTART makes interrupted system calls
            // restart, like glibc's `signal()` that lua.c uses.
            unsafe {
                let mut sa: libc::sigaction = std::mem::zeroed();
                sa.sa_sigaction = on_sigint as extern "C" fn(libc::c_int) as libc::sighandler_t;
                sa.sa_flags = libc::SA_RESTART;
                libc::sigemptyset(&mut sa.sa_mask);
                libc::sigaction(libc::SIGINT, &sa, std::ptr::null_mut());
            }
            return SigintGuard { active: true };
        }
        SigintGuard { active: false }
    }
}

impl Drop for SigintGuard {
    fn drop(&mut self) {
        #[cfg(unix)]
        if self.active {
            // SAFETY: restoring SIG_DFL installs no handler code.
            unsafe {
                libc::signal(libc::SIGINT, libc::SIG_DFL);
            }
        }
    }
}
