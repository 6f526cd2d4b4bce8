//! [`Function`]: a handle to a Lua function (Lua closure, native function or Rust callback).
//!
//! Calls from Rust are protected: a Lua error comes back as [`crate::Error::Lua`] with the error
//! value and a traceback taken where the error was raised.

use crate::conversion::{FromLuaMulti, IntoLuaMulti};
use crate::error::Result;
use crate::lua::LuaRef;

/// A Lua function handle.
#[derive(Clone, Debug, PartialEq)]
pub struct Function(pub(crate) LuaRef);

impl Function {
    /// Call the function with `args`, converting its results to `R`.
    pub fn call<R: FromLuaMulti>(&self, args: impl IntoLuaMulti) -> Result<R> {
        let (lua, f) = self.0.get()?;
        let args = args.into_lua_multi(&lua)?;
        let raw = lua.multi_to_raw(&args)?;
        let res = lua.call_raw(f, &raw);
        drop(args);
        R::from_lua_multi(res?, &lua)
    }

    /// Address (identity) of the function.
    pub fn to_pointer(&self) -> usize {
        self.0.ptr_bits()
    }
}
