//! Functions (lfunc.c): runtime prototypes, Lua closures, upvalues and native closures.
//!
//! Role: a loaded `aqua_bytecode::Proto` becomes an [`LProto`] on the heap (constants turned
//! into Values, nested prototypes into `GcRef<LProto>`); `CLOSURE` instantiates an [`LClosure`]
//! sharing [`UpVal`]s.
//!
//! Upvalues: an open upvalue points (`v`) at a slot of its thread's stack and records the slot
//! index; the thread keeps its open upvalues sorted by index so that `CLOSE`/return can close
//! every upvalue at or above a level. When the stack is reallocated the thread fixes the `v`
//! pointers of its open upvalues (`Thread::grow_stack`). Closing copies the value into `closed`
//! and points `v` at it (the box never moves). An open upvalue keeps its thread alive (the
//! collector marks the thread), so `v` never dangles.

use crate::gc::{GcObject, GcRef, Kind};
use crate::thread::Thread;
use crate::value::{NativeFn, Value};
use crate::{Ctx, LuaError};
use aqua_bytecode::{Instruction, Proto};

/// A prototype as the VM runs it.
pub struct LProto {
    pub(crate) code: Box<[Instruction]>,
    pub(crate) k: Box<[Value]>,
    pub(crate) protos: Box<[GcRef<LProto>]>,
    pub(crate) numparams: u8,
    pub(crate) is_vararg: bool,
    pub(crate) maxstacksize: u8,
    /// Debug information and upvalue descriptions (its `code`, `constants` and `protos` are
    /// emptied: they live in the fields above).
    pub(crate) info: Box<Proto>,
}

impl GcObject for LProto {
    const KIND: Kind = Kind::Proto;
    fn extra_bytes(&self) -> usize {
        self.code.len() * 4 + self.k.len() * 16 + self.protos.len() * 8 + 256
    }
}

/// A Lua function (closure).
pub struct LClosure {
    pub(crate) proto: GcRef<LProto>,
    pub(crate) upvals: Box<[GcRef<UpVal>]>,
}

impl GcObject for LClosure {
    const KIND: Kind = Kind::LClosure;
    fn extra_bytes(&self) -> usize {
        self.upvals.len() * 8
    }
}

/// An upvalue (open or closed).
pub struct UpVal {
    pub(crate) v: *mut Value,
    pub(crate) closed: Value,
    /// Stack index while open.
    pub(crate) idx: usize,
    /// Owning thread while open.
    pub(crate) thread: Option<GcRef<Thread>>,
}

impl GcObject for UpVal {
    const KIND: Kind = Kind::UpVal;
}

impl UpVal {
    #[inline(always)]
    pub(crate) fn get(&self) -> Value {
        // SAFETY: `v` points into the live stack of `thread` (open) or at `closed` (module docs).
        unsafe { *self.v }
    }
    #[inline(always)]
    pub(crate) fn set(&mut self, v: Value) {
        // SAFETY: as `get`.
        unsafe { *self.v = v }
    }
    #[allow(dead_code)]
    pub(crate) fn is_open(&self) -> bool {
        self.thread.is_some()
    }
}

/// A boxed Rust closure callable from Lua.
pub type BoxedNative = Box<dyn Fn(&mut Ctx) -> Result<usize, LuaError>>;

/// The code of a native closure.
pub enum NativeCode {
    Fn(NativeFn),
    Boxed(BoxedNative),
}

/// A native closure: a function with upvalue Values and/or Rust data.
pub struct NClosure {
    pub(crate) code: NativeCode,
    pub(crate) upvals: Vec<Value>,
    #[allow(dead_code)]
    pub(crate) name: Option<&'static str>,
}

impl GcObject for NClosure {
    const KIND: Kind = Kind::NClosure;
    fn extra_bytes(&self) -> usize {
        self.upvals.len() * 16
    }
}
