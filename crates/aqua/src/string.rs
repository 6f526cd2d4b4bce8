//! [`LuaString`]: a handle to an immutable Lua string (bytes, not necessarily UTF-8).
//!
//! The handle pins the string, and heap objects never move, so the bytes can be borrowed for as
//! long as the handle lives ([`BorrowedBytes`] also keeps the state alive).

use crate::error::{Error, Result};
use crate::lua::{Lua, LuaRef};

/// A Lua string handle.
#[derive(Clone, PartialEq)]
pub struct LuaString(pub(crate) LuaRef);

impl LuaString {
    /// The bytes. The guard keeps the state alive while the bytes are borrowed (empty if the
    /// state was already dropped).
    pub fn as_bytes(&self) -> BorrowedBytes<'_> {
        match self.0.get() {
            Ok((lua, v)) => match v.as_str() {
                // SAFETY: the string is pinned by `self` (alive while `self` is and while the
                // state lives, which the guard ensures), strings are immutable and heap objects
                // never move, so the bytes outlive this borrow.
                Some(s) => {
                    let b = unsafe {
                        std::slice::from_raw_parts(s.as_bytes().as_ptr(), s.as_bytes().len())
                    };
                    BorrowedBytes {
                        bytes: b,
                        _lua: Some(lua),
                    }
                }
                None => BorrowedBytes {
                    bytes: &[],
                    _lua: None,
                },
            },
            Err(_) => BorrowedBytes {
                bytes: &[],
                _lua: None,
            },
        }
    }

    /// A copy of the bytes.
    pub fn to_vec(&self) -> Vec<u8> {
        self.as_bytes().to_vec()
    }

    /// The string as UTF-8 (an error if it is not).
    pub fn to_str(&self) -> Result<String> {
        String::from_utf8(self.to_vec()).map_err(|e| Error::FromLuaConversionError {
            from: "string",
            to: "String",
            message: Some(e.to_string()),
        })
    }

    /// The string with invalid UTF-8 replaced.
    pub fn to_string_lossy(&self) -> String {
        String::from_utf8_lossy(&self.as_bytes()).into_owned()
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.as_bytes().len()
    }

    pub fn is_empty(&self) -> bool {
        self.as_bytes().is_empty()
    }
}

/// Bytes of a [`LuaString`], borrowed; keeps the state alive.
pub struct BorrowedBytes<'a> {
    bytes: &'a [u8],
    _lua: Option<Lua>,
}

impl std::ops::Deref for BorrowedBytes<'_> {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        self.bytes
    }
}

impl AsRef<[u8]> for BorrowedBytes<'_> {
    fn as_ref(&self) -> &[u8] {
        self.bytes
    }
}

impl std::fmt::Debug for BorrowedBytes<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", String::from_utf8_lossy(self.bytes))
    }
}

impl std::fmt::Debug for LuaString {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", self.to_string_lossy())
    }
}

impl PartialEq<str> for LuaString {
    fn eq(&self, o: &str) -> bool {
        *self.as_bytes() == *o.as_bytes()
    }
}

impl PartialEq<&str> for LuaString {
    fn eq(&self, o: &&str) -> bool {
        *self.as_bytes() == *o.as_bytes()
    }
}

impl PartialEq<[u8]> for LuaString {
    fn eq(&self, o: &[u8]) -> bool {
        *self.as_bytes() == *o
    }
}
