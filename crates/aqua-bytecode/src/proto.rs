//! Function prototypes as plain data: what the compiler produces, undump reads, dump writes, the
//! verifier checks and the VM runs.
//!
//! Role: Aqua's counterpart of PUC-Lua's `Proto` (lobject.h), without any GC machinery: strings are
//! owned byte boxes, nested functions are owned values. The VM converts constants into its own
//! values when it loads a prototype.
//!
//! Invariants (established by the compiler or by [`crate::verify::verify`], relied on by the VM):
//! - `lineinfo.len() == code.len()`; `lineinfo[pc]` is the absolute source line of `code[pc]`
//!   (0 when the chunk was stripped of debug information — then `lineinfo` is empty instead).
//! - `protos[i]` is the function created by `CLOSURE A i`.
//! - `locvars` are in order of declaration; a local is active for `startpc <= pc < endpc`.
//! - `source` is the chunk name exactly as given to `load` (`b"@f.lua"`, `b"=stdin"`, or the source
//!   text itself); format it for messages with [`crate::chunkid::chunkid`].

use crate::isa::Instruction;
use std::sync::Arc;

/// A constant of a function's constant table (`K[i]`).
#[derive(Clone, Debug, PartialEq)]
pub enum Constant {
    /// `nil`
    Nil,
    /// `true` / `false`
    Bool(bool),
    /// An integer (`lua_Integer`).
    Int(i64),
    /// A float (`lua_Number`).
    Float(f64),
    /// A string (bytes, not necessarily UTF-8).
    Str(Box<[u8]>),
}

impl Constant {
    /// Is this a string constant?
    pub fn is_str(&self) -> bool {
        matches!(self, Constant::Str(_))
    }

    /// Is this a number (integer or float) constant?
    pub fn is_number(&self) -> bool {
        matches!(self, Constant::Int(_) | Constant::Float(_))
    }

    /// Bitwise/structural identity as used for constant deduplication: `Float(0.0)` and
    /// `Float(-0.0)` differ, NaNs with the same bits are equal, `Int(1)` and `Float(1.0)` differ.
    pub fn same_as(&self, other: &Constant) -> bool {
        match (self, other) {
            (Constant::Float(a), Constant::Float(b)) => a.to_bits() == b.to_bits(),
            _ => self == other,
        }
    }
}

/// Description of one upvalue of a function (lobject.h `Upvaldesc`).
#[derive(Clone, Debug, PartialEq)]
pub struct UpvalDesc {
    /// Upvalue name (debug information; `None` when stripped).
    pub name: Option<Box<[u8]>>,
    /// Whether the upvalue is in the enclosing function's stack (a register) or in its upvalues.
    pub instack: bool,
    /// Index of the register (if `instack`) or of the enclosing function's upvalue.
    pub idx: u8,
    /// Kind of the corresponding variable (lparser.h: 0 `VDKREG` regular, 1 `RDKCONST` const,
    /// 2 `RDKTOCLOSE` to-be-closed, 3 `RDKCTC` compile-time constant).
    pub kind: u8,
}

/// Description of a local variable, for debug information (lobject.h `LocVar`).
#[derive(Clone, Debug, PartialEq)]
pub struct LocVar {
    /// Variable name.
    pub name: Box<[u8]>,
    /// First pc where the variable is active.
    pub startpc: u32,
    /// First pc where the variable is dead.
    pub endpc: u32,
    /// The register holding the variable while it is active, when the compiler recorded it
    /// (non-LIFO register allocators). `None`: lua5.4's convention, the `n`-th active local is in
    /// register `n - 1` (LIFO code, undumped chunks: the dump format does not carry it).
    pub reg: Option<crate::isa::Reg>,
}

/// A function prototype (lobject.h `Proto`).
#[derive(Clone, Debug, PartialEq)]
pub struct Proto {
    /// Chunk name as given to `load`: `b"@f.lua"`, `b"=stdin"`, or the source text.
    pub source: Arc<[u8]>,
    /// Line where the function definition starts (0 for a main chunk).
    pub linedefined: u32,
    /// Line where the function definition ends (0 for a main chunk).
    pub lastlinedefined: u32,
    /// Number of fixed parameters.
    pub numparams: u8,
    /// Whether the function is vararg.
    pub is_vararg: bool,
    /// Number of registers needed by this function.
    pub maxstacksize: u8,
    /// The instructions.
    pub code: Vec<Instruction>,
    /// The constant table.
    pub constants: Vec<Constant>,
    /// Upvalue descriptions.
    pub upvalues: Vec<UpvalDesc>,
    /// Nested functions, indexed by CLOSURE's Bx.
    pub protos: Vec<Proto>,
    /// Absolute source line of each instruction (same length as `code`, or empty if stripped).
    pub lineinfo: Vec<u32>,
    /// Local variable debug information.
    pub locvars: Vec<LocVar>,
    /// Stack bytecode of this function (`aqua --target=stack`; `None` for the register target
    /// and for binary chunks). See [`crate::stack_isa`].
    pub stack: Option<Box<crate::stack_isa::StackCode>>,
}

impl Default for Proto {
    /// `Proto::new` with an empty source: lets callers write `Proto { code, ..Default::default() }`.
    fn default() -> Proto {
        Proto::new(Arc::from(&b""[..]))
    }
}

impl Proto {
    /// An empty prototype for chunk `source` (no code: not valid until filled in).
    pub fn new(source: Arc<[u8]>) -> Proto {
        Proto {
            source,
            linedefined: 0,
            lastlinedefined: 0,
            numparams: 0,
            is_vararg: false,
            maxstacksize: 2,
            code: Vec::new(),
            constants: Vec::new(),
            upvalues: Vec::new(),
            protos: Vec::new(),
            lineinfo: Vec::new(),
            locvars: Vec::new(),
            stack: None,
        }
    }

    /// Source line of instruction `pc`, or `None` if there is no line information for it
    /// (stripped chunk or out-of-range pc). Mirrors `luaG_getfuncline` returning -1.
    pub fn line_at(&self, pc: usize) -> Option<u32> {
        self.lineinfo.get(pc).copied()
    }

    /// Name of the `n`-th (1-based) local variable active at `pc`, as `luaF_getlocalname`.
    pub fn local_name(&self, n: usize, pc: u32) -> Option<&[u8]> {
        let mut n = n;
        for lv in &self.locvars {
            if lv.startpc > pc {
                break;
            }
            if pc < lv.endpc {
                n = n.saturating_sub(1);
                if n == 0 {
                    return Some(&lv.name);
                }
            }
        }
        None
    }

    /// The register of the `n`-th (1-based) local variable active at `pc` and its name: the
    /// recorded [`LocVar::reg`], or lua5.4's convention (register `n - 1`) when none is recorded.
    pub fn local_register(&self, n: usize, pc: u32) -> Option<(u32, &[u8])> {
        let mut k = 0usize;
        for lv in &self.locvars {
            if lv.startpc > pc {
                break;
            }
            if pc < lv.endpc {
                k += 1;
                if k == n {
                    let r = match lv.reg {
                        Some(r) => r.0 as u32,
                        None => (n - 1) as u32,
                    };
                    return Some((r, &lv.name));
                }
            }
        }
        None
    }

    /// The name of the local variable held by register `reg` at `pc`, if any (the inverse of
    /// [`Proto::local_register`]; with recorded registers, the innermost such local).
    pub fn register_local(&self, reg: u32, pc: u32) -> Option<&[u8]> {
        let mut k = 0usize;
        let mut found = None;
        for lv in &self.locvars {
            if lv.startpc > pc {
                break;
            }
            if pc < lv.endpc {
                k += 1;
                let r = match lv.reg {
                    Some(r) => r.0 as u32,
                    None => (k - 1) as u32,
                };
                if r == reg {
                    if lv.reg.is_none() {
                        return Some(&lv.name);
                    }
                    found = Some(&lv.name[..]);
                }
            }
        }
        found
    }

    /// Whether the local-variable records carry registers (code from a non-LIFO allocator).
    pub fn has_local_registers(&self) -> bool {
        self.locvars.iter().any(|l| l.reg.is_some())
    }

    /// Total number of prototypes in this tree (self included).
    pub fn count_protos(&self) -> usize {
        1 + self.protos.iter().map(Proto::count_protos).sum::<usize>()
    }
}
