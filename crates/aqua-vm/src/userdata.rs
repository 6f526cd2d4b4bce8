//! Full userdata: a heap object carrying Rust data (`Box<dyn Any>`), a metatable and one user
//! value. The Rust data must not hold Lua values (they would not be traced): keep those in the
//! user value or in the metatable.

use crate::gc::{GcObject, GcRef, Kind};
use crate::table::Table;
use crate::value::Value;
use std::any::Any;

/// A full userdata.
pub struct UserData {
    pub(crate) meta: Option<GcRef<Table>>,
    pub(crate) user_value: Value,
    pub(crate) data: Box<dyn Any>,
}

impl GcObject for UserData {
    const KIND: Kind = Kind::UserData;
    fn extra_bytes(&self) -> usize {
        64
    }
}

impl GcRef<UserData> {
    /// The Rust payload.
    pub fn data(&self) -> &dyn Any {
        &*self.get().data
    }
    /// The Rust payload, mutably. Do not hold it across calls into Lua.
    #[allow(clippy::mut_from_ref)]
    pub fn data_mut(&self) -> &mut dyn Any {
        &mut *self.get_mut().data
    }
    /// The metatable.
    pub fn metatable(&self) -> Option<GcRef<Table>> {
        self.get().meta
    }
    /// The user value.
    pub fn user_value(&self) -> Value {
        self.get().user_value
    }
    /// Set the user value.
    pub fn set_user_value(&self, v: Value) {
        self.get_mut().user_value = v;
    }
}
