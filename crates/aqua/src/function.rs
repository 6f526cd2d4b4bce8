//! [`Function`]: a handle to a Lua function (Lua closure, native function or Rust callback).
//!
//! Calls from Rust are protected: a Lua error comes back as [`crate::Error::Lua`] with the error
//! value and a traceback taken where the error was raised.

use crate::conversion::{FromLuaMulti, IntoLuaMulti, MultiValue};
use crate::error::{Error, Result};
use crate::lua::LuaRef;
use crate::value::Value;

/// A Lua function handle.
#[derive(Clone, Debug, PartialEq)]
pub struct Function(pub(crate) LuaRef);

impl Function {
    /// Call the function with `args`, converting its results to `R`.
    pub fn call<R: FromLuaMulti>(&self, args: impl IntoLuaMulti) -> Result<R> {
        let (lua, f) = self.0.get()?;
        let (raw, keep) = lua.args_to_raw(args)?;
        let res = lua.call_raw(f, &raw);
        drop(keep);
        lua.results_from_raw(&res?)
    }

    /// A function that calls this one with `args` before its own arguments. The bound values are
    /// kept as upvalues of the new function (collected with it).
    pub fn bind(&self, args: impl IntoLuaMulti) -> Result<Function> {
        let (lua, f) = self.0.get()?;
        let bound = args.into_lua_multi(&lua)?;
        let mut ups = vec![f];
        ups.extend(lua.multi_to_raw(&bound)?);
        let cb: crate::lua::Callback = Box::new(|_, all: MultiValue| {
            let mut it = all.into_vec().into_iter();
            match it.next() {
                Some(Value::Function(f)) => {
                    f.call::<MultiValue>(MultiValue::from_vec(it.collect()))
                }
                _ => Err(Error::RuntimeError("bound function lost".into())),
            }
        });
        let v = lua.raw_callback(crate::lua::multi_callback(cb), ups);
        drop(bound);
        Ok(Function(lua.make_ref(v)))
    }

    /// Address (identity) of the function.
    pub fn to_pointer(&self) -> usize {
        self.0.ptr_bits()
    }
}
