//! The `aqua` command: runs Lua 5.4 programs like `lua5.4` (see `cli/mod.rs`).
//!
//! `main` is a C-ABI `main` (`#![no_main]`) instead of Rust's generated one, for one reason:
//! Rust's start-up code reopens the standard descriptors 0–2 on `/dev/null` when the shell
//! closed them (`aqua script.lua >&-`), so writes to a closed stdout would succeed where lua5.4
//! (a C program) gets "Bad file descriptor". Without it aqua sees the descriptors exactly as
//! lua5.4 does (a file opened while fd 1 is closed becomes fd 1, as in C). Nothing else the
//! start-up code does is needed: std still finds the arguments (glibc hands them to std's
//! `.init_array` hook; other platforms ask the OS), SIGPIPE gets its default action from
//! `cli::signals` anyway, and a panic (a bug) is caught here and ends the process with status
//! 101, as Rust's own start-up would. Lost: std's handler that prints "has overflowed its stack"
//! before the process dies of a Rust stack overflow (diagnostic only; Lua recursion never uses
//! the Rust stack).

#![cfg_attr(not(test), no_main)]

#[cfg_attr(test, allow(dead_code))]
mod cli;

/// The process entry point (C's `main`; the arguments are read through `std::env`).
#[cfg(not(test))]
#[no_mangle]
pub extern "C" fn main(
    _argc: std::os::raw::c_int,
    _argv: *const *const std::os::raw::c_char,
) -> std::os::raw::c_int {
    let code = std::panic::catch_unwind(cli::main).unwrap_or(101);
    std::process::exit(code)
}
