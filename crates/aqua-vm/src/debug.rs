//! Debug information (ldebug.c + lauxlib.c's traceback): current lines, variable names for error
//! messages (`varinfo`, `getobjname`, `funcnamefromcode` by symbolic execution of the bytecode),
//! runtime errors with the `chunkid:line:` prefix, and `luaL_traceback`'s exact format.
//!
//! The `debug` library's view of frames lives in two submodules: `info` (stack levels and
//! `lua_getinfo`) and `vars` (`lua_getlocal`/`lua_setlocal`, upvalue names, ids and joins).
//! Where a named local lives is answered by `local_register` / `register_local` only.

mod info;
mod vars;

pub use info::{valid_info_options, DebugInfo, InfoTarget, StackLevel};

use crate::closure::LProto;
use crate::gc::GcRef;
use crate::meta_names::Tm;
use crate::state::State;
use crate::thread::{CallInfo, Thread, CIST_FIN, CIST_HOOKED, CIST_TAIL};
use crate::value::*;
use crate::LuaError;
use aqua_bytecode::{chunkid, Instruction, OpCode, Proto, Reg};

/// The register holding the `n`-th (1-based, in declaration order) local variable of `p` active
/// at `pc`, and its name (`luaF_getlocalname` + where the allocator put it).
///
/// THE question "which register holds local n at pc" for the VM: `debug.getlocal`/`setlocal`
/// ask it here, and variable names in error messages ask the inverse, [`register_local`].
/// lua5.4's `luaG_findlocal` assumes the n-th active local lives in register n-1, which the LIFO
/// allocator guarantees; other allocators record the register in `LocVar::reg`, and
/// `Proto::local_register` reads it (falling back to n-1 when none is recorded: LIFO code and
/// binary chunks, whose format does not carry it).
pub(crate) fn local_register(p: &Proto, n: usize, pc: usize) -> Option<(Reg, &[u8])> {
    let pc = u32::try_from(pc).ok()?;
    let (r, name) = p.local_register(n, pc)?;
    Some((Reg(u8::try_from(r).ok()?), name))
}

/// The name of the local variable held by register `reg` at `pc`, if any (the inverse of
/// [`local_register`], same register rule).
pub(crate) fn register_local(p: &Proto, reg: u32, pc: usize) -> Option<&[u8]> {
    p.register_local(reg, u32::try_from(pc).ok()?)
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

fn upval_name(p: &LProto, idx: usize) -> Vec<u8> {
    match p.info.upvalues.get(idx).and_then(|u| u.name.as_ref()) {
        Some(n) => n.to_vec(),
        None => b"?".to_vec(),
    }
}

fn kname(p: &LProto, c: usize) -> Vec<u8> {
    match p.k.get(c).and_then(|k| k.str_bytes()) {
        Some(s) => s.to_vec(),
        None => b"?".to_vec(),
    }
}

fn is_mm_op(op: OpCode) -> bool {
    matches!(op, OpCode::MmBin | OpCode::MmBinI | OpCode::MmBinK)
}

fn sets_a(op: OpCode) -> bool {
    op.sets_a()
}

fn findsetreg(p: &LProto, mut lastpc: usize, reg: u32) -> Option<usize> {
    if lastpc < p.code.len() && is_mm_op(p.code[lastpc].opcode()) && lastpc > 0 {
        lastpc -= 1;
    }
    let mut setreg = None;
    let mut jmptarget = 0usize;
    for pc in 0..lastpc.min(p.code.len()) {
        let i = p.code[pc];
        let op = i.opcode();
        let a = i.a();
        let change = match op {
            OpCode::LoadNil => a <= reg && reg <= a + i.b(),
            OpCode::TForCall => reg >= a + 2,
            OpCode::Call | OpCode::TailCall => reg >= a,
            OpCode::Jmp => {
                let dest = pc as i64 + 1 + i.sj() as i64;
                if dest <= lastpc as i64 && dest > jmptarget as i64 {
                    jmptarget = dest as usize;
                }
                false
            }
            _ => sets_a(op) && reg == a,
        };
        if change {
            setreg = if pc < jmptarget { None } else { Some(pc) };
        }
    }
    setreg
}

/// `getobjname`: what register `reg` holds at `lastpc` ("local", "global", "field", "upvalue",
/// "constant", "method") and its name.
pub(crate) fn getobjname(p: &LProto, lastpc: usize, reg: u32) -> Option<(&'static str, Vec<u8>)> {
    getobjname_d(p, lastpc, reg, 0)
}

/// Bound on the recursion of [`getobjname`] (through `MOVE`s and indexed tables), as
/// `aqua_bytecode::debuginfo::MAX_NAME_DEPTH`: deeper chains get no name instead of exhausting
/// the Rust stack.
const MAX_NAME_DEPTH: usize = aqua_bytecode::debuginfo::MAX_NAME_DEPTH;

fn getobjname_d(
    p: &LProto,
    lastpc: usize,
    reg: u32,
    depth: usize,
) -> Option<(&'static str, Vec<u8>)> {
    if depth > MAX_NAME_DEPTH {
        return None;
    }
    if let Some(n) = register_local(&p.info, reg, lastpc) {
        return Some(("local", n.to_vec()));
    }
    let pc = findsetreg(p, lastpc, reg)?;
    let i: Instruction = p.code[pc];
    match i.opcode() {
        OpCode::Move => {
            let b = i.b();
            // lua5.4 follows a copy only from below (a local into a temporary above it); with
            // recorded registers (non-LIFO code) locals may sit anywhere (as
            // `aqua_bytecode::debuginfo::getobjname`)
            if b < i.a() || (b != i.a() && p.info.has_local_registers()) {
                return getobjname_d(p, pc, b, depth + 1);
            }
            None
        }
        OpCode::GetTabUp => {
            let name = kname(p, i.c() as usize);
            let t = upval_name(p, i.b() as usize);
            Some((if t == b"_ENV" { "global" } else { "field" }, name))
        }
        OpCode::GetTable => {
            let name = match getobjname_d(p, pc, i.c(), depth + 1) {
                Some(("constant", n)) => n,
                _ => b"?".to_vec(),
            };
            Some((gxf(p, pc, i, depth), name))
        }
        OpCode::GetI => Some(("field", b"integer index".to_vec())),
        OpCode::GetField => {
            let name = kname(p, i.c() as usize);
            Some((gxf(p, pc, i, depth), name))
        }
        OpCode::GetUpval => Some(("upvalue", upval_name(p, i.b() as usize))),
        OpCode::LoadK | OpCode::LoadKX => {
            let b = if i.opcode() == OpCode::LoadK {
                i.bx() as usize
            } else {
                p.code
                    .get(pc + 1)
                    .map(|x| x.ax() as usize)
                    .unwrap_or(usize::MAX)
            };
            let s = p.k.get(b).and_then(|k| k.str_bytes())?;
            Some(("constant", s.to_vec()))
        }
        OpCode::Self_ => {
            let c = i.c();
            let name = if i.k() {
                kname(p, c as usize)
            } else {
                match getobjname_d(p, pc, c, depth + 1) {
                    Some(("constant", n)) => n,
                    _ => b"?".to_vec(),
                }
            };
            Some(("method", name))
        }
        _ => None,
    }
}

fn gxf(p: &LProto, pc: usize, i: Instruction, depth: usize) -> &'static str {
    match getobjname_d(p, pc, i.b(), depth + 1) {
        Some((_, n)) if n == b"_ENV" => "global",
        _ => "field",
    }
}

/// `funcnamefromcode`: name of the function called by the instruction at `pc`.
pub(crate) fn funcnamefromcode(p: &LProto, pc: usize) -> Option<(&'static str, Vec<u8>)> {
    let i = *p.code.get(pc)?;
    let tm = match i.opcode() {
        OpCode::Call | OpCode::TailCall => return getobjname(p, pc, i.a()),
        OpCode::TForCall => return Some(("for iterator", b"for iterator".to_vec())),
        OpCode::Self_ | OpCode::GetTabUp | OpCode::GetTable | OpCode::GetI | OpCode::GetField => {
            Tm::Index
        }
        OpCode::SetTabUp | OpCode::SetTable | OpCode::SetI | OpCode::SetField => Tm::NewIndex,
        OpCode::MmBin | OpCode::MmBinI | OpCode::MmBinK => Tm::from_u32(i.c())?,
        OpCode::Unm => Tm::Unm,
        OpCode::BNot => Tm::BNot,
        OpCode::Len => Tm::Len,
        OpCode::Concat => Tm::Concat,
        OpCode::Eq => Tm::Eq,
        OpCode::Lt | OpCode::LtI | OpCode::GtI => Tm::Lt,
        OpCode::Le | OpCode::LeI | OpCode::GeI => Tm::Le,
        OpCode::Close | OpCode::Return => Tm::Close,
        _ => return None,
    };
    Some(("metamethod", tm.name().as_bytes()[2..].to_vec()))
}

/// Name of the function running in frame `idx` of `th`, from its caller's calling instruction
/// (`getfuncname`).
pub(crate) fn getfuncname(th: &Thread, idx: usize) -> Option<(&'static str, Vec<u8>)> {
    let ci = th.ci.get(idx)?;
    if ci.status & CIST_TAIL != 0 || idx == 0 {
        return None;
    }
    let prev = th.ci.get(idx - 1)?;
    // funcnamefromcall: a function called by the hook machinery is the hook
    if prev.status & CIST_HOOKED != 0 {
        return Some(("hook", b"?".to_vec()));
    }
    if prev.status & CIST_FIN != 0 {
        return Some(("metamethod", b"__gc".to_vec()));
    }
    let p = ci_proto(th, prev)?;
    funcnamefromcode(p.get(), current_pc(prev))
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
    fmt_varinfo("upvalue", &upval_name(p.get(), idx as usize))
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
    pub fn traceback(
        &self,
        th: Option<GcRef<Thread>>,
        msg: Option<&[u8]>,
        level: usize,
    ) -> Vec<u8> {
        self.traceback_ext(th, msg, level, 0)
    }

    /// `traceback` for a stack that continues below with `host_levels` levels the host prints
    /// itself (the CLI's `[C]: in ?`): they count for the elision but are not printed.
    pub fn traceback_ext(
        &self,
        th: Option<GcRef<Thread>>,
        msg: Option<&[u8]>,
        level: usize,
        host_levels: usize,
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
        let last = (nlevels + host_levels) as i64 - 1; // lastlevel
        const LEVELS1: i64 = 10;
        const LEVELS2: i64 = 11;
        let mut limit2show: i64 = if last - level as i64 > LEVELS1 + LEVELS2 {
            LEVELS1
        } else {
            -1
        };
        let mut lv = level as i64;
        while lv <= last {
            if lv as usize >= nlevels {
                break; // host levels: printed by the host
            }
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
        assert_eq!(register_local(&p, 1, 3), Some(&b"b"[..]));
        assert_eq!(register_local(&p, 1, 7), Some(&b"c"[..]));
        assert_eq!(register_local(&p, 0, 0), Some(&b"a"[..]));
        assert_eq!(register_local(&p, 2, 7), None);
        assert_eq!(register_local(&p, 0, 99), None);
        // recorded registers (non-LIFO allocators) win over the LIFO rule
        p.locvars[2].reg = Some(Reg(5));
        assert_eq!(local_register(&p, 2, 6), Some((Reg(5), &b"c"[..])));
        assert_eq!(register_local(&p, 5, 6), Some(&b"c"[..]));
        assert_eq!(register_local(&p, 1, 6), None);
    }
}
