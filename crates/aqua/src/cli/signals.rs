//! Process signal setup for the `aqua` command (the only unsafe code of the CLI).
//!
//! Rust programs start with SIGPIPE ignored, so writing to a closed pipe returns an error instead
//! of ending the process. lua5.4 (a C program) dies of SIGPIPE, which is what makes
//! `aqua script.lua | head -1` stop a script that prints forever. We restore the default action.

/// Restore the default SIGPIPE action (unix only; a no-op elsewhere).
pub fn default_sigpipe() {
    #[cfg(unix)]
    {
        extern "C" {
            fn signal(signum: i32, handler: usize) -> usize;
        }
        const SIGPIPE: i32 = 13; // same number on Linux, the BSDs and macOS
        const SIG_DFL: usize = 0;
        // SAFETY: `signal` is the C library's; setting SIG_DFL for SIGPIPE installs no handler
        // code and is async-signal-safe; it is called once at startup, before any thread exists.
        unsafe {
            signal(SIGPIPE, SIG_DFL);
        }
    }
}
