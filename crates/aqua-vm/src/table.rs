//! Lua tables (ltable.c): an array part plus a hash part of chained nodes (Brent's variation).
//!
//! Role: the only data structure of Lua. Follows ltable.c closely so that sizes, `#` borders and
//! traversal order match PUC-Lua for integer keys:
//! - `arr[i-1]` holds key `i` for `1 <= i <= arr.len()`;
//! - `node` has a power-of-two length (or is empty, the "dummy" node); each node chains to the
//!   next node of its collision list through a relative `next` offset; `lastfree` scans down
//!   for free nodes; when none is left the table is rehashed (`luaH_resize` sizing rules);
//! - float keys with an integral value are normalised to integers; `nil` and NaN keys are
//!   rejected on store (`index is nil` / `index is NaN`);
//! - assigning nil keeps the key in its node, so `next` stays valid while existing fields are
//!   assigned or cleared during a traversal; the collector turns such keys into dead keys
//!   (`T_DEADKEY`) that `next` still recognises by identity.
#![allow(clippy::result_unit_err, clippy::needless_range_loop)]
//! - `flags` caches absent metamethods of a table used as a metatable (ltm.c `fasttm`); any store
//!   into the hash part clears it.

use crate::gc::{GcObject, GcRef, Heap, Kind};
use crate::number::{flt_to_int, F2I};
use crate::string::LuaString;
use crate::value::*;
use std::cell::Cell;

#[derive(Clone, Copy)]
pub(crate) struct Node {
    pub(crate) val: Value,
    pub(crate) key: Value,
    pub(crate) next: i32,
}

const EMPTY_NODE: Node = Node {
    val: Value::NIL,
    key: Value::NIL,
    next: 0,
};
const MAXABITS: usize = 31;
const MAXASIZE: u64 = 1 << MAXABITS;

/// A Lua table.
pub struct Table {
    pub(crate) arr: Vec<Value>,
    /// ltable.c's `alimit`: a hint for `#` (`<= arr.len()`; when smaller, `arr.len()` is a power
    /// of two and `alimit > arr.len() / 2`). Integer accesses beyond it move it, as in
    /// `luaH_getint`, so that `#` finds the same borders as lua 5.4.
    pub(crate) alimit: Cell<usize>,
    pub(crate) node: Vec<Node>,
    pub(crate) lastfree: usize,
    pub(crate) meta: Option<GcRef<Table>>,
    /// Bit `e` set: metamethod event `e` (< 8) is known to be absent.
    pub(crate) flags: Cell<u8>,
}

impl GcObject for Table {
    const KIND: Kind = Kind::Table;
    fn extra_bytes(&self) -> usize {
        self.bytes()
    }
}

/// Errors of a raw store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyError {
    Nil,
    NaN,
}

impl KeyError {
    pub fn message(self) -> &'static str {
        match self {
            KeyError::Nil => "table index is nil",
            KeyError::NaN => "table index is NaN",
        }
    }
}

#[inline]
fn ceil_log2(x: u64) -> usize {
    // ceil(log2(x)) for x >= 1
    if x <= 1 {
        0
    } else {
        64 - ((x - 1).leading_zeros() as usize)
    }
}

/// ltable.c `binsearch`: a border in `arr[i..j]` (`i` present or 0, `j` absent).
fn binsearch(arr: &[Value], mut i: usize, mut j: usize) -> usize {
    while j - i > 1 {
        let m = (i + j) / 2;
        if arr[m - 1].is_nil() {
            j = m;
        } else {
            i = m;
        }
    }
    i
}

/// `l_hashfloat`.
fn hash_float(n: f64) -> u32 {
    if !n.is_finite() {
        return 0;
    }
    // frexp
    let (m, e) = frexp(n);
    let m = m * 2147483648.0; // -(double)INT_MIN
    let ni = m as i64;
    let u = (e as u32).wrapping_add(ni as u32);
    if u <= i32::MAX as u32 {
        u
    } else {
        !u
    }
}

fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // subnormal: scale up
        let (m, e) = frexp(x * 2f64.powi(64));
        return (m, e - 64);
    }
    let e = exp - 1022;
    let mbits = (bits & !(0x7ffu64 << 52)) | (1022u64 << 52);
    (f64::from_bits(mbits), e)
}

impl Table {
    pub(crate) fn new(narr: usize, nhash: usize) -> Table {
        let mut t = Table {
            arr: Vec::new(),
            alimit: Cell::new(0),
            node: Vec::new(),
            lastfree: 0,
            meta: None,
            flags: Cell::new(0),
        };
        if narr > 0 {
            t.arr = vec![Value::NIL; narr];
            t.alimit.set(narr);
        }
        if nhash > 0 {
            let n = 1usize << ceil_log2(nhash as u64);
            t.node = vec![EMPTY_NODE; n];
            t.lastfree = n;
        }
        t
    }

    /// Approximate bytes owned by the parts.
    pub(crate) fn bytes(&self) -> usize {
        self.arr.capacity() * 16 + self.node.capacity() * std::mem::size_of::<Node>()
    }

    /// The metatable.
    pub fn metatable(&self) -> Option<GcRef<Table>> {
        self.meta
    }

    #[inline(always)]
    fn hashmod(&self, n: u64) -> usize {
        (n % (((self.node.len() - 1) | 1) as u64)) as usize
    }

    #[inline(always)]
    fn hash_int(&self, i: i64) -> usize {
        self.hashmod(i as u64)
    }

    #[inline(always)]
    fn hash_str(&self, s: GcRef<LuaString>) -> usize {
        (s.get().hash() as usize) & (self.node.len() - 1)
    }

    /// Main position of a (non-nil, normalised) key. Requires a non-empty node vector.
    fn main_position(&self, k: Value) -> usize {
        match k.tag {
            T_INT => self.hash_int(k.ival()),
            // SAFETY: tag checked.
            T_STR => self.hash_str(unsafe { GcRef::from_addr(k.p) }),
            T_FLOAT => self.hashmod(hash_float(k.fval()) as u64),
            T_FALSE => 0,
            T_TRUE => 1 & (self.node.len() - 1),
            _ => self.hashmod((k.p as usize as u64) & 0xffff_ffff),
        }
    }

    /// Node index holding key `k` (exact raw equality), if any.
    #[inline(never)]
    fn find_node(&self, k: Value) -> Option<usize> {
        if self.node.is_empty() {
            return None;
        }
        let mut i = self.main_position(k);
        loop {
            let n = &self.node[i];
            if n.key.tag == k.tag && (n.key.p == k.p || (k.tag == T_STR && n.key.raw_eq(k))) {
                return Some(i);
            }
            if k.tag == T_FLOAT && n.key.tag == T_FLOAT && n.key.fval() == k.fval() {
                return Some(i);
            }
            if n.next == 0 {
                return None;
            }
            i = (i as i64 + n.next as i64) as usize;
        }
    }

    /// `luaH_getint`.
    #[inline(always)]
    pub fn get_int(&self, i: i64) -> Value {
        let idx = (i as u64).wrapping_sub(1);
        if idx < self.alimit.get() as u64 {
            // SAFETY: alimit <= arr.len().
            unsafe { *self.arr.get_unchecked(idx as usize) }
        } else if idx < self.arr.len() as u64 {
            self.alimit.set(i as usize); // luaH_getint: '#t' is probably here now
            self.arr[idx as usize]
        } else {
            self.get_int_hash(i)
        }
    }

    #[inline(never)]
    fn get_int_hash(&self, i: i64) -> Value {
        if self.node.is_empty() {
            return Value::NIL;
        }
        let mut n = self.hash_int(i);
        loop {
            let nd = &self.node[n];
            if nd.key.tag == T_INT && nd.key.p == i as u64 {
                return nd.val;
            }
            if nd.next == 0 {
                return Value::NIL;
            }
            n = (n as i64 + nd.next as i64) as usize;
        }
    }

    /// `luaH_getshortstr` (also works for long strings).
    #[inline]
    pub fn get_str(&self, s: GcRef<LuaString>) -> Value {
        if self.node.is_empty() {
            return Value::NIL;
        }
        if !s.get().short {
            return self
                .find_node(Value::str(s))
                .map_or(Value::NIL, |i| self.node[i].val);
        }
        let mut n = self.hash_str(s);
        let a = s.addr();
        loop {
            let nd = &self.node[n];
            if nd.key.tag == T_STR && nd.key.p == a {
                return nd.val;
            }
            if nd.next == 0 {
                return Value::NIL;
            }
            n = (n as i64 + nd.next as i64) as usize;
        }
    }

    /// Node index holding the short string key `s`, if any (fast path of stores).
    #[inline(always)]
    pub(crate) fn find_short_str(&self, s: GcRef<LuaString>) -> Option<usize> {
        if self.node.is_empty() {
            return None;
        }
        let mut n = self.hash_str(s);
        let a = s.addr();
        loop {
            // SAFETY: n < node.len() (main positions and chain offsets stay in the vector).
            let nd = unsafe { self.node.get_unchecked(n) };
            if nd.key.tag == T_STR && nd.key.p == a {
                return Some(n);
            }
            if nd.next == 0 {
                return None;
            }
            n = (n as i64 + nd.next as i64) as usize;
        }
    }

    /// `luaH_get`: raw get with any key.
    #[inline(never)]
    pub fn get(&self, k: Value) -> Value {
        match k.tag {
            T_INT => self.get_int(k.ival()),
            // SAFETY: tag checked.
            T_STR => self.get_str(unsafe { GcRef::from_addr(k.p) }),
            T_NIL => Value::NIL,
            T_FLOAT => match flt_to_int(k.fval(), F2I::Eq) {
                Some(i) => self.get_int(i),
                None => self.find_node(k).map_or(Value::NIL, |i| self.node[i].val),
            },
            _ => self.find_node(k).map_or(Value::NIL, |i| self.node[i].val),
        }
    }

    /// Normalise a key for storing.
    #[inline]
    fn norm_key(k: Value) -> Result<Value, KeyError> {
        match k.tag {
            T_NIL => Err(KeyError::Nil),
            T_FLOAT => {
                let f = k.fval();
                match flt_to_int(f, F2I::Eq) {
                    Some(i) => Ok(Value::int(i)),
                    None if f.is_nan() => Err(KeyError::NaN),
                    None => Ok(k),
                }
            }
            _ => Ok(k),
        }
    }

    /// Raw store `t[k] = v`.
    #[inline(never)]
    pub fn set(&mut self, heap: &mut Heap, k: Value, v: Value) -> Result<(), KeyError> {
        let k = Self::norm_key(k)?;
        if k.tag == T_INT {
            self.set_int(heap, k.ival(), v);
            return Ok(());
        }
        self.flags.set(0);
        if let Some(i) = self.find_node(k) {
            self.node[i].val = v;
            return Ok(());
        }
        if v.is_nil() {
            return Ok(());
        }
        self.new_key(heap, k, v);
        Ok(())
    }

    /// Raw store with a string key.
    #[inline]
    pub fn set_str(&mut self, heap: &mut Heap, s: GcRef<LuaString>, v: Value) {
        self.flags.set(0);
        let k = Value::str(s);
        if let Some(i) = self.find_node(k) {
            self.node[i].val = v;
        } else if !v.is_nil() {
            self.new_key(heap, k, v);
        }
    }

    /// Raw store with an integer key.
    #[inline]
    pub fn set_int(&mut self, heap: &mut Heap, i: i64, v: Value) {
        let idx = (i as u64).wrapping_sub(1);
        if idx < self.arr.len() as u64 {
            if idx >= self.alimit.get() as u64 {
                self.alimit.set(i as usize);
            }
            // SAFETY: bounds checked.
            unsafe { *self.arr.get_unchecked_mut(idx as usize) = v };
            return;
        }
        let k = Value::int(i);
        if let Some(n) = self.find_node(k) {
            self.node[n].val = v;
        } else if !v.is_nil() {
            self.new_key(heap, k, v);
        }
    }

    fn get_free_pos(&mut self) -> Option<usize> {
        while self.lastfree > 0 {
            self.lastfree -= 1;
            if self.node[self.lastfree].key.tag == T_NIL {
                return Some(self.lastfree);
            }
        }
        None
    }

    /// `luaH_newkey`: insert a key known to be absent, with a non-nil value.
    #[inline(never)]
    fn new_key(&mut self, heap: &mut Heap, k: Value, v: Value) {
        if self.node.is_empty() {
            self.rehash(heap, k);
            self.insert_after_rehash(heap, k, v);
            return;
        }
        let mut mp = self.main_position(k);
        if !self.node[mp].val.is_nil() {
            let f = match self.get_free_pos() {
                Some(f) => f,
                None => {
                    self.rehash(heap, k);
                    self.insert_after_rehash(heap, k, v);
                    return;
                }
            };
            let mut othern = self.main_position(self.node[mp].key);
            if othern != mp {
                while (othern as i64 + self.node[othern].next as i64) as usize != mp {
                    othern = (othern as i64 + self.node[othern].next as i64) as usize;
                }
                self.node[othern].next = (f as i64 - othern as i64) as i32;
                self.node[f] = self.node[mp];
                if self.node[mp].next != 0 {
                    self.node[f].next += (mp as i64 - f as i64) as i32;
                    self.node[mp].next = 0;
                }
                self.node[mp].val = Value::NIL;
            } else {
                if self.node[mp].next != 0 {
                    self.node[f].next = (mp as i64 + self.node[mp].next as i64 - f as i64) as i32;
                }
                self.node[mp].next = (f as i64 - mp as i64) as i32;
                mp = f;
            }
        }
        self.node[mp].key = k;
        self.node[mp].val = v;
    }

    fn insert_after_rehash(&mut self, heap: &mut Heap, k: Value, v: Value) {
        if k.tag == T_INT {
            self.set_int(heap, k.ival(), v);
        } else if let Some(i) = self.find_node(k) {
            self.node[i].val = v;
        } else {
            self.new_key(heap, k, v);
        }
    }

    fn num_use_array(&self, nums: &mut [u64; MAXABITS + 1]) -> u64 {
        let mut ause = 0;
        let mut i: u64 = 1;
        let asize = self.arr.len() as u64;
        let mut ttlg: u64 = 1;
        for lg in 0..=MAXABITS {
            let mut lc = 0;
            let mut lim = ttlg;
            if lim > asize {
                lim = asize;
                if i > lim {
                    break;
                }
            }
            while i <= lim {
                if !self.arr[(i - 1) as usize].is_nil() {
                    lc += 1;
                }
                i += 1;
            }
            nums[lg] += lc;
            ause += lc;
            ttlg *= 2;
        }
        ause
    }

    fn count_int(k: Value, nums: &mut [u64; MAXABITS + 1]) -> u64 {
        if k.tag == T_INT {
            let i = k.ival();
            if i >= 1 && (i as u64) <= MAXASIZE {
                nums[ceil_log2(i as u64)] += 1;
                return 1;
            }
        }
        0
    }

    fn rehash(&mut self, heap: &mut Heap, extra: Value) {
        self.alimit.set(self.arr.len()); // setlimittosize
        let mut nums = [0u64; MAXABITS + 1];
        let mut na = self.num_use_array(&mut nums);
        let mut total = na;
        for n in &self.node {
            if !n.val.is_nil() {
                na += Self::count_int(n.key, &mut nums);
                total += 1;
            }
        }
        na += Self::count_int(extra, &mut nums);
        total += 1;
        // computesizes
        let mut a = 0u64;
        let mut nna = 0u64;
        let mut optimal = 0u64;
        let mut twotoi: u64 = 1;
        let mut i = 0;
        while i <= MAXABITS && na > twotoi / 2 {
            a += nums[i];
            if a > twotoi / 2 {
                optimal = twotoi;
                nna = a;
            }
            i += 1;
            twotoi *= 2;
        }
        self.resize(heap, optimal as usize, (total - nna) as usize);
    }

    /// `luaH_resize`.
    pub(crate) fn resize(&mut self, heap: &mut Heap, nasize: usize, nhsize: usize) {
        let old_bytes = self.bytes();
        let nsize = if nhsize == 0 {
            0
        } else {
            1usize << ceil_log2(nhsize as u64)
        };
        let old_nodes = std::mem::replace(&mut self.node, vec![EMPTY_NODE; nsize]);
        self.lastfree = nsize;
        self.flags.set(0);
        let oldasize = self.arr.len();
        let mut vanishing = Vec::new();
        if nasize < oldasize {
            vanishing = self.arr.split_off(nasize);
            self.arr.shrink_to_fit();
        } else {
            self.arr.resize(nasize, Value::NIL);
        }
        self.alimit.set(self.arr.len());
        for (j, v) in vanishing.into_iter().enumerate() {
            if !v.is_nil() {
                self.insert_after_rehash_norec(Value::int((nasize + j + 1) as i64), v);
            }
        }
        for n in old_nodes {
            if !n.val.is_nil() {
                self.insert_after_rehash_norec(n.key, n.val);
            }
        }
        let nb = self.bytes();
        if nb > old_bytes {
            heap.grew(nb - old_bytes);
        } else {
            heap.shrank(old_bytes - nb);
        }
    }

    /// Re-insertion during a resize (space is guaranteed).
    fn insert_after_rehash_norec(&mut self, k: Value, v: Value) {
        if k.tag == T_INT {
            let idx = (k.ival() as u64).wrapping_sub(1);
            if idx < self.arr.len() as u64 {
                self.arr[idx as usize] = v;
                return;
            }
        }
        // new_key without rehash: a free position must exist
        let mut mp = self.main_position(k);
        if !self.node[mp].val.is_nil() {
            let Some(f) = self.get_free_pos() else { return };
            let mut othern = self.main_position(self.node[mp].key);
            if othern != mp {
                while (othern as i64 + self.node[othern].next as i64) as usize != mp {
                    othern = (othern as i64 + self.node[othern].next as i64) as usize;
                }
                self.node[othern].next = (f as i64 - othern as i64) as i32;
                self.node[f] = self.node[mp];
                if self.node[mp].next != 0 {
                    self.node[f].next += (mp as i64 - f as i64) as i32;
                    self.node[mp].next = 0;
                }
                self.node[mp].val = Value::NIL;
            } else {
                if self.node[mp].next != 0 {
                    self.node[f].next = (mp as i64 + self.node[mp].next as i64 - f as i64) as i32;
                }
                self.node[mp].next = (f as i64 - mp as i64) as i32;
                mp = f;
            }
        }
        self.node[mp].key = k;
        self.node[mp].val = v;
    }

    fn hash_search(&self, mut j: u64) -> u64 {
        let mut i;
        if j == 0 {
            j += 1;
        }
        loop {
            i = j;
            if j <= (i64::MAX as u64) / 2 {
                j *= 2;
            } else {
                j = i64::MAX as u64;
                if self.get_int(j as i64).is_nil() {
                    break;
                } else {
                    return j;
                }
            }
            if self.get_int(j as i64).is_nil() {
                break;
            }
        }
        while j - i > 1 {
            let m = (i + j) / 2;
            if self.get_int(m as i64).is_nil() {
                j = m;
            } else {
                i = m;
            }
        }
        i
    }

    /// `luaH_getn`: a border of the table (raw length), with lua 5.4's `alimit` hint logic so
    /// that tables with holes report the same border as lua5.4.
    #[inline(never)]
    pub fn length(&self) -> u64 {
        let asize = self.arr.len();
        let pow2real = asize & asize.wrapping_sub(1) == 0;
        let mut limit = self.alimit.get();
        if limit > 0 && self.arr[limit - 1].is_nil() {
            // there must be a border before 'limit'
            if limit >= 2 && !self.arr[limit - 2].is_nil() {
                let l1 = limit - 1;
                if pow2real && l1 & (l1 - 1) != 0 {
                    self.alimit.set(l1);
                }
                return l1 as u64;
            }
            let border = binsearch(&self.arr, 0, limit);
            if pow2real && border > asize / 2 {
                self.alimit.set(border);
            }
            return border as u64;
        }
        if limit != asize {
            // 'limit' > 0 (or 0) and the array has more elements after it
            if self.arr[limit].is_nil() {
                return limit as u64;
            }
            limit = asize;
            if self.arr[limit - 1].is_nil() {
                let border = binsearch(&self.arr, self.alimit.get(), limit);
                self.alimit.set(border);
                return border as u64;
            }
        }
        if self.node.is_empty() || self.get_int_hash((limit as i64).wrapping_add(1)).is_nil() {
            return limit as u64;
        }
        self.hash_search(limit as u64)
    }

    /// `luaH_next`: the entry after `key` (nil = first). `Err(())` for an invalid key.
    #[inline]
    pub fn next(&self, key: Value) -> Result<Option<(Value, Value)>, ()> {
        let asize = self.arr.len();
        let mut i: usize = match key.tag {
            T_NIL => 0,
            _ => {
                // (like lua 5.4.4 findindex: float keys are not normalised here)
                let k = key;
                if k.tag == T_INT && (k.ival() as u64).wrapping_sub(1) < asize as u64 {
                    k.ival() as usize
                } else {
                    asize + self.find_node_dead_ok(k).ok_or(())? + 1
                }
            }
        };
        while i < asize {
            let v = self.arr[i];
            if !v.is_nil() {
                return Ok(Some((Value::int(i as i64 + 1), v)));
            }
            i += 1;
        }
        let mut n = i - asize;
        while n < self.node.len() {
            let nd = &self.node[n];
            if !nd.val.is_nil() {
                return Ok(Some((nd.key, nd.val)));
            }
            n += 1;
        }
        Ok(None)
    }

    fn find_node_dead_ok(&self, k: Value) -> Option<usize> {
        if self.node.is_empty() {
            return None;
        }
        let mut i = self.main_position(k);
        loop {
            let n = &self.node[i];
            if n.key.raw_eq(k) || (n.key.tag == T_DEADKEY && k.is_collectable() && n.key.p == k.p) {
                return Some(i);
            }
            if n.next == 0 {
                return None;
            }
            i = (i as i64 + n.next as i64) as usize;
        }
    }

    /// Size of the array part.
    pub fn array_len(&self) -> usize {
        self.arr.len()
    }
}

impl GcRef<Table> {
    /// Raw get (`rawget`).
    pub fn raw_get(&self, k: Value) -> Value {
        self.get().get(k)
    }
    /// Raw integer get.
    pub fn raw_get_int(&self, i: i64) -> Value {
        self.get().get_int(i)
    }
    /// Raw length (`rawlen`).
    pub fn raw_len(&self) -> u64 {
        self.get().length()
    }
    /// Raw `next`.
    #[inline]
    pub fn next(&self, k: Value) -> Result<Option<(Value, Value)>, ()> {
        self.get().next(k)
    }
    /// The metatable.
    pub fn metatable(&self) -> Option<GcRef<Table>> {
        self.get().meta
    }
    /// Size of the array part (keys `1..=array_len()` live there).
    #[inline]
    pub fn array_len(&self) -> usize {
        self.get().arr.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn int_keys_and_len() {
        let mut heap = Heap::new();
        let mut t = Table::new(0, 0);
        for i in 1..=100 {
            t.set_int(&mut heap, i, Value::int(i * 2));
        }
        assert_eq!(t.length(), 100);
        assert_eq!(t.get_int(50).ival(), 100);
        assert!(t.arr.len() >= 64);
        t.set_int(&mut heap, 100, Value::NIL);
        assert_eq!(t.length(), 99);
        t.set(&mut heap, Value::float(3.0), Value::int(7)).unwrap();
        assert_eq!(t.get_int(3).ival(), 7);
        assert_eq!(
            t.set(&mut heap, Value::NIL, Value::int(1)),
            Err(KeyError::Nil)
        );
        assert_eq!(
            t.set(&mut heap, Value::float(f64::NAN), Value::int(1)),
            Err(KeyError::NaN)
        );
        let mut cnt = 0;
        let mut k = Value::NIL;
        while let Ok(Some((nk, _))) = t.next(k) {
            cnt += 1;
            k = nk;
        }
        assert_eq!(cnt, 99);
    }

    #[test]
    fn float_and_bool_keys() {
        let mut heap = Heap::new();
        let mut t = Table::new(0, 0);
        t.set(&mut heap, Value::float(1.5), Value::int(1)).unwrap();
        t.set(&mut heap, Value::TRUE, Value::int(2)).unwrap();
        t.set(&mut heap, Value::FALSE, Value::int(3)).unwrap();
        t.set(&mut heap, Value::int(-5), Value::int(4)).unwrap();
        assert_eq!(t.get(Value::float(1.5)).ival(), 1);
        assert_eq!(t.get(Value::TRUE).ival(), 2);
        assert_eq!(t.get(Value::FALSE).ival(), 3);
        assert_eq!(t.get(Value::float(-5.0)).ival(), 4);
    }
}
