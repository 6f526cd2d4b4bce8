//! The garbage-collected heap (lgc.c): object ownership, allocation accounting and `GcRef`.
//!
//! Role: every Lua object (string, table, closure, upvalue, prototype, userdata, thread) is a
//! `GcBox<T>` allocated through `Heap::alloc`, linked into the heap's list of all objects and
//! byte-counted. The collector in `collect` is a precise, stop-the-world mark & sweep with
//! weak tables (ephemerons), `__gc` finalizers with resurrection, and lgc.c's finalization order.
//!
//! # THE RULE: collection happens only at safe points
//! A collection runs only at explicit *safe points* (the analogue of `luaC_checkGC`): after
//! NEWTABLE, CONCAT, CLOSURE, SETLIST-growing stores, string-producing opcodes, and after a native
//! function has returned and its results were moved into place — never inside an allocation call.
//! At a safe point every live object is reachable from the roots:
//!
//! - every thread's stack up to its top (the interpreter raises `top` above the live registers
//!   before a safe point), the open upvalues, the main thread and the running thread;
//! - the registry, the globals table, the basic-type metatables, the pre-interned names;
//! - the pinned-handle root set (values Rust code registered via `State::pin`);
//! - objects waiting for their finalizer.
//!
//! Rust code (natives, the embedding layer) may therefore hold raw `Value`s in locals only
//! between safe points: a native that calls back into Lua (a safe point may run inside) must keep
//! the values it still needs on the Lua stack or pinned.
//!
//! The `gc-stress` feature makes every safe point run a full collection if anything was
//! allocated since the previous one (`Heap::allocated`: a new object, or an object that grew);
//! that is "a collection at every allocation", without re-collecting an unchanged heap after
//! every native call. A full collection costs O(live heap + live stacks), so a program that
//! allocates N objects while O(N) objects or frames stay live is quadratic under it; the script
//! harness documents how the corpus copes (`crates/aqua/tests/lua_scripts.rs`).
//!
//! `State::close` is `lua_close` without the freeing: the main thread's pending to-be-closed
//! variables, then every registered finalizer (used by `os.exit(_, true)`, the CLI and `Drop`).
//!
//! `collectgarbage("incremental")`/`("generational")` only switch a mode flag: one stop-the-world
//! collector serves both modes for now.
//!
//! Unsafe code: `GcRef` dereferences raw pointers to boxes owned by the heap. Soundness rests on
//! the rule above (an object reachable from a root is never freed) and on callers not holding a
//! `&mut` obtained from `get_mut` across another access to the same object.

pub(crate) mod collect;

use std::marker::PhantomData;
use std::ptr::NonNull;

/// Kind of a heap object (for sweeping and traversal).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
pub(crate) enum Kind {
    Str,
    Table,
    LClosure,
    NClosure,
    UpVal,
    Proto,
    UserData,
    Thread,
}

pub(crate) const MARK_BIT: u8 = 1;
/// Object is registered for finalization (has a `__gc` metamethod when its metatable was set).
pub(crate) const FINOBJ_BIT: u8 = 2;
/// Object is never collected (pre-interned names).
pub(crate) const FIXED_BIT: u8 = 4;

/// Common header of every heap object.
#[repr(C)]
pub(crate) struct GcHeader {
    pub(crate) next: *mut GcHeader,
    pub(crate) kind: Kind,
    pub(crate) flags: u8,
}

/// A heap object: header followed by the value.
#[repr(C)]
pub(crate) struct GcBox<T> {
    pub(crate) hdr: GcHeader,
    pub(crate) val: T,
}

/// A pointer to a heap object. `Copy`; identity equality. Valid while the object is reachable
/// (see the module docs).
pub struct GcRef<T> {
    ptr: NonNull<GcBox<T>>,
    _m: PhantomData<*const T>,
}

impl<T> Clone for GcRef<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for GcRef<T> {}
impl<T> PartialEq for GcRef<T> {
    fn eq(&self, o: &Self) -> bool {
        self.ptr == o.ptr
    }
}
impl<T> Eq for GcRef<T> {}
impl<T> std::hash::Hash for GcRef<T> {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.ptr.hash(h)
    }
}
impl<T> std::fmt::Debug for GcRef<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "GcRef({:p})", self.ptr)
    }
}

impl<T> GcRef<T> {
    /// # Safety
    /// `addr` must be the address of a live `GcBox<T>`.
    #[inline(always)]
    pub(crate) unsafe fn from_addr(addr: u64) -> GcRef<T> {
        // SAFETY: caller guarantees a non-null live box.
        GcRef {
            ptr: unsafe { NonNull::new_unchecked(addr as usize as *mut GcBox<T>) },
            _m: PhantomData,
        }
    }
    #[inline(always)]
    pub(crate) fn addr(self) -> u64 {
        self.ptr.as_ptr() as usize as u64
    }
    #[inline(always)]
    pub(crate) fn header(self) -> *mut GcHeader {
        self.ptr.as_ptr() as *mut GcHeader
    }
    /// Shared access to the object.
    #[inline(always)]
    pub(crate) fn get<'a>(self) -> &'a T {
        // SAFETY: the object is live (module rule); the lifetime is unbound on purpose: callers
        // never keep it across a safe point.
        unsafe { &(*self.ptr.as_ptr()).val }
    }
    /// Exclusive access to the object. Callers must not hold another reference to the same object
    /// while using the result.
    #[allow(clippy::mut_from_ref)]
    #[inline(always)]
    pub(crate) fn get_mut<'a>(self) -> &'a mut T {
        // SAFETY: as `get`; exclusivity is the caller's obligation (module docs).
        unsafe { &mut (*self.ptr.as_ptr()).val }
    }
    /// Pointer identity as an integer (for `%p`, `tostring`).
    pub fn id(self) -> usize {
        self.ptr.as_ptr() as usize
    }
}

/// Byte size accounting for a heap object type.
pub(crate) trait GcObject {
    const KIND: Kind;
    /// Bytes owned outside the box (vectors, boxed slices), for accounting.
    fn extra_bytes(&self) -> usize {
        0
    }
}

/// Collector mode (both served by the same stop-the-world collector).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum GcMode {
    Incremental,
    Generational,
}

/// The heap: owner of all objects, allocation counters and collector parameters.
pub struct Heap {
    pub(crate) all: *mut GcHeader,
    /// Bytes currently allocated (approximate for containers, exact for boxes).
    pub(crate) total: usize,
    /// Collect when `total` exceeds this.
    pub(crate) threshold: usize,
    /// `setpause` (percent).
    pub(crate) pause: usize,
    pub(crate) stepmul: usize,
    /// `collectgarbage("stop")` clears it.
    pub(crate) running: bool,
    pub(crate) mode: GcMode,
    /// Objects registered for finalization, in order of registration.
    pub(crate) finobj: Vec<*mut GcHeader>,
    /// Objects whose finalizer must run (resurrected), in calling order.
    pub(crate) tobefnz: std::collections::VecDeque<*mut GcHeader>,
    /// A collection is running (re-entrancy guard) / finalizers are running.
    pub(crate) collecting: bool,
    /// Reused mark stack (avoids a large allocation per cycle).
    pub(crate) gray: Vec<*mut GcHeader>,
    /// Boxes of freed tables, reused by `alloc_table` (tables are the most churned objects;
    /// recycling their boxes avoids malloc/free pressure).
    pub(crate) table_pool: Vec<*mut GcBox<crate::table::Table>>,
    pub(crate) in_finalizer: bool,
    /// Something was allocated (or an object grew) since the last collection. Under `gc-stress`
    /// a safe point collects only then: a collection with nothing new allocated finds exactly
    /// what the previous one found, so "collect at every allocation" loses nothing by it.
    pub(crate) allocated: bool,
}

impl Heap {
    pub(crate) fn new() -> Heap {
        Heap {
            all: std::ptr::null_mut(),
            total: 0,
            threshold: 256 * 1024,
            pause: 200,
            stepmul: 100,
            running: true,
            mode: GcMode::Generational,
            finobj: Vec::new(),
            tobefnz: std::collections::VecDeque::new(),
            collecting: false,
            gray: Vec::new(),
            table_pool: Vec::new(),
            in_finalizer: false,
            allocated: false,
        }
    }

    /// Allocate an object. Never collects (see THE RULE).
    pub(crate) fn alloc<T: GcObject>(&mut self, val: T) -> GcRef<T> {
        let extra = val.extra_bytes();
        let b = Box::new(GcBox {
            hdr: GcHeader {
                next: self.all,
                kind: T::KIND,
                flags: 0,
            },
            val,
        });
        let raw = Box::into_raw(b);
        self.all = raw as *mut GcHeader;
        if cfg!(feature = "gc-stress") {
            self.allocated = true; // read only by the stress build's `should_collect`
        }
        self.total += std::mem::size_of::<GcBox<T>>() + extra;
        // SAFETY: just allocated, non-null.
        GcRef {
            ptr: unsafe { NonNull::new_unchecked(raw) },
            _m: PhantomData,
        }
    }

    /// Allocate a table, reusing a pooled box when possible. Never collects.
    pub(crate) fn alloc_table(&mut self, t: crate::table::Table) -> GcRef<crate::table::Table> {
        let Some(p) = self.table_pool.pop() else {
            return self.alloc(t);
        };
        self.total += std::mem::size_of::<GcBox<crate::table::Table>>() + t.extra_bytes();
        if cfg!(feature = "gc-stress") {
            self.allocated = true; // read only by the stress build's `should_collect`
        }
        // SAFETY: `p` is a pooled box whose value was dropped in place (see
        // `collect::recycle_table`); writing a fresh GcBox re-initialises it.
        unsafe {
            std::ptr::write(
                p,
                GcBox {
                    hdr: GcHeader {
                        next: self.all,
                        kind: Kind::Table,
                        flags: 0,
                    },
                    val: t,
                },
            );
            self.all = p as *mut GcHeader;
            GcRef::from_addr(p as usize as u64)
        }
    }

    /// Account for `delta` bytes of growth of an existing object.
    #[inline]
    pub(crate) fn grew(&mut self, delta: usize) {
        self.total += delta;
        if cfg!(feature = "gc-stress") {
            self.allocated = true; // read only by the stress build's `should_collect`
        }
    }
    #[inline]
    pub(crate) fn shrank(&mut self, delta: usize) {
        self.total = self.total.saturating_sub(delta);
    }

    /// Is a collection due?
    #[inline(always)]
    pub(crate) fn should_collect(&self) -> bool {
        if cfg!(feature = "gc-stress") {
            self.allocated && self.running && !self.collecting
        } else {
            self.total > self.threshold && self.running && !self.collecting
        }
    }

    /// Bytes in use.
    pub fn total_bytes(&self) -> usize {
        self.total
    }
}

impl Drop for Heap {
    fn drop(&mut self) {
        let mut p = self.all;
        while !p.is_null() {
            // SAFETY: every node of the list is a box allocated by `alloc` and freed only here or
            // by the sweep (which unlinks it).
            unsafe {
                let next = (*p).next;
                collect::free_object(p);
                p = next;
            }
        }
        self.all = std::ptr::null_mut();
        for p in self.table_pool.drain(..) {
            // SAFETY: pooled boxes hold no live value (dropped in place); free the memory only.
            unsafe {
                std::alloc::dealloc(
                    p as *mut u8,
                    std::alloc::Layout::new::<GcBox<crate::table::Table>>(),
                )
            };
        }
    }
}
