//! The global state (lstate.c `global_State` + the main `lua_State`).
//!
//! Role: owns the heap, the string table, the registry, the globals table, the basic-type
//! metatables, the compiler hook, the pinned root set and the running thread. Most of the
//! embedding-facing API is implemented on [`State`] (see the crate docs for a summary); natives
//! reach it through [`crate::Ctx`], which dereferences to `State`.

use crate::closure::{LClosure, LProto, NClosure, NativeCode};
use crate::gc::{GcRef, Heap};
use crate::meta_names::{Tm, TM_N, TM_NAMES};
use crate::string::{LuaString, StringTable};
use crate::table::Table;
use crate::thread::Thread;
use crate::userdata::UserData;
use crate::value::*;
use crate::{ErrorKind, LuaError};
use aqua_bytecode::{Constant, Proto};
use std::any::Any;

/// The compiler hook: `(source, chunkname, c_calls) -> Proto | full Lua error message`.
/// `c_calls` is lua's `nCcalls` at `lua_load`: the parser's nesting limit counts it.
pub type CompilerHook = Box<dyn Fn(&[u8], &[u8], u32) -> Result<Proto, Vec<u8>>>;

/// Gives a prototype without stack code (a binary chunk) its stack code (`State::stack_lowering`).
pub type StackLowering = fn(&mut Proto) -> Result<(), Vec<u8>>;

/// Handle of a pinned value (see [`State::pin`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PinId(pub(crate) usize);

/// Extra names interned at startup (never collected).
#[derive(Clone, Copy)]
#[allow(dead_code)]
pub(crate) struct Names {
    pub(crate) tostring: GcRef<LuaString>,
    pub(crate) name: GcRef<LuaString>,
    pub(crate) metatable: GcRef<LuaString>,
    pub(crate) pairs: GcRef<LuaString>,
    pub(crate) loaded: GcRef<LuaString>,
    pub(crate) env: GcRef<LuaString>,
    pub(crate) g: GcRef<LuaString>,
}

/// A Lua state.
pub struct State {
    pub(crate) heap: Heap,
    pub(crate) strings: StringTable,
    pub(crate) registry: GcRef<Table>,
    pub(crate) globals: GcRef<Table>,
    pub(crate) main: GcRef<Thread>,
    /// The running thread.
    pub(crate) cur: GcRef<Thread>,
    /// Metatables of the basic types, indexed by `LuaType as usize`.
    pub(crate) type_mt: [Option<GcRef<Table>>; 9],
    pub(crate) tm_names: [GcRef<LuaString>; TM_N],
    pub(crate) names: Names,
    pub(crate) compiler: Option<CompilerHook>,
    pub(crate) pins: Vec<Value>,
    pub(crate) pin_free: Vec<usize>,
    /// Warning system state (`warn`): on/off.
    pub warn_on: bool,
    /// A yield out of the start thread happened inside a metamethod call.
    pub(crate) yield_out: bool,
    /// The interpreter's trap word (`crate::hook::TRAP_*` bits: interrupt requested, hooks
    /// changed), shared with [`crate::hook::Interrupter`] handles (signal handlers, watchdogs).
    pub(crate) trap: std::sync::Arc<std::sync::atomic::AtomicU8>,
    /// Run Lua functions with the stack-bytecode interpreter (`crate::interp_stack`); every
    /// prototype loaded must then carry stack code (`aqua --target=stack`).
    pub stack_vm: bool,
    /// With `stack_vm`: gives binary chunks (which carry no stack code) their stack code
    /// (`aqua_compiler::emit_stack::attach_to_register_code`, installed by the library layer).
    pub stack_lowering: Option<StackLowering>,
    /// Instructions executed by either interpreter (counted with the `count-insns` feature).
    pub insn_count: u64,
    /// Executions per opcode (`count-insns` feature): register opcodes at `0..256`, stack
    /// opcodes at `256..512` (see [`State::insn_histogram`]).
    #[cfg(feature = "count-insns")]
    pub(crate) insn_hist: Vec<u64>,
}

impl Drop for State {
    fn drop(&mut self) {
        // Run pending finalizers? lua_close calls all __gc; do it best-effort.
        crate::gc::collect::close_state(self);
    }
}

fn type_index(t: LuaType) -> usize {
    t as usize
}

impl State {
    /// Counts one executed instruction (`count-insns` feature): `slot` is the opcode byte of a
    /// register instruction, or 256 + the opcode byte of a stack instruction.
    #[cfg(feature = "count-insns")]
    #[inline(always)]
    pub(crate) fn count_insn(&mut self, slot: usize) {
        self.insn_count += 1;
        if let Some(c) = self.insn_hist.get_mut(slot) {
            *c += 1;
        }
    }

    /// Executions per opcode so far, most frequent first: `(stack target?, opcode name, count)`.
    /// Empty unless built with the `count-insns` feature (`AQUA_COUNT_INSNS=hist` prints it).
    pub fn insn_histogram(&self) -> Vec<(bool, &'static str, u64)> {
        #[allow(unused_mut)]
        let mut out: Vec<(bool, &'static str, u64)> = Vec::new();
        #[cfg(feature = "count-insns")]
        for (slot, &n) in self.insn_hist.iter().enumerate() {
            if n == 0 {
                continue;
            }
            let name = if slot < 256 {
                aqua_bytecode::OpCode::from_u8(slot as u8).map(|o| (false, o.name()))
            } else {
                aqua_bytecode::stack_isa::SOp::from_u8((slot - 256) as u8).map(|o| (true, o.name()))
            };
            if let Some((stack, name)) = name {
                out.push((stack, name, n));
            }
        }
        out.sort_by_key(|e| std::cmp::Reverse(e.2));
        out
    }

    /// A new state with empty globals (the library layer registers the standard functions).
    pub fn new() -> State {
        let mut heap = Heap::new();
        let seed = {
            let x = &heap as *const Heap as usize as u64;
            let t = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or(0);
            ((x ^ t) ^ (t >> 32)) as u32
        };
        let mut strings = StringTable::new(seed);
        let fix = |heap: &mut Heap, strings: &mut StringTable, s: &str| {
            let r = strings.intern(heap, s.as_bytes());
            // SAFETY: header of a live object.
            unsafe { (*r.header()).flags |= crate::gc::FIXED_BIT };
            r
        };
        let tm_names: [GcRef<LuaString>; TM_N] =
            std::array::from_fn(|i| fix(&mut heap, &mut strings, TM_NAMES[i]));
        let names = Names {
            tostring: fix(&mut heap, &mut strings, "__tostring"),
            name: fix(&mut heap, &mut strings, "__name"),
            metatable: fix(&mut heap, &mut strings, "__metatable"),
            pairs: fix(&mut heap, &mut strings, "__pairs"),
            loaded: fix(&mut heap, &mut strings, "_LOADED"),
            env: fix(&mut heap, &mut strings, "_ENV"),
            g: fix(&mut heap, &mut strings, "_G"),
        };
        let registry = heap.alloc(Table::new(2, 4));
        let globals = heap.alloc(Table::new(0, 64));
        let main = heap.alloc(Thread::new(true));
        let mut st = State {
            heap,
            strings,
            registry,
            globals,
            main,
            cur: main,
            type_mt: [None; 9],
            tm_names,
            names,
            compiler: None,
            pins: Vec::new(),
            pin_free: Vec::new(),
            warn_on: false,
            yield_out: false,
            trap: Default::default(),
            stack_vm: false,
            stack_lowering: None,
            insn_count: 0,
            #[cfg(feature = "count-insns")]
            insn_hist: vec![0; 512],
        };
        // registry[1] = main thread, registry[2] = globals (LUA_RIDX_MAINTHREAD/GLOBALS)
        let r = st.registry.get_mut();
        r.set_int(&mut st.heap, 1, Value::thread(main));
        r.set_int(&mut st.heap, 2, Value::table(globals));
        st.heap.threshold = st.heap.total * 2 + 256 * 1024;
        st
    }

    // ----- strings, tables, objects -------------------------------------------------------

    /// Intern / create a string.
    pub fn intern(&mut self, s: &[u8]) -> GcRef<LuaString> {
        self.strings.intern(&mut self.heap, s)
    }
    /// A string value.
    pub fn new_string(&mut self, s: &[u8]) -> Value {
        Value::str(self.intern(s))
    }
    /// A new empty table.
    pub fn new_table(&mut self) -> GcRef<Table> {
        self.heap.alloc_table(Table::new(0, 0))
    }
    /// A new table with preallocated parts.
    pub fn new_table_sized(&mut self, narr: usize, nhash: usize) -> GcRef<Table> {
        self.heap
            .alloc_table(Table::new(narr.min(1 << 26), nhash.min(1 << 26)))
    }
    /// A native closure with upvalues.
    pub fn new_native_closure(&mut self, f: NativeFn, upvals: Vec<Value>) -> Value {
        let c = self.heap.alloc(NClosure {
            code: NativeCode::Fn(f),
            upvals,
            name: None,
        });
        Value::nclosure(c)
    }
    /// A native closure wrapping a Rust closure (and optional upvalues).
    pub fn new_rust_closure(
        &mut self,
        f: impl Fn(&mut crate::Ctx) -> Result<usize, LuaError> + 'static,
        upvals: Vec<Value>,
    ) -> Value {
        let c = self.heap.alloc(NClosure {
            code: NativeCode::Boxed(Box::new(f)),
            upvals,
            name: None,
        });
        Value::nclosure(c)
    }
    /// A full userdata.
    pub fn new_userdata(&mut self, data: Box<dyn Any>) -> GcRef<UserData> {
        self.heap.alloc(UserData {
            meta: None,
            user_value: Value::NIL,
            data,
        })
    }
    /// A new thread (coroutine) whose body is `f`.
    pub fn new_thread(&mut self, f: Value) -> GcRef<Thread> {
        let mut th = Thread::new(false);
        // lua_newthread: the new thread inherits the creator's hook
        th.hook = self.cur.get().hook.inherit();
        th.stack[1] = f;
        th.top = 2;
        self.heap.alloc(th)
    }

    /// The registry table.
    pub fn registry(&self) -> GcRef<Table> {
        self.registry
    }
    /// The globals table.
    pub fn globals(&self) -> GcRef<Table> {
        self.globals
    }
    /// The main thread.
    pub fn main_thread(&self) -> GcRef<Thread> {
        self.main
    }
    /// The running thread.
    pub fn current_thread(&self) -> GcRef<Thread> {
        self.cur
    }

    /// Raw store.
    pub fn raw_set(&mut self, t: GcRef<Table>, k: Value, v: Value) -> Result<(), LuaError> {
        match t.get_mut().set(&mut self.heap, k, v) {
            Ok(()) => Ok(()),
            Err(e) => Err(self.error_msg(e.message())),
        }
    }
    /// Raw store with a string key.
    pub fn raw_set_str(&mut self, t: GcRef<Table>, k: &str, v: Value) {
        let s = self.intern(k.as_bytes());
        t.get_mut().set_str(&mut self.heap, s, v);
    }
    /// Raw store with an integer key.
    pub fn raw_set_int(&mut self, t: GcRef<Table>, i: i64, v: Value) {
        t.get_mut().set_int(&mut self.heap, i, v);
    }
    /// Raw get with a string key.
    pub fn raw_get_str(&mut self, t: GcRef<Table>, k: &str) -> Value {
        let s = self.intern(k.as_bytes());
        t.get().get_str(s)
    }
    /// Set a global variable.
    pub fn set_global(&mut self, name: &str, v: Value) {
        let g = self.globals;
        self.raw_set_str(g, name, v);
    }
    /// Get a global variable (raw).
    pub fn get_global(&mut self, name: &str) -> Value {
        let g = self.globals;
        self.raw_get_str(g, name)
    }
    /// Register a native function as a global.
    pub fn register(&mut self, name: &str, f: NativeFn) {
        self.set_global(name, Value::native(f));
    }

    // ----- metatables ---------------------------------------------------------------------

    /// The metatable of any value (per-object for tables/userdata, per-type otherwise).
    pub fn get_metatable(&self, v: Value) -> Option<GcRef<Table>> {
        match v.tag {
            T_TABLE => v.as_table().and_then(|t| t.get().meta),
            T_UDATA => v.as_userdata().and_then(|u| u.get().meta),
            _ => self.type_mt[type_index(v.type_of())],
        }
    }
    /// Set the metatable of a table or userdata (registers `__gc` finalization like
    /// `luaC_checkfinalizer`), or of a basic type otherwise (`debug.setmetatable`).
    pub fn set_metatable(&mut self, v: Value, mt: Option<GcRef<Table>>) {
        match v.tag {
            T_TABLE => {
                if let Some(t) = v.as_table() {
                    t.get_mut().meta = mt;
                    self.check_finalizer(v, mt);
                }
            }
            T_UDATA => {
                if let Some(u) = v.as_userdata() {
                    u.get_mut().meta = mt;
                    self.check_finalizer(v, mt);
                }
            }
            _ => self.type_mt[type_index(v.type_of())] = mt,
        }
    }

    fn check_finalizer(&mut self, v: Value, mt: Option<GcRef<Table>>) {
        let Some(mt) = mt else { return };
        let gcname = self.tm_names[Tm::Gc as usize];
        if mt.get().get_str(gcname).is_nil() {
            return;
        }
        let hdr = v.p as usize as *mut crate::gc::GcHeader;
        // SAFETY: v is a live table or userdata.
        unsafe {
            if (*hdr).flags & crate::gc::FINOBJ_BIT == 0 {
                (*hdr).flags |= crate::gc::FINOBJ_BIT;
                self.heap.finobj.push(hdr);
            }
        }
    }

    /// Metamethod `event` of `v` (nil if absent).
    #[inline]
    pub(crate) fn get_tm(&self, v: Value, event: Tm) -> Value {
        match self.get_metatable(v) {
            Some(mt) => mt.get().get_str(self.tm_names[event as usize]),
            None => Value::NIL,
        }
    }

    /// `fasttm`: metamethod from a metatable with the absent-cache (events < 8 only cached).
    #[inline]
    pub(crate) fn fast_tm(&self, mt: Option<GcRef<Table>>, event: Tm) -> Value {
        let Some(mt) = mt else { return Value::NIL };
        let t = mt.get();
        let e = event as u8;
        if e < 8 && t.flags.get() & (1 << e) != 0 {
            return Value::NIL;
        }
        let v = t.get_str(self.tm_names[e as usize]);
        if v.is_nil() && e < 8 {
            t.flags.set(t.flags.get() | (1 << e));
        }
        v
    }

    /// Metafield `name` of `v` (`luaL_getmetafield`, raw).
    pub fn get_metafield(&mut self, v: Value, name: &str) -> Value {
        match self.get_metatable(v) {
            Some(mt) => {
                let s = self.intern(name.as_bytes());
                mt.get().get_str(s)
            }
            None => Value::NIL,
        }
    }

    // ----- pinning ------------------------------------------------------------------------

    /// Register `v` as a GC root until [`State::unpin`]. For embedding handles.
    pub fn pin(&mut self, v: Value) -> PinId {
        if let Some(i) = self.pin_free.pop() {
            self.pins[i] = v;
            PinId(i)
        } else {
            self.pins.push(v);
            PinId(self.pins.len() - 1)
        }
    }
    /// The pinned value.
    pub fn pinned(&self, id: PinId) -> Value {
        self.pins.get(id.0).copied().unwrap_or(Value::NIL)
    }
    /// Release a pin.
    pub fn unpin(&mut self, id: PinId) {
        if id.0 < self.pins.len() {
            self.pins[id.0] = Value::NIL;
            self.pin_free.push(id.0);
        }
    }

    // ----- loading ------------------------------------------------------------------------

    /// Install the compiler used by [`State::load`] (and the `load` builtins).
    pub fn set_compiler(&mut self, hook: CompilerHook) {
        self.compiler = Some(hook);
    }

    /// Turn a verified prototype into a heap prototype.
    ///
    /// Equal long-string constants of one chunk become one string object, as lua's lexer (and
    /// undump) anchor every string of a chunk in one table: `string.format("%p", s)` of the same
    /// long literal in two functions of a chunk is the same (official suite, literals.lua).
    pub(crate) fn make_proto(&mut self, p: Proto) -> GcRef<LProto> {
        let mut long = std::collections::HashMap::new();
        self.make_proto_in(p, &mut long)
    }

    fn make_proto_in(
        &mut self,
        mut p: Proto,
        long: &mut std::collections::HashMap<Vec<u8>, Value>,
    ) -> GcRef<LProto> {
        let code = std::mem::take(&mut p.code).into_boxed_slice();
        let consts = std::mem::take(&mut p.constants);
        let children = std::mem::take(&mut p.protos);
        let k: Vec<Value> = consts
            .iter()
            .map(|c| match c {
                Constant::Nil => Value::NIL,
                Constant::Bool(b) => Value::boolean(*b),
                Constant::Int(i) => Value::int(*i),
                Constant::Float(f) => Value::float(*f),
                // short strings are interned already: only long ones go through the map
                Constant::Str(s) if s.len() <= crate::string::MAX_SHORT_LEN => self.new_string(s),
                Constant::Str(s) => match long.get(&s[..]) {
                    Some(v) => *v,
                    None => {
                        let v = self.new_string(s);
                        long.insert(s.to_vec(), v);
                        v
                    }
                },
            })
            .collect();
        // Constants/children are not yet reachable from a root: no safe point runs here.
        let protos: Vec<GcRef<LProto>> = children
            .into_iter()
            .map(|c| self.make_proto_in(c, long))
            .collect();
        self.heap.alloc(LProto {
            code,
            k: k.into_boxed_slice(),
            protos: protos.into_boxed_slice(),
            numparams: p.numparams,
            is_vararg: p.is_vararg,
            maxstacksize: p.maxstacksize,
            info: Box::new(p),
        })
    }

    /// Load a prototype (verified with `aqua_bytecode::verify` first) as a main-chunk closure
    /// whose first upvalue is the globals table (`_ENV`).
    pub fn load_proto(&mut self, p: Proto) -> Result<Value, LuaError> {
        if let Err(msg) = crate::verify_proto(&p) {
            return Err(self.error_msg(&msg));
        }
        let lp = self.make_proto(p);
        let nup = lp.get().info.upvalues.len();
        let mut ups = Vec::with_capacity(nup);
        for i in 0..nup {
            let v = if i == 0 {
                Value::table(self.globals)
            } else {
                Value::NIL
            };
            let uv = self.heap.alloc(crate::closure::UpVal {
                v: std::ptr::null_mut(),
                closed: v,
                idx: 0,
                thread: None,
            });
            let u = uv.get_mut();
            u.v = &mut u.closed;
            ups.push(uv);
        }
        let cl = self.heap.alloc(LClosure {
            proto: lp,
            upvals: ups.into_boxed_slice(),
        });
        Ok(Value::lclosure(cl))
    }

    /// Compile (through the hook) and load source text, as a host's `lua_load` at the base of
    /// the stack (one C level in use). Syntax errors come back as `ErrorKind::Syntax` with the
    /// compiler's full message.
    pub fn load(&mut self, source: &[u8], chunkname: &[u8]) -> Result<Value, LuaError> {
        self.load_at(source, chunkname, 1)
    }

    /// [`State::load`] with `c_calls` nested C calls active (`Ctx::c_calls` of the native that
    /// loads): the parser's `C stack overflow` limit counts them, as in lua5.4.
    pub fn load_at(
        &mut self,
        source: &[u8],
        chunkname: &[u8],
        c_calls: u32,
    ) -> Result<Value, LuaError> {
        let res = match &self.compiler {
            Some(c) => c(source, chunkname, c_calls),
            None => Err(b"no compiler installed (State::set_compiler)".to_vec()),
        };
        match res {
            Ok(p) => self.load_proto(p),
            Err(msg) => {
                let v = self.new_string(&msg);
                Err(LuaError::with_kind(v, ErrorKind::Syntax))
            }
        }
    }

    /// Load a binary chunk (`string.dump` output) through `aqua_bytecode::undump` + verify.
    pub fn load_binary(&mut self, bytes: &[u8], chunkname: &[u8]) -> Result<Value, LuaError> {
        match aqua_bytecode::undump(bytes, chunkname) {
            Ok(mut p) => {
                if let (true, Some(lower)) = (self.stack_vm, self.stack_lowering) {
                    if let Err(m) = lower(&mut p) {
                        return Err(self.error_bytes(&m));
                    }
                }
                self.load_proto(p)
            }
            Err(msg) => {
                let v = self.new_string(msg.as_bytes());
                Err(LuaError::with_kind(v, ErrorKind::Syntax))
            }
        }
    }

    /// `lua_getupvalue(f, n)` (1-based): name and value of upvalue `n` of a function.
    pub fn get_upvalue(&self, f: Value, n: usize) -> Option<(Vec<u8>, Value)> {
        match f.view() {
            Val::LFunc(c) => {
                let uv = *c.get().upvals.get(n.checked_sub(1)?)?;
                let name = c
                    .get()
                    .proto
                    .get()
                    .info
                    .upvalues
                    .get(n - 1)
                    .and_then(|d| d.name.as_ref())
                    .map(|n| n.to_vec())
                    .unwrap_or_else(|| b"?".to_vec());
                Some((name, uv.get().get()))
            }
            Val::NClosure(c) => c
                .get()
                .upvals
                .get(n.checked_sub(1)?)
                .map(|v| (Vec::new(), *v)),
            _ => None,
        }
    }

    /// `lua_setupvalue(f, n, v)` (1-based): returns the upvalue name, `None` if out of range.
    pub fn set_upvalue(&mut self, f: Value, n: usize, v: Value) -> Option<Vec<u8>> {
        match f.view() {
            Val::LFunc(c) => {
                let uv = *c.get().upvals.get(n.checked_sub(1)?)?;
                uv.get_mut().set(v);
                Some(
                    c.get()
                        .proto
                        .get()
                        .info
                        .upvalues
                        .get(n - 1)
                        .and_then(|d| d.name.as_ref())
                        .map(|n| n.to_vec())
                        .unwrap_or_else(|| b"?".to_vec()),
                )
            }
            Val::NClosure(c) => {
                let slot = c.get_mut().upvals.get_mut(n.checked_sub(1)?)?;
                *slot = v;
                Some(Vec::new())
            }
            _ => None,
        }
    }

    /// The prototype of a Lua function as plain data (for `string.dump`: feed it to
    /// `aqua_bytecode::dump`). `None` for natives and non-functions.
    pub fn function_proto(&self, f: Value) -> Option<Proto> {
        fn rebuild(p: GcRef<LProto>) -> Proto {
            let lp = p.get();
            let mut out = (*lp.info).clone();
            out.code = lp.code.to_vec();
            out.constants =
                lp.k.iter()
                    .map(|v| match v.view() {
                        Val::Nil => Constant::Nil,
                        Val::Bool(b) => Constant::Bool(b),
                        Val::Int(i) => Constant::Int(i),
                        Val::Num(n) => Constant::Float(n),
                        Val::Str(s) => Constant::Str(s.as_bytes().into()),
                        _ => Constant::Nil,
                    })
                    .collect();
            out.protos = lp.protos.iter().map(|c| rebuild(*c)).collect();
            out
        }
        f.as_lclosure().map(|c| rebuild(c.get().proto))
    }

    /// Number of upvalues of a function.
    pub fn upvalue_count(&self, f: Value) -> usize {
        match f.view() {
            Val::LFunc(c) => c.get().upvals.len(),
            Val::NClosure(c) => c.get().upvals.len(),
            _ => 0,
        }
    }

    // ----- errors -------------------------------------------------------------------------

    /// An error whose value is the string `msg` (no position).
    pub fn error_msg(&mut self, msg: &str) -> LuaError {
        let v = self.new_string(msg.as_bytes());
        LuaError::new(v)
    }
    /// An error whose value is `msg` bytes (no position).
    pub fn error_bytes(&mut self, msg: &[u8]) -> LuaError {
        let v = self.new_string(msg);
        LuaError::new(v)
    }

    // ----- conversions --------------------------------------------------------------------

    /// `tonumber` semantics for numbers and numeric strings (no base).
    pub fn to_number(&self, v: Value) -> Option<Value> {
        match v.tag {
            T_INT | T_FLOAT => Some(v),
            T_STR => match crate::number::str2number(v.str_bytes()?) {
                Some(crate::number::Num::Int(i)) => Some(Value::int(i)),
                Some(crate::number::Num::Float(f)) => Some(Value::float(f)),
                None => None,
            },
            _ => None,
        }
    }
    /// Float value of a number or numeric string (`lua_tonumberx`).
    pub fn to_float(&self, v: Value) -> Option<f64> {
        self.to_number(v).and_then(|n| n.as_num())
    }
    /// Integer value (`lua_tointegerx`: exact floats and numeric strings accepted).
    pub fn to_integer(&self, v: Value) -> Option<i64> {
        match self.to_number(v)?.view() {
            Val::Int(i) => Some(i),
            Val::Num(f) => crate::number::flt_to_int(f, crate::number::F2I::Eq),
            _ => None,
        }
    }
    /// Bytes of a string or number converted to string (`lua_tolstring` without the in-place
    /// conversion); `None` for other types.
    pub fn to_str_bytes(&mut self, v: Value) -> Option<Vec<u8>> {
        match v.view() {
            Val::Str(s) => Some(s.as_bytes().to_vec()),
            Val::Int(i) => Some(crate::number::fmt_int(i).into_bytes()),
            Val::Num(f) => Some(crate::number::fmt_float(f).into_bytes()),
            _ => None,
        }
    }
    /// String value of a string or number (numbers converted to new strings).
    pub fn to_string_value(&mut self, v: Value) -> Option<GcRef<LuaString>> {
        match v.view() {
            Val::Str(s) => Some(s),
            Val::Int(i) => Some(self.intern(crate::number::fmt_int(i).as_bytes())),
            Val::Num(f) => Some(self.intern(crate::number::fmt_float(f).as_bytes())),
            _ => None,
        }
    }

    /// The type name used in messages: `__name` metafield if it is a string, else the basic
    /// type name (`luaT_objtypename`).
    pub fn obj_type_name(&self, v: Value) -> Vec<u8> {
        if v.tag == T_TABLE || v.tag == T_UDATA {
            if let Some(mt) = self.get_metatable(v) {
                let n = mt.get().get_str(self.names.name);
                if let Some(s) = n.as_str() {
                    return s.as_bytes().to_vec();
                }
            }
        }
        v.type_name().as_bytes().to_vec()
    }

    /// Basic-type metatable slot (used by `debug.setmetatable` on non-tables).
    pub fn type_metatable(&self, t: LuaType) -> Option<GcRef<Table>> {
        self.type_mt[type_index(t)]
    }
}
