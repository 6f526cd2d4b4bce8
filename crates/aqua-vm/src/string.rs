//! Lua strings (lstring.c): immutable byte strings on the GC heap.
//!
//! Role: short strings (at most [`MAX_SHORT_LEN`] bytes) are interned in the [`StringTable`], so
//! two equal short strings are the same object and equality is a pointer compare; their hash is
//! computed at creation with lstring.c's seeded `luaS_hash`. Long strings are not interned, are
//! compared by content and hashed lazily on first use as a table key.
//!
//! Invariants: a short string is in the string table exactly while it is alive; the collector
//! unlinks dead short strings from the table (`StringTable::remove_dead`) before freeing them.

use crate::gc::{GcBox, GcObject, GcRef, Heap, Kind, FIXED_BIT, MARK_BIT};
use std::cell::Cell;

/// Longest string that is interned (LUAI_MAXSHORTLEN).
pub const MAX_SHORT_LEN: usize = 40;

/// A Lua string.
pub struct LuaString {
    pub(crate) hash: Cell<u32>,
    pub(crate) hashed: Cell<bool>,
    pub(crate) short: bool,
    /// Next string in the same string-table bucket (short strings only).
    pub(crate) hnext: *mut GcBox<LuaString>,
    pub(crate) data: Box<[u8]>,
}

impl GcObject for LuaString {
    const KIND: Kind = Kind::Str;
    fn extra_bytes(&self) -> usize {
        self.data.len()
    }
}

/// lstring.c `luaS_hash`.
#[inline]
pub(crate) fn hash_bytes(s: &[u8], seed: u32) -> u32 {
    let mut h = seed ^ (s.len() as u32);
    for &b in s.iter().rev() {
        h ^= (h << 5).wrapping_add(h >> 2).wrapping_add(b as u32);
    }
    h
}

impl LuaString {
    /// The bytes.
    #[inline]
    pub fn as_bytes(&self) -> &[u8] {
        &self.data
    }
    pub fn len(&self) -> usize {
        self.data.len()
    }
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }
    /// Hash (computing it for long strings on first use).
    #[inline]
    pub(crate) fn hash(&self) -> u32 {
        if self.short || self.hashed.get() {
            self.hash.get()
        } else {
            let h = hash_bytes(&self.data, self.hash.get());
            self.hash.set(h);
            self.hashed.set(true);
            h
        }
    }
}

impl GcRef<LuaString> {
    /// The bytes (valid until the string is collected).
    #[inline]
    pub fn as_bytes(&self) -> &[u8] {
        &self.get().data
    }
    #[inline]
    pub(crate) fn as_bytes_unbound<'a>(self) -> &'a [u8] {
        &self.get().data
    }
    /// Content equality for two distinct string objects (equal short strings are identical).
    #[inline]
    pub(crate) fn long_eq(self, o: GcRef<LuaString>) -> bool {
        let (a, b) = (self.get(), o.get());
        !(a.short && b.short) && a.data == b.data
    }
    /// Lossy UTF-8 copy (for Rust-side messages).
    pub fn to_str_lossy(&self) -> String {
        String::from_utf8_lossy(self.as_bytes()).into_owned()
    }
}

/// The table of interned short strings (lstring.c `stringtable`).
pub struct StringTable {
    buckets: Vec<*mut GcBox<LuaString>>,
    count: usize,
    pub(crate) seed: u32,
}

impl StringTable {
    pub(crate) fn new(seed: u32) -> StringTable {
        StringTable {
            buckets: vec![std::ptr::null_mut(); 128],
            count: 0,
            seed,
        }
    }

    /// Intern `s` (or create a long string). Never collects.
    pub(crate) fn intern(&mut self, heap: &mut Heap, s: &[u8]) -> GcRef<LuaString> {
        if s.len() > MAX_SHORT_LEN {
            return heap.alloc(LuaString {
                hash: Cell::new(self.seed),
                hashed: Cell::new(false),
                short: false,
                hnext: std::ptr::null_mut(),
                data: s.into(),
            });
        }
        let h = hash_bytes(s, self.seed);
        let idx = (h as usize) & (self.buckets.len() - 1);
        let mut p = self.buckets[idx];
        while !p.is_null() {
            // SAFETY: bucket chains hold live short strings (module invariant).
            unsafe {
                if (*p).val.hash.get() == h && &*(*p).val.data == s {
                    // A dead-but-not-yet-swept string cannot be here: sweeping unlinks first and
                    // no allocation happens between marking and sweeping.
                    return GcRef::from_addr(p as usize as u64);
                }
                p = (*p).val.hnext;
            }
        }
        if self.count >= self.buckets.len() {
            self.resize(self.buckets.len() * 2);
        }
        let idx = (h as usize) & (self.buckets.len() - 1);
        let r = heap.alloc(LuaString {
            hash: Cell::new(h),
            hashed: Cell::new(true),
            short: true,
            hnext: self.buckets[idx],
            data: s.into(),
        });
        self.buckets[idx] = r.addr() as usize as *mut GcBox<LuaString>;
        self.count += 1;
        r
    }

    fn resize(&mut self, n: usize) {
        let mut nb: Vec<*mut GcBox<LuaString>> = vec![std::ptr::null_mut(); n];
        for &head in &self.buckets {
            let mut p = head;
            while !p.is_null() {
                // SAFETY: live chain nodes.
                unsafe {
                    let next = (*p).val.hnext;
                    let i = ((*p).val.hash.get() as usize) & (n - 1);
                    (*p).val.hnext = nb[i];
                    nb[i] = p;
                    p = next;
                }
            }
        }
        self.buckets = nb;
    }

    /// Unlink every unmarked (dead) string; called by the collector right before sweeping.
    pub(crate) fn remove_dead(&mut self) {
        for b in self.buckets.iter_mut() {
            let mut link: *mut *mut GcBox<LuaString> = b;
            // SAFETY: chain nodes are live until the sweep that follows this call.
            unsafe {
                while !(*link).is_null() {
                    let p = *link;
                    if (*p).hdr.flags & (MARK_BIT | FIXED_BIT) == 0 {
                        *link = (*p).val.hnext;
                        self.count -= 1;
                    } else {
                        link = &mut (*p).val.hnext;
                    }
                }
            }
        }
        if self.count < self.buckets.len() / 4 && self.buckets.len() > 128 {
            self.resize(self.buckets.len() / 2);
        }
    }
}
