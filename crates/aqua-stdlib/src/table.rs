//! The `table` library (ltablib.c, Lua 5.4.4 behaviour) on aqua-vm's native ABI.
//!
//! Role: [`open`] creates the `table` table (global + `registry._LOADED.table`) with
//! `concat`, `insert`, `pack`, `unpack`, `remove`, `move` and `sort`.
//!
//! Invariants, as ltablib:
//! - element access goes through the VM's metamethod-aware `index`/`set_index`/`len`
//!   (`lua_geti`/`lua_seti`/`luaL_len`); `checktab` accepts a non-table whose metatable has
//!   the needed fields (`__index` for reading, `__newindex` for writing, `__len` for length);
//! - `sort` is ltablib's quicksort step for step (same pivots, same comparisons, same
//!   "invalid order function for sorting" detection), so non-strict comparators and
//!   comparators with side effects see exactly the calls lua makes;
//! - every value held while Lua code may run (comparators, metamethods) sits on the native's
//!   stack (`ctx.push`), so the collector sees it — exactly where ltablib keeps it.

use aqua_vm::{Ctx, LuaError, NativeFn, State, Value};

/// The library functions, in ltablib's `tab_funcs` order.
pub const FUNCS: &[(&str, NativeFn)] = &[
    ("concat", tconcat),
    ("insert", tinsert),
    ("pack", tpack),
    ("unpack", tunpack),
    ("remove", tremove),
    ("move", tmove),
    ("sort", sort),
];

/// `luaopen_table`.
pub fn open(st: &mut State) {
    crate::auxlib::new_lib(st, "table", FUNCS);
}

/// Operations `checktab` must allow.
const TAB_R: u8 = 1;
const TAB_W: u8 = 2;
const TAB_L: u8 = 4;
const TAB_RW: u8 = TAB_R | TAB_W;

/// `checktab`: argument `arg` is a table, or has a metatable with the fields `what` needs.
fn checktab(ctx: &mut Ctx, arg: usize, what: u8) -> Result<(), LuaError> {
    let v = ctx.arg(arg);
    if v.is_table() {
        return Ok(());
    }
    if let Some(mt) = ctx.get_metatable(v) {
        let mut ok = true;
        for (bit, field) in [(TAB_R, "__index"), (TAB_W, "__newindex"), (TAB_L, "__len")] {
            if ok && what & bit != 0 && ctx.raw_get_str(mt, field).is_nil() {
                ok = false;
            }
        }
        if ok {
            return Ok(());
        }
    }
    Err(ctx.type_error(arg, "table"))
}

/// `luaL_len` of argument `arg`: `#v` with `__len`, which must be an integer.
fn len_of(ctx: &mut Ctx, arg: usize) -> Result<i64, LuaError> {
    let v = ctx.arg(arg);
    let n = ctx.len(v)?;
    match ctx.to_integer(n) {
        Some(i) => Ok(i),
        None => Err(ctx.error("object length is not an integer")),
    }
}

/// `aux_getn`: `checktab(what | TAB_L)` then `luaL_len`.
fn aux_getn(ctx: &mut Ctx, arg: usize, what: u8) -> Result<i64, LuaError> {
    checktab(ctx, arg, what | TAB_L)?;
    len_of(ctx, arg)
}

/// `lua_geti(L, arg, i)`: pushes `t[i]`.
#[inline]
fn geti(ctx: &mut Ctx, arg: usize, i: i64) -> Result<(), LuaError> {
    let t = ctx.arg(arg);
    let v = match t.as_table() {
        // no metatable: a raw read is the whole of `t[i]` (checked at every access, since a
        // comparator or metamethod may set one meanwhile)
        Some(tab) if tab.metatable().is_none() => tab.raw_get_int(i),
        _ => ctx.index(t, Value::int(i))?,
    };
    ctx.push(v);
    Ok(())
}

/// `lua_seti(L, arg, i)`: `t[i] = top`, then pops it (it stays rooted during `__newindex`).
#[inline]
fn seti(ctx: &mut Ctx, arg: usize, i: i64) -> Result<(), LuaError> {
    let t = ctx.arg(arg);
    let v = ctx.arg(ctx.top());
    match t.as_table() {
        Some(tab) if tab.metatable().is_none() => ctx.raw_set_int(tab, i, v),
        _ => ctx.set_index(t, Value::int(i), v)?,
    }
    ctx.pop(1);
    Ok(())
}

fn tinsert(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let e = aux_getn(ctx, 1, TAB_RW)?.wrapping_add(1); // first empty element
    let pos = match ctx.nargs() {
        2 => e, // insert new element at the end
        3 => {
            let pos = ctx.check_integer(2)?;
            // check whether 'pos' is in [1, e]
            if (pos as u64).wrapping_sub(1) >= e as u64 {
                return Err(ctx.arg_error(2, "position out of bounds"));
            }
            let mut i = e;
            while i > pos {
                // move up elements: t[i] = t[i - 1]
                geti(ctx, 1, i - 1)?;
                seti(ctx, 1, i)?;
                i -= 1;
            }
            pos
        }
        _ => return Err(ctx.error("wrong number of arguments to 'insert'")),
    };
    seti(ctx, 1, pos)?; // t[pos] = v (the last argument)
    Ok(0)
}

fn tremove(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let size = aux_getn(ctx, 1, TAB_RW)?;
    let mut pos = ctx.opt_integer(2, size)?;
    // validate 'pos' if given: in [1, size + 1]
    // (lua 5.4.4 reports it as argument #1)
    if pos != size && (pos as u64).wrapping_sub(1) > size as u64 {
        return Err(ctx.arg_error(1, "position out of bounds"));
    }
    geti(ctx, 1, pos)?; // result = t[pos]
    while pos < size {
        geti(ctx, 1, pos + 1)?;
        seti(ctx, 1, pos)?; // t[pos] = t[pos + 1]
        pos += 1;
    }
    ctx.push(Value::NIL);
    seti(ctx, 1, pos)?; // remove entry t[pos]
    Ok(1)
}

fn tmove(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let f = ctx.check_integer(2)?;
    let e = ctx.check_integer(3)?;
    let t = ctx.check_integer(4)?;
    let tt = if ctx.is_none_or_nil(5) { 1 } else { 5 }; // destination table
    checktab(ctx, 1, TAB_R)?;
    checktab(ctx, tt, TAB_W)?;
    if e >= f {
        // otherwise, nothing to move
        if !(f > 0 || e < i64::MAX + f) {
            return Err(ctx.arg_error(3, "too many elements to move"));
        }
        let n = e - f + 1; // number of elements to move
        if t > i64::MAX - n + 1 {
            return Err(ctx.arg_error(4, "destination wrap around"));
        }
        let same = tt == 1 || {
            let (a, b) = (ctx.arg(1), ctx.arg(tt));
            ctx.equals(a, b)?
        };
        if t > e || t <= f || !same {
            for i in 0..n {
                geti(ctx, 1, f + i)?;
                seti(ctx, tt, t + i)?;
            }
        } else {
            let mut i = n - 1;
            while i >= 0 {
                geti(ctx, 1, f + i)?;
                seti(ctx, tt, t + i)?;
                i -= 1;
            }
        }
    }
    let dest = ctx.arg(tt);
    ctx.ret1(dest)
}

/// `addfield` of `concat`: appends `t[i]`, which must be a string or a number.
fn addfield(ctx: &mut Ctx, buf: &mut Vec<u8>, i: i64) -> Result<(), LuaError> {
    let t = ctx.arg(1);
    let v = ctx.index(t, Value::int(i))?;
    match ctx.to_str_bytes(v) {
        Some(b) => {
            buf.extend_from_slice(&b);
            Ok(())
        }
        None => {
            let msg = format!(
                "invalid value ({}) at index {} in table for 'concat'",
                v.type_name(),
                i
            );
            Err(ctx.error(&msg))
        }
    }
}

fn tconcat(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let last = aux_getn(ctx, 1, TAB_R)?;
    let sep: Vec<u8> = match ctx.opt_str(2)? {
        Some(s) => s.as_bytes().to_vec(),
        None => Vec::new(),
    };
    let mut i = ctx.opt_integer(3, 1)?;
    let last = ctx.opt_integer(4, last)?;
    let mut buf = Vec::new();
    while i < last {
        addfield(ctx, &mut buf, i)?;
        buf.extend_from_slice(&sep);
        i += 1;
    }
    if i == last {
        // add last value (if interval was not empty)
        addfield(ctx, &mut buf, i)?;
    }
    let s = ctx.new_string(&buf);
    ctx.ret1(s)
}

fn tpack(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let n = ctx.nargs();
    let t = ctx.new_table_sized(n, 1);
    ctx.push(Value::table(t)); // rooted while it is filled
    for i in 1..=n {
        let v = ctx.arg(i);
        ctx.raw_set_int(t, i as i64, v);
    }
    ctx.raw_set_str(t, "n", Value::int(n as i64));
    Ok(1)
}

/// Largest number of results `unpack` may return (`INT_MAX`, before the stack check).
const UNPACK_MAX: u64 = i32::MAX as u64;

fn tunpack(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let mut i = ctx.opt_integer(2, 1)?;
    let e = if ctx.is_none_or_nil(3) {
        len_of(ctx, 1)?
    } else {
        ctx.check_integer(3)?
    };
    if i > e {
        return Ok(0); // empty range
    }
    let n = (e as u64).wrapping_sub(i as u64); // number of elements minus 1
    if n >= UNPACK_MAX || ctx.check_stack(n as usize + 1).is_err() {
        return Err(ctx.error("too many results to unpack"));
    }
    let n = n as usize + 1;
    let t = ctx.arg(1);
    if let Some(tab) = t.as_table() {
        if tab.metatable().is_none() {
            // fast path: raw reads (no metamethods can run)
            while i < e {
                ctx.push(tab.raw_get_int(i));
                i += 1;
            }
            ctx.push(tab.raw_get_int(e));
            return Ok(n);
        }
    }
    while i < e {
        geti(ctx, 1, i)?;
        i += 1;
    }
    geti(ctx, 1, e)?; // push last element
    Ok(n)
}

// ----- sort -----------------------------------------------------------------------------------

/// Array indices of `sort` (ltablib's `IdxT`, an `unsigned int`).
type IdxT = u32;

/// Intervals at least this long get a randomized pivot once partitions go bad.
const RANLIMIT: IdxT = 100;

/// The sort in progress: argument 1 is the table, argument 2 the comparator or nil; the
/// working values live on the stack above them, addressed like the C API (`-1` = top).
struct Sorter<'c, 'a> {
    ctx: &'c mut Ctx<'a>,
}

impl Sorter<'_, '_> {
    /// Stack value at negative index `idx` (`-1` = top).
    fn at(&self, idx: usize) -> Value {
        let top = self.ctx.top();
        self.ctx.arg((top + 1).saturating_sub(idx))
    }

    fn geti(&mut self, i: IdxT) -> Result<(), LuaError> {
        geti(self.ctx, 1, i64::from(i))
    }

    fn pop(&mut self, n: usize) {
        self.ctx.pop(n);
    }

    /// `set2`: `t[i] = top; t[j] = top - 1`, popping both.
    fn set2(&mut self, i: IdxT, j: IdxT) -> Result<(), LuaError> {
        seti(self.ctx, 1, i64::from(i))?;
        seti(self.ctx, 1, i64::from(j))
    }

    /// `sort_comp`: is the value at `-a` less than the one at `-b`?
    fn comp(&mut self, a: usize, b: usize) -> Result<bool, LuaError> {
        let (va, vb) = (self.at(a), self.at(b));
        let f = self.ctx.arg(2);
        if f.is_nil() {
            self.ctx.less_than(va, vb)
        } else {
            let r = self.ctx.call(f, &[va, vb])?;
            Ok(r.first().is_some_and(|v| v.truthy()))
        }
    }

    fn order_error(&mut self) -> LuaError {
        self.ctx.error("invalid order function for sorting")
    }

    /// `partition`: with the pivot `P` on the top and `a[up - 1] == P`.
    fn partition(&mut self, lo: IdxT, up: IdxT) -> Result<IdxT, LuaError> {
        let mut i = lo; // incremented before first use
        let mut j = up.wrapping_sub(1); // decremented before first use
        loop {
            // repeat ++i while a[i] < P
            loop {
                i = i.wrapping_add(1);
                self.geti(i)?;
                if !self.comp(1, 2)? {
                    break;
                }
                if i == up.wrapping_sub(1) {
                    return Err(self.order_error()); // a[i] < P but a[up - 1] == P
                }
                self.pop(1);
            }
            // repeat --j while P < a[j]
            loop {
                j = j.wrapping_sub(1);
                self.geti(j)?;
                if !self.comp(3, 1)? {
                    break;
                }
                if j < i {
                    return Err(self.order_error()); // j < i but a[j] > P
                }
                self.pop(1);
            }
            if j < i {
                // no elements to be exchanged
                self.pop(1); // pop a[j]
                             // swap pivot (a[up - 1]) with a[i]
                self.set2(up.wrapping_sub(1), i)?;
                return Ok(i);
            }
            // swap a[i] - a[j] to restore invariant and repeat
            self.set2(i, j)?;
        }
    }

    /// `auxsort`: sorts `a[lo..=up]`.
    fn auxsort(&mut self, mut lo: IdxT, mut up: IdxT, mut rnd: u32) -> Result<(), LuaError> {
        while lo < up {
            // sort elements 'lo', 'p', and 'up'
            self.geti(lo)?;
            self.geti(up)?;
            if self.comp(1, 2)? {
                self.set2(lo, up)?; // a[up] < a[lo]: swap
            } else {
                self.pop(2);
            }
            if up.wrapping_sub(lo) == 1 {
                break; // only 2 elements
            }
            let mut p = if up.wrapping_sub(lo) < RANLIMIT || rnd == 0 {
                lo.wrapping_add(up) / 2 // middle point (unsigned arithmetic, as in C)
            } else {
                choose_pivot(lo, up, rnd)
            };
            self.geti(p)?;
            self.geti(lo)?;
            if self.comp(2, 1)? {
                self.set2(p, lo)?; // a[p] < a[lo]: swap
            } else {
                self.pop(1);
                self.geti(up)?;
                if self.comp(1, 2)? {
                    self.set2(p, up)?; // a[up] < a[p]: swap
                } else {
                    self.pop(2);
                }
            }
            if up.wrapping_sub(lo) == 2 {
                break; // only 3 elements
            }
            self.geti(p)?; // the median (Pivot)
            let pivot = self.at(1);
            self.ctx.push(pivot);
            self.geti(up.wrapping_sub(1))?;
            self.set2(p, up.wrapping_sub(1))?; // a[p] = a[up - 1]; a[up - 1] = P
            p = self.partition(lo, up)?;
            let n;
            if p.wrapping_sub(lo) < up.wrapping_sub(p) {
                // lower interval is shorter
                self.auxsort(lo, p.wrapping_sub(1), rnd)?;
                n = p.wrapping_sub(lo);
                lo = p.wrapping_add(1);
            } else {
                self.auxsort(p.wrapping_add(1), up, rnd)?;
                n = up.wrapping_sub(p);
                up = p.wrapping_sub(1);
            }
            if up.wrapping_sub(lo) / 128 > n {
                rnd = randomize_pivot(); // partition too imbalanced: new randomization
            }
        }
        Ok(())
    }
}

/// `choosePivot`: a pivot in the middle half of `[lo, up]`.
fn choose_pivot(lo: IdxT, up: IdxT, rnd: u32) -> IdxT {
    let r4 = up.wrapping_sub(lo) / 4;
    rnd.checked_rem(r4.wrapping_mul(2))
        .unwrap_or(0)
        .wrapping_add(lo.wrapping_add(r4))
}

/// `l_randomizePivot`: a cheap varying number (lua sums the bytes of `clock()` and
/// `time()`; the value is not reproducible there either).
fn randomize_pivot() -> u32 {
    let d = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    (d.as_secs() as u32).wrapping_add(d.subsec_nanos())
}

fn sort(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let n = aux_getn(ctx, 1, TAB_RW)?;
    if n > 1 {
        if n >= i64::from(i32::MAX) {
            return Err(ctx.arg_error(1, "array too big"));
        }
        if !ctx.is_none_or_nil(2) {
            ctx.check_function(2)?;
        }
        ctx.set_top(2);
        ctx.check_stack(8)?;
        let mut s = Sorter { ctx };
        s.auxsort(1, n as IdxT, 0)?;
    }
    Ok(0)
}
