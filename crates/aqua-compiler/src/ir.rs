//! The compiler's intermediate representation: Lua 5.4 instructions over virtual registers,
//! grouped into explicit basic blocks.
//!
//! Role: the builder (`builder`) lowers the AST into one [`Function`] per Lua function; a register
//! allocator (`regalloc`) reads it and returns an `Allocation`; `emit` turns both into a `Proto`.
//! The allocator never mutates the IR.
//!
//! Shape:
//! - [`Inst`] mirrors one Lua 5.4 instruction (its [`OpCode`] is the final opcode) but every
//!   register operand is a [`VReg`]. Operands that must occupy *consecutive* registers (call
//!   windows, `VARARG`/`LOADNIL` ranges, `CONCAT`, `SETLIST`, `for` blocks, `SELF`) are listed in
//!   [`Inst::win`] (read, from the group base) and [`Inst::wout`] (written, from the group base
//!   plus [`Inst::wout_off`]); both lists start at the same base register.
//! - Open ranges ("all results"): [`Inst::open_out`] marks a producer (`CALL`/`VARARG` with
//!   `C == 0`) whose results run from its base to the stack top; [`Inst::open_in`] marks the
//!   consumer (`CALL`/`RETURN`/`SETLIST` with `B == 0`). The producer's base must be the
//!   register right after the consumer's fixed window.
//! - Calls clobber every register at or above their base ([`Inst::clobber_base`]): values live
//!   across a call must sit below it.
//! - Captured locals and to-be-closed variables stay live until their scope closes: they are
//!   listed in [`Function::pinned`] with their scope range (no other vreg may be written to
//!   their register there), and `CLOSE` names the ones it closes in [`Inst::closes`].
//! - `MMBIN`/`MMBINI`/`MMBINK` complete the arithmetic instruction right before them: they run
//!   only when it failed (so it wrote nothing) and read its operands as they were before it; the
//!   arithmetic's destination may therefore share a register with an operand. Their `uses()` are
//!   the operands (conservative for liveness); the checker reads them in the pre-arithmetic state.
//! - Jumps target [`BlockId`]s. A test instruction (`EQ`, `TEST`, ...) is always immediately
//!   followed by its `JMP` in the same block; blocks end at jumps, returns, `FORPREP`/`FORLOOP`,
//!   `TFORPREP`/`TFORLOOP` and `LFALSESKIP`.
//!
//! Invariants: vregs are not SSA (a local is one vreg assigned many times); every instruction
//! index is a position ([`InstId`]) in [`Function::insts`], which is laid out in final code order;
//! `blocks` partition `insts` in order.

use aqua_bytecode::{ConstIdx, OpCode, ProtoIdx, UpvalIdx};

/// A virtual register.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub struct VReg(pub u32);

/// A basic block.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub struct BlockId(pub u32);

/// A position in [`Function::insts`].
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub struct InstId(pub u32);

/// A non-window operand of an instruction.
#[derive(Clone, Copy, PartialEq, Debug, Default)]
pub enum Opnd {
    /// Not used by the opcode.
    #[default]
    None,
    /// A virtual register.
    R(VReg),
    /// An immediate (signed value, counts, TM event, boolean flags): encoded by emission.
    Int(i32),
    /// A constant-table index.
    K(ConstIdx),
    /// An upvalue index.
    Up(UpvalIdx),
    /// A nested prototype index.
    Proto(ProtoIdx),
}

impl Opnd {
    /// The vreg, if this operand is a register.
    pub fn reg(self) -> Option<VReg> {
        match self {
            Opnd::R(v) => Some(v),
            _ => None,
        }
    }
}

/// One IR instruction.
#[derive(Clone, Debug)]
pub struct Inst {
    /// The Lua opcode this becomes.
    pub op: OpCode,
    /// Operand A (when not part of a window).
    pub a: Opnd,
    /// Operand B.
    pub b: Opnd,
    /// Operand C (an `R` or `K` for RK operands of `SET*`/`SELF`).
    pub c: Opnd,
    /// The k bit, for opcodes where it is not derived from an RK operand.
    pub k: bool,
    /// Consecutive registers read, from the group base.
    pub win: Vec<VReg>,
    /// Consecutive registers written, from the group base plus `wout_off`.
    pub wout: Vec<VReg>,
    /// Offset of `wout` from the group base (4 for `TFORCALL`, 2 for `TFORLOOP`).
    pub wout_off: u8,
    /// Reads registers from the end of `win` up to the stack top (B == 0).
    pub open_in: bool,
    /// Writes results from the group base up to a new stack top (C == 0).
    pub open_out: bool,
    /// Extra argument (NEWTABLE array size / SETLIST index high part, LOADKX constant).
    pub extra: u32,
    /// Jump target (JMP, FORPREP (exit), FORLOOP/TFORLOOP (body), TFORPREP (TFORCALL block)).
    pub target: Option<BlockId>,
    /// Register level LIFO would use where the operand is not a live value (`CLOSE A`,
    /// `RETURN A` with no values).
    pub level: u8,
    /// Captured / to-be-closed locals whose scope this `CLOSE` ends. Informative: they are not
    /// uses (a `goto` may reach the `CLOSE` on a path where a local was never initialised; closing
    /// a register without an open upvalue is a no-op); their liveness comes from
    /// [`Function::pinned`].
    pub closes: Vec<VReg>,
    /// Source line.
    pub line: u32,
}

impl Inst {
    /// A new instruction with only an opcode and a line.
    pub fn new(op: OpCode, line: u32) -> Inst {
        Inst {
            op,
            a: Opnd::None,
            b: Opnd::None,
            c: Opnd::None,
            k: false,
            win: Vec::new(),
            wout: Vec::new(),
            wout_off: 0,
            open_in: false,
            open_out: false,
            extra: 0,
            target: None,
            level: 0,
            closes: Vec::new(),
            line,
        }
    }

    /// Is operand A written (not read) by this opcode?
    fn a_is_def(&self) -> bool {
        use OpCode::*;
        !matches!(
            self.op,
            SetUpval
                | SetTable
                | SetI
                | SetField
                | MmBin
                | MmBinI
                | MmBinK
                | Tbc
                | Eq
                | Lt
                | Le
                | EqK
                | EqI
                | LtI
                | LeI
                | GtI
                | GeI
                | Test
                | Return1
        )
    }

    /// Registers read by this instruction (window registers included), in operand order
    /// ([`Inst::closes`] excluded).
    pub fn uses(&self) -> Vec<VReg> {
        let mut u = Vec::new();
        if !self.a_is_def() {
            if let Opnd::R(v) = self.a {
                u.push(v);
            }
        }
        if let Opnd::R(v) = self.b {
            u.push(v);
        }
        if let Opnd::R(v) = self.c {
            u.push(v);
        }
        u.extend_from_slice(&self.win);
        u
    }

    /// Registers written by this instruction.
    pub fn defs(&self) -> Vec<VReg> {
        let mut d = Vec::new();
        if self.a_is_def() {
            if let Opnd::R(v) = self.a {
                d.push(v);
            }
        }
        d.extend_from_slice(&self.wout);
        d
    }

    /// If this instruction clobbers the registers at or above its window base (calls), the
    /// offset of the first clobbered register from that base.
    pub fn clobber_base(&self) -> Option<u8> {
        match self.op {
            OpCode::Call => Some(0),
            OpCode::TForCall => Some(4),
            _ => None,
        }
    }

    /// Does this instruction end its block?
    pub fn is_terminator(&self) -> bool {
        use OpCode::*;
        matches!(
            self.op,
            Jmp | Return | Return0 | Return1 | ForPrep | ForLoop | TForPrep | TForLoop | LFalseSkip
        )
    }

    /// Does control never fall through to the next instruction?
    pub fn is_unconditional_exit(&self) -> bool {
        use OpCode::*;
        matches!(self.op, Jmp | Return | Return0 | Return1 | TForPrep)
    }

    /// Number of code words this instruction occupies (2 with an EXTRAARG).
    pub fn size(&self) -> u32 {
        match self.op {
            OpCode::LoadKX | OpCode::NewTable => 2,
            OpCode::SetList if self.k => 2,
            _ => 1,
        }
    }
}

/// A basic block: a range of [`Function::insts`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// First instruction.
    pub start: u32,
    /// One past the last instruction.
    pub end: u32,
}

/// A local variable's debug record (positions, not pcs: emission maps them).
#[derive(Clone, Debug)]
pub struct LocalInfo {
    /// Its name.
    pub name: Box<[u8]>,
    /// Its register (every local with a debug record lives in one).
    pub vreg: VReg,
    /// First position where it is active.
    pub start: InstId,
    /// First position where it is dead.
    pub end: InstId,
}

/// Upvalue description (resolved by the builder).
#[derive(Clone, Debug)]
pub struct UpvalInfo {
    /// Variable name.
    pub name: Box<[u8]>,
    /// Whether it is a local of the enclosing function.
    pub instack: bool,
    /// If `instack`, the enclosing function's vreg holding it; else the upvalue index there.
    pub local: Option<VReg>,
    /// Index in the enclosing function's upvalues (when not `instack`).
    pub idx: u8,
    /// Variable kind (0 regular, 1 const, 2 to-be-closed, 3 compile-time constant).
    pub kind: u8,
}

/// A local that must keep its register from `start` to `end` (positions): a local captured by a
/// closure (the open upvalue points at the register until it is closed) or a to-be-closed
/// variable. No other vreg may be written to its register in that range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pinned {
    /// The local.
    pub vreg: VReg,
    /// First position of its scope (it holds its value there).
    pub start: InstId,
    /// First position after its scope.
    pub end: InstId,
}

/// One event of the builder's register discipline, replayed by the LIFO allocator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LifoEvent {
    /// `vreg` takes the next free register (`freereg++`).
    Reserve(VReg),
    /// Free registers down to this level (`freereg = level`).
    Release(u32),
    /// The frame must have at least this many registers (`luaK_checkstack` without reserving).
    Touch(u32),
}

/// A compiled function in IR form.
#[derive(Clone, Debug)]
pub struct Function {
    /// Instructions in code order.
    pub insts: Vec<Inst>,
    /// Basic blocks, in order, partitioning `insts`.
    pub blocks: Vec<Block>,
    /// Number of vregs.
    pub num_vregs: u32,
    /// Parameters, in order (they arrive in `R[0..numparams)`).
    pub params: Vec<VReg>,
    /// Whether the function is vararg.
    pub is_vararg: bool,
    /// Constants.
    pub constants: Vec<aqua_bytecode::Constant>,
    /// Upvalues.
    pub upvalues: Vec<UpvalInfo>,
    /// Nested functions.
    pub protos: Vec<Function>,
    /// Local variable debug records, in declaration order.
    pub locals: Vec<LocalInfo>,
    /// The builder's register discipline, in order (for the LIFO allocator).
    pub lifo: Vec<LifoEvent>,
    /// `linedefined`.
    pub linedefined: u32,
    /// `lastlinedefined`.
    pub lastlinedefined: u32,
    /// Captured and to-be-closed locals, live (and unclobbered) over their whole scope.
    pub pinned: Vec<Pinned>,
}

impl Function {
    /// The vreg of the first named local called `name` (tests and tools).
    pub fn local_vreg(&self, name: &str) -> Option<VReg> {
        self.locals
            .iter()
            .find(|l| &*l.name == name.as_bytes())
            .map(|l| l.vreg)
    }

    /// Successor blocks of block `b`.
    pub fn successors(&self, b: BlockId) -> Vec<BlockId> {
        let mut out = Vec::new();
        let Some(blk) = self.blocks.get(b.0 as usize) else {
            return out;
        };
        if blk.end == blk.start {
            if (b.0 as usize) + 1 < self.blocks.len() {
                out.push(BlockId(b.0 + 1));
            }
            return out;
        }
        let Some(last) = self.insts.get(blk.end as usize - 1) else {
            return out;
        };
        let next = BlockId(b.0 + 1);
        let has_next = (next.0 as usize) < self.blocks.len();
        match last.op {
            OpCode::Jmp => {
                if let Some(t) = last.target {
                    out.push(t);
                }
                // A test before the jump may skip it.
                let prev = (blk.end as usize)
                    .checked_sub(2)
                    .filter(|&p| p >= blk.start as usize)
                    .and_then(|p| self.insts.get(p));
                if prev.is_some_and(|p| p.op.is_test()) && has_next {
                    out.push(next);
                }
            }
            OpCode::Return | OpCode::Return0 | OpCode::Return1 => {}
            OpCode::TForPrep => {
                if let Some(t) = last.target {
                    out.push(t);
                }
            }
            OpCode::ForPrep | OpCode::ForLoop | OpCode::TForLoop => {
                if has_next {
                    out.push(next);
                }
                if let Some(t) = last.target {
                    out.push(t);
                }
            }
            OpCode::LFalseSkip => {
                if (b.0 as usize) + 2 <= self.blocks.len() {
                    // Skips the next instruction: the block after the next one's first inst.
                    // The builder always places the skipped instruction alone in its block.
                    let skip = BlockId(b.0 + 2);
                    if (skip.0 as usize) < self.blocks.len() {
                        out.push(skip);
                    }
                }
            }
            _ => {
                if has_next {
                    out.push(next);
                }
            }
        }
        out
    }

    /// The block containing position `p`.
    pub fn block_of(&self, p: InstId) -> Option<BlockId> {
        let i = self.blocks.partition_point(|b| b.end <= p.0);
        (i < self.blocks.len()).then_some(BlockId(i as u32))
    }
}
