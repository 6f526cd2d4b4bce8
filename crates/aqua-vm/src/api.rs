//! The native-function ABI (`lua_CFunction` + the lauxlib checkers) — see the crate docs.
//!
//! A native is `fn(&mut Ctx) -> Result<usize, LuaError>`. Its arguments are on the running
//! thread's stack (`ctx.arg(1)`...); it pushes its results with `ctx.push` and returns how many
//! of the topmost stack values are results. `Ctx` dereferences to [`State`], so every state
//! method (allocation, metatables, calls) is available. Errors are returned with `?`.

use crate::gc::GcRef;
use crate::number::{flt_to_int, F2I};
use crate::state::State;
use crate::string::LuaString;
use crate::table::Table;
use crate::thread::Thread;
use crate::value::*;
use crate::LuaError;

/// Control-flow requests a native can make (used by the VM's own natives).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Req {
    None,
    /// Call `func+1` (`func+2` for xpcall) protected.
    PCall {
        xpcall: bool,
    },
    /// Yield the `n` topmost values.
    Yield {
        n: usize,
    },
    /// Resume `co` with the `n` topmost values.
    Resume {
        co: GcRef<Thread>,
        n: usize,
        wrap: bool,
    },
    /// Call the value at `func+1+offset` with the values above it, returning its results as
    /// the native's results (used by forwarding natives such as `dofile`).
    TailCall {
        offset: usize,
        /// Results wanted (-1: all), as `lua_callk`'s `nresults`.
        nres: i32,
    },
}

/// The context of a running native function.
pub struct Ctx<'a> {
    pub(crate) st: &'a mut State,
    /// Stack index of the called function.
    pub(crate) func: usize,
    pub(crate) req: Req,
}

impl std::ops::Deref for Ctx<'_> {
    type Target = State;
    fn deref(&self) -> &State {
        self.st
    }
}
impl std::ops::DerefMut for Ctx<'_> {
    fn deref_mut(&mut self) -> &mut State {
        self.st
    }
}

impl<'a> Ctx<'a> {
    /// The state.
    pub fn state(&mut self) -> &mut State {
        self.st
    }

    /// Nested C-call levels active in this native's frame (lua's `getCcalls(L)` as the VM
    /// counts it; a call fails with "C stack overflow" at `MAX_CCALLS`). The library uses it to
    /// start the parser at the same nesting level as lua5.4 (`require` of a file).
    pub fn c_calls(&self) -> u32 {
        u32::from(self.st.cur.get().cur_ci().cdepth)
    }

    /// Number of arguments.
    #[inline]
    pub fn nargs(&self) -> usize {
        let th = self.st.cur.get();
        th.top.saturating_sub(self.func + 1)
    }

    /// Argument `i` (1-based); nil when absent.
    #[inline]
    pub fn arg(&self, i: usize) -> Value {
        if i == 0 || i > self.nargs() {
            return Value::NIL;
        }
        self.st.cur.get().stack[self.func + i]
    }

    /// Is argument `i` absent or nil (`lua_isnoneornil`)?
    pub fn is_none_or_nil(&self, i: usize) -> bool {
        self.arg(i).is_nil()
    }

    /// Replace argument `i` (1-based, must exist).
    pub fn set_arg(&mut self, i: usize, v: Value) {
        if i >= 1 && i <= self.nargs() {
            let f = self.func;
            self.st.cur.get_mut().stack[f + i] = v;
        }
    }

    /// All arguments (copied).
    pub fn args(&self) -> Vec<Value> {
        let th = self.st.cur.get();
        th.stack[self.func + 1..th.top].to_vec()
    }

    /// Upvalues of the running native closure (empty for plain functions).
    pub fn upvalues(&self) -> &[Value] {
        let f = self.st.cur.get().stack[self.func];
        if f.tag == T_NCL {
            // SAFETY: tag checked.
            let c: GcRef<crate::closure::NClosure> = unsafe { GcRef::from_addr(f.p) };
            &c.get().upvals
        } else {
            &[]
        }
    }
    /// Set upvalue `i` (0-based) of the running native closure.
    pub fn set_upvalue(&mut self, i: usize, v: Value) {
        let f = self.st.cur.get().stack[self.func];
        if f.tag == T_NCL {
            // SAFETY: tag checked.
            let c: GcRef<crate::closure::NClosure> = unsafe { GcRef::from_addr(f.p) };
            if let Some(slot) = c.get_mut().upvals.get_mut(i) {
                *slot = v;
            }
        }
    }
    /// The running function value.
    pub fn this_function(&self) -> Value {
        self.st.cur.get().stack[self.func]
    }

    /// Push a result (or a temporary). Grows the stack as needed.
    #[inline]
    pub fn push(&mut self, v: Value) {
        let st = &mut *self.st;
        let th = st.cur.get_mut();
        if th.top >= th.stack.len()
            && th
                .ensure(&mut st.heap, th.top + 1 + crate::thread::MIN_STACK)
                .is_err()
        {
            return; // the stack limit: values beyond are dropped (callers check sizes)
        }
        th.stack[th.top] = v;
        th.top += 1;
    }
    /// Pop `n` values.
    pub fn pop(&mut self, n: usize) {
        let base = self.func + 1;
        let th = self.st.cur.get_mut();
        th.top = th.top.saturating_sub(n).max(base);
    }
    /// Current stack height relative to the first argument (`lua_gettop`).
    pub fn top(&self) -> usize {
        self.nargs()
    }
    /// Set the stack height (`lua_settop`): truncates or pads with nils.
    pub fn set_top(&mut self, n: usize) {
        let base = self.func + 1;
        let cur = self.nargs();
        if n < cur {
            self.st.cur.get_mut().top = base + n;
        } else {
            for _ in cur..n {
                self.push(Value::NIL);
            }
        }
    }
    /// Ensure room for `n` more pushes; error "stack overflow" otherwise.
    pub fn check_stack(&mut self, n: usize) -> Result<(), LuaError> {
        let st = &mut *self.st;
        let th = st.cur.get_mut();
        let need = th.top + n + crate::thread::MIN_STACK;
        if th.ensure(&mut st.heap, need).is_err() {
            return Err(self.error("stack overflow"));
        }
        Ok(())
    }

    /// Tail-call from a native: call the function at stack position `top - nargs - 1` with the
    /// `nargs` values above it; its results become this native's results, and the call runs
    /// in the interpreter loop (yieldable, like `lua_callk` with a continuation that returns
    /// everything). Use as `return Ok(ctx.tail_call(nargs))` after pushing the function and
    /// its arguments.
    pub fn tail_call(&mut self, nargs: usize) -> usize {
        self.tail_call_n(nargs, -1)
    }

    /// [`Ctx::tail_call`] adjusting the results to `nres` values (-1: all), as `lua_callk` with
    /// `nresults` and a continuation that returns them (`pairs` calling `__pairs`).
    pub fn tail_call_n(&mut self, nargs: usize, nres: i32) -> usize {
        let top = self.st.cur.get().top;
        let fpos = top.saturating_sub(nargs + 1).max(self.func + 1);
        self.req = Req::TailCall {
            offset: fpos - (self.func + 1),
            nres,
        };
        0
    }

    /// Return `v` as the only result.
    pub fn ret1(&mut self, v: Value) -> Result<usize, LuaError> {
        self.push(v);
        Ok(1)
    }

    // ----- errors ---------------------------------------------------------------------------

    /// `luaL_error`: a string error with the caller's position.
    pub fn error(&mut self, msg: &str) -> LuaError {
        self.st.error_at(msg)
    }
    /// `luaL_error` with a byte message.
    pub fn error_bytes_at(&mut self, msg: &[u8]) -> LuaError {
        let mut s = self.st.where_(1);
        s.extend_from_slice(msg);
        self.st.error_bytes(&s)
    }

    /// `luaL_argerror`.
    pub fn arg_error(&mut self, arg: usize, extramsg: &str) -> LuaError {
        let (kind, name) = self.st.native_name();
        let mut arg = arg;
        if kind == Some("method") {
            arg -= 1;
            if arg == 0 {
                let mut m = b"calling '".to_vec();
                m.extend_from_slice(&name);
                m.extend_from_slice(b"' on bad self (");
                m.extend_from_slice(extramsg.as_bytes());
                m.push(b')');
                return self.error_bytes_at(&m);
            }
        }
        let mut m = format!("bad argument #{arg} to '").into_bytes();
        m.extend_from_slice(&name);
        m.extend_from_slice(b"' (");
        m.extend_from_slice(extramsg.as_bytes());
        m.push(b')');
        self.error_bytes_at(&m)
    }

    /// `luaL_typeerror`: "`tname` expected, got `typename`".
    pub fn type_error(&mut self, arg: usize, tname: &str) -> LuaError {
        let v = self.arg(arg);
        let typearg: Vec<u8> = if arg > self.nargs() {
            b"no value".to_vec()
        } else if let Some(s) = self
            .st
            .get_metatable(v)
            .map(|mt| mt.get().get_str(self.st.names.name))
            .and_then(|n| n.str_bytes())
        {
            s.to_vec()
        } else if v.tag == T_LUD {
            b"light userdata".to_vec()
        } else {
            v.type_name().as_bytes().to_vec()
        };
        let msg = format!(
            "{} expected, got {}",
            tname,
            String::from_utf8_lossy(&typearg)
        );
        self.arg_error(arg, &msg)
    }

    /// `luaL_checkany`.
    pub fn check_any(&mut self, arg: usize) -> Result<Value, LuaError> {
        if arg > self.nargs() {
            Err(self.arg_error(arg, "value expected"))
        } else {
            Ok(self.arg(arg))
        }
    }

    /// `luaL_checkinteger`.
    pub fn check_integer(&mut self, arg: usize) -> Result<i64, LuaError> {
        let v = self.arg(arg);
        if v.tag == T_INT {
            return Ok(v.ival());
        }
        match self.st.to_number(v) {
            Some(n) => match n.view() {
                Val::Int(i) => Ok(i),
                Val::Num(f) => match flt_to_int(f, F2I::Eq) {
                    Some(i) => Ok(i),
                    None => Err(self.arg_error(arg, "number has no integer representation")),
                },
                _ => Err(self.type_error(arg, "number")),
            },
            None => Err(self.type_error(arg, "number")),
        }
    }
    /// `luaL_optinteger`.
    pub fn opt_integer(&mut self, arg: usize, def: i64) -> Result<i64, LuaError> {
        if self.arg(arg).is_nil() {
            Ok(def)
        } else {
            self.check_integer(arg)
        }
    }
    /// `luaL_checknumber`.
    pub fn check_number(&mut self, arg: usize) -> Result<f64, LuaError> {
        let v = self.arg(arg);
        match self.st.to_float(v) {
            Some(f) => Ok(f),
            None => Err(self.type_error(arg, "number")),
        }
    }
    /// Like `check_number` but keeps integers (`Value` int or float).
    pub fn check_numeric(&mut self, arg: usize) -> Result<Value, LuaError> {
        let v = self.arg(arg);
        match self.st.to_number(v) {
            Some(n) => Ok(n),
            None => Err(self.type_error(arg, "number")),
        }
    }
    /// `luaL_optnumber`.
    pub fn opt_number(&mut self, arg: usize, def: f64) -> Result<f64, LuaError> {
        if self.arg(arg).is_nil() {
            Ok(def)
        } else {
            self.check_number(arg)
        }
    }
    /// `luaL_checklstring`: strings, or numbers converted to strings (the argument slot is
    /// replaced by the string, as `lua_tolstring` does).
    pub fn check_str(&mut self, arg: usize) -> Result<GcRef<LuaString>, LuaError> {
        let v = self.arg(arg);
        if let Some(s) = v.as_str() {
            return Ok(s);
        }
        if v.is_number() {
            let s = match self.st.to_string_value(v) {
                Some(s) => s,
                None => return Err(self.type_error(arg, "string")),
            };
            self.set_arg(arg, Value::str(s));
            return Ok(s);
        }
        Err(self.type_error(arg, "string"))
    }
    /// Bytes of a string argument (copied; see `check_str` for a borrowed view).
    pub fn check_bytes(&mut self, arg: usize) -> Result<Vec<u8>, LuaError> {
        Ok(self.check_str(arg)?.as_bytes().to_vec())
    }
    /// `luaL_optlstring`.
    pub fn opt_str(&mut self, arg: usize) -> Result<Option<GcRef<LuaString>>, LuaError> {
        if self.arg(arg).is_nil() {
            Ok(None)
        } else {
            self.check_str(arg).map(Some)
        }
    }
    /// `luaL_checktype(L, arg, LUA_TTABLE)`.
    pub fn check_table(&mut self, arg: usize) -> Result<GcRef<Table>, LuaError> {
        match self.arg(arg).as_table() {
            Some(t) => Ok(t),
            None => Err(self.type_error(arg, "table")),
        }
    }
    /// `luaL_checktype(L, arg, LUA_TFUNCTION)`.
    pub fn check_function(&mut self, arg: usize) -> Result<Value, LuaError> {
        let v = self.arg(arg);
        if v.is_function() {
            Ok(v)
        } else {
            Err(self.type_error(arg, "function"))
        }
    }
    /// Boolean value of an argument (`lua_toboolean`).
    pub fn to_boolean(&self, arg: usize) -> bool {
        self.arg(arg).truthy()
    }

    // ----- calls from natives ------------------------------------------------------------------

    /// Call `f` with `args` (re-entering the interpreter; counted against the C-stack limit;
    /// a yield inside is an error). Returns all results. The results are not rooted: use them
    /// before the next safe point or push them.
    pub fn call(&mut self, f: Value, args: &[Value]) -> Result<Vec<Value>, LuaError> {
        self.st.call(f, args)
    }
}
