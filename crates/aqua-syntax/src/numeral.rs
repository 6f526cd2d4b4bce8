//! Numeral conversion exactly as lua5.4's `luaO_str2num` (lobject.c), for the lexer.
//!
//! Role: a re-export. The conversion is defined once, in the leaf crate `aqua-number` (shared
//! with the VM's string coercions, `tonumber` and `io.read("n")`); this module keeps the lexer's
//! path `crate::numeral::{str2number, Number}`.
//!
//! Invariant: never panics; `None` for anything lua5.4 would call a malformed number.

pub use aqua_number::{str2float, str2int, str2number, Number};
