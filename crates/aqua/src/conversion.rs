//! Conversions between Rust values and Lua values: [`IntoLua`], [`FromLua`] and their
//! multi-value forms [`IntoLuaMulti`], [`FromLuaMulti`] (function arguments and results).
//!
//! Rules (as mlua):
//! - integers convert exactly: a float with an integral value converts to an integer type, a
//!   numeric string is coerced, and a value out of the target's range is a conversion error
//!   (never a wrap); Rust integers too big for `i64` (`u64`, `u128`, ...) become floats only if
//!   they are exact, otherwise a conversion error;
//! - `bool` from Lua is truthiness (`nil`/`false` are false);
//! - `String`/`&str` ↔ Lua strings (numbers are coerced to strings; non-UTF-8 bytes are an error
//!   for `String`, use [`BString`] for raw bytes); `Vec<T>` ↔ sequences; `HashMap`/`BTreeMap`
//!   ↔ tables; `Option<T>`: `None` ↔ `nil`;
//! - multi-values: a tuple takes its elements in order (missing ones are `nil`); its last element
//!   may itself be multi (e.g. [`Variadic`]) and take the rest. Argument conversion failures in
//!   callbacks become `bad argument #n` errors ([`FromLuaMulti::from_lua_args`]).

use crate::error::{Error, Result};
use crate::function::Function;
use crate::lua::{Lua, RawValue};
use crate::string::LuaString;
use crate::table::Table;
use crate::thread::Thread;
use crate::userdata::{AnyUserData, UserData};
use crate::value::{LightUserData, Value};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{BuildHasher, Hash};

// The `*_raw` methods are the fast paths the crate uses internally (calls and callbacks): they
// convert straight from/to VM values without building `Value`s and `MultiValue`s (no handle pinning,
// fewer allocations). Their defaults go through the public methods, so implementing only those is
// enough. Raw values produced by `push_*` are unrooted: they must reach the VM stack before Lua code
// runs again (no conversion runs Lua code, so no collection can happen in between).

/// Conversion of a Rust value into a Lua value.
pub trait IntoLua {
    fn into_lua(self, lua: &Lua) -> Result<Value>;

    /// The conversion never runs Lua code (so no collection can happen during it): the crate's
    /// own impls. Lets the crate keep converted values unrooted until they reach the VM stack.
    #[doc(hidden)]
    const PURE: bool = false;

    #[doc(hidden)]
    fn push_into_raw(self, lua: &Lua, out: &mut Vec<RawValue>) -> Result<()>
    where
        Self: Sized,
    {
        let v = self.into_lua(lua)?;
        out.push(lua.to_raw(&v)?);
        Ok(())
    }
}

/// Conversion of a Lua value into a Rust value.
pub trait FromLua: Sized {
    fn from_lua(value: Value, lua: &Lua) -> Result<Self>;

    /// See [`IntoLua::PURE`].
    #[doc(hidden)]
    const PURE: bool = false;

    #[doc(hidden)]
    fn from_raw(value: RawValue, lua: &Lua) -> Result<Self> {
        Self::from_lua(lua.value_of(value), lua)
    }
}

/// Conversion of a Rust value into any number of Lua values.
pub trait IntoLuaMulti {
    fn into_lua_multi(self, lua: &Lua) -> Result<MultiValue>;

    /// See [`IntoLua::PURE`].
    #[doc(hidden)]
    const PURE: bool = false;

    #[doc(hidden)]
    fn push_into_raw_multi(self, lua: &Lua, out: &mut Vec<RawValue>) -> Result<()>
    where
        Self: Sized,
    {
        let mv = self.into_lua_multi(lua)?;
        for v in mv.iter() {
            out.push(lua.to_raw(v)?);
        }
        Ok(())
    }
}

/// Conversion of any number of Lua values into a Rust value.
pub trait FromLuaMulti: Sized {
    fn from_lua_multi(values: MultiValue, lua: &Lua) -> Result<Self>;

    /// See [`IntoLua::PURE`].
    #[doc(hidden)]
    const PURE: bool = false;

    /// Like `from_lua_multi`, for the arguments of a Rust function called from Lua: a failure of
    /// argument `n` is reported as [`Error::BadArgument`] with `pos = n`.
    fn from_lua_args(values: MultiValue, lua: &Lua) -> Result<Self> {
        Self::from_lua_multi(values, lua).map_err(|e| bad_argument(1, e))
    }

    #[doc(hidden)]
    fn from_raw_multi(values: &[RawValue], lua: &Lua) -> Result<Self> {
        Self::from_lua_multi(lua.multi_value_of(values), lua)
    }

    #[doc(hidden)]
    fn from_raw_args(values: &[RawValue], lua: &Lua) -> Result<Self> {
        Self::from_lua_args(lua.multi_value_of(values), lua)
    }
}

fn bad_argument(pos: usize, e: Error) -> Error {
    match e {
        e @ Error::BadArgument { .. } => e,
        e => Error::BadArgument {
            pos,
            cause: Box::new(e),
        },
    }
}

/// A list of Lua values (arguments or results).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MultiValue(Vec<Value>);

impl MultiValue {
    pub fn new() -> MultiValue {
        MultiValue(Vec::new())
    }
    pub fn from_vec(v: Vec<Value>) -> MultiValue {
        MultiValue(v)
    }
    pub fn into_vec(self) -> Vec<Value> {
        self.0
    }
}

impl std::ops::Deref for MultiValue {
    type Target = Vec<Value>;
    fn deref(&self) -> &Vec<Value> {
        &self.0
    }
}

impl std::ops::DerefMut for MultiValue {
    fn deref_mut(&mut self) -> &mut Vec<Value> {
        &mut self.0
    }
}

impl IntoIterator for MultiValue {
    type Item = Value;
    type IntoIter = std::vec::IntoIter<Value>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl FromIterator<Value> for MultiValue {
    fn from_iter<I: IntoIterator<Item = Value>>(iter: I) -> Self {
        MultiValue(iter.into_iter().collect())
    }
}

/// Any number of values of one type (the rest of the arguments, or all results).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Variadic<T>(pub Vec<T>);

impl<T> Variadic<T> {
    pub fn new() -> Variadic<T> {
        Variadic(Vec::new())
    }
}

impl<T> std::ops::Deref for Variadic<T> {
    type Target = Vec<T>;
    fn deref(&self) -> &Vec<T> {
        &self.0
    }
}

impl<T> std::ops::DerefMut for Variadic<T> {
    fn deref_mut(&mut self) -> &mut Vec<T> {
        &mut self.0
    }
}

impl<T> FromIterator<T> for Variadic<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        Variadic(iter.into_iter().collect())
    }
}

impl<T> From<Vec<T>> for Variadic<T> {
    fn from(v: Vec<T>) -> Self {
        Variadic(v)
    }
}

/// A byte string (Lua strings are bytes): converts to and from Lua strings without UTF-8 checks.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BString(pub Vec<u8>);

impl std::ops::Deref for BString {
    type Target = Vec<u8>;
    fn deref(&self) -> &Vec<u8> {
        &self.0
    }
}

impl From<Vec<u8>> for BString {
    fn from(v: Vec<u8>) -> Self {
        BString(v)
    }
}

impl From<&[u8]> for BString {
    fn from(v: &[u8]) -> Self {
        BString(v.to_vec())
    }
}

impl From<&str> for BString {
    fn from(v: &str) -> Self {
        BString(v.as_bytes().to_vec())
    }
}

// ----- single values -------------------------------------------------------------------------

impl IntoLua for Value {
    const PURE: bool = true;
    fn into_lua(self, _: &Lua) -> Result<Value> {
        Ok(self)
    }
}

impl FromLua for Value {
    const PURE: bool = true;
    fn from_lua(v: Value, _: &Lua) -> Result<Self> {
        Ok(v)
    }
}

impl IntoLua for &Value {
    const PURE: bool = true;
    fn into_lua(self, _: &Lua) -> Result<Value> {
        Ok(self.clone())
    }
}

macro_rules! handle_conv {
    ($t:ident, $variant:ident, $name:literal) => {
        impl IntoLua for $t {
            const PURE: bool = true;
            fn into_lua(self, _: &Lua) -> Result<Value> {
                Ok(Value::$variant(self))
            }
        }
        impl IntoLua for &$t {
            const PURE: bool = true;
            fn into_lua(self, _: &Lua) -> Result<Value> {
                Ok(Value::$variant(self.clone()))
            }
        }
        impl FromLua for $t {
            const PURE: bool = true;
            fn from_lua(v: Value, _: &Lua) -> Result<Self> {
                match v {
                    Value::$variant(x) => Ok(x),
                    v => Err(Error::from_conversion(v.type_name(), $name, None)),
                }
            }
        }
    };
}

handle_conv!(Table, Table, "table");
handle_conv!(Function, Function, "function");
handle_conv!(Thread, Thread, "thread");
handle_conv!(AnyUserData, UserData, "userdata");

impl IntoLua for LuaString {
    const PURE: bool = true;
    fn into_lua(self, _: &Lua) -> Result<Value> {
        Ok(Value::String(self))
    }
}

impl IntoLua for &LuaString {
    const PURE: bool = true;
    fn into_lua(self, _: &Lua) -> Result<Value> {
        Ok(Value::String(self.clone()))
    }
}

impl FromLua for LuaString {
    const PURE: bool = true;
    fn from_lua(v: Value, lua: &Lua) -> Result<Self> {
        match v {
            Value::String(s) => Ok(s),
            Value::Integer(_) | Value::Number(_) => {
                let s = number_to_string(&v);
                lua.create_string(s)
            }
            v => Err(Error::from_conversion(v.type_name(), "string", None)),
        }
    }
}

impl IntoLua for LightUserData {
    const PURE: bool = true;
    fn into_lua(self, _: &Lua) -> Result<Value> {
        Ok(Value::LightUserData(self))
    }
}

impl FromLua for LightUserData {
    const PURE: bool = true;
    fn from_lua(v: Value, _: &Lua) -> Result<Self> {
        match v {
            Value::LightUserData(p) => Ok(p),
            v => Err(Error::from_conversion(
                v.type_name(),
                "light userdata",
                None,
            )),
        }
    }
}

impl<T: UserData> IntoLua for T {
    const PURE: bool = true;
    fn into_lua(self, lua: &Lua) -> Result<Value> {
        Ok(Value::UserData(lua.create_userdata(self)?))
    }
}

impl<T: UserData + Clone> FromLua for T {
    const PURE: bool = true;
    fn from_lua(v: Value, _: &Lua) -> Result<Self> {
        match v {
            Value::UserData(u) => Ok(u.borrow::<T>()?.clone()),
            v => Err(Error::from_conversion(v.type_name(), "userdata", None)),
        }
    }
}

impl IntoLua for bool {
    const PURE: bool = true;
    fn into_lua(self, _: &Lua) -> Result<Value> {
        Ok(Value::Boolean(self))
    }
}

impl FromLua for bool {
    const PURE: bool = true;
    fn from_raw(v: RawValue, _: &Lua) -> Result<Self> {
        Ok(v.truthy())
    }
    fn from_lua(v: Value, _: &Lua) -> Result<Self> {
        Ok(v.is_truthy())
    }
}

/// Text of a number as `tostring` writes it.
fn number_to_string(v: &Value) -> Vec<u8> {
    match v {
        Value::Integer(i) => aqua_vm::number::fmt_int(*i).into_bytes(),
        Value::Number(n) => aqua_vm::number::fmt_float(*n).into_bytes(),
        _ => Vec::new(),
    }
}

/// A numeric string's value (`tonumber` without base).
fn string_to_number(s: &LuaString) -> Option<Value> {
    match aqua_vm::number::str2number(&s.as_bytes())? {
        aqua_vm::number::Num::Int(i) => Some(Value::Integer(i)),
        aqua_vm::number::Num::Float(f) => Some(Value::Number(f)),
    }
}

/// Integer value of a Lua value: integers, integral floats, numeric strings.
fn to_integer(v: &Value, to: &'static str) -> Result<i64> {
    let n = match v {
        Value::String(s) => match string_to_number(s) {
            Some(n) => n,
            None => {
                return Err(Error::from_conversion(
                    "string",
                    to,
                    Some("expected number".into()),
                ))
            }
        },
        v => v.clone(),
    };
    match n {
        Value::Integer(i) => Ok(i),
        Value::Number(f) => {
            if f.fract() == 0.0 && (-9223372036854775808.0..9223372036854775808.0).contains(&f) {
                Ok(f as i64)
            } else {
                Err(Error::from_conversion(
                    "number",
                    to,
                    Some("number has no integer representation".into()),
                ))
            }
        }
        v => Err(Error::from_conversion(v.type_name(), to, None)),
    }
}

macro_rules! int_conv {
    ($($t:ty),*) => {$(
        impl IntoLua for $t {
            const PURE: bool = true;
            fn into_lua(self, _: &Lua) -> Result<Value> {
                match i64::try_from(self) {
                    Ok(i) => Ok(Value::Integer(i)),
                    Err(_) => {
                        let f = self as f64;
                        if (f as $t) == self && f < 18446744073709551616.0 * 1.0e20 {
                            Ok(Value::Number(f))
                        } else {
                            Err(Error::ToLuaConversionError {
                                from: stringify!($t),
                                to: "integer",
                                message: Some("out of range".into()),
                            })
                        }
                    }
                }
            }
        }
        impl FromLua for $t {
            const PURE: bool = true;
            fn from_raw(v: RawValue, lua: &Lua) -> Result<Self> {
                match v.as_int() {
                    Some(i) => <$t>::try_from(i).map_err(|_| {
                        Error::from_conversion("integer", stringify!($t), Some("out of range".into()))
                    }),
                    None => Self::from_lua(lua.value_of(v), lua),
                }
            }
            fn from_lua(v: Value, _: &Lua) -> Result<Self> {
                // Floats beyond i64 but within u64/u128 range (e.g. 2^63) are accepted exactly.
                if let Value::Number(f) = v {
                    if f.fract() == 0.0 && f >= 9223372036854775808.0 {
                        let x = f as $t;
                        if x as f64 == f {
                            return Ok(x);
                        }
                        return Err(Error::from_conversion(
                            "number",
                            stringify!($t),
                            Some("out of range".into()),
                        ));
                    }
                }
                let i = to_integer(&v, stringify!($t))?;
                <$t>::try_from(i).map_err(|_| {
                    Error::from_conversion("integer", stringify!($t), Some("out of range".into()))
                })
            }
        }
    )*};
}

int_conv!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize, i128, u128);

impl IntoLua for f64 {
    const PURE: bool = true;
    fn into_lua(self, _: &Lua) -> Result<Value> {
        Ok(Value::Number(self))
    }
}

impl IntoLua for f32 {
    const PURE: bool = true;
    fn into_lua(self, _: &Lua) -> Result<Value> {
        Ok(Value::Number(self as f64))
    }
}

fn to_number(v: &Value, to: &'static str) -> Result<f64> {
    match v {
        Value::Integer(i) => Ok(*i as f64),
        Value::Number(n) => Ok(*n),
        Value::String(s) => match string_to_number(s) {
            Some(n) => Ok(n.as_number().unwrap_or(0.0)),
            None => Err(Error::from_conversion(
                "string",
                to,
                Some("expected number".into()),
            )),
        },
        v => Err(Error::from_conversion(v.type_name(), to, None)),
    }
}

impl FromLua for f64 {
    const PURE: bool = true;
    fn from_raw(v: RawValue, lua: &Lua) -> Result<Self> {
        match v.as_num() {
            Some(n) => Ok(n),
            None => Self::from_lua(lua.value_of(v), lua),
        }
    }
    fn from_lua(v: Value, _: &Lua) -> Result<Self> {
        to_number(&v, "f64")
    }
}

impl FromLua for f32 {
    const PURE: bool = true;
    fn from_lua(v: Value, _: &Lua) -> Result<Self> {
        to_number(&v, "f32").map(|f| f as f32)
    }
}

impl IntoLua for &str {
    const PURE: bool = true;
    fn into_lua(self, lua: &Lua) -> Result<Value> {
        Ok(Value::String(lua.create_string(self)?))
    }
    fn push_into_raw(self, lua: &Lua, out: &mut Vec<RawValue>) -> Result<()> {
        out.push(lua.st(|s| s.new_string(self.as_bytes())));
        Ok(())
    }
}

impl IntoLua for String {
    const PURE: bool = true;
    fn into_lua(self, lua: &Lua) -> Result<Value> {
        Ok(Value::String(lua.create_string(self)?))
    }
    fn push_into_raw(self, lua: &Lua, out: &mut Vec<RawValue>) -> Result<()> {
        out.push(lua.st(|s| s.new_string(self.as_bytes())));
        Ok(())
    }
}

impl IntoLua for &String {
    const PURE: bool = true;
    fn into_lua(self, lua: &Lua) -> Result<Value> {
        Ok(Value::String(lua.create_string(self)?))
    }
    fn push_into_raw(self, lua: &Lua, out: &mut Vec<RawValue>) -> Result<()> {
        out.push(lua.st(|s| s.new_string(self.as_bytes())));
        Ok(())
    }
}

impl IntoLua for std::borrow::Cow<'_, str> {
    const PURE: bool = true;
    fn into_lua(self, lua: &Lua) -> Result<Value> {
        Ok(Value::String(lua.create_string(self.as_bytes())?))
    }
}

impl IntoLua for Box<str> {
    const PURE: bool = true;
    fn into_lua(self, lua: &Lua) -> Result<Value> {
        Ok(Value::String(lua.create_string(self.as_bytes())?))
    }
}

impl IntoLua for &[u8] {
    const PURE: bool = true;
    fn into_lua(self, lua: &Lua) -> Result<Value> {
        Ok(Value::String(lua.create_string(self)?))
    }
}

impl IntoLua for BString {
    const PURE: bool = true;
    fn into_lua(self, lua: &Lua) -> Result<Value> {
        Ok(Value::String(lua.create_string(&self.0)?))
    }
}

impl IntoLua for char {
    const PURE: bool = true;
    fn into_lua(self, lua: &Lua) -> Result<Value> {
        let mut b = [0u8; 4];
        Ok(Value::String(
            lua.create_string(self.encode_utf8(&mut b).as_bytes())?,
        ))
    }
}

/// Bytes of a string, or of a number converted to a string.
fn to_bytes(v: &Value, to: &'static str) -> Result<Vec<u8>> {
    match v {
        Value::String(s) => Ok(s.as_bytes().to_vec()),
        Value::Integer(_) | Value::Number(_) => Ok(number_to_string(v)),
        v => Err(Error::from_conversion(v.type_name(), to, None)),
    }
}

impl FromLua for String {
    const PURE: bool = true;
    fn from_raw(v: RawValue, lua: &Lua) -> Result<Self> {
        match v.str_bytes() {
            Some(b) => String::from_utf8(b.to_vec()).map_err(|e| {
                Error::from_conversion("string", "String", Some(format!("invalid utf-8: {e}")))
            }),
            None => Self::from_lua(lua.value_of(v), lua),
        }
    }
    fn from_lua(v: Value, _: &Lua) -> Result<Self> {
        let b = to_bytes(&v, "String")?;
        String::from_utf8(b).map_err(|e| {
            Error::from_conversion("string", "String", Some(format!("invalid utf-8: {e}")))
        })
    }
}

impl FromLua for BString {
    const PURE: bool = true;
    fn from_lua(v: Value, _: &Lua) -> Result<Self> {
        to_bytes(&v, "BString").map(BString)
    }
}

impl FromLua for Box<str> {
    const PURE: bool = true;
    fn from_lua(v: Value, lua: &Lua) -> Result<Self> {
        String::from_lua(v, lua).map(|s| s.into_boxed_str())
    }
}

impl<T: IntoLua> IntoLua for Option<T> {
    const PURE: bool = T::PURE;
    fn into_lua(self, lua: &Lua) -> Result<Value> {
        match self {
            Some(v) => v.into_lua(lua),
            None => Ok(Value::Nil),
        }
    }
}

impl<T: FromLua> FromLua for Option<T> {
    const PURE: bool = T::PURE;
    fn from_lua(v: Value, lua: &Lua) -> Result<Self> {
        match v {
            Value::Nil => Ok(None),
            v => T::from_lua(v, lua).map(Some),
        }
    }
}

impl<T: IntoLua> IntoLua for Vec<T> {
    const PURE: bool = T::PURE;
    fn into_lua(self, lua: &Lua) -> Result<Value> {
        Ok(Value::Table(lua.create_sequence_from(self)?))
    }
}

impl<T: IntoLua, const N: usize> IntoLua for [T; N] {
    const PURE: bool = T::PURE;
    fn into_lua(self, lua: &Lua) -> Result<Value> {
        Ok(Value::Table(lua.create_sequence_from(self)?))
    }
}

impl<T: FromLua> FromLua for Vec<T> {
    const PURE: bool = T::PURE;
    fn from_lua(v: Value, _: &Lua) -> Result<Self> {
        match v {
            Value::Table(t) => t.sequence_values::<T>().collect(),
            v => Err(Error::from_conversion(
                v.type_name(),
                "Vec",
                Some("expected table".into()),
            )),
        }
    }
}

impl<K: IntoLua, V: IntoLua, S: BuildHasher> IntoLua for HashMap<K, V, S> {
    const PURE: bool = K::PURE && V::PURE;
    fn into_lua(self, lua: &Lua) -> Result<Value> {
        Ok(Value::Table(lua.create_table_from(self)?))
    }
}

impl<K: FromLua + Eq + Hash, V: FromLua, S: BuildHasher + Default> FromLua for HashMap<K, V, S> {
    const PURE: bool = K::PURE && V::PURE;
    fn from_lua(v: Value, _: &Lua) -> Result<Self> {
        match v {
            Value::Table(t) => t.pairs::<K, V>().collect(),
            v => Err(Error::from_conversion(
                v.type_name(),
                "HashMap",
                Some("expected table".into()),
            )),
        }
    }
}

impl<K: IntoLua, V: IntoLua> IntoLua for BTreeMap<K, V> {
    const PURE: bool = K::PURE && V::PURE;
    fn into_lua(self, lua: &Lua) -> Result<Value> {
        Ok(Value::Table(lua.create_table_from(self)?))
    }
}

impl<K: FromLua + Ord, V: FromLua> FromLua for BTreeMap<K, V> {
    const PURE: bool = K::PURE && V::PURE;
    fn from_lua(v: Value, _: &Lua) -> Result<Self> {
        match v {
            Value::Table(t) => t.pairs::<K, V>().collect(),
            v => Err(Error::from_conversion(
                v.type_name(),
                "BTreeMap",
                Some("expected table".into()),
            )),
        }
    }
}

impl<T: IntoLua, S: BuildHasher> IntoLua for HashSet<T, S> {
    const PURE: bool = T::PURE;
    fn into_lua(self, lua: &Lua) -> Result<Value> {
        Ok(Value::Table(
            lua.create_table_from(self.into_iter().map(|k| (k, true)))?,
        ))
    }
}

impl<T: FromLua + Eq + Hash, S: BuildHasher + Default> FromLua for HashSet<T, S> {
    const PURE: bool = T::PURE;
    fn from_lua(v: Value, _: &Lua) -> Result<Self> {
        match v {
            Value::Table(t) => t.pairs::<T, Value>().map(|r| r.map(|(k, _)| k)).collect(),
            v => Err(Error::from_conversion(
                v.type_name(),
                "HashSet",
                Some("expected table".into()),
            )),
        }
    }
}

// ----- multi values --------------------------------------------------------------------------

impl<T: IntoLua> IntoLuaMulti for T {
    const PURE: bool = T::PURE;
    fn into_lua_multi(self, lua: &Lua) -> Result<MultiValue> {
        Ok(MultiValue(vec![self.into_lua(lua)?]))
    }
    fn push_into_raw_multi(self, lua: &Lua, out: &mut Vec<RawValue>) -> Result<()> {
        self.push_into_raw(lua, out)
    }
}

impl<T: FromLua> FromLuaMulti for T {
    const PURE: bool = T::PURE;
    fn from_lua_multi(values: MultiValue, lua: &Lua) -> Result<Self> {
        let v = values.0.into_iter().next().unwrap_or(Value::Nil);
        T::from_lua(v, lua)
    }
    fn from_raw_multi(values: &[RawValue], lua: &Lua) -> Result<Self> {
        T::from_raw(values.first().copied().unwrap_or(RawValue::NIL), lua)
    }
    fn from_raw_args(values: &[RawValue], lua: &Lua) -> Result<Self> {
        Self::from_raw_multi(values, lua).map_err(|e| bad_argument(1, e))
    }
}

impl IntoLuaMulti for MultiValue {
    const PURE: bool = true;
    fn into_lua_multi(self, _: &Lua) -> Result<MultiValue> {
        Ok(self)
    }
}

impl FromLuaMulti for MultiValue {
    const PURE: bool = true;
    fn from_lua_multi(values: MultiValue, _: &Lua) -> Result<Self> {
        Ok(values)
    }
}

impl<T: IntoLua> IntoLuaMulti for Variadic<T> {
    const PURE: bool = T::PURE;
    fn push_into_raw_multi(self, lua: &Lua, out: &mut Vec<RawValue>) -> Result<()> {
        for v in self.0 {
            v.push_into_raw(lua, out)?;
        }
        Ok(())
    }
    fn into_lua_multi(self, lua: &Lua) -> Result<MultiValue> {
        self.0
            .into_iter()
            .map(|v| v.into_lua(lua))
            .collect::<Result<Vec<_>>>()
            .map(MultiValue)
    }
}

impl<T: FromLua> FromLuaMulti for Variadic<T> {
    const PURE: bool = T::PURE;
    fn from_lua_multi(values: MultiValue, lua: &Lua) -> Result<Self> {
        values
            .0
            .into_iter()
            .map(|v| T::from_lua(v, lua))
            .collect::<Result<Vec<_>>>()
            .map(Variadic)
    }
    fn from_lua_args(values: MultiValue, lua: &Lua) -> Result<Self> {
        values
            .0
            .into_iter()
            .enumerate()
            .map(|(i, v)| T::from_lua(v, lua).map_err(|e| bad_argument(i + 1, e)))
            .collect::<Result<Vec<_>>>()
            .map(Variadic)
    }
    fn from_raw_multi(values: &[RawValue], lua: &Lua) -> Result<Self> {
        values
            .iter()
            .map(|&v| T::from_raw(v, lua))
            .collect::<Result<Vec<_>>>()
            .map(Variadic)
    }
    fn from_raw_args(values: &[RawValue], lua: &Lua) -> Result<Self> {
        values
            .iter()
            .enumerate()
            .map(|(i, &v)| T::from_raw(v, lua).map_err(|e| bad_argument(i + 1, e)))
            .collect::<Result<Vec<_>>>()
            .map(Variadic)
    }
}

impl IntoLuaMulti for () {
    const PURE: bool = true;
    fn into_lua_multi(self, _: &Lua) -> Result<MultiValue> {
        Ok(MultiValue::new())
    }
    fn push_into_raw_multi(self, _: &Lua, _: &mut Vec<RawValue>) -> Result<()> {
        Ok(())
    }
}

impl FromLuaMulti for () {
    const PURE: bool = true;
    fn from_lua_multi(_: MultiValue, _: &Lua) -> Result<Self> {
        Ok(())
    }
    fn from_raw_multi(_: &[RawValue], _: &Lua) -> Result<Self> {
        Ok(())
    }
    fn from_raw_args(_: &[RawValue], _: &Lua) -> Result<Self> {
        Ok(())
    }
}

/// Shift the positions of bad-argument errors raised by the multi-valued tail of a tuple.
fn shift_bad_argument(e: Error, by: usize) -> Error {
    match e {
        Error::BadArgument { pos, cause } => Error::BadArgument {
            pos: pos + by,
            cause,
        },
        e => bad_argument(by + 1, e),
    }
}

macro_rules! tuple_conv {
    ($($name:ident)* ; $last:ident) => {
        #[allow(non_snake_case, clippy::vec_init_then_push)]
        impl<$($name: IntoLua,)* $last: IntoLuaMulti> IntoLuaMulti for ($($name,)* $last,) {
            const PURE: bool = $($name::PURE &&)* $last::PURE;
            fn into_lua_multi(self, lua: &Lua) -> Result<MultiValue> {
                let ($($name,)* $last,) = self;
                let mut v: Vec<Value> = Vec::new();
                $( v.push($name.into_lua(lua)?); )*
                v.extend($last.into_lua_multi(lua)?.0);
                Ok(MultiValue(v))
            }
            fn push_into_raw_multi(self, lua: &Lua, out: &mut Vec<RawValue>) -> Result<()> {
                let ($($name,)* $last,) = self;
                $( $name.push_into_raw(lua, out)?; )*
                $last.push_into_raw_multi(lua, out)
            }
        }

        #[allow(non_snake_case, unused_mut, unused_assignments)]
        impl<$($name: FromLua,)* $last: FromLuaMulti> FromLuaMulti for ($($name,)* $last,) {
            const PURE: bool = $($name::PURE &&)* $last::PURE;
            fn from_lua_multi(values: MultiValue, lua: &Lua) -> Result<Self> {
                let mut it = values.0.into_iter();
                $( let $name = $name::from_lua(it.next().unwrap_or(Value::Nil), lua)?; )*
                let $last = $last::from_lua_multi(MultiValue(it.collect()), lua)?;
                Ok(($($name,)* $last,))
            }
            fn from_lua_args(values: MultiValue, lua: &Lua) -> Result<Self> {
                let mut it = values.0.into_iter();
                let mut pos = 0usize;
                $(
                    pos += 1;
                    let $name = $name::from_lua(it.next().unwrap_or(Value::Nil), lua)
                        .map_err(|e| bad_argument(pos, e))?;
                )*
                let $last = $last::from_lua_args(MultiValue(it.collect()), lua)
                    .map_err(|e| shift_bad_argument(e, pos))?;
                Ok(($($name,)* $last,))
            }
            fn from_raw_multi(values: &[RawValue], lua: &Lua) -> Result<Self> {
                let mut i = 0usize;
                $(
                    let $name = $name::from_raw(values.get(i).copied().unwrap_or(RawValue::NIL), lua)?;
                    i += 1;
                )*
                let $last = $last::from_raw_multi(values.get(i..).unwrap_or(&[]), lua)?;
                Ok(($($name,)* $last,))
            }
            fn from_raw_args(values: &[RawValue], lua: &Lua) -> Result<Self> {
                let mut i = 0usize;
                $(
                    let $name = $name::from_raw(values.get(i).copied().unwrap_or(RawValue::NIL), lua)
                        .map_err(|e| bad_argument(i + 1, e))?;
                    i += 1;
                )*
                let $last = $last::from_raw_args(values.get(i..).unwrap_or(&[]), lua)
                    .map_err(|e| shift_bad_argument(e, i))?;
                Ok(($($name,)* $last,))
            }
        }
    };
}

tuple_conv!(; A);
tuple_conv!(A ; B);
tuple_conv!(A B ; C);
tuple_conv!(A B C ; D);
tuple_conv!(A B C D ; E);
tuple_conv!(A B C D E ; F);
tuple_conv!(A B C D E F ; G);
tuple_conv!(A B C D E F G ; H);
tuple_conv!(A B C D E F G H ; I);
tuple_conv!(A B C D E F G H I ; J);
tuple_conv!(A B C D E F G H I J ; K);
tuple_conv!(A B C D E F G H I J K ; L);
tuple_conv!(A B C D E F G H I J K L ; M);
tuple_conv!(A B C D E F G H I J K L M ; N);
tuple_conv!(A B C D E F G H I J K L M N ; O);
tuple_conv!(A B C D E F G H I J K L M N O ; P);
