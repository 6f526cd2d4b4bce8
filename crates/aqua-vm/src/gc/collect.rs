//! The collector (lgc.c's atomic phase, stop-the-world): mark from the roots, converge
//! ephemerons, clear weak entries, separate unreachable finalizable objects (resurrecting them),
//! sweep, then call pending `__gc` finalizers in lgc.c's order (reverse order of registration).
//!
//! Runs only at safe points (see the module docs of `gc`).

use super::{GcBox, GcHeader, Kind, FINOBJ_BIT, FIXED_BIT, MARK_BIT};
use crate::closure::{LClosure, LProto, NClosure, UpVal};
use crate::gc::GcRef;
use crate::meta_names::Tm;
use crate::state::State;
use crate::string::LuaString;
use crate::table::Table;
use crate::thread::Thread;
use crate::userdata::UserData;
use crate::value::*;

/// Free one object.
///
/// # Safety
/// `p` must be an object of the heap list that is no longer referenced by anything live.
pub(crate) unsafe fn free_object(p: *mut GcHeader) {
    // SAFETY: the kind tag says which box type was allocated.
    unsafe {
        match (*p).kind {
            Kind::Str => drop(Box::from_raw(p as *mut GcBox<LuaString>)),
            Kind::Table => drop(Box::from_raw(p as *mut GcBox<Table>)),
            Kind::LClosure => drop(Box::from_raw(p as *mut GcBox<LClosure>)),
            Kind::NClosure => drop(Box::from_raw(p as *mut GcBox<NClosure>)),
            Kind::UpVal => drop(Box::from_raw(p as *mut GcBox<UpVal>)),
            Kind::Proto => drop(Box::from_raw(p as *mut GcBox<LProto>)),
            Kind::UserData => drop(Box::from_raw(p as *mut GcBox<UserData>)),
            Kind::Thread => drop(Box::from_raw(p as *mut GcBox<Thread>)),
        }
    }
}

/// Accounted size of an object.
unsafe fn object_size(p: *mut GcHeader) -> usize {
    use crate::gc::GcObject;
    use std::mem::size_of;
    // SAFETY: live object of the given kind.
    unsafe {
        match (*p).kind {
            Kind::Str => {
                size_of::<GcBox<LuaString>>() + (*(p as *mut GcBox<LuaString>)).val.extra_bytes()
            }
            Kind::Table => {
                size_of::<GcBox<Table>>() + (*(p as *mut GcBox<Table>)).val.extra_bytes()
            }
            Kind::LClosure => {
                size_of::<GcBox<LClosure>>() + (*(p as *mut GcBox<LClosure>)).val.extra_bytes()
            }
            Kind::NClosure => {
                size_of::<GcBox<NClosure>>() + (*(p as *mut GcBox<NClosure>)).val.extra_bytes()
            }
            Kind::UpVal => size_of::<GcBox<UpVal>>(),
            Kind::Proto => {
                size_of::<GcBox<LProto>>() + (*(p as *mut GcBox<LProto>)).val.extra_bytes()
            }
            Kind::UserData => {
                size_of::<GcBox<UserData>>() + (*(p as *mut GcBox<UserData>)).val.extra_bytes()
            }
            Kind::Thread => {
                size_of::<GcBox<Thread>>() + (*(p as *mut GcBox<Thread>)).val.extra_bytes()
            }
        }
    }
}

#[derive(PartialEq, Eq, Clone, Copy)]
enum Weak {
    None,
    Values,
    Keys,
    Both,
}

struct Marker {
    gray: Vec<*mut GcHeader>,
    weak_values: Vec<GcRef<Table>>,
    ephemerons: Vec<GcRef<Table>>,
    allweak: Vec<GcRef<Table>>,
    mode_name: GcRef<LuaString>,
}

#[inline]
fn is_marked(p: *mut GcHeader) -> bool {
    // SAFETY: live header.
    unsafe { (*p).flags & (MARK_BIT | FIXED_BIT) != 0 }
}

impl Marker {
    #[inline]
    fn mark_obj(&mut self, p: *mut GcHeader) {
        // SAFETY: p is a live object (reachable).
        unsafe {
            if (*p).flags & MARK_BIT == 0 {
                (*p).flags |= MARK_BIT;
                if (*p).kind != Kind::Str {
                    self.gray.push(p);
                }
            }
        }
    }
    #[inline]
    fn mark_value(&mut self, v: Value) {
        if v.is_collectable() {
            self.mark_obj(v.p as usize as *mut GcHeader);
        }
    }

    /// `iscleared`: would this value be removed from a weak table?
    fn is_cleared(&mut self, v: Value) -> bool {
        if !v.is_collectable() {
            return false;
        }
        if v.tag == T_STR {
            self.mark_value(v);
            return false;
        }
        !is_marked(v.p as usize as *mut GcHeader)
    }

    fn weakness(&self, t: &Table) -> Weak {
        let Some(mt) = t.meta else { return Weak::None };
        let m = mt.get().get_str(self.mode_name);
        let Some(s) = m.str_bytes() else {
            return Weak::None;
        };
        let wk = s.contains(&b'k');
        let wv = s.contains(&b'v');
        match (wk, wv) {
            (true, true) => Weak::Both,
            (true, false) => Weak::Keys,
            (false, true) => Weak::Values,
            _ => Weak::None,
        }
    }

    fn traverse_table(&mut self, tr: GcRef<Table>) {
        let t = tr.get_mut();
        if let Some(mt) = t.meta {
            self.mark_obj(mt.header());
        }
        let w = self.weakness(t);
        if w == Weak::None {
            // The common case in one pass over the nodes (a full collection at every safe point
            // under `gc-stress` makes this loop the collector's hottest): empty entries get a
            // dead key, live ones are marked.
            for v in t.arr.iter() {
                self.mark_value(*v);
            }
            for n in t.node.iter_mut() {
                if n.val.is_nil() {
                    if n.key.is_collectable() {
                        n.key.tag = T_DEADKEY;
                    }
                } else {
                    self.mark_value(n.key);
                    self.mark_value(n.val);
                }
            }
            return;
        }
        // dead keys
        for n in t.node.iter_mut() {
            if n.val.is_nil() && n.key.is_collectable() {
                n.key.tag = T_DEADKEY;
            }
        }
        match w {
            Weak::None => {}
            Weak::Values => {
                for i in 0..t.node.len() {
                    let n = t.node[i];
                    if !n.val.is_nil() {
                        self.mark_value(n.key);
                    }
                }
                self.weak_values.push(tr);
            }
            Weak::Keys => {
                for i in 0..t.arr.len() {
                    let v = t.arr[i];
                    self.mark_value(v);
                }
                self.traverse_ephemeron(tr);
                self.ephemerons.push(tr);
            }
            Weak::Both => self.allweak.push(tr),
        }
    }

    /// Mark values whose keys are marked; returns whether anything was marked.
    fn traverse_ephemeron(&mut self, tr: GcRef<Table>) -> bool {
        let t = tr.get();
        let mut marked = false;
        for i in 0..t.node.len() {
            let n = t.node[i];
            if n.val.is_nil() {
                continue;
            }
            if !self.is_cleared(n.key)
                && n.val.is_collectable()
                && !is_marked(n.val.p as usize as *mut GcHeader)
            {
                self.mark_value(n.val);
                marked = true;
            }
        }
        marked
    }

    fn propagate(&mut self) {
        while let Some(p) = self.gray.pop() {
            // SAFETY: gray objects are live and of their kind.
            unsafe {
                match (*p).kind {
                    Kind::Str => {}
                    Kind::Table => self.traverse_table(GcRef::from_addr(p as usize as u64)),
                    Kind::LClosure => {
                        let c = &(*(p as *mut GcBox<LClosure>)).val;
                        self.mark_obj(c.proto.header());
                        for u in c.upvals.iter() {
                            self.mark_obj(u.header());
                        }
                    }
                    Kind::NClosure => {
                        let c = &(*(p as *mut GcBox<NClosure>)).val;
                        for i in 0..c.upvals.len() {
                            self.mark_value(c.upvals[i]);
                        }
                    }
                    Kind::UpVal => {
                        let u = &(*(p as *mut GcBox<UpVal>)).val;
                        match u.thread {
                            Some(t) => {
                                self.mark_obj(t.header());
                                self.mark_value(u.get());
                            }
                            None => self.mark_value(u.closed),
                        }
                    }
                    Kind::Proto => {
                        let pr = &(*(p as *mut GcBox<LProto>)).val;
                        for i in 0..pr.k.len() {
                            self.mark_value(pr.k[i]);
                        }
                        for c in pr.protos.iter() {
                            self.mark_obj(c.header());
                        }
                    }
                    Kind::UserData => {
                        let u = &(*(p as *mut GcBox<UserData>)).val;
                        if let Some(mt) = u.meta {
                            self.mark_obj(mt.header());
                        }
                        self.mark_value(u.user_value);
                    }
                    Kind::Thread => {
                        let th = &mut (*(p as *mut GcBox<Thread>)).val;
                        // Like lgc.c: everything live is below `top` at a safe point (the
                        // interpreter sets `top` above the live registers before checking).
                        let lim = th.top.min(th.stack.len());
                        for i in 0..lim {
                            let v = th.stack[i];
                            self.mark_value(v);
                        }
                        // `shrink_stack_if_oversized` walks every CallInfo; skip it when its
                        // own thresholds (a stack over 64K slots, a CallInfo vector over 1024)
                        // cannot be met, so a collection does not re-walk deep call chains.
                        if th.stack.len() > (1 << 16) || th.ci.capacity() > 1024 {
                            th.shrink_stack_if_oversized();
                        }
                        let lim = lim.min(th.stack.len());
                        for v in th.stack[lim..].iter_mut() {
                            *v = Value::NIL;
                        }
                        for u in th.open_upvals.iter() {
                            self.mark_obj(u.header());
                        }
                        if let Some(r) = th.resumer {
                            self.mark_obj(r.header());
                        }
                        self.mark_value(th.error_value);
                    }
                }
            }
        }
    }

    fn converge_ephemerons(&mut self) {
        loop {
            let mut changed = false;
            // (taken, not cloned: no allocation per collection; tables that propagation
            // discovers meanwhile are appended back and visited by the next round)
            let mut list = std::mem::take(&mut self.ephemerons);
            for &t in list.iter() {
                if self.traverse_ephemeron(t) {
                    self.propagate();
                    changed = true;
                }
            }
            list.append(&mut self.ephemerons);
            self.ephemerons = list;
            if !changed {
                break;
            }
        }
    }

    fn clear_by_values(&mut self, list: &[GcRef<Table>]) {
        for tr in list {
            let t = tr.get_mut();
            for i in 0..t.arr.len() {
                let v = t.arr[i];
                if self.is_cleared(v) {
                    t.arr[i] = Value::NIL;
                }
            }
            for i in 0..t.node.len() {
                let n = t.node[i];
                if !n.val.is_nil() && self.is_cleared(n.val) {
                    t.node[i].val = Value::NIL;
                    if n.key.is_collectable() {
                        t.node[i].key.tag = T_DEADKEY;
                    }
                }
            }
        }
    }

    fn clear_by_keys(&mut self, list: &[GcRef<Table>]) {
        for tr in list {
            let t = tr.get_mut();
            for i in 0..t.node.len() {
                let n = t.node[i];
                if !n.val.is_nil() && self.is_cleared(n.key) {
                    t.node[i].val = Value::NIL;
                    t.node[i].key.tag = T_DEADKEY;
                }
            }
        }
    }
}

impl State {
    /// A full collection (`collectgarbage("collect")`), followed by pending finalizers.
    #[inline(never)]
    pub fn collect_garbage(&mut self) {
        if self.heap.collecting {
            return;
        }
        self.heap.collecting = true;
        self.full_gc();
        self.heap.collecting = false;
        self.run_finalizers();
    }

    fn mark_roots(&self, m: &mut Marker) {
        m.mark_obj(self.registry.header());
        m.mark_obj(self.globals.header());
        m.mark_obj(self.main.header());
        m.mark_obj(self.cur.header());
        for t in self.type_mt.iter().flatten() {
            m.mark_obj(t.header());
        }
        for v in &self.pins {
            m.mark_value(*v);
        }
        for &p in self.heap.tobefnz.iter() {
            m.mark_obj(p);
        }
    }

    fn full_gc(&mut self) {
        self.heap.allocated = false;
        let mut m = Marker {
            gray: std::mem::take(&mut self.heap.gray),
            weak_values: Vec::new(),
            ephemerons: Vec::new(),
            allweak: Vec::new(),
            mode_name: self.tm_names[Tm::Mode as usize],
        };
        self.mark_roots(&mut m);
        m.propagate();
        m.converge_ephemerons();
        // first clear of weak values (before resurrection); the lists are taken, not cloned,
        // so a collection allocates nothing unless it has something to do
        let wv = std::mem::take(&mut m.weak_values);
        let aw = std::mem::take(&mut m.allweak);
        m.clear_by_values(&wv);
        m.clear_by_values(&aw);
        m.weak_values = wv;
        m.allweak = aw;
        // separate unreachable finalizable objects (newest registration first)
        let mut newly = Vec::new();
        self.heap.finobj.retain(|&p| {
            let live = is_marked(p);
            if !live {
                newly.push(p);
            }
            live
        });
        for &p in newly.iter().rev() {
            self.heap.tobefnz.push_back(p);
        }
        for &p in newly.iter() {
            m.mark_obj(p);
        }
        m.propagate();
        m.converge_ephemerons();
        let eph = std::mem::take(&mut m.ephemerons);
        let aw = std::mem::take(&mut m.allweak);
        m.clear_by_keys(&eph);
        m.clear_by_keys(&aw);
        let wv = std::mem::take(&mut m.weak_values);
        m.clear_by_values(&wv);
        m.clear_by_values(&aw);
        self.heap.gray = std::mem::take(&mut m.gray);
        // sweep
        self.strings.remove_dead();
        let mut link: *mut *mut GcHeader = &mut self.heap.all;
        let mut live = 0usize;
        // SAFETY: the list holds every object; unmarked ones are unreachable (marking done).
        unsafe {
            while !(*link).is_null() {
                let p = *link;
                if (*p).flags & (MARK_BIT | FIXED_BIT) == 0 {
                    *link = (*p).next;
                    if (*p).kind == Kind::Table && self.heap.table_pool.len() < 1 << 16 {
                        // drop the table's contents, keep its box for reuse
                        let b = p as *mut GcBox<Table>;
                        std::ptr::drop_in_place(&mut (*b).val);
                        self.heap.table_pool.push(b);
                    } else {
                        free_object(p);
                    }
                } else {
                    (*p).flags &= !MARK_BIT;
                    live += object_size(p);
                    link = &mut (*p).next;
                }
            }
        }
        self.heap.total = live;
        let pause = self.heap.pause.max(100);
        self.heap.threshold = (live / 100).saturating_mul(pause).max(live + 64 * 1024);
    }

    /// Call pending finalizers (lgc.c `GCTM`), errors become warnings.
    pub(crate) fn run_finalizers(&mut self) {
        if self.heap.in_finalizer {
            return;
        }
        self.heap.in_finalizer = true;
        while let Some(p) = self.heap.tobefnz.pop_front() {
            // SAFETY: objects in tobefnz are alive (resurrected) tables or userdata.
            let v = unsafe {
                (*p).flags &= !FINOBJ_BIT;
                match (*p).kind {
                    Kind::Table => Value::table(GcRef::from_addr(p as usize as u64)),
                    Kind::UserData => Value::userdata(GcRef::from_addr(p as usize as u64)),
                    _ => continue,
                }
            };
            let tm = self.get_tm(v, Tm::Gc);
            if tm.is_function() {
                let was_running = self.heap.running;
                self.heap.running = false;
                // lgc.c's GCTM flags the calling frame CIST_FIN, so the finalizer is named
                // `__gc` (metamethod) in getinfo and tracebacks.
                let me = self.cur;
                let idx = me.get_mut().ci.len().checked_sub(1);
                if let Some(c) = idx.and_then(|i| me.get_mut().ci.get_mut(i)) {
                    c.status |= crate::thread::CIST_FIN;
                }
                // and stops debug hooks during the finalizer (`L->allowhook = 0`)
                let allow = std::mem::replace(&mut me.get_mut().hook.allow, false);
                let r = self.call(tm, &[v]);
                me.get_mut().hook.allow = allow;
                if let Some(c) = idx.and_then(|i| me.get_mut().ci.get_mut(i)) {
                    c.status &= !crate::thread::CIST_FIN;
                }
                self.heap.running = was_running;
                if let Err(e) = r {
                    if self.warn_on {
                        let msg = self
                            .to_str_bytes(e.value)
                            .unwrap_or_else(|| b"error object is not a string".to_vec());
                        eprintln!(
                            "Lua warning: error in __gc ({})",
                            String::from_utf8_lossy(&msg)
                        );
                    }
                }
            }
        }
        self.heap.in_finalizer = false;
    }

    /// Is a finalizer running? lgc.c stops the collector then (`GCSTPGC`), and `lua_gc` answers
    /// every request with -1, so `collectgarbage` returns fail inside a `__gc`.
    pub fn gc_in_finalizer(&self) -> bool {
        self.heap.in_finalizer
    }

    /// `collectgarbage("count")`: KB in use.
    pub fn gc_count_kb(&self) -> f64 {
        self.heap.total as f64 / 1024.0
    }
    /// `collectgarbage("stop")`.
    pub fn gc_stop(&mut self) {
        self.heap.running = false;
    }
    /// `collectgarbage("restart")`.
    pub fn gc_restart(&mut self) {
        self.heap.running = true;
    }
    /// `collectgarbage("isrunning")`.
    pub fn gc_is_running(&self) -> bool {
        self.heap.running
    }
    /// `collectgarbage("step", kb)`: performs a full cycle (stop-the-world collector); returns
    /// true (a cycle finished).
    pub fn gc_step(&mut self, _kb: i64) -> bool {
        let r = self.heap.running;
        self.heap.running = true;
        self.collect_garbage();
        self.heap.running = r;
        true
    }
    /// Switch mode; returns the previous mode.
    pub fn gc_set_mode(&mut self, mode: crate::GcMode) -> crate::GcMode {
        std::mem::replace(&mut self.heap.mode, mode)
    }
    /// The current mode.
    pub fn gc_mode(&self) -> crate::GcMode {
        self.heap.mode
    }
    /// `setpause`; returns the previous value.
    pub fn gc_set_pause(&mut self, p: usize) -> usize {
        std::mem::replace(&mut self.heap.pause, p)
    }
    /// `setstepmul`; returns the previous value.
    pub fn gc_set_stepmul(&mut self, p: usize) -> usize {
        std::mem::replace(&mut self.heap.stepmul, p)
    }
}

/// `lua_close` for `Drop`: see [`State::close`].
pub(crate) fn close_state(st: &mut State) {
    st.close();
}

impl State {
    /// `lua_close` without freeing (lstate.c `close_state`): close the main thread's pending
    /// to-be-closed variables (their `__close` gets nil; an error raised by one is passed to the
    /// next ones and then dropped, as `luaD_closeprotected` does) and its open upvalues, then
    /// call the `__gc` finalizer of every object registered for finalization, newest first
    /// (lgc.c `luaC_freeallobjects`; errors become warnings). Objects registered by those
    /// finalizers are not finalized (lua5.4's `GCSTPCLS`). The collector is left stopped.
    ///
    /// Used by `os.exit(code, true)`, by the CLI at exit and by `Drop`. Calling it again only
    /// finalizes what was registered since. Coroutines' pending variables are not closed (as in
    /// lua5.4, which closes only the main thread).
    pub fn close(&mut self) {
        let me = self.cur;
        let main = self.main;
        self.cur = main;
        main.get_mut().nny += 1;
        let _ = self.close_level(1, None);
        let m = main.get_mut();
        m.nny = m.nny.saturating_sub(1);
        m.tbc.clear();
        m.close_upvals(0);
        let objs: Vec<*mut GcHeader> = std::mem::take(&mut self.heap.finobj);
        for &p in objs.iter().rev() {
            self.heap.tobefnz.push_back(p);
        }
        self.heap.running = false;
        self.run_finalizers();
        self.cur = me;
    }
}
