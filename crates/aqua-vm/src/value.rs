//! Lua values (lobject.h `TValue`).
//!
//! Role: the one value representation of the VM: a 16-byte `Copy` struct made of an 8-byte tag
//! word and an 8-byte payload word (`#[repr(C)]`). Following the measured advice of the runtime
//! design note, the interpreter reads and writes the tag and the payload of stack slots as two
//! separate 8-byte words; nothing ever builds a 16-byte enum on the Rust stack in the hot paths.
//!
//! Invariants:
//! - the payload is always initialised (0 for `nil`/booleans), so reading it as bits is defined;
//! - for collectable tags the payload is the address of a live `GcBox<T>` of the matching type
//!   (valid until the next collection at which the value is unreachable: see `gc`);
//! - `T_NFN` payloads are `NativeFn` function pointers;
//! - `T_DEADKEY` appears only as a key of a table node (see `table`), never in registers.
//!
//! For code off the hot paths, [`Value::view`] gives a Rust enum ([`Val`]) to `match` on.

use crate::api::Ctx;
use crate::closure::{LClosure, NClosure};
use crate::gc::GcRef;
use crate::string::LuaString;
use crate::table::Table;
use crate::thread::Thread;
use crate::userdata::UserData;
use crate::LuaError;

/// A native (Rust) function: the Lua-callable host function ABI. See the crate docs.
pub type NativeFn = fn(&mut Ctx) -> Result<usize, LuaError>;

pub(crate) const T_NIL: u64 = 0;
pub(crate) const T_FALSE: u64 = 1;
pub(crate) const T_TRUE: u64 = 2;
pub(crate) const T_INT: u64 = 3;
pub(crate) const T_FLOAT: u64 = 4;
pub(crate) const T_STR: u64 = 5;
pub(crate) const T_TABLE: u64 = 6;
pub(crate) const T_LCL: u64 = 7;
pub(crate) const T_NFN: u64 = 8;
pub(crate) const T_NCL: u64 = 9;
pub(crate) const T_UDATA: u64 = 10;
pub(crate) const T_LUD: u64 = 11;
pub(crate) const T_THREAD: u64 = 12;
/// A dead table key (value was nil and the key object was collected); payload kept for identity.
pub(crate) const T_DEADKEY: u64 = 13;

/// A Lua value. 16 bytes, `Copy`. See the module docs.
#[derive(Clone, Copy)]
#[repr(C)]
pub struct Value {
    pub(crate) tag: u64,
    pub(crate) p: u64,
}

/// A matchable view of a [`Value`].
#[derive(Clone, Copy, Debug)]
pub enum Val {
    Nil,
    Bool(bool),
    Int(i64),
    Num(f64),
    Str(GcRef<LuaString>),
    Table(GcRef<Table>),
    LFunc(GcRef<LClosure>),
    NFunc(NativeFn),
    NClosure(GcRef<NClosure>),
    UserData(GcRef<UserData>),
    LightUserData(usize),
    Thread(GcRef<Thread>),
}

/// Basic Lua types (`lua_type`), with the names `type()` returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LuaType {
    Nil,
    Boolean,
    LightUserData,
    Number,
    String,
    Table,
    Function,
    UserData,
    Thread,
}

impl LuaType {
    /// The name as `type()` returns it.
    pub fn name(self) -> &'static str {
        match self {
            LuaType::Nil => "nil",
            LuaType::Boolean => "boolean",
            LuaType::LightUserData | LuaType::UserData => "userdata",
            LuaType::Number => "number",
            LuaType::String => "string",
            LuaType::Table => "table",
            LuaType::Function => "function",
            LuaType::Thread => "thread",
        }
    }
}

impl Default for Value {
    fn default() -> Self {
        Value::NIL
    }
}

impl std::fmt::Debug for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.view() {
            Val::Str(s) => write!(f, "{:?}", String::from_utf8_lossy(s.as_bytes())),
            v => write!(f, "{v:?}"),
        }
    }
}

impl Value {
    pub const NIL: Value = Value { tag: T_NIL, p: 0 };
    pub const FALSE: Value = Value { tag: T_FALSE, p: 0 };
    pub const TRUE: Value = Value { tag: T_TRUE, p: 0 };

    #[inline(always)]
    pub fn int(i: i64) -> Value {
        Value {
            tag: T_INT,
            p: i as u64,
        }
    }
    #[inline(always)]
    pub fn float(n: f64) -> Value {
        Value {
            tag: T_FLOAT,
            p: n.to_bits(),
        }
    }
    #[inline(always)]
    pub fn boolean(b: bool) -> Value {
        Value {
            tag: if b { T_TRUE } else { T_FALSE },
            p: 0,
        }
    }
    #[inline(always)]
    pub fn str(s: GcRef<LuaString>) -> Value {
        Value {
            tag: T_STR,
            p: s.addr(),
        }
    }
    #[inline(always)]
    pub fn table(t: GcRef<Table>) -> Value {
        Value {
            tag: T_TABLE,
            p: t.addr(),
        }
    }
    #[inline(always)]
    pub fn lclosure(c: GcRef<LClosure>) -> Value {
        Value {
            tag: T_LCL,
            p: c.addr(),
        }
    }
    #[inline(always)]
    pub fn nclosure(c: GcRef<NClosure>) -> Value {
        Value {
            tag: T_NCL,
            p: c.addr(),
        }
    }
    #[inline(always)]
    pub fn native(f: NativeFn) -> Value {
        Value {
            tag: T_NFN,
            p: f as usize as u64,
        }
    }
    #[inline(always)]
    pub fn userdata(u: GcRef<UserData>) -> Value {
        Value {
            tag: T_UDATA,
            p: u.addr(),
        }
    }
    #[inline(always)]
    pub fn light_userdata(p: usize) -> Value {
        Value {
            tag: T_LUD,
            p: p as u64,
        }
    }
    #[inline(always)]
    pub fn thread(t: GcRef<Thread>) -> Value {
        Value {
            tag: T_THREAD,
            p: t.addr(),
        }
    }

    /// A matchable view.
    #[inline]
    pub fn view(self) -> Val {
        // SAFETY: the payload of a collectable tag is a live object of the tag's type (module
        // invariant); `T_NFN` payloads were made from `NativeFn` pointers.
        unsafe {
            match self.tag {
                T_NIL => Val::Nil,
                T_FALSE => Val::Bool(false),
                T_TRUE => Val::Bool(true),
                T_INT => Val::Int(self.p as i64),
                T_FLOAT => Val::Num(f64::from_bits(self.p)),
                T_STR => Val::Str(GcRef::from_addr(self.p)),
                T_TABLE => Val::Table(GcRef::from_addr(self.p)),
                T_LCL => Val::LFunc(GcRef::from_addr(self.p)),
                T_NFN => Val::NFunc(std::mem::transmute::<usize, NativeFn>(self.p as usize)),
                T_NCL => Val::NClosure(GcRef::from_addr(self.p)),
                T_UDATA => Val::UserData(GcRef::from_addr(self.p)),
                T_LUD => Val::LightUserData(self.p as usize),
                T_THREAD => Val::Thread(GcRef::from_addr(self.p)),
                _ => Val::Nil,
            }
        }
    }

    #[inline(always)]
    pub fn is_nil(self) -> bool {
        self.tag == T_NIL
    }
    /// Lua truthiness: everything but nil and false.
    #[inline(always)]
    pub fn truthy(self) -> bool {
        self.tag > T_FALSE
    }
    #[inline(always)]
    pub fn is_falsy(self) -> bool {
        self.tag <= T_FALSE
    }
    #[inline(always)]
    pub fn is_int(self) -> bool {
        self.tag == T_INT
    }
    #[inline(always)]
    pub fn is_float(self) -> bool {
        self.tag == T_FLOAT
    }
    #[inline(always)]
    pub fn is_number(self) -> bool {
        self.tag == T_INT || self.tag == T_FLOAT
    }
    #[inline(always)]
    pub fn is_str(self) -> bool {
        self.tag == T_STR
    }
    #[inline(always)]
    pub fn is_table(self) -> bool {
        self.tag == T_TABLE
    }
    #[inline(always)]
    pub fn is_function(self) -> bool {
        matches!(self.tag, T_LCL | T_NFN | T_NCL)
    }
    #[inline(always)]
    pub(crate) fn is_collectable(self) -> bool {
        matches!(
            self.tag,
            T_STR | T_TABLE | T_LCL | T_NCL | T_UDATA | T_THREAD
        )
    }

    /// Integer payload (caller checked `is_int`).
    #[inline(always)]
    pub fn ival(self) -> i64 {
        self.p as i64
    }
    /// Float payload (caller checked `is_float`).
    #[inline(always)]
    pub fn fval(self) -> f64 {
        f64::from_bits(self.p)
    }
    pub fn as_int(self) -> Option<i64> {
        if self.tag == T_INT {
            Some(self.p as i64)
        } else {
            None
        }
    }
    pub fn as_float(self) -> Option<f64> {
        if self.tag == T_FLOAT {
            Some(self.fval())
        } else {
            None
        }
    }
    /// Number as float (int or float), no string coercion.
    #[inline]
    pub fn as_num(self) -> Option<f64> {
        match self.tag {
            T_INT => Some(self.p as i64 as f64),
            T_FLOAT => Some(self.fval()),
            _ => None,
        }
    }
    pub fn as_bool(self) -> Option<bool> {
        match self.tag {
            T_TRUE => Some(true),
            T_FALSE => Some(false),
            _ => None,
        }
    }
    #[inline]
    pub fn as_str(self) -> Option<GcRef<LuaString>> {
        if self.tag == T_STR {
            // SAFETY: tag checked (module invariant).
            Some(unsafe { GcRef::from_addr(self.p) })
        } else {
            None
        }
    }
    #[inline]
    pub fn as_table(self) -> Option<GcRef<Table>> {
        if self.tag == T_TABLE {
            // SAFETY: tag checked.
            Some(unsafe { GcRef::from_addr(self.p) })
        } else {
            None
        }
    }
    pub fn as_thread(self) -> Option<GcRef<Thread>> {
        if self.tag == T_THREAD {
            // SAFETY: tag checked.
            Some(unsafe { GcRef::from_addr(self.p) })
        } else {
            None
        }
    }
    pub fn as_userdata(self) -> Option<GcRef<UserData>> {
        if self.tag == T_UDATA {
            // SAFETY: tag checked.
            Some(unsafe { GcRef::from_addr(self.p) })
        } else {
            None
        }
    }
    pub fn as_lclosure(self) -> Option<GcRef<LClosure>> {
        if self.tag == T_LCL {
            // SAFETY: tag checked.
            Some(unsafe { GcRef::from_addr(self.p) })
        } else {
            None
        }
    }
    /// String bytes, if this is a string (valid until the next collection).
    pub fn str_bytes<'a>(self) -> Option<&'a [u8]> {
        self.as_str().map(|s| s.as_bytes_unbound())
    }

    /// The basic type.
    pub fn type_of(self) -> LuaType {
        match self.tag {
            T_NIL => LuaType::Nil,
            T_FALSE | T_TRUE => LuaType::Boolean,
            T_INT | T_FLOAT => LuaType::Number,
            T_STR => LuaType::String,
            T_TABLE => LuaType::Table,
            T_LCL | T_NFN | T_NCL => LuaType::Function,
            T_UDATA => LuaType::UserData,
            T_LUD => LuaType::LightUserData,
            T_THREAD => LuaType::Thread,
            _ => LuaType::Nil,
        }
    }
    /// `type(v)` name.
    pub fn type_name(self) -> &'static str {
        self.type_of().name()
    }

    /// Raw equality (`rawequal`): no metamethods; int/float compare mathematically.
    #[inline]
    pub fn raw_eq(self, o: Value) -> bool {
        if self.tag == o.tag {
            match self.tag {
                T_FLOAT => self.fval() == o.fval(),
                T_STR => {
                    self.p == o.p || {
                        // SAFETY: both tags are T_STR.
                        let (a, b): (GcRef<LuaString>, GcRef<LuaString>) =
                            unsafe { (GcRef::from_addr(self.p), GcRef::from_addr(o.p)) };
                        a.long_eq(b)
                    }
                }
                _ => self.p == o.p,
            }
        } else if self.tag == T_INT && o.tag == T_FLOAT {
            crate::number::int_float_eq(self.ival(), o.fval())
        } else if self.tag == T_FLOAT && o.tag == T_INT {
            crate::number::int_float_eq(o.ival(), self.fval())
        } else {
            false
        }
    }

    /// Identity of a collectable or light value (for `%p`/`tostring` addresses).
    pub fn ptr_bits(self) -> usize {
        self.p as usize
    }
}
