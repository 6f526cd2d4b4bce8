//! [`Lua`]: the embedding API's handle to one Lua state (mlua's `Lua`).
//!
//! Role: owns an `aqua_vm::State` (boxed, never moved) and gives safe access to it. Everything
//! else in this crate (handles, conversions, callbacks, chunks) goes through the helpers here.
//!
//! # How the state is reached
//! `Inner::cur` is the pointer every operation uses to reach the `State`. Outside Rust callbacks
//! it is the owned box. When the VM calls a Rust callback it hands over `&mut Ctx` (which holds the
//! `&mut State` the VM is using); the callback trampoline stores a pointer derived from that
//! borrow in `cur` for the duration of the callback and restores the previous pointer afterwards.
//! So each access goes through a pointer derived from the innermost live borrow (proper nesting),
//! and no two `&mut State` are used at the same time. `Lua::st` hands out the `&mut State` for
//! the duration of one closure; such closures never drop handles (a handle's `Drop` unpins through
//! `cur` itself) and only re-enter through VM calls, which go through the trampoline.
//!
//! # GC safety
//! Collections run only at VM safe points, i.e. inside calls into Lua code. Raw `aqua_vm::Value`s
//! obtained from the VM are therefore converted (copied or pinned into handles) before the next
//! call into Lua; values passed to the VM are made right before the call that consumes them.
//!
//! Handles keep a `Weak` reference to the state: they never keep it alive (no reference cycles
//! through Rust closures stored in the state), and using one after its `Lua` was dropped is an
//! [`Error::StateDropped`]. A `Lua` clone, on the other hand, is a strong reference: a Rust
//! callback that captures one (instead of using the `&Lua` it is given) makes a reference cycle
//! through the state and the state is never freed.

use crate::chunk::{AsChunk, Chunk};
use crate::conversion::{FromLuaMulti, IntoLua, IntoLuaMulti, MultiValue};
use crate::error::{Error, Result};
use crate::function::Function;
use crate::string::LuaString;
use crate::table::Table;
use crate::thread::Thread;
use crate::userdata::{AnyUserData, UserData};
use crate::value::Value;
use aqua_vm::{Ctx, ErrorKind, LuaError, PinId, State, Val};
use std::any::TypeId;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::rc::{Rc, Weak};

pub use aqua_compiler::{Allocator, Options as CompilerOptions, Target};

/// Raw VM value (re-exported for advanced users in `aqua::raw`).
pub(crate) type RawValue = aqua_vm::Value;

pub(crate) struct Inner {
    /// Pointer used to reach the state (see the module docs).
    cur: Cell<*mut State>,
    /// The owned state (freed in `Drop`).
    owned: *mut State,
    /// Metatables of registered userdata types (pinned).
    pub(crate) ud_meta: RefCell<HashMap<TypeId, PinId>>,
    /// Nesting of API calls into the VM (bounded like lua's C stack: `C stack overflow`).
    depth: Cell<u32>,
    /// Pins released by dropped handles, unpinned at the next access to the state (a handle may
    /// be dropped while the VM is busy, e.g. inside a `__gc` sweep dropping a userdata's Rust
    /// value: `Drop` never touches the state).
    pending_unpins: RefCell<Vec<PinId>>,
    /// Rust values attached to the state (`set_app_data`).
    app_data: RefCell<HashMap<TypeId, Box<dyn std::any::Any>>>,
}

/// Limit of nested API calls into the VM (LUAI_MAXCCALLS).
const MAX_API_DEPTH: u32 = 200;

impl Drop for Inner {
    fn drop(&mut self) {
        // SAFETY: `owned` came from `Box::into_raw` in `Lua::new_bare` and is freed only here.
        // No callback can be running: a running callback holds a strong reference.
        unsafe { drop(Box::from_raw(self.owned)) }
    }
}

/// A Lua state. Cheap to clone (all clones are the same state). Not `Send`.
#[derive(Clone)]
pub struct Lua {
    pub(crate) inner: Rc<Inner>,
}

impl std::fmt::Debug for Lua {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Lua({:p})", Rc::as_ptr(&self.inner))
    }
}

/// A weak reference to a [`Lua`] state, held by handles.
#[derive(Clone)]
pub(crate) struct WeakLua(pub(crate) Weak<Inner>);

impl WeakLua {
    pub(crate) fn upgrade(&self) -> Result<Lua> {
        self.0
            .upgrade()
            .map(|inner| Lua { inner })
            .ok_or(Error::StateDropped)
    }
}

/// Restores `Inner::cur` when a callback ends (also on unwinding).
struct CurGuard<'a> {
    inner: &'a Inner,
    prev: *mut State,
}

impl Drop for CurGuard<'_> {
    fn drop(&mut self) {
        self.inner.cur.set(self.prev);
    }
}

impl Default for Lua {
    fn default() -> Self {
        Lua::new()
    }
}

impl Lua {
    /// A state with the standard libraries opened (currently base and coroutine: see
    /// `aqua_stdlib::open_libs`).
    pub fn new() -> Lua {
        let lua = Lua::new_bare();
        lua.open_libs();
        lua
    }

    /// A state with no library opened and no compiler installed (only binary chunks load).
    pub fn new_bare() -> Lua {
        let owned = Box::into_raw(Box::new(State::new()));
        Lua {
            inner: Rc::new(Inner {
                cur: Cell::new(owned),
                owned,
                ud_meta: RefCell::new(HashMap::new()),
                depth: Cell::new(0),
                pending_unpins: RefCell::new(Vec::new()),
                app_data: RefCell::new(HashMap::new()),
            }),
        }
    }

    /// Open the standard libraries (and install the compiler) in this state
    /// (`aqua_stdlib::open_libs`: base and coroutine so far).
    pub fn open_libs(&self) {
        self.st(aqua_stdlib::open_libs);
    }

    /// Re-install the compiler with `opts` (e.g. another register allocator). Affects every
    /// later `load` (API chunks, `load`, `require`...).
    pub fn set_compiler_options(&self, opts: CompilerOptions) {
        self.st(|s| aqua_stdlib::install_compiler_with(s, opts));
    }

    /// Instructions executed so far by this state's interpreters (0 unless built with the
    /// `count-insns` feature).
    pub fn executed_instructions(&self) -> u64 {
        self.st(|s| s.insn_count)
    }

    /// Executions per opcode so far, most frequent first: `(stack target?, opcode name, count)`
    /// (empty unless built with the `count-insns` feature).
    pub fn executed_histogram(&self) -> Vec<(bool, &'static str, u64)> {
        self.st(|s| s.insn_histogram())
    }

    pub(crate) fn weak(&self) -> WeakLua {
        WeakLua(Rc::downgrade(&self.inner))
    }

    /// Run `f` with the state (see the module docs for the aliasing discipline).
    #[inline]
    pub(crate) fn st<R>(&self, f: impl FnOnce(&mut State) -> R) -> R {
        // SAFETY: `cur` points at the live state: the owned box, or (inside a callback) the state
        // borrowed by the VM for that callback, reached through a pointer derived from that
        // borrow. The `&mut` lives only for this closure, which does not touch `cur` except by
        // re-entering the VM (whose callbacks install their own pointer and restore ours).
        // Pending unpins are applied first (see `Inner::pending_unpins`).
        let st = unsafe { &mut *self.inner.cur.get() };
        if let Ok(mut p) = self.inner.pending_unpins.try_borrow_mut() {
            for id in p.drain(..) {
                st.unpin(id);
            }
        }
        f(st)
    }

    /// Direct access to the VM state, for code that needs a VM primitive the API lacks.
    /// Do not call back into this `Lua` (or drop handles) inside `f`; raw values obtained in `f`
    /// are valid only until the next call into Lua code.
    pub fn with_raw_state<R>(&self, f: impl FnOnce(&mut State) -> R) -> R {
        self.st(f)
    }

    // ----- conversions between handles and raw values --------------------------------------

    /// Pin a raw value (for handles).
    pub(crate) fn pin(&self, v: RawValue) -> PinId {
        self.st(|s| s.pin(v))
    }

    /// Rust-side value of a raw value (handles pin their objects).
    pub(crate) fn value_of(&self, v: RawValue) -> Value {
        match v.view() {
            Val::Nil => Value::Nil,
            Val::Bool(b) => Value::Boolean(b),
            Val::Int(i) => Value::Integer(i),
            Val::Num(n) => Value::Number(n),
            Val::Str(_) => Value::String(LuaString(self.make_ref(v))),
            Val::Table(_) => Value::Table(Table(self.make_ref(v))),
            Val::LFunc(_) | Val::NFunc(_) | Val::NClosure(_) => {
                Value::Function(Function(self.make_ref(v)))
            }
            Val::UserData(_) => Value::UserData(AnyUserData(self.make_ref(v))),
            Val::LightUserData(p) => {
                Value::LightUserData(crate::value::LightUserData(p as *mut std::ffi::c_void))
            }
            Val::Thread(_) => Value::Thread(Thread(self.make_ref(v))),
        }
    }

    pub(crate) fn make_ref(&self, v: RawValue) -> LuaRef {
        LuaRef {
            lua: self.weak(),
            id: self.pin(v),
        }
    }

    /// Raw value of a Rust-side value. Handles of another state are an error.
    pub(crate) fn to_raw(&self, v: &Value) -> Result<RawValue> {
        Ok(match v {
            Value::Nil => RawValue::NIL,
            Value::Boolean(b) => RawValue::boolean(*b),
            Value::Integer(i) => RawValue::int(*i),
            Value::Number(n) => RawValue::float(*n),
            Value::LightUserData(p) => RawValue::light_userdata(p.0 as usize),
            Value::String(LuaString(r))
            | Value::Table(Table(r))
            | Value::Function(Function(r))
            | Value::UserData(AnyUserData(r))
            | Value::Thread(Thread(r)) => self.ref_raw(r)?,
        })
    }

    /// The value of a handle, checking that it belongs to this state.
    pub(crate) fn ref_raw(&self, r: &LuaRef) -> Result<RawValue> {
        if !Weak::ptr_eq(&r.lua.0, &Rc::downgrade(&self.inner)) {
            return Err(Error::RuntimeError(
                "a handle from another Lua state was used".into(),
            ));
        }
        Ok(self.st(|s| s.pinned(r.id)))
    }

    pub(crate) fn multi_value_of(&self, vals: &[RawValue]) -> MultiValue {
        MultiValue::from_vec(vals.iter().map(|&v| self.value_of(v)).collect())
    }

    pub(crate) fn multi_to_raw(&self, vals: &MultiValue) -> Result<Vec<RawValue>> {
        vals.iter().map(|v| self.to_raw(v)).collect()
    }

    // ----- errors --------------------------------------------------------------------------

    /// Convert a VM error right after it arrived (see `error.rs`).
    pub(crate) fn error_from_vm(&self, e: LuaError) -> Error {
        let v = e.value;
        match e.kind {
            ErrorKind::Syntax => {
                let message = self
                    .st(|s| s.to_str_bytes(v))
                    .map(|b| String::from_utf8_lossy(&b).into_owned());
                let message = message.unwrap_or_else(|| "syntax error".into());
                let incomplete_input = message.ends_with("<eof>");
                Error::SyntaxError {
                    message,
                    incomplete_input,
                }
            }
            ErrorKind::Memory => Error::MemoryError("not enough memory".into()),
            _ => {
                let value = self.value_of(v);
                let traceback = e.traceback.clone();
                // lua.c's msghandler: strings and numbers are the message; otherwise __tostring
                // (when it yields a string, without traceback), else the type name.
                if let Some(b) = self.st(|s| s.to_str_bytes(v)) {
                    return Error::Lua {
                        message: String::from_utf8_lossy(&b).into_owned(),
                        traceback,
                        value,
                    };
                }
                let tostr = self.st(|s| s.get_metafield(v, "__tostring"));
                if !tostr.is_nil() {
                    // `value` pins the error object across the call.
                    let r = self.st(|s| s.call(tostr, &[v]));
                    if let Ok(res) = r {
                        if let Some(s) = res.first().and_then(|x| x.str_bytes()) {
                            let message = String::from_utf8_lossy(s).into_owned();
                            return Error::Lua {
                                message,
                                traceback: None,
                                value,
                            };
                        }
                    }
                }
                let message = format!("(error object is a {} value)", v.type_name());
                Error::Lua {
                    message,
                    traceback,
                    value,
                }
            }
        }
    }

    /// Convert an API error into a VM error value (to raise it into Lua).
    pub(crate) fn error_to_vm(&self, e: Error) -> LuaError {
        match e {
            Error::Lua { value, .. } => match self.to_raw(&value) {
                Ok(v) => LuaError::new(v),
                Err(e2) => self.st(|s| s.error_msg(&e2.to_string())),
            },
            Error::MemoryError(m) => {
                let mut le = self.st(|s| s.error_msg(&m));
                le.kind = ErrorKind::Memory;
                le
            }
            Error::SyntaxError { message, .. } => {
                let mut le = self.st(|s| s.error_msg(&message));
                le.kind = ErrorKind::Syntax;
                le
            }
            e => {
                let m = e.to_string();
                self.st(|s| s.error_msg(&m))
            }
        }
    }

    /// Call a raw function value with raw arguments (protected; traceback on error).
    /// Convert call arguments to raw values. Conversions that may run Lua code (user impls) go
    /// through pinned `Value`s, kept alive (returned) until the call is over.
    pub(crate) fn args_to_raw<A: IntoLuaMulti>(
        &self,
        args: A,
    ) -> Result<(Vec<RawValue>, Option<MultiValue>)> {
        if A::PURE {
            let mut raw = Vec::new();
            args.push_into_raw_multi(self, &mut raw)?;
            Ok((raw, None))
        } else {
            let mv = args.into_lua_multi(self)?;
            let raw = self.multi_to_raw(&mv)?;
            Ok((raw, Some(mv)))
        }
    }

    /// Convert raw results. With several results and a conversion that may run Lua code, every
    /// result is pinned first (a collection inside the conversion must not free the others).
    pub(crate) fn results_from_raw<R: FromLuaMulti>(&self, res: &[RawValue]) -> Result<R> {
        if R::PURE || res.len() <= 1 {
            R::from_raw_multi(res, self)
        } else {
            R::from_lua_multi(self.multi_value_of(res), self)
        }
    }

    /// The results are raw: convert them before Lua code runs again.
    pub(crate) fn call_raw(&self, f: RawValue, args: &[RawValue]) -> Result<Vec<RawValue>> {
        let r = self.nested(|| self.st(|s| s.pcall_traceback(f, args)))?;
        r.map_err(|e| self.error_from_vm(e))
    }

    /// Run `f` (a call into the VM) counting the nesting of API calls; past
    /// [`MAX_API_DEPTH`] it is a `C stack overflow` error instead (the Rust stack is finite).
    pub(crate) fn nested<R>(&self, f: impl FnOnce() -> R) -> Result<R> {
        let d = self.inner.depth.get();
        if d >= MAX_API_DEPTH {
            return Err(Error::RuntimeError("C stack overflow".into()));
        }
        self.inner.depth.set(d + 1);
        let r = f();
        self.inner.depth.set(d);
        Ok(r)
    }

    // ----- object creation -----------------------------------------------------------------

    /// The globals table.
    pub fn globals(&self) -> Table {
        let g = self.st(|s| RawValue::table(s.globals()));
        Table(self.make_ref(g))
    }

    /// A new empty table.
    pub fn create_table(&self) -> Result<Table> {
        let t = self.st(|s| RawValue::table(s.new_table()));
        Ok(Table(self.make_ref(t)))
    }

    /// A new table with room for `narr` array items and `nrec` other fields.
    pub fn create_table_with_capacity(&self, narr: usize, nrec: usize) -> Result<Table> {
        let t = self.st(|s| RawValue::table(s.new_table_sized(narr, nrec)));
        Ok(Table(self.make_ref(t)))
    }

    /// A table from `(key, value)` pairs (raw sets; nil values are skipped).
    pub fn create_table_from<K: IntoLua, V: IntoLua, I: IntoIterator<Item = (K, V)>>(
        &self,
        iter: I,
    ) -> Result<Table> {
        let t = self.create_table()?;
        for (k, v) in iter {
            t.raw_set(k, v)?;
        }
        Ok(t)
    }

    /// A sequence `{v1, v2, ...}`.
    pub fn create_sequence_from<V: IntoLua, I: IntoIterator<Item = V>>(
        &self,
        iter: I,
    ) -> Result<Table> {
        let t = self.create_table()?;
        for (i, v) in iter.into_iter().enumerate() {
            t.raw_set(i as i64 + 1, v)?;
        }
        Ok(t)
    }

    /// A Lua string (any bytes).
    pub fn create_string(&self, s: impl AsRef<[u8]>) -> Result<LuaString> {
        let v = self.st(|st| st.new_string(s.as_ref()));
        Ok(LuaString(self.make_ref(v)))
    }

    /// A Lua function calling a Rust closure. Arguments are converted with [`FromLuaMulti`]
    /// (a conversion failure is raised as `bad argument #n to 'name' (...)`), results with
    /// [`IntoLuaMulti`]; an `Err` becomes a Lua error (the original value for errors that came
    /// from Lua); a panic is caught and raised as a Lua error.
    pub fn create_function<A, R, F>(&self, func: F) -> Result<Function>
    where
        A: FromLuaMulti,
        R: IntoLuaMulti,
        F: Fn(&Lua, A) -> Result<R> + 'static,
    {
        let cb: RawCallback = Box::new(move |lua, args, out| {
            let a = A::from_raw_args(args, lua)?;
            lua.push_results(func(lua, a)?, out)
        });
        let v = self.raw_callback(cb, Vec::new());
        Ok(Function(self.make_ref(v)))
    }

    /// Push a callback's results as raw values (through pinned `Value`s when the conversion may
    /// run Lua code, see `IntoLua::PURE`).
    pub(crate) fn push_results<R: IntoLuaMulti>(
        &self,
        r: R,
        out: &mut Vec<RawValue>,
    ) -> Result<()> {
        if R::PURE {
            r.push_into_raw_multi(self, out)
        } else {
            let mv = r.into_lua_multi(self)?;
            out.extend(self.multi_to_raw(&mv)?);
            Ok(())
        }
    }

    /// Like [`Lua::create_function`] for `FnMut` closures. A recursive call of the same closure
    /// (through Lua) is an error.
    pub fn create_function_mut<A, R, F>(&self, func: F) -> Result<Function>
    where
        A: FromLuaMulti,
        R: IntoLuaMulti,
        F: FnMut(&Lua, A) -> Result<R> + 'static,
    {
        let func = RefCell::new(func);
        self.create_function(move |lua, args: A| {
            let mut f = func
                .try_borrow_mut()
                .map_err(|_| Error::RuntimeError("mutable callback called recursively".into()))?;
            (*f)(lua, args)
        })
    }

    /// Wrap a raw callback as a native closure.
    pub(crate) fn create_raw_callback(&self, cb: RawCallback) -> Result<Function> {
        let v = self.raw_callback(cb, Vec::new());
        Ok(Function(self.make_ref(v)))
    }

    /// Wrap a callback on `MultiValue`s as a native closure.
    pub(crate) fn create_callback(&self, cb: Callback) -> Result<Function> {
        let v = self.raw_callback(multi_callback(cb), Vec::new());
        Ok(Function(self.make_ref(v)))
    }

    /// A native closure (raw value) running `cb` through the trampoline, with VM upvalues
    /// (traced by the collector), which `cb` receives before the call's arguments.
    pub(crate) fn raw_callback(&self, cb: RawCallback, upvals: Vec<RawValue>) -> RawValue {
        let weak = self.weak();
        let cb = CatchDrop(Some(cb));
        self.st(move |s| {
            s.new_rust_closure(
                move |ctx: &mut Ctx| match &cb.0 {
                    Some(cb) => trampoline(&weak, cb, ctx),
                    None => Ok(0),
                },
                upvals,
            )
        })
    }

    /// A userdata holding `data`, with the methods of `T` (see [`UserData`]).
    pub fn create_userdata<T: UserData>(&self, data: T) -> Result<AnyUserData> {
        crate::userdata::create_userdata(self, data)
    }

    /// A coroutine running `func`.
    pub fn create_thread(&self, func: Function) -> Result<Thread> {
        let f = self.ref_raw(&func.0)?;
        let t = self.st(|s| RawValue::thread(s.new_thread(f)));
        Ok(Thread(self.make_ref(t)))
    }

    // ----- loading ------------------------------------------------------------------------

    /// A chunk of Lua code (source or binary) to run: see [`Chunk`].
    pub fn load<'a>(&self, chunk: impl AsChunk<'a>) -> Chunk<'a> {
        Chunk::new(self.clone(), chunk)
    }

    // ----- conversions ----------------------------------------------------------------------

    /// Convert a Rust value to a Lua [`Value`].
    pub fn pack<T: IntoLua>(&self, t: T) -> Result<Value> {
        t.into_lua(self)
    }

    /// Convert a Lua [`Value`] to a Rust value.
    pub fn unpack<T: crate::conversion::FromLua>(&self, v: Value) -> Result<T> {
        T::from_lua(v, self)
    }

    /// `tostring(v)` semantics (`__tostring`, `__name`).
    pub fn to_string_lossy(&self, v: &Value) -> Result<String> {
        let raw = self.to_raw(v)?;
        match self.st(|s| s.tostring(raw)) {
            Ok(s) => Ok(s.to_str_lossy()),
            Err(e) => Err(self.error_from_vm(e)),
        }
    }

    // ----- registry, warnings, GC -----------------------------------------------------------

    /// Store `v` in the registry under `name`.
    pub fn set_named_registry_value(&self, name: &str, v: impl IntoLua) -> Result<()> {
        let v = v.into_lua(self)?;
        let raw = self.to_raw(&v)?;
        self.st(|s| {
            let r = s.registry();
            s.raw_set_str(r, name, raw)
        });
        Ok(())
    }

    /// The registry value stored under `name`.
    pub fn named_registry_value<T: crate::conversion::FromLua>(&self, name: &str) -> Result<T> {
        let raw = self.st(|s| {
            let r = s.registry();
            s.raw_get_str(r, name)
        });
        T::from_lua(self.value_of(raw), self)
    }

    /// Turn the warning system (`warn`) on or off (`lua -W`).
    pub fn set_warnings(&self, on: bool) {
        self.st(|s| s.warn_on = on);
    }

    /// Run a full garbage collection.
    pub fn gc_collect(&self) -> Result<()> {
        self.st(|s| s.collect_garbage());
        Ok(())
    }

    /// Attach a Rust value to the state (one per type), replacing and returning the previous one.
    /// Reachable from callbacks through the `&Lua` they get.
    pub fn set_app_data<T: 'static>(&self, data: T) -> Option<T> {
        let old = self
            .inner
            .app_data
            .try_borrow_mut()
            .ok()?
            .insert(TypeId::of::<T>(), Box::new(data));
        old.and_then(|b| b.downcast::<T>().ok()).map(|b| *b)
    }

    /// The attached value of type `T` (`None` if absent or currently mutably borrowed).
    pub fn app_data_ref<T: 'static>(&self) -> Option<std::cell::Ref<'_, T>> {
        let m = self.inner.app_data.try_borrow().ok()?;
        std::cell::Ref::filter_map(m, |m| {
            m.get(&TypeId::of::<T>())
                .and_then(|b| b.downcast_ref::<T>())
        })
        .ok()
    }

    /// The attached value of type `T`, mutably (`None` if absent or already borrowed).
    pub fn app_data_mut<T: 'static>(&self) -> Option<std::cell::RefMut<'_, T>> {
        let m = self.inner.app_data.try_borrow_mut().ok()?;
        std::cell::RefMut::filter_map(m, |m| {
            m.get_mut(&TypeId::of::<T>())
                .and_then(|b| b.downcast_mut::<T>())
        })
        .ok()
    }

    /// Detach and return the value of type `T`.
    pub fn remove_app_data<T: 'static>(&self) -> Option<T> {
        let old = self
            .inner
            .app_data
            .try_borrow_mut()
            .ok()?
            .remove(&TypeId::of::<T>());
        old.and_then(|b| b.downcast::<T>().ok()).map(|b| *b)
    }

    /// Keep `v` alive in the state until the key is dropped (mlua's registry values; any handle
    /// does the same, this is for code written against mlua).
    pub fn create_registry_value(&self, v: impl IntoLua) -> Result<RegistryKey> {
        Ok(RegistryKey(v.into_lua(self)?))
    }

    /// The value kept by `key`.
    pub fn registry_value<T: crate::conversion::FromLua>(&self, key: &RegistryKey) -> Result<T> {
        T::from_lua(key.0.clone(), self)
    }

    /// Release a registry value.
    pub fn remove_registry_value(&self, key: RegistryKey) -> Result<()> {
        drop(key);
        Ok(())
    }

    /// Stop the collector (`collectgarbage("stop")`).
    pub fn gc_stop(&self) {
        self.st(|s| s.gc_stop());
    }

    /// Restart the collector (`collectgarbage("restart")`).
    pub fn gc_restart(&self) {
        self.st(|s| s.gc_restart());
    }

    /// Is the collector running?
    pub fn gc_is_running(&self) -> bool {
        self.st(|s| s.gc_is_running())
    }

    /// `v1 == v2` with the `__eq` metamethod.
    pub fn equals(&self, a: &Value, b: &Value) -> Result<bool> {
        let (ra, rb) = (self.to_raw(a)?, self.to_raw(b)?);
        match self.st(|s| s.equals(ra, rb)) {
            Ok(r) => Ok(r),
            Err(e) => Err(self.error_from_vm(e)),
        }
    }

    /// A string or number as a Lua string (numbers converted as `tostring` does); `None` for
    /// other values (`lua_tolstring`).
    pub fn coerce_string(&self, v: &Value) -> Result<Option<LuaString>> {
        let raw = self.to_raw(v)?;
        Ok(self
            .st(|s| s.to_string_value(raw))
            .map(|s| LuaString(self.make_ref(RawValue::str(s)))))
    }

    /// A number or numeric string as an integer when it has an exact integer value
    /// (`lua_tointegerx`).
    pub fn coerce_integer(&self, v: &Value) -> Result<Option<i64>> {
        let raw = self.to_raw(v)?;
        Ok(self.st(|s| s.to_integer(raw)))
    }

    /// A number or numeric string as a float (`lua_tonumberx`).
    pub fn coerce_number(&self, v: &Value) -> Result<Option<f64>> {
        let raw = self.to_raw(v)?;
        Ok(self.st(|s| s.to_float(raw)))
    }

    /// Bytes in use by the heap.
    pub fn used_memory(&self) -> usize {
        self.st(|s| (s.gc_count_kb() * 1024.0) as usize)
    }
}

/// Drops its content with panics caught: Rust values owned by heap objects are dropped by the
/// collector, and a panic must not unwind through it.
pub(crate) struct CatchDrop<T>(pub(crate) Option<T>);

impl<T> Drop for CatchDrop<T> {
    fn drop(&mut self) {
        let v = self.0.take();
        let _ = catch_unwind(AssertUnwindSafe(move || drop(v)));
    }
}

/// A value kept alive in the state (see [`Lua::create_registry_value`]).
#[derive(Debug)]
pub struct RegistryKey(Value);

/// A Rust callback on multi-values (for the less hot callbacks: userdata `__index` dispatch,
/// `bind`, scopes).
pub(crate) type Callback = Box<dyn Fn(&Lua, MultiValue) -> Result<MultiValue>>;

/// A Rust callback on raw values: the arguments (on the VM stack, so rooted) and the results to
/// push (unrooted until pushed: no Lua code may run after they are produced). The form the
/// trampoline runs; `create_function` and userdata methods produce it directly.
pub(crate) type RawCallback = Box<dyn Fn(&Lua, &[RawValue], &mut Vec<RawValue>) -> Result<()>>;

/// Adapt a [`Callback`] to the raw form.
pub(crate) fn multi_callback(cb: Callback) -> RawCallback {
    Box::new(move |lua, args, out| {
        let mv = cb(lua, lua.multi_value_of(args))?;
        out.extend(lua.multi_to_raw(&mv)?);
        Ok(())
    })
}

/// What a callback produced, as plain data (no handles: they must be dropped while `cur` still
/// points at the callback's state).
enum Outcome {
    Values(Vec<RawValue>),
    Error(LuaError),
    BadArg(usize, String),
}

/// The native side of every Rust callback: converts arguments, runs `cb` with `cur` pointing at
/// the VM's state, converts results or errors, catches panics.
fn trampoline(
    weak: &WeakLua,
    cb: &RawCallback,
    ctx: &mut Ctx,
) -> std::result::Result<usize, LuaError> {
    let lua = match weak.upgrade() {
        Ok(l) => l,
        Err(_) => return Err(ctx.error_msg("Lua state is being closed")),
    };
    // The closure's VM upvalues (if any) come before the arguments.
    let raw_args = if ctx.upvalues().is_empty() {
        ctx.args()
    } else {
        let mut v = ctx.upvalues().to_vec();
        v.extend(ctx.args());
        v
    };
    let sp: *mut State = ctx.state();
    let prev = lua.inner.cur.replace(sp);
    let outcome = {
        let _guard = CurGuard {
            inner: &lua.inner,
            prev,
        };
        let r = catch_unwind(AssertUnwindSafe(|| {
            let mut out = Vec::new();
            match cb(&lua, &raw_args, &mut out) {
                Ok(()) => Outcome::Values(out),
                Err(Error::BadArgument { pos, cause }) => Outcome::BadArg(pos, cause.message()),
                Err(e) => Outcome::Error(lua.error_to_vm(e)),
            }
        }));
        match r {
            Ok(o) => o,
            Err(payload) => {
                let msg = if let Some(s) = payload.downcast_ref::<&str>() {
                    (*s).to_string()
                } else if let Some(s) = payload.downcast_ref::<String>() {
                    s.clone()
                } else {
                    "Box<dyn Any>".to_string()
                };
                Outcome::Error(lua.st(|s| s.error_msg(&format!("panic in Rust callback: {msg}"))))
            }
        }
    };
    drop(lua);
    match outcome {
        Outcome::Values(vals) => {
            ctx.check_stack(vals.len())?;
            for v in &vals {
                ctx.push(*v);
            }
            Ok(vals.len())
        }
        Outcome::Error(e) => Err(e),
        Outcome::BadArg(pos, msg) => Err(ctx.arg_error(pos, &msg)),
    }
}

/// A pinned reference to a Lua object: the common part of every handle.
pub(crate) struct LuaRef {
    pub(crate) lua: WeakLua,
    pub(crate) id: PinId,
}

impl LuaRef {
    /// The state and the raw value.
    pub(crate) fn get(&self) -> Result<(Lua, RawValue)> {
        let lua = self.lua.upgrade()?;
        let v = lua.st(|s| s.pinned(self.id));
        Ok((lua, v))
    }

    /// Identity of the referenced object (address), 0 when the state is gone.
    pub(crate) fn ptr_bits(&self) -> usize {
        self.get().map(|(_, v)| v.ptr_bits()).unwrap_or(0)
    }
}

impl Clone for LuaRef {
    fn clone(&self) -> Self {
        match self.lua.upgrade() {
            Ok(lua) => {
                let id = lua.st(|s| {
                    let v = s.pinned(self.id);
                    s.pin(v)
                });
                LuaRef {
                    lua: self.lua.clone(),
                    id,
                }
            }
            // A dead state: the copy is as dead as the original.
            Err(_) => LuaRef {
                lua: self.lua.clone(),
                id: self.id,
            },
        }
    }
}

impl Drop for LuaRef {
    fn drop(&mut self) {
        if let Some(inner) = self.lua.0.upgrade() {
            if let Ok(mut p) = inner.pending_unpins.try_borrow_mut() {
                p.push(self.id);
            }
        }
    }
}

impl PartialEq for LuaRef {
    fn eq(&self, o: &LuaRef) -> bool {
        match (self.get(), o.get()) {
            (Ok((a, x)), Ok((_, y))) => {
                Weak::ptr_eq(&self.lua.0, &o.lua.0) && {
                    let _ = a;
                    x.raw_eq(y)
                }
            }
            _ => false,
        }
    }
}

impl std::fmt::Debug for LuaRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Ref({:#x})", self.ptr_bits())
    }
}
