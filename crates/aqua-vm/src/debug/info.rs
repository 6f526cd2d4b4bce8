//! Stack levels and function information for the `debug` library (ldebug.c `lua_getstack` +
//! `lua_getinfo`).
//!
//! Role: resolves a stack level of any thread to a frame ([`StackLevel`], a typed index into the
//! thread's `CallInfo` vector) and describes a frame or a function value as a [`DebugInfo`]
//! (the fields of `lua_Debug`). The library layer (`aqua-stdlib`'s `debug` module) turns it into
//! the table `debug.getinfo` returns; the hooks use it too.
//!
//! Levels: level 0 is the frame on top of the thread's call chain (for the running thread, the
//! native that asks), level 1 its caller, ...; the base entry of the call chain (index 0) is not a
//! level. A level is only valid until the thread runs again.
//!
//! Robustness: every stack and code access is bounds-checked; a frame whose function slot does not
//! hold a function is described as a native (`[C]`) frame.

use crate::closure::LProto;
use crate::gc::GcRef;
use crate::state::State;
use crate::thread::{Thread, CIST_TAIL};
use crate::value::*;

/// A frame of a thread, as found by [`State::get_stack`]: an index into the thread's call chain
/// (never 0, the base entry). Valid until the thread runs again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StackLevel(pub(crate) usize);

/// What to describe: a frame of a thread, or a function value (the `>` form of `lua_getinfo`).
#[derive(Clone, Copy, Debug)]
pub enum InfoTarget {
    /// A frame found by [`State::get_stack`] on the given thread.
    Level(GcRef<Thread>, StackLevel),
    /// A function value (no frame: no current line, no name, not a tail call).
    Func(Value),
}

/// The fields of `lua_Debug`, filled for the options asked (the others keep their defaults).
#[derive(Clone, Debug)]
pub struct DebugInfo {
    /// `S`: the chunk name as given to `load` (`"=[C]"` for natives, `"=?"` when stripped).
    pub source: Vec<u8>,
    /// `S`: the printable chunk id (`luaO_chunkid`).
    pub short_src: Vec<u8>,
    /// `S`: first line of the definition (-1 for natives, 0 for a main chunk).
    pub linedefined: i64,
    /// `S`: last line of the definition (-1 for natives).
    pub lastlinedefined: i64,
    /// `S`: `"Lua"`, `"C"` or `"main"`.
    pub what: &'static str,
    /// `l`: current line of a Lua frame, -1 otherwise.
    pub currentline: i64,
    /// `n`: name of the function as its caller saw it (`None`: unknown).
    pub name: Option<Vec<u8>>,
    /// `n`: `"global"`, `"local"`, `"method"`, `"field"`, `"upvalue"`, `"metamethod"`,
    /// `"for iterator"`, `"hook"` or `""`.
    pub namewhat: &'static str,
    /// `u`: number of upvalues.
    pub nups: usize,
    /// `u`: number of fixed parameters (0 for natives).
    pub nparams: u8,
    /// `u`: vararg function (always true for natives).
    pub isvararg: bool,
    /// `t`: the frame was entered through a tail call.
    pub istailcall: bool,
    /// `r`: index of the first transferred value (call/return hooks only; 0 otherwise).
    pub ftransfer: u16,
    /// `r`: number of transferred values (call/return hooks only; 0 otherwise).
    pub ntransfer: u16,
    /// `f`: the function (nil when absent).
    pub func: Value,
    /// `L`: the lines with code of a Lua function, in increasing order without duplicates
    /// (`None` for natives: the field is nil).
    pub activelines: Option<Vec<u32>>,
}

impl Default for DebugInfo {
    fn default() -> DebugInfo {
        DebugInfo {
            source: Vec::new(),
            short_src: Vec::new(),
            linedefined: -1,
            lastlinedefined: -1,
            what: "C",
            currentline: -1,
            name: None,
            namewhat: "",
            nups: 0,
            nparams: 0,
            isvararg: true,
            istailcall: false,
            ftransfer: 0,
            ntransfer: 0,
            func: Value::NIL,
            activelines: None,
        }
    }
}

/// Is every character of `what` a valid `lua_getinfo` option (`S l u n r t L f`)? A leading `>`
/// must be stripped by the caller (it selects [`InfoTarget::Func`]).
pub fn valid_info_options(what: &[u8]) -> bool {
    what.iter()
        .all(|c| matches!(c, b'S' | b'l' | b'u' | b'n' | b'r' | b't' | b'L' | b'f'))
}

/// The prototype of a function value, if it is a Lua function.
pub(crate) fn func_proto(f: Value) -> Option<GcRef<LProto>> {
    f.as_lclosure().map(|c| c.get().proto)
}

/// `collectvalidlines`: the lines of the instructions of `p` (the `VARARGPREP` of a vararg
/// function excluded, as lua5.4), sorted and deduplicated.
fn active_lines(p: &LProto) -> Vec<u32> {
    let skip = usize::from(p.is_vararg);
    let mut lines: Vec<u32> = p.info.lineinfo.iter().skip(skip).copied().collect();
    lines.sort_unstable();
    lines.dedup();
    lines
}

impl State {
    /// `lua_getstack`: the frame at `level` of thread `th` (0 = its top frame), `None` when the
    /// level is negative or deeper than the call chain.
    pub fn get_stack(&self, th: GcRef<Thread>, level: i64) -> Option<StackLevel> {
        let n = th.get().ci.len();
        let level = usize::try_from(level).ok()?;
        if level + 1 >= n {
            return None;
        }
        Some(StackLevel(n - 1 - level))
    }

    /// Number of levels of thread `th` (`lua_getstack` succeeds for `0 .. n`).
    pub fn stack_levels(&self, th: GcRef<Thread>) -> usize {
        th.get().ci.len().saturating_sub(1)
    }

    /// The function running at a frame (nil when the level is stale).
    pub fn level_function(&self, th: GcRef<Thread>, level: StackLevel) -> Value {
        let t = th.get();
        t.ci.get(level.0)
            .and_then(|ci| t.stack.get(ci.func))
            .copied()
            .unwrap_or(Value::NIL)
    }

    /// `lua_getinfo`: describe a frame or a function for the options `what` (any of
    /// `S l u n r t L f`, without the `>`). `None` if an option is invalid (the library's
    /// "invalid option" error).
    pub fn get_info(&self, target: InfoTarget, what: &[u8]) -> Option<DebugInfo> {
        if !valid_info_options(what) {
            return None;
        }
        let mut ar = DebugInfo::default();
        let (frame, func) = match target {
            InfoTarget::Level(th, lv) => {
                let t = th.get();
                let ci = t.ci.get(lv.0).filter(|_| lv.0 > 0);
                let f = ci
                    .and_then(|ci| t.stack.get(ci.func))
                    .copied()
                    .unwrap_or(Value::NIL);
                (ci.map(|ci| (th, lv.0, *ci)), f)
            }
            InfoTarget::Func(f) => (None, f),
        };
        let proto = func_proto(func);
        for &c in what {
            match c {
                b'S' => match proto {
                    Some(p) => {
                        let info = &p.get().info;
                        // An empty chunk name is a name (`load(s, "")` shows `[string ""]`);
                        // a stripped binary chunk gets `=?` from undump.
                        ar.source = info.source.to_vec();
                        ar.short_src = aqua_bytecode::chunkid(&ar.source);
                        ar.linedefined = i64::from(info.linedefined);
                        ar.lastlinedefined = i64::from(info.lastlinedefined);
                        ar.what = if info.linedefined == 0 { "main" } else { "Lua" };
                    }
                    None => {
                        ar.source = b"=[C]".to_vec();
                        ar.short_src = b"[C]".to_vec();
                        ar.linedefined = -1;
                        ar.lastlinedefined = -1;
                        ar.what = "C";
                    }
                },
                b'l' => {
                    ar.currentline = match frame {
                        Some((th, _, ci)) if ci.is_lua() => super::current_line(th.get(), &ci)
                            .map(i64::from)
                            .unwrap_or(-1),
                        _ => -1,
                    };
                }
                b'u' => {
                    ar.nups = self.upvalue_count(func);
                    match proto {
                        Some(p) => {
                            ar.nparams = p.get().numparams;
                            ar.isvararg = p.get().is_vararg;
                        }
                        None => {
                            ar.nparams = 0;
                            ar.isvararg = true;
                        }
                    }
                }
                b't' => {
                    ar.istailcall = frame.is_some_and(|(_, _, ci)| ci.status & CIST_TAIL != 0);
                }
                b'n' => {
                    let named = frame.and_then(|(th, idx, _)| super::getfuncname(th.get(), idx));
                    match named {
                        Some((kind, name)) => {
                            ar.namewhat = kind;
                            ar.name = Some(name);
                        }
                        None => {
                            ar.namewhat = "";
                            ar.name = None;
                        }
                    }
                }
                b'r' => {
                    // non-zero only while a call/return hook runs for this frame
                    let (ft, nt) = match frame {
                        Some((th, idx, _)) => self.hook_transfer(th, idx),
                        None => (0, 0),
                    };
                    ar.ftransfer = u16::try_from(ft).unwrap_or(u16::MAX);
                    ar.ntransfer = u16::try_from(nt).unwrap_or(u16::MAX);
                }
                b'L' => ar.activelines = proto.map(|p| active_lines(p.get())),
                b'f' => ar.func = func,
                _ => {}
            }
        }
        Some(ar)
    }
}
