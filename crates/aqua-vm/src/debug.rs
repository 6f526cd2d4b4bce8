//! Debug information (ldebug.c + lauxlib.c's traceback): current lines, variable names for error
//! messages (`varinfo`; the naming itself, `getobjname`/`funcnamefromcode` by symbolic execution
//! of the bytecode, is `aqua_bytecode::debuginfo`'s, read through its `NameSource` trait),
//! runtime errors with the `chunkid:line:` prefix, and `luaL_traceback`'s exact format.
//!
//! The `debug` library's view of frames lives in two submodules: `info` (stack levels and
//! `lua_getinfo`) and `vars` (`lua_getlocal`/`lua_setlocal`, upvalue names, ids and joins);
//! `errfunc` finds and runs the message handler in force at a raise point (`luaG_errormsg`).
//! Where a named local lives is answered by `local_register` (and its inverse,
//! `Proto::register_local`, which the naming functions of `aqua_bytecode::debuginfo` use) only.

pub(crate) mod errfunc;
mod info;
mod vars;

pub use info::{valid_info_options, DebugInfo, InfoTarget, StackLevel};

use crate::closure::LProto;
use crate::gc::GcRef;
use crate::state::State;
use crate::thread::{CallInfo, Thread, CIST_FIN, CIST_HOOKED, CIST_TAIL};
use crate::value::*;
use crate::LuaError;
use aqua_bytecode::debuginfo::{self, NameSource};
use aqua_bytecode::{chunkid, Instruction, Proto, Reg};

/// The register holding the `n`-th (1-based, in declaration order) local variable of `p` active
/// at `pc`, and its name (`luaF_getlocalname` + where the allocator put it).
///
/// THE question "which register holds local n at pc" for the VM: `debug.getlocal`/`setlocal`
/// ask it here, and variable names in error messages ask the inverse, `Proto::register_local`
/// (through `aqua_bytecode::debuginfo`).
/// lua5.4's `luaG_findlocal` assumes the n-th active local lives in register n-1, which the LIFO
/// allocator guarantees; other allocators record the register in `LocVar::reg`, and
/// `Proto::local_register` reads it (falling back to n-1 when none is recorded: LIFO code and
/// binary chunks, whose format does not carry it).
pub(crate) fn local_register(p: &Proto, n: usize, pc: usize) -> Option<(Reg, &[u8])> {
    let pc = u32::try_from(pc).ok()?;
    let (r, name) = p.local_register(n, pc)?;
    Some((Reg(u8::try_from(r).ok()?), name))
}

/// The prototype of the Lua frame `ci` of thread `th`.
pub(crate) fn ci_proto(th: &Thread, ci: &CallInfo) -> Option<GcRef<LProto>> {
    if !ci.is_lua() {
        return None;
    }
    th.stack
        .get(ci.func)
        .and_then(|f| f.as_lclosure())
        .map(|c| c.get().proto)
}

/// Current pc (index of the instruction being executed) of a Lua frame.
pub(crate) fn current_pc(ci: &CallInfo) -> usize {
    ci.pc.saturating_sub(1)
}

/// Current line of a Lua frame (`None` for natives or stripped code).
pub(crate) fn current_line(th: &Thread, ci: &CallInfo) -> Option<u32> {
    let p = ci_proto(th, ci)?;
    p.get().info.lineinfo.get(current_pc(ci)).copied()
}

/// `ar.short_src`: the chunk id. An empty chunk name is a name (`[string ""]`); stripped
/// binary chunks carry `=?` from undump, which prints as `?`.
pub(crate) fn short_src(source: &[u8]) -> Vec<u8> {
    chunkid(source)
}

/// `luaG_addinfo` prefix for the running frame: `chunkid:line:` or empty.
pub(crate) fn where_ci(th: &Thread, ci: &CallInfo) -> Vec<u8> {
    if let Some(p) = ci_proto(th, ci) {
        let mut s = short_src(&p.get().info.source);
        match p.get().info.lineinfo.get(current_pc(ci)) {
            Some(l) => s.extend_from_slice(format!(":{l}:").as_bytes()),
            None => s.extend_from_slice(b":-1:"),
        }
        s.push(b' ');
        s
    } else {
        Vec::new()
    }
}

impl State {
    /// `luaL_where(L, level)`: position of the function at `level` (0 = running function) of the
    /// current thread, as `"chunk:line: "`, or empty.
    pub fn where_(&self, level: usize) -> Vec<u8> {
        let th = self.cur.get();
        let n = th.ci.len();
        if level + 1 >= n {
            return Vec::new();
        }
        let ci = &th.ci[n - 1 - level];
        if !ci.is_lua() {
            return Vec::new();
        }
        match current_line(th, ci) {
            Some(_) => where_ci(th, ci),
            None => Vec::new(),
        }
    }

    /// A runtime error raised by the running Lua code: message prefixed with the position of the
    /// current frame (`luaG_runerror`).
    #[cold]
    pub(crate) fn rt_error(&mut self, msg: &[u8]) -> LuaError {
        let th = self.cur.get();
        let mut s = where_ci(th, th.cur_ci());
        s.extend_from_slice(msg);
        self.error_bytes(&s)
    }

    /// `luaL_error`: message prefixed with the position of the caller of the running native.
    pub fn error_at(&mut self, msg: &str) -> LuaError {
        let mut s = self.where_(1);
        s.extend_from_slice(msg.as_bytes());
        self.error_bytes(&s)
    }
}

/// The VM's prototype as the naming functions of `aqua_bytecode::debuginfo` read it (its code
/// and constants live outside its `Proto`): error messages and tracebacks name variables and
/// functions with that one implementation of ldebug.c's `getobjname`/`funcnamefromcode`.
impl NameSource for LProto {
    fn code(&self) -> &[Instruction] {
        &self.code
    }
    fn string_constant(&self, k: usize) -> Option<&[u8]> {
        self.k.get(k).and_then(|v| v.str_bytes())
    }
    fn upvalue_name(&self, uv: usize) -> Option<&[u8]> {
        NameSource::upvalue_name(&*self.info, uv)
    }
    fn local_name(&self, reg: u32, pc: u32) -> Option<&[u8]> {
        NameSource::local_name(&*self.info, reg, pc)
    }
    fn locals_have_registers(&self) -> bool {
        NameSource::locals_have_registers(&*self.info)
    }
}

/// `getobjname`: what register `reg` holds at `lastpc` ("local", "global", "field", "upvalue",
/// "constant", "method") and its name.
pub(crate) fn getobjname(p: &LProto, lastpc: usize, reg: u32) -> Option<(&'static str, Vec<u8>)> {
    debuginfo::getobjname(p, lastpc, reg)
}

/// `funcnamefromcode`: name of the function called by the instruction at `pc`.
pub(crate) fn funcnamefromcode(p: &LProto, pc: usize) -> Option<(&'static str, Vec<u8>)> {
    debuginfo::funcnamefromcode(p, pc)
}

/// Name of the function running in frame `idx` of `th`, from its caller's calling instruction
/// (`getfuncname`).
pub(crate) fn getfuncname(th: &Thread, idx: usize) -> Option<(&'static str, Vec<u8>)> {
    let ci = th.ci.get(idx)?;
    if ci.status & CIST_TAIL != 0 || idx == 0 {
        return None;
    }
    funcnamefromcall(th, idx - 1)
}

/// `funcnamefromcall`: the kind and name of the function frame `idx` of `th` is calling — the
/// hook when the frame runs a hook, `__gc` when it runs a finalizer, else what the frame's
/// current instruction calls (`funcnamefromcode`; `None` for natives).
pub(crate) fn funcnamefromcall(th: &Thread, idx: usize) -> Option<(&'static str, Vec<u8>)> {
    let ci = th.ci.get(idx)?;
    if ci.status & CIST_HOOKED != 0 {
        return Some(("hook", b"?".to_vec()));
    }
    if ci.status & CIST_FIN != 0 {
        return Some(("metamethod", b"__gc".to_vec()));
    }
    let p = ci_proto(th, ci)?;
    funcnamefromcode(p.get(), current_pc(ci))
}

/// The variable info of `luaG_callerror` for a call of the value in stack slot `func` by the
/// running frame: what the frame's instruction calls (`funcnamefromcall`: ` (local 'f')`,
/// ` (metamethod 'add')`, ` (metamethod 'close')` for a to-be-closed value without `__close`,
/// ...), else the value's `varinfo` when it sits in a register of a running Lua frame, else
/// nothing.
pub(crate) fn callerror_info(st: &State, func: usize) -> Vec<u8> {
    let th = st.cur.get();
    let top = th.ci.len().saturating_sub(1);
    if let Some((kind, name)) = funcnamefromcall(th, top) {
        return fmt_varinfo(kind, &name);
    }
    let ci = th.cur_ci();
    match func.checked_sub(ci.base) {
        Some(reg) if ci.is_lua() => varinfo_reg(st, u32::try_from(reg).unwrap_or(u32::MAX)),
        _ => Vec::new(),
    }
}

/// Variable info for a register of the running Lua frame (`varinfo`): ` (local 'x')` etc.
pub(crate) fn varinfo_reg(st: &State, reg: u32) -> Vec<u8> {
    let th = st.cur.get();
    let ci = th.cur_ci();
    let Some(p) = ci_proto(th, ci) else {
        return Vec::new();
    };
    match getobjname(p.get(), current_pc(ci), reg) {
        Some((kind, name)) => fmt_varinfo(kind, &name),
        None => Vec::new(),
    }
}

/// Variable info for an upvalue of the running Lua frame.
pub(crate) fn varinfo_upval(st: &State, idx: u32) -> Vec<u8> {
    let th = st.cur.get();
    let ci = th.cur_ci();
    let Some(p) = ci_proto(th, ci) else {
        return Vec::new();
    };
    fmt_varinfo("upvalue", &debuginfo::upvalname(p.get(), idx))
}

fn fmt_varinfo(kind: &str, name: &[u8]) -> Vec<u8> {
    let mut s = format!(" ({kind} '").into_bytes();
    s.extend_from_slice(name);
    s.extend_from_slice(b"')");
    s
}

impl State {
    /// Global name of a function value (lauxlib `pushglobalfuncname`): `"mod.name"` found in
    /// `registry._LOADED` (with `"_G."` stripped).
    pub fn global_func_name(&self, f: Value) -> Option<Vec<u8>> {
        let loaded = self.registry.get().get_str(self.names.loaded).as_table()?;
        let mut k = Value::NIL;
        let mut guard = 0;
        while let Ok(Some((mk, mv))) = loaded.get().next(k) {
            k = mk;
            guard += 1;
            if guard > 10000 {
                break;
            }
            let (Some(mname), Some(mt)) = (mk.str_bytes(), mv.as_table()) else {
                continue;
            };
            if mv.raw_eq(f) {
                return Some(mname.to_vec());
            }
            let mut k2 = Value::NIL;
            while let Ok(Some((fk, fv))) = mt.get().next(k2) {
                k2 = fk;
                if fv.raw_eq(f) {
                    if let Some(fname) = fk.str_bytes() {
                        let mut s = mname.to_vec();
                        s.push(b'.');
                        s.extend_from_slice(fname);
                        if s.starts_with(b"_G.") {
                            s.drain(..3);
                        }
                        return Some(s);
                    }
                }
            }
        }
        None
    }

    /// Name and kind of the running native function as `luaL_argerror` sees it
    /// (`lua_getinfo(L, "n")`, then the global name).
    pub(crate) fn native_name(&self) -> (Option<&'static str>, Vec<u8>) {
        let th = self.cur.get();
        let idx = th.ci.len() - 1;
        if let Some((kind, name)) = getfuncname(th, idx) {
            return (Some(kind), name);
        }
        let f = th.stack.get(th.ci[idx].func).copied().unwrap_or(Value::NIL);
        match self.global_func_name(f) {
            Some(n) => (None, n),
            None => (None, b"?".to_vec()),
        }
    }

    /// `luaL_traceback(L, L1, msg, level)` for thread `th` (the running thread if `None`).
    ///
    /// Every level is a real frame: a host that runs chunks from a native function (the `aqua`
    /// CLI's `pmain`, as lua.c) gets its `[C]: in ?` line from that frame.
    pub fn traceback(
        &self,
        th: Option<GcRef<Thread>>,
        msg: Option<&[u8]>,
        level: usize,
    ) -> Vec<u8> {
        let th = th.unwrap_or(self.cur);
        let t = th.get();
        let mut out = Vec::new();
        if let Some(m) = msg {
            out.extend_from_slice(m);
            out.push(b'\n');
        }
        out.extend_from_slice(b"stack traceback:");
        // levels: level 0 = top frame (index len-1), ..., last level = index 1
        let nlevels = t.ci.len().saturating_sub(1);
        let last = nlevels as i64 - 1; // lastlevel
        const LEVELS1: i64 = 10;
        const LEVELS2: i64 = 11;
        let mut limit2show: i64 = if last - level as i64 > LEVELS1 + LEVELS2 {
            LEVELS1
        } else {
            -1
        };
        let mut lv = level as i64;
        while lv <= last {
            let idx = t.ci.len() - 1 - lv as usize;
            lv += 1;
            if limit2show == 0 {
                let n = last - lv - LEVELS2 + 1;
                out.extend_from_slice(format!("\n\t...\t(skipping {n} levels)").as_bytes());
                lv += n;
                limit2show -= 1;
                continue;
            }
            limit2show -= 1;
            let ci = &t.ci[idx];
            let f = t.stack.get(ci.func).copied().unwrap_or(Value::NIL);
            let proto = ci_proto(t, ci);
            match proto {
                Some(p) => {
                    let src = short_src(&p.get().info.source);
                    out.extend_from_slice(b"\n\t");
                    out.extend_from_slice(&src);
                    match current_line(t, ci) {
                        Some(l) => out.extend_from_slice(format!(":{l}: in ").as_bytes()),
                        None => out.extend_from_slice(b": in "),
                    }
                }
                None => out.extend_from_slice(b"\n\t[C]: in "),
            }
            // pushfuncname
            if let Some(g) = self.global_func_name(f) {
                out.extend_from_slice(b"function '");
                out.extend_from_slice(&g);
                out.push(b'\'');
            } else if let Some((kind, name)) = getfuncname(t, idx) {
                out.extend_from_slice(kind.as_bytes());
                out.extend_from_slice(b" '");
                out.extend_from_slice(&name);
                out.push(b'\'');
            } else if let Some(p) = proto {
                let info = &p.get().info;
                if info.linedefined == 0 {
                    out.extend_from_slice(b"main chunk");
                } else {
                    out.extend_from_slice(b"function <");
                    out.extend_from_slice(&short_src(&info.source));
                    out.extend_from_slice(format!(":{}>", info.linedefined).as_bytes());
                }
            } else {
                out.push(b'?');
            }
            if ci.status & CIST_TAIL != 0 {
                out.extend_from_slice(b"\n\t(...tail calls...)");
            }
        }
        out
    }

    /// Number of active levels (frames) of the current thread (excluding the base entry).
    pub fn stack_depth(&self) -> usize {
        self.cur.get().ci.len().saturating_sub(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aqua_bytecode::LocVar;
    use std::sync::Arc;

    fn lv(name: &str, startpc: u32, endpc: u32) -> LocVar {
        LocVar {
            name: name.as_bytes().into(),
            startpc,
            endpc,
            reg: None,
        }
    }

    /// `local a; do local b end; local c` : b and c share register 1 at different pcs.
    #[test]
    fn locals_map_to_registers_and_back() {
        let mut p = Proto::new(Arc::from(&b"=t"[..]));
        p.locvars = vec![lv("a", 0, 10), lv("b", 2, 4), lv("c", 5, 10)];
        assert_eq!(local_register(&p, 1, 3), Some((Reg(0), &b"a"[..])));
        assert_eq!(local_register(&p, 2, 3), Some((Reg(1), &b"b"[..])));
        assert_eq!(local_register(&p, 2, 6), Some((Reg(1), &b"c"[..])));
        assert_eq!(local_register(&p, 3, 6), None);
        assert_eq!(local_register(&p, 0, 6), None);
        assert_eq!(local_register(&p, 2, 4), None); // b is dead at its endpc
        assert_eq!(p.register_local(1, 3), Some(&b"b"[..]));
        assert_eq!(p.register_local(1, 7), Some(&b"c"[..]));
        assert_eq!(p.register_local(0, 0), Some(&b"a"[..]));
        assert_eq!(p.register_local(2, 7), None);
        assert_eq!(p.register_local(0, 99), None);
        // recorded registers (non-LIFO allocators) win over the LIFO rule
        p.locvars[2].reg = Some(Reg(5));
        assert_eq!(local_register(&p, 2, 6), Some((Reg(5), &b"c"[..])));
        assert_eq!(p.register_local(5, 6), Some(&b"c"[..]));
        assert_eq!(p.register_local(1, 6), None);
    }
}
