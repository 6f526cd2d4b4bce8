//! [`Lua::scope`]: Rust callbacks that borrow from the caller's stack frame (non-`'static`).
//!
//! Role: `lua.scope(|s| { let f = s.create_function(|_, ()| { counter += 1; Ok(()) })?; ... })`
//! makes functions whose closures may borrow local variables. When the scope ends, every closure
//! it created is dropped; the Lua functions stay valid values but calling one afterwards is an
//! error (`scoped function called after its scope ended`).
//!
//! Invariant (what makes the lifetime erasure below sound): a scoped closure is only reachable
//! through its slot, and the scope empties every slot in its `Drop`, which runs before `'env`
//! ends. A slot cannot be in use when the scope ends: the scope's body holds `&Scope` while any
//! of its closures can run, and a panic in a closure is caught by the callback trampoline.

use crate::conversion::{FromLuaMulti, IntoLuaMulti, MultiValue};
use crate::error::{Error, Result};
use crate::function::Function;
use crate::lua::{Callback, Lua};
use std::cell::RefCell;
use std::marker::PhantomData;
use std::rc::Rc;

type Slot = Rc<RefCell<Option<Callback>>>;

/// A callback that may borrow for `'env`.
type ScopedCallback<'env> = Box<dyn Fn(&Lua, MultiValue) -> Result<MultiValue> + 'env>;

/// The scope handed to the body of [`Lua::scope`].
pub struct Scope<'lua, 'env> {
    lua: &'lua Lua,
    slots: RefCell<Vec<Slot>>,
    /// Invariant in `'env`.
    _env: PhantomData<&'env mut &'env ()>,
}

impl Lua {
    /// Run `f` with a [`Scope`] whose functions may borrow from the current stack frame.
    pub fn scope<'env, R>(
        &self,
        f: impl for<'s> FnOnce(&'s Scope<'_, 'env>) -> Result<R>,
    ) -> Result<R> {
        let scope = Scope {
            lua: self,
            slots: RefCell::new(Vec::new()),
            _env: PhantomData,
        };
        f(&scope)
    }
}

impl<'lua, 'env> Scope<'lua, 'env> {
    /// Like [`Lua::create_function`], for a closure that lives only as long as the scope.
    pub fn create_function<A, R, F>(&self, func: F) -> Result<Function>
    where
        A: FromLuaMulti,
        R: IntoLuaMulti,
        F: Fn(&Lua, A) -> Result<R> + 'env,
    {
        let cb: ScopedCallback<'env> =
            Box::new(move |lua, args| func(lua, A::from_lua_args(args, lua)?)?.into_lua_multi(lua));
        // SAFETY: only the lifetime bound of the trait object changes (same layout). The box is
        // reachable only through `slot`, which `Scope::drop` empties before `'env` ends (module
        // invariant), so the closure never runs or is dropped after what it borrows is gone.
        let cb: Callback = unsafe { std::mem::transmute::<ScopedCallback<'env>, Callback>(cb) };
        let slot: Slot = Rc::new(RefCell::new(Some(cb)));
        self.slots.borrow_mut().push(slot.clone());
        self.lua.create_callback(Box::new(move |lua, args| {
            let g = slot
                .try_borrow()
                .map_err(|_| Error::RuntimeError("scoped function is being destroyed".into()))?;
            match &*g {
                Some(cb) => cb(lua, args),
                None => Err(Error::RuntimeError(
                    "scoped function called after its scope ended".into(),
                )),
            }
        }))
    }

    /// Like [`Lua::create_function_mut`], for a closure that lives only as long as the scope.
    pub fn create_function_mut<A, R, F>(&self, func: F) -> Result<Function>
    where
        A: FromLuaMulti,
        R: IntoLuaMulti,
        F: FnMut(&Lua, A) -> Result<R> + 'env,
    {
        let func = RefCell::new(func);
        self.create_function(move |lua, args: A| {
            let mut f = func
                .try_borrow_mut()
                .map_err(|_| Error::RuntimeError("mutable callback called recursively".into()))?;
            (*f)(lua, args)
        })
    }
}

impl Drop for Scope<'_, '_> {
    fn drop(&mut self) {
        for slot in self.slots.get_mut().drain(..) {
            match slot.try_borrow_mut() {
                Ok(mut g) => {
                    let cb = g.take();
                    drop(g);
                    let _ =
                        std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || drop(cb)));
                }
                // Unreachable (module invariant); never let a closure outlive its borrows.
                Err(_) => std::process::abort(),
            }
        }
    }
}
