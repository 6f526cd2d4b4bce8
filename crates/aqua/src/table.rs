//! [`Table`]: a handle to a Lua table.
//!
//! `get`/`set`/`len` honour metamethods (`__index`, `__newindex`, `__len`) like Lua code does;
//! the `raw_*` methods do not. Iterators ([`Table::pairs`], [`Table::sequence_values`]) keep the
//! current key pinned, so Lua code may run (and collect) between steps.

use crate::conversion::{FromLua, IntoLua};
use crate::error::{Error, Result};
use crate::lua::{Lua, LuaRef};
use crate::value::Value;
use std::marker::PhantomData;

/// A Lua table handle.
#[derive(Clone, Debug, PartialEq)]
pub struct Table(pub(crate) LuaRef);

impl Table {
    fn lua_raw(&self) -> Result<(Lua, crate::lua::RawValue)> {
        self.0.get()
    }

    /// `t[k] = v` (with `__newindex`).
    pub fn set<K: IntoLua, V: IntoLua>(&self, key: K, value: V) -> Result<()> {
        let (lua, t) = self.lua_raw()?;
        let k = key.into_lua(&lua)?;
        let v = value.into_lua(&lua)?;
        let (rk, rv) = (lua.to_raw(&k)?, lua.to_raw(&v)?);
        match lua.st(|s| s.set_index(t, rk, rv)) {
            Ok(()) => Ok(()),
            Err(e) => Err(lua.error_from_vm(e)),
        }
    }

    /// `t[k]` (with `__index`).
    pub fn get<V: FromLua>(&self, key: impl IntoLua) -> Result<V> {
        let (lua, t) = self.lua_raw()?;
        let k = key.into_lua(&lua)?;
        let rk = lua.to_raw(&k)?;
        match lua.st(|s| s.index(t, rk)) {
            Ok(v) => V::from_lua(lua.value_of(v), &lua),
            Err(e) => Err(lua.error_from_vm(e)),
        }
    }

    /// Is `t[k]` (with `__index`) not nil?
    pub fn contains_key(&self, key: impl IntoLua) -> Result<bool> {
        Ok(!self.get::<Value>(key)?.is_nil())
    }

    /// Raw store (`rawset`): a nil or NaN key is an error.
    pub fn raw_set<K: IntoLua, V: IntoLua>(&self, key: K, value: V) -> Result<()> {
        let (lua, t) = self.lua_raw()?;
        let k = key.into_lua(&lua)?;
        let v = value.into_lua(&lua)?;
        let (rk, rv) = (lua.to_raw(&k)?, lua.to_raw(&v)?);
        let Some(tt) = t.as_table() else {
            return Err(Error::StateDropped);
        };
        match lua.st(|s| s.raw_set(tt, rk, rv)) {
            Ok(()) => Ok(()),
            Err(e) => Err(lua.error_from_vm(e)),
        }
    }

    /// Raw read (`rawget`).
    pub fn raw_get<V: FromLua>(&self, key: impl IntoLua) -> Result<V> {
        let (lua, t) = self.lua_raw()?;
        let k = key.into_lua(&lua)?;
        let rk = lua.to_raw(&k)?;
        let v = match t.as_table() {
            Some(tt) => tt.raw_get(rk),
            None => crate::lua::RawValue::NIL,
        };
        V::from_lua(lua.value_of(v), &lua)
    }

    /// `#t` with `__len`; the result must be an integer (`luaL_len`).
    pub fn len(&self) -> Result<i64> {
        let (lua, t) = self.lua_raw()?;
        match lua.st(|s| s.len(t)) {
            Ok(v) => match v.as_int() {
                Some(i) => Ok(i),
                None => match v.as_float().and_then(|f| {
                    if f.fract() == 0.0 && f.abs() < 9.2e18 {
                        Some(f as i64)
                    } else {
                        None
                    }
                }) {
                    Some(i) => Ok(i),
                    None => Err(Error::RuntimeError(
                        "object length is not an integer".into(),
                    )),
                },
            },
            Err(e) => Err(lua.error_from_vm(e)),
        }
    }

    /// Raw length (a border of the sequence, `rawlen`).
    pub fn raw_len(&self) -> usize {
        match self.lua_raw() {
            Ok((_, t)) => t.as_table().map(|t| t.raw_len() as usize).unwrap_or(0),
            Err(_) => 0,
        }
    }

    /// Is the table empty (no key at all)?
    pub fn is_empty(&self) -> bool {
        match self.lua_raw() {
            Ok((_, t)) => match t.as_table() {
                Some(tt) => matches!(tt.next(crate::lua::RawValue::NIL), Ok(None)),
                None => true,
            },
            Err(_) => true,
        }
    }

    /// Append `v` at `raw_len() + 1`.
    pub fn push<V: IntoLua>(&self, value: V) -> Result<()> {
        let n = self.raw_len() as i64;
        self.raw_set(n + 1, value)
    }

    /// Remove and return the last element of the sequence part (`nil` when empty).
    pub fn pop<V: FromLua>(&self) -> Result<V> {
        let n = self.raw_len() as i64;
        if n == 0 {
            let (lua, _) = self.lua_raw()?;
            return V::from_lua(Value::Nil, &lua);
        }
        let v: Value = self.raw_get(n)?;
        self.raw_set(n, Value::Nil)?;
        let (lua, _) = self.lua_raw()?;
        V::from_lua(v, &lua)
    }

    /// The metatable.
    pub fn get_metatable(&self) -> Option<Table> {
        let (lua, t) = self.lua_raw().ok()?;
        let mt = lua.st(|s| s.get_metatable(t))?;
        Some(Table(lua.make_ref(crate::lua::RawValue::table(mt))))
    }

    /// Set (or clear) the metatable (`__gc` is registered as `setmetatable` does).
    pub fn set_metatable(&self, mt: Option<Table>) -> Result<()> {
        let (lua, t) = self.lua_raw()?;
        let m = match &mt {
            Some(m) => lua.ref_raw(&m.0)?.as_table(),
            None => None,
        };
        lua.st(|s| s.set_metatable(t, m));
        Ok(())
    }

    /// Iterate over all pairs (raw `next` order). Items that fail to convert are `Err`.
    pub fn pairs<K: FromLua, V: FromLua>(self) -> TablePairs<K, V> {
        TablePairs {
            table: self,
            key: Some(Value::Nil),
            _m: PhantomData,
        }
    }

    /// Iterate over `t[1], t[2], ...` (raw) up to the first nil.
    pub fn sequence_values<V: FromLua>(self) -> TableSequence<V> {
        TableSequence {
            table: self,
            index: 1,
            done: false,
            _m: PhantomData,
        }
    }

    /// Call `f` on every pair; stops at the first error.
    pub fn for_each<K: FromLua, V: FromLua>(
        &self,
        mut f: impl FnMut(K, V) -> Result<()>,
    ) -> Result<()> {
        for p in self.clone().pairs::<K, V>() {
            let (k, v) = p?;
            f(k, v)?;
        }
        Ok(())
    }

    /// Address (identity) of the table.
    pub fn to_pointer(&self) -> usize {
        self.0.ptr_bits()
    }
}

/// Iterator of [`Table::pairs`].
pub struct TablePairs<K, V> {
    table: Table,
    /// Previous key (`None` once finished).
    key: Option<Value>,
    _m: PhantomData<(K, V)>,
}

impl<K: FromLua, V: FromLua> Iterator for TablePairs<K, V> {
    type Item = Result<(K, V)>;

    fn next(&mut self) -> Option<Self::Item> {
        let prev = self.key.take()?;
        let (lua, t) = match self.table.lua_raw() {
            Ok(x) => x,
            Err(e) => return Some(Err(e)),
        };
        let rk = match lua.to_raw(&prev) {
            Ok(k) => k,
            Err(e) => return Some(Err(e)),
        };
        let tt = t.as_table()?;
        match tt.next(rk) {
            Ok(Some((k, v))) => {
                let (k, v) = (lua.value_of(k), lua.value_of(v));
                self.key = Some(k.clone());
                Some(K::from_lua(k, &lua).and_then(|k| Ok((k, V::from_lua(v, &lua)?))))
            }
            Ok(None) => None,
            Err(()) => Some(Err(Error::RuntimeError("invalid key to 'next'".into()))),
        }
    }
}

/// Iterator of [`Table::sequence_values`].
pub struct TableSequence<V> {
    table: Table,
    index: i64,
    done: bool,
    _m: PhantomData<V>,
}

impl<V: FromLua> Iterator for TableSequence<V> {
    type Item = Result<V>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let (lua, t) = match self.table.lua_raw() {
            Ok(x) => x,
            Err(e) => {
                self.done = true;
                return Some(Err(e));
            }
        };
        let v = t.as_table()?.raw_get_int(self.index);
        if v.is_nil() {
            self.done = true;
            return None;
        }
        self.index += 1;
        Some(V::from_lua(lua.value_of(v), &lua))
    }
}
