//! Lua 5.4's lua_Number/lua_Integer conversions, defined once: lexer, undump/listing, VM and
//! stdlib all use it.
//!
//! Role: the two directions of lobject.c's number conversions, exactly as lua5.4 does them.
//! - string → number ([`str2number`], `luaO_str2num` / `lua_stringtonumber`): decimal integers
//!   that overflow `i64` become floats, hexadecimal integers wrap modulo 2^64, decimal and
//!   hexadecimal floats are correctly rounded like C99 `strtod`, `inf`/`nan` spellings and
//!   embedded `\0` are rejected, surrounding C `isspace` whitespace is allowed.
//! - number → string ([`fmt_g14`], C `%.14g` = `LUAI_NUMFFORMAT`; [`fmt_float`], `tostring` of a
//!   float, i.e. `%.14g` plus `.0` when the result looks like an integer), glibc style: `inf`,
//!   `-inf`, `nan`, `-nan`, `1e+100`, `-0.0`.
//!
//! Place in the workspace: a leaf. It depends on no crate of ours, so `aqua-syntax` (numerals in
//! the lexer) and `aqua-bytecode` (constant listings) still depend on nothing of ours *except this
//! crate*; `aqua-vm` (coercions, `tostring`) and `aqua-stdlib` reach it through
//! `aqua_vm::number`. `string.format`'s general printf engine (`%g`/`%e`/`%f`/`%a` with flags,
//! width and precision) stays in aqua-stdlib; this crate only holds the fixed formats every layer
//! needs.
//!
//! Invariants: every function is pure, total and panic-free on any input bytes; results are
//! byte-for-byte what lua5.4 (glibc) produces (checked against `lua5.4` in the tests).

#![forbid(unsafe_code)]

mod fmt;
mod str2num;

pub use fmt::{fmt_float, fmt_g, fmt_g14};
pub use str2num::{str2float, str2int, str2number, Number};
