//! Rust values as Lua userdata: the [`UserData`] trait (methods, meta-methods, fields) and the
//! [`AnyUserData`] handle.
//!
//! Role: `lua.create_userdata(value)` boxes `UdCell<T>` (a `RefCell<T>`) in a VM userdata whose metatable is built
//! once per Rust type from `T::add_methods`/`T::add_fields` and cached in the state:
//! - methods live in a methods table; `__index` is that table, or (when `T` has field getters or
//!   its own `__index`) a function that tries getters, then methods, then the user `__index`;
//! - `__newindex` dispatches to field setters, then the user `__newindex`;
//! - other meta-methods (`__add`, `__tostring`, `__call`, `__close`, ...) are set as given.
//!
//! Methods borrow the value (`RefCell`): a method taking `&mut T` while another borrow is active
//! (e.g. re-entered through Lua) fails with a Lua error instead of panicking. The Rust value is
//! dropped when the collector frees the userdata (or when the state is closed); a panic in its
//! `Drop` is caught there (it would otherwise unwind through the collector).
//!
//! ```
//! use aqua::{Lua, MetaMethod, Result, UserData, UserDataFields, UserDataMethods};
//!
//! struct Counter { n: i64 }
//!
//! impl UserData for Counter {
//!     fn add_fields<F: UserDataFields<Self>>(fields: &mut F) {
//!         fields.add_field_method_get("n", |_, c| Ok(c.n));
//!     }
//!     fn add_methods<M: UserDataMethods<Self>>(methods: &mut M) {
//!         methods.add_method_mut("add", |_, c, k: i64| { c.n += k; Ok(c.n) });
//!         methods.add_meta_method(MetaMethod::ToString, |_, c, ()| Ok(format!("Counter({})", c.n)));
//!     }
//! }
//!
//! # fn main() -> Result<()> {
//! let lua = Lua::new();
//! let c = lua.create_userdata(Counter { n: 1 })?;
//! lua.globals().set("c", c.clone())?;
//! let n: i64 = lua.load("c:add(41); return c.n").eval()?;
//! assert_eq!(n, 42);
//! assert_eq!(c.borrow::<Counter>()?.n, 42);
//! # Ok(())
//! # }
//! ```

use crate::conversion::{FromLua, FromLuaMulti, IntoLua, IntoLuaMulti, MultiValue};
use crate::error::{Error, Result};
use crate::lua::{Lua, LuaRef, RawCallback, RawValue};
use crate::table::Table;
use crate::value::Value;
use std::any::{Any, TypeId};
use std::cell::{Ref, RefCell, RefMut};
use std::collections::HashMap;

/// A Rust type usable as a Lua userdata.
pub trait UserData: Sized + 'static {
    /// Register fields (`obj.x` getters and `obj.x = v` setters).
    fn add_fields<F: UserDataFields<Self>>(_fields: &mut F) {}
    /// Register methods (`obj:m(...)`) and meta-methods.
    fn add_methods<M: UserDataMethods<Self>>(_methods: &mut M) {}
}

/// Names of the metamethods (`MetaMethod::Add.name() == "__add"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MetaMethod {
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Pow,
    Unm,
    IDiv,
    BAnd,
    BOr,
    BXor,
    BNot,
    Shl,
    Shr,
    Concat,
    Len,
    Eq,
    Lt,
    Le,
    Index,
    NewIndex,
    Call,
    ToString,
    Close,
    Pairs,
    Name,
}

impl MetaMethod {
    /// The metatable key.
    pub fn name(self) -> &'static str {
        match self {
            MetaMethod::Add => "__add",
            MetaMethod::Sub => "__sub",
            MetaMethod::Mul => "__mul",
            MetaMethod::Div => "__div",
            MetaMethod::Mod => "__mod",
            MetaMethod::Pow => "__pow",
            MetaMethod::Unm => "__unm",
            MetaMethod::IDiv => "__idiv",
            MetaMethod::BAnd => "__band",
            MetaMethod::BOr => "__bor",
            MetaMethod::BXor => "__bxor",
            MetaMethod::BNot => "__bnot",
            MetaMethod::Shl => "__shl",
            MetaMethod::Shr => "__shr",
            MetaMethod::Concat => "__concat",
            MetaMethod::Len => "__len",
            MetaMethod::Eq => "__eq",
            MetaMethod::Lt => "__lt",
            MetaMethod::Le => "__le",
            MetaMethod::Index => "__index",
            MetaMethod::NewIndex => "__newindex",
            MetaMethod::Call => "__call",
            MetaMethod::ToString => "__tostring",
            MetaMethod::Close => "__close",
            MetaMethod::Pairs => "__pairs",
            MetaMethod::Name => "__name",
        }
    }
}

impl AsRef<str> for MetaMethod {
    fn as_ref(&self) -> &str {
        self.name()
    }
}

impl std::fmt::Display for MetaMethod {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Registration of methods for `T` (implemented by the crate; used in [`UserData::add_methods`]).
pub trait UserDataMethods<T> {
    /// `obj:name(args)` with `&T`.
    fn add_method<A, R, M>(&mut self, name: impl AsRef<str>, method: M)
    where
        A: FromLuaMulti,
        R: IntoLuaMulti,
        M: Fn(&Lua, &T, A) -> Result<R> + 'static;
    /// `obj:name(args)` with `&mut T`.
    fn add_method_mut<A, R, M>(&mut self, name: impl AsRef<str>, method: M)
    where
        A: FromLuaMulti,
        R: IntoLuaMulti,
        M: FnMut(&Lua, &mut T, A) -> Result<R> + 'static;
    /// `obj.name(args)`: a plain function stored among the methods.
    fn add_function<A, R, F>(&mut self, name: impl AsRef<str>, function: F)
    where
        A: FromLuaMulti,
        R: IntoLuaMulti,
        F: Fn(&Lua, A) -> Result<R> + 'static;
    /// A meta-method receiving `&T` as first argument (e.g. `__tostring`, `__len`, `__index`).
    fn add_meta_method<A, R, M>(&mut self, name: impl AsRef<str>, method: M)
    where
        A: FromLuaMulti,
        R: IntoLuaMulti,
        M: Fn(&Lua, &T, A) -> Result<R> + 'static;
    /// A meta-method receiving `&mut T` as first argument.
    fn add_meta_method_mut<A, R, M>(&mut self, name: impl AsRef<str>, method: M)
    where
        A: FromLuaMulti,
        R: IntoLuaMulti,
        M: FnMut(&Lua, &mut T, A) -> Result<R> + 'static;
    /// A meta-method as a plain function (all operands as arguments: binary operators may get the
    /// userdata as either operand).
    fn add_meta_function<A, R, F>(&mut self, name: impl AsRef<str>, function: F)
    where
        A: FromLuaMulti,
        R: IntoLuaMulti,
        F: Fn(&Lua, A) -> Result<R> + 'static;
}

/// Registration of fields for `T` (used in [`UserData::add_fields`]).
pub trait UserDataFields<T> {
    /// `obj.name` reads through `getter`.
    fn add_field_method_get<R, M>(&mut self, name: impl AsRef<str>, getter: M)
    where
        R: IntoLua,
        M: Fn(&Lua, &T) -> Result<R> + 'static;
    /// `obj.name = v` writes through `setter`.
    fn add_field_method_set<A, M>(&mut self, name: impl AsRef<str>, setter: M)
    where
        A: FromLua,
        M: FnMut(&Lua, &mut T, A) -> Result<()> + 'static;
    /// A constant field `obj.name` (stored with the methods).
    fn add_field<V: IntoLua + 'static>(&mut self, name: impl AsRef<str>, value: V);
    /// A metatable field that is not a function (e.g. `__name`, `__metatable`).
    fn add_meta_field<V: IntoLua + 'static>(&mut self, name: impl AsRef<str>, value: V);
}

/// A value made when the metatable is built.
type LazyValue = Box<dyn FnOnce(&Lua) -> Result<Value>>;

/// Collects the registrations of one type.
struct Registry<T> {
    methods: Vec<(String, RawCallback)>,
    meta: Vec<(String, RawCallback)>,
    getters: Vec<(String, RawCallback)>,
    setters: Vec<(String, RawCallback)>,
    fields: Vec<(String, LazyValue)>,
    meta_fields: Vec<(String, LazyValue)>,
    _m: std::marker::PhantomData<T>,
}

fn borrow_self<T: 'static>(lua: &Lua, v: Option<RawValue>) -> Result<AnyUserData> {
    match v.map(|v| lua.value_of(v)) {
        Some(Value::UserData(u)) if u.is::<T>() => Ok(u),
        Some(v) => Err(Error::BadArgument {
            pos: 1,
            cause: Box::new(Error::from_conversion(
                v.type_name(),
                "userdata",
                Some("userdata expected".into()),
            )),
        }),
        None => Err(Error::BadArgument {
            pos: 1,
            cause: Box::new(Error::RuntimeError("userdata expected".into())),
        }),
    }
}

fn shift(e: Error) -> Error {
    match e {
        Error::BadArgument { pos, cause } => Error::BadArgument {
            pos: pos + 1,
            cause,
        },
        e => e,
    }
}

fn method_cb<T: 'static, A: FromLuaMulti, R: IntoLuaMulti>(
    method: impl Fn(&Lua, &T, A) -> Result<R> + 'static,
) -> RawCallback {
    Box::new(move |lua, args, out| {
        let ud = borrow_self::<T>(lua, args.first().copied())?;
        let a = A::from_raw_args(args.get(1..).unwrap_or(&[]), lua).map_err(shift)?;
        let this = ud.borrow::<T>()?;
        let r = method(lua, &this, a)?;
        drop(this);
        lua.push_results(r, out)
    })
}

fn method_mut_cb<T: 'static, A: FromLuaMulti, R: IntoLuaMulti>(
    method: impl FnMut(&Lua, &mut T, A) -> Result<R> + 'static,
) -> RawCallback {
    let method = RefCell::new(method);
    Box::new(move |lua, args, out| {
        let ud = borrow_self::<T>(lua, args.first().copied())?;
        let a = A::from_raw_args(args.get(1..).unwrap_or(&[]), lua).map_err(shift)?;
        let mut this = ud.borrow_mut::<T>()?;
        let mut m = method
            .try_borrow_mut()
            .map_err(|_| Error::RuntimeError("mutable method called recursively".into()))?;
        let r = (*m)(lua, &mut this, a)?;
        drop(m);
        drop(this);
        lua.push_results(r, out)
    })
}

fn function_cb<A: FromLuaMulti, R: IntoLuaMulti>(
    f: impl Fn(&Lua, A) -> Result<R> + 'static,
) -> RawCallback {
    Box::new(move |lua, args, out| {
        let a = A::from_raw_args(args, lua)?;
        lua.push_results(f(lua, a)?, out)
    })
}

impl<T: 'static> UserDataMethods<T> for Registry<T> {
    fn add_method<A, R, M>(&mut self, name: impl AsRef<str>, method: M)
    where
        A: FromLuaMulti,
        R: IntoLuaMulti,
        M: Fn(&Lua, &T, A) -> Result<R> + 'static,
    {
        self.methods
            .push((name.as_ref().to_string(), method_cb(method)));
    }
    fn add_method_mut<A, R, M>(&mut self, name: impl AsRef<str>, method: M)
    where
        A: FromLuaMulti,
        R: IntoLuaMulti,
        M: FnMut(&Lua, &mut T, A) -> Result<R> + 'static,
    {
        self.methods
            .push((name.as_ref().to_string(), method_mut_cb(method)));
    }
    fn add_function<A, R, F>(&mut self, name: impl AsRef<str>, function: F)
    where
        A: FromLuaMulti,
        R: IntoLuaMulti,
        F: Fn(&Lua, A) -> Result<R> + 'static,
    {
        self.methods
            .push((name.as_ref().to_string(), function_cb(function)));
    }
    fn add_meta_method<A, R, M>(&mut self, name: impl AsRef<str>, method: M)
    where
        A: FromLuaMulti,
        R: IntoLuaMulti,
        M: Fn(&Lua, &T, A) -> Result<R> + 'static,
    {
        self.meta
            .push((name.as_ref().to_string(), method_cb(method)));
    }
    fn add_meta_method_mut<A, R, M>(&mut self, name: impl AsRef<str>, method: M)
    where
        A: FromLuaMulti,
        R: IntoLuaMulti,
        M: FnMut(&Lua, &mut T, A) -> Result<R> + 'static,
    {
        self.meta
            .push((name.as_ref().to_string(), method_mut_cb(method)));
    }
    fn add_meta_function<A, R, F>(&mut self, name: impl AsRef<str>, function: F)
    where
        A: FromLuaMulti,
        R: IntoLuaMulti,
        F: Fn(&Lua, A) -> Result<R> + 'static,
    {
        self.meta
            .push((name.as_ref().to_string(), function_cb(function)));
    }
}

impl<T: 'static> UserDataFields<T> for Registry<T> {
    fn add_field_method_get<R, M>(&mut self, name: impl AsRef<str>, getter: M)
    where
        R: IntoLua,
        M: Fn(&Lua, &T) -> Result<R> + 'static,
    {
        self.getters.push((
            name.as_ref().to_string(),
            method_cb(move |lua, this: &T, (): ()| getter(lua, this)),
        ));
    }
    fn add_field_method_set<A, M>(&mut self, name: impl AsRef<str>, mut setter: M)
    where
        A: FromLua,
        M: FnMut(&Lua, &mut T, A) -> Result<()> + 'static,
    {
        self.setters.push((
            name.as_ref().to_string(),
            method_mut_cb(move |lua, this: &mut T, a: A| setter(lua, this, a)),
        ));
    }
    fn add_field<V: IntoLua + 'static>(&mut self, name: impl AsRef<str>, value: V) {
        self.fields.push((
            name.as_ref().to_string(),
            Box::new(move |lua| value.into_lua(lua)),
        ));
    }
    fn add_meta_field<V: IntoLua + 'static>(&mut self, name: impl AsRef<str>, value: V) {
        self.meta_fields.push((
            name.as_ref().to_string(),
            Box::new(move |lua| value.into_lua(lua)),
        ));
    }
}

/// Run a raw callback on pinned values (the dispatch closures work on `MultiValue`s).
fn call_raw_cb(lua: &Lua, cb: &RawCallback, args: &MultiValue) -> Result<MultiValue> {
    let raw = lua.multi_to_raw(args)?;
    let mut out = Vec::new();
    cb(lua, &raw, &mut out)?;
    Ok(lua.multi_value_of(&out))
}

/// The metatable of `T` (built on first use, then cached in the state).
fn metatable_for<T: UserData>(lua: &Lua) -> Result<RawValue> {
    let tid = TypeId::of::<T>();
    let cached = lua.inner.ud_meta.borrow().get(&tid).copied();
    if let Some(id) = cached {
        return Ok(lua.st(|s| s.pinned(id)));
    }
    let mut reg = Registry::<T> {
        methods: Vec::new(),
        meta: Vec::new(),
        getters: Vec::new(),
        setters: Vec::new(),
        fields: Vec::new(),
        meta_fields: Vec::new(),
        _m: std::marker::PhantomData,
    };
    T::add_fields(&mut reg);
    T::add_methods(&mut reg);

    let mt = lua.create_table()?;
    let methods = lua.create_table()?;
    for (name, v) in reg.fields {
        methods.raw_set(name, v(lua)?)?;
    }
    let mut user_index: Option<Value> = None;
    let mut user_newindex: Option<Value> = None;
    for (name, v) in reg.meta_fields {
        let v = v(lua)?;
        match name.as_str() {
            "__index" => user_index = Some(v),
            "__newindex" => user_newindex = Some(v),
            _ => mt.raw_set(name, v)?,
        }
    }
    for (name, cb) in reg.methods {
        methods.raw_set(name, lua.create_raw_callback(cb)?)?;
    }
    for (name, cb) in reg.meta {
        let f = Value::Function(lua.create_raw_callback(cb)?);
        match name.as_str() {
            "__index" => user_index = Some(f),
            "__newindex" => user_newindex = Some(f),
            _ => mt.raw_set(name, f)?,
        }
    }
    // __index
    if reg.getters.is_empty() && user_index.is_none() {
        mt.raw_set("__index", methods)?;
    } else {
        let getters: HashMap<String, RawCallback> = reg.getters.into_iter().collect();
        let methods_ref = methods.clone();
        let user_index = user_index.clone();
        let f = lua.create_callback(Box::new(move |lua, args: MultiValue| {
            let key = args.get(1).cloned().unwrap_or(Value::Nil);
            if let Value::String(s) = &key {
                if let Ok(name) = s.to_str() {
                    if let Some(g) = getters.get(&name) {
                        let mut a = args.clone();
                        a.truncate(1);
                        return call_raw_cb(lua, g, &a);
                    }
                }
            }
            let m: Value = methods_ref.raw_get(key.clone())?;
            if !m.is_nil() {
                return Ok(MultiValue::from_vec(vec![m]));
            }
            match &user_index {
                Some(Value::Function(f)) => f.call::<MultiValue>(args),
                Some(Value::Table(t)) => Ok(MultiValue::from_vec(vec![t.get::<Value>(key)?])),
                _ => Ok(MultiValue::from_vec(vec![Value::Nil])),
            }
        }))?;
        mt.raw_set("__index", f)?;
    }
    // __newindex
    if !reg.setters.is_empty() {
        let setters: HashMap<String, RawCallback> = reg.setters.into_iter().collect();
        let user_newindex = user_newindex.clone();
        let tname = short_type_name::<T>();
        let f = lua.create_callback(Box::new(move |lua, args: MultiValue| {
            let key = args.get(1).cloned().unwrap_or(Value::Nil);
            if let Value::String(s) = &key {
                if let Ok(name) = s.to_str() {
                    if let Some(set) = setters.get(&name) {
                        let mut a = args.clone();
                        a.remove(1);
                        return call_raw_cb(lua, set, &a);
                    }
                }
            }
            match &user_newindex {
                Some(Value::Function(f)) => f.call::<MultiValue>(args),
                Some(Value::Table(t)) => {
                    let v = args.get(2).cloned().unwrap_or(Value::Nil);
                    t.set(key, v)?;
                    Ok(MultiValue::new())
                }
                _ => {
                    let k = lua.to_string_lossy(&key)?;
                    Err(Error::RuntimeError(format!(
                        "attempt to set unknown field '{k}' of '{tname}'"
                    )))
                }
            }
        }))?;
        mt.raw_set("__newindex", f)?;
    } else if let Some(f) = user_newindex {
        mt.raw_set("__newindex", f)?;
    }
    let raw = lua.ref_raw(&mt.0)?;
    let id = lua.pin(raw);
    lua.inner.ud_meta.borrow_mut().insert(tid, id);
    Ok(raw)
}

fn short_type_name<T>() -> &'static str {
    let n = std::any::type_name::<T>();
    // keep the last path segment of the outer type
    let base = n.split('<').next().unwrap_or(n);
    base.rsplit("::").next().unwrap_or(base)
}

pub(crate) fn create_userdata<T: UserData>(lua: &Lua, data: T) -> Result<AnyUserData> {
    let mt = metatable_for::<T>(lua)?;
    let boxed: Box<dyn Any> = Box::new(UdCell {
        cell: Some(RefCell::new(data)),
    });
    let v = lua.st(|s| {
        let u = s.new_userdata(boxed);
        let v = RawValue::userdata(u);
        s.set_metatable(v, mt.as_table());
        v
    });
    Ok(AnyUserData(lua.make_ref(v)))
}

/// The payload of a userdata made by [`Lua::create_userdata`]: the value, dropped with panics
/// caught (the collector calls this `Drop`).
struct UdCell<T> {
    /// Always `Some` until dropped.
    cell: Option<RefCell<T>>,
}

impl<T> Drop for UdCell<T> {
    fn drop(&mut self) {
        let v = self.cell.take();
        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || drop(v)));
    }
}

/// A handle to any userdata.
#[derive(Clone, Debug, PartialEq)]
pub struct AnyUserData(pub(crate) LuaRef);

/// A shared borrow of a userdata's Rust value; keeps the state alive.
pub struct UserDataRef<'a, T> {
    r: Ref<'a, T>,
    _lua: Lua,
}

impl<T> std::ops::Deref for UserDataRef<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.r
    }
}

/// A mutable borrow of a userdata's Rust value; keeps the state alive.
pub struct UserDataRefMut<'a, T> {
    r: RefMut<'a, T>,
    _lua: Lua,
}

impl<T> std::ops::Deref for UserDataRefMut<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.r
    }
}

impl<T> std::ops::DerefMut for UserDataRefMut<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.r
    }
}

impl AnyUserData {
    /// The `RefCell<T>` inside, if the userdata holds a `T`.
    fn cell<T: 'static>(&self) -> Result<(Lua, &RefCell<T>)> {
        let (lua, v) = self.0.get()?;
        let Some(u) = v.as_userdata() else {
            return Err(Error::UserDataTypeMismatch);
        };
        let Some(cell) = u
            .data()
            .downcast_ref::<UdCell<T>>()
            .and_then(|c| c.cell.as_ref())
        else {
            return Err(Error::UserDataTypeMismatch);
        };
        let p: *const RefCell<T> = cell;
        // SAFETY: the userdata is pinned by `self` and its payload box never moves or is replaced;
        // the returned `Lua` (kept by the borrow guards) keeps the state, hence the object, alive.
        Ok((lua, unsafe { &*p }))
    }

    /// Does the userdata hold a `T`?
    pub fn is<T: 'static>(&self) -> bool {
        self.cell::<T>().is_ok()
    }

    /// Borrow the Rust value.
    pub fn borrow<T: 'static>(&self) -> Result<UserDataRef<'_, T>> {
        let (lua, cell) = self.cell::<T>()?;
        let r = cell.try_borrow().map_err(|_| Error::UserDataBorrowError)?;
        Ok(UserDataRef { r, _lua: lua })
    }

    /// Borrow the Rust value mutably.
    pub fn borrow_mut<T: 'static>(&self) -> Result<UserDataRefMut<'_, T>> {
        let (lua, cell) = self.cell::<T>()?;
        let r = cell
            .try_borrow_mut()
            .map_err(|_| Error::UserDataBorrowMutError)?;
        Ok(UserDataRefMut { r, _lua: lua })
    }

    /// The metatable.
    pub fn get_metatable(&self) -> Option<Table> {
        let (lua, v) = self.0.get().ok()?;
        let mt = lua.st(|s| s.get_metatable(v))?;
        Some(Table(lua.make_ref(RawValue::table(mt))))
    }

    /// The associated user value (`debug.getuservalue`).
    pub fn user_value<V: FromLua>(&self) -> Result<V> {
        let (lua, v) = self.0.get()?;
        let uv = v
            .as_userdata()
            .map(|u| u.user_value())
            .unwrap_or(RawValue::NIL);
        V::from_lua(lua.value_of(uv), &lua)
    }

    /// Set the associated user value.
    pub fn set_user_value<V: IntoLua>(&self, value: V) -> Result<()> {
        let (lua, v) = self.0.get()?;
        let val = value.into_lua(&lua)?;
        let raw = lua.to_raw(&val)?;
        if let Some(u) = v.as_userdata() {
            u.set_user_value(raw);
        }
        Ok(())
    }

    /// Address (identity) of the userdata.
    pub fn to_pointer(&self) -> usize {
        self.0.ptr_bits()
    }
}
