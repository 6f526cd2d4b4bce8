//! The Lua 5.4 instruction set: one table, everything else derived from it.
//!
//! Role: this module is Aqua's `lopcodes.h` + `lopcodes.c`. The single `opcodes!` invocation below
//! lists every opcode once, in PUC-Lua 5.4 order, with its instruction format, the opmode flags of
//! `lopcodes.c` and its semantics in `R[A] := ...` notation. The [`OpCode`] enum, the luac names,
//! the mode and flag tables, the operand columns ([`OpCode::operands`], used by the listing and
//! the assembler) and `from_u8` are generated from that table, so they cannot drift apart.
//!
//! Place in the pipeline: the compiler emits [`Instruction`]s, the VM decodes them, the listing,
//! dump/undump and verifier read them. The encoding is bit-for-bit PUC-Lua 5.4's, so binary chunks
//! written by `luac5.4` load unchanged and listings compare one to one with `luac5.4 -l`.
//!
//! Encoding (bit 0 is the least significant bit of the 32-bit word):
//! ```text
//!         3 3 2 2 2 2 2 2 2 2 2 2 1 1 1 1 1 1 1 1 1 1 0 0 0 0 0 0 0 0 0 0
//!         1 0 9 8 7 6 5 4 3 2 1 0 9 8 7 6 5 4 3 2 1 0 9 8 7 6 5 4 3 2 1 0
//! iABC          C(8)     |      B(8)     |k|     A(8)      |   Op(7)     |
//! iABx                Bx(17)               |     A(8)      |   Op(7)     |
//! iAsBx              sBx (signed)(17)      |     A(8)      |   Op(7)     |
//! iAx                           Ax(25)                     |   Op(7)     |
//! isJ                           sJ (signed)(25)            |   Op(7)     |
//! ```
//! Signed fields use excess-K encoding: `sBx = Bx - OFFSET_SBX`, `sJ = field - OFFSET_SJ`,
//! `sB = B - OFFSET_SC`, `sC = C - OFFSET_SC`.
//!
//! Invariants: [`Instruction::opcode`] never causes UB. For a word whose 7-bit opcode field is not a
//! valid opcode (only possible for unverified input) it returns [`OpCode::ExtraArg`], which no
//! verified function ever executes. Untrusted words should go through [`Instruction::try_opcode`]
//! (the verifier does this).
//!
//! # Notes on irregular opcodes (the spirit of lopcodes.h's comments)
//!
//! - `LFALSESKIP` converts a condition to a boolean value, in code equivalent to
//!   `(not cond ? false : true)`: it produces false and skips the next instruction (which
//!   produces true).
//! - `MMBIN`, `MMBINI`, `MMBINK` follow each arithmetic and bitwise opcode. If the operation
//!   succeeds, it skips this next opcode. Otherwise this opcode calls the metamethod (event `C`,
//!   a TM index). In `MMBINI`/`MMBINK`, `k` means the arguments were flipped (the constant is the
//!   first operand).
//! - `TESTSET` is used in short-circuit expressions that need both to jump and to produce a value,
//!   such as `a = b or c`.
//! - In `CALL`, if `B == 0` then `B = top - A` (arguments run up to the stack top set by the
//!   previous open instruction). If `C == 0`, `top` is set to `last_result + 1`, so the next open
//!   instruction (`CALL`, `RETURN*`, `SETLIST`) may use `top`.
//! - In `VARARG`, if `C == 0` the actual number of varargs is used and `top` is set (like `CALL`
//!   with `C == 0`).
//! - In `RETURN`, if `B == 0` then return up to `top`.
//! - In `LOADKX` and `NEWTABLE`, the next instruction is always `EXTRAARG`.
//! - In `SETLIST`, if `B == 0` then real `B = top - A - 1`; if `k`, the real `C` is
//!   `EXTRAARG _ C` (the bits of the following `EXTRAARG` concatenated with the bits of `C`,
//!   i.e. `Ax * (MAXARG_C + 1) + C`).
//! - In `NEWTABLE`, `B` is log2 of the hash size (always a power of 2) plus 1, or zero for size
//!   zero. If not `k`, the array size is `C`; otherwise it is `EXTRAARG _ C`.
//! - For comparisons, `k` specifies what condition the test should accept (true or false).
//! - All "skips" (`pc++`) assume that the next instruction is a jump.
//! - In `RETURN`/`TAILCALL`, `k` says the function builds upvalues, which may need to be closed.
//!   `C > 0` means the function is vararg, so its `func` must be corrected before returning; then
//!   `C - 1` is its number of fixed parameters.
//! - In comparisons with an immediate operand (`EQI`, `LTI`, `LEI`, `GTI`, `GEI`), `C` signals
//!   whether the original operand was a float (needed to build the right metamethod argument).
//! - `FORPREP` jumps to `pc + Bx + 1` when the loop does not run; `FORLOOP` jumps back to
//!   `pc - Bx`. `TFORPREP` jumps to `pc + Bx` (the `TFORCALL`); `TFORLOOP` jumps back to `pc - Bx`.
//!   (`pc` here is the index of the instruction after the one executing, as in lvm.c.)
//! - A numeric `for` uses `R[A]..R[A+3]` (internal index, limit, step, control variable); a generic
//!   `for` uses `R[A]..R[A+3]` (iterator, state, control, closing value) and its `TFORCALL` writes
//!   the `C` results to `R[A+4]..R[A+3+C]`.
//! - The opmode flags (as in lopcodes.c): `mm` = instruction is a metamethod call (MMBIN*),
//!   `ot` = instruction sets `top` for the next instruction (when `C == 0`), `it` = instruction
//!   uses `top` set by the previous one (when `B == 0`), `t` = test instruction (the next one must
//!   be a jump), `a` = instruction sets register `R[A]`.

use std::fmt;

/// The five instruction formats of Lua 5.4.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum OpMode {
    /// `C(8) | B(8) | k(1) | A(8) | Op(7)`
    IABC,
    /// `Bx(17) | A(8) | Op(7)`
    IABx,
    /// `sBx(17) | A(8) | Op(7)`
    IAsBx,
    /// `Ax(25) | Op(7)`
    IAx,
    /// `sJ(25) | Op(7)`
    IsJ,
}

/// One operand column of the opcode table, in the order and form `luac -l` prints operands.
#[allow(non_camel_case_types)]
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Operand {
    /// Field A.
    A,
    /// Field B.
    B,
    /// Field C.
    C,
    /// Field C followed by `k` when the k bit is set (`RK(C)`, or the close flag of returns).
    Ck,
    /// Signed B (`B - OFFSET_SC`).
    sB,
    /// Signed C (`C - OFFSET_SC`).
    sC,
    /// Field Bx.
    Bx,
    /// Signed Bx (`Bx - OFFSET_SBX`).
    sBx,
    /// Field Ax.
    Ax,
    /// Signed jump offset.
    sJ,
    /// The k bit as its own operand (`0`/`1`).
    k,
}

impl Operand {
    /// The operand's value in `i` (for `Ck`, the C field; the `k` suffix is separate).
    #[inline]
    pub fn value(self, i: Instruction) -> i64 {
        match self {
            Operand::A => i.a() as i64,
            Operand::B => i.b() as i64,
            Operand::C | Operand::Ck => i.c() as i64,
            Operand::sB => i.sb() as i64,
            Operand::sC => i.sc() as i64,
            Operand::Bx => i.bx() as i64,
            Operand::sBx => i.sbx() as i64,
            Operand::Ax => i.ax() as i64,
            Operand::sJ => i.sj() as i64,
            Operand::k => i.k() as i64,
        }
    }

    /// Smallest and largest value the operand can encode.
    pub fn range(self) -> (i64, i64) {
        match self {
            Operand::A | Operand::B | Operand::C | Operand::Ck => (0, 255),
            Operand::sB | Operand::sC => (-(OFFSET_SC as i64), 255 - OFFSET_SC as i64),
            Operand::Bx => (0, MAXARG_BX as i64),
            Operand::sBx => (-(OFFSET_SBX as i64), MAXARG_BX as i64 - OFFSET_SBX as i64),
            Operand::Ax => (0, MAXARG_AX as i64),
            Operand::sJ => (-(OFFSET_SJ as i64), MAXARG_SJ as i64 - OFFSET_SJ as i64),
            Operand::k => (0, 1),
        }
    }

    /// Store `v` (assumed within [`Operand::range`]) into the operand's field of `i`.
    pub fn set(self, i: &mut Instruction, v: i64) {
        match self {
            Operand::A => i.set_a(v as u32),
            Operand::B => i.set_b(v as u32),
            Operand::C | Operand::Ck => i.set_c(v as u32),
            Operand::sB => i.set_b((v + OFFSET_SC as i64) as u32),
            Operand::sC => i.set_c((v + OFFSET_SC as i64) as u32),
            Operand::Bx => i.set_bx(v as u32),
            Operand::sBx => i.set_sbx(v as i32),
            Operand::Ax => i.set_ax(v as u32),
            Operand::sJ => i.set_sj(v as i32),
            Operand::k => i.set_k(v != 0),
        }
    }
}

macro_rules! opcodes {
    ( $( $variant:ident $name:literal $mode:ident $mm:literal $ot:literal $it:literal $t:literal
         $a:literal [ $( $arg:ident )* ] $doc:literal ; )* ) => {
        /// A Lua 5.4 opcode, in `lopcodes.h` order (so `op as u8` is PUC-Lua's numeric opcode).
        #[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
        #[repr(u8)]
        pub enum OpCode {
            $( #[doc = concat!("`", $name, " ", stringify!($($arg)*), "`: `", $doc, "`")] $variant, )*
        }

        impl OpCode {
            /// Every opcode, indexed by its numeric value.
            pub const ALL: &'static [OpCode] = &[ $( OpCode::$variant, )* ];
            const NAMES: &'static [&'static str] = &[ $( $name, )* ];
            const MODES: &'static [OpMode] = &[ $( OpMode::$mode, )* ];
            /// Packed flags: bit0 a, bit1 t, bit2 it, bit3 ot, bit4 mm.
            const FLAGS: &'static [u8] =
                &[ $( ($a) | ($t << 1) | ($it << 2) | ($ot << 3) | ($mm << 4), )* ];
            const DOCS: &'static [&'static str] = &[ $( $doc, )* ];
            const OPERANDS: &'static [&'static [Operand]] = &[ $( &[ $( Operand::$arg, )* ], )* ];
        }
    };
}

opcodes! {
//  variant     luac name     mode   mm ot it t  a  operands    semantics
    Move        "MOVE"        IABC   0  0  0  0  1  [A B]       "R[A] := R[B]";
    LoadI       "LOADI"       IAsBx  0  0  0  0  1  [A sBx]     "R[A] := sBx";
    LoadF       "LOADF"       IAsBx  0  0  0  0  1  [A sBx]     "R[A] := (lua_Number)sBx";
    LoadK       "LOADK"       IABx   0  0  0  0  1  [A Bx]      "R[A] := K[Bx]";
    LoadKX      "LOADKX"      IABx   0  0  0  0  1  [A]         "R[A] := K[extra arg]";
    LoadFalse   "LOADFALSE"   IABC   0  0  0  0  1  [A]         "R[A] := false";
    LFalseSkip  "LFALSESKIP"  IABC   0  0  0  0  1  [A]         "R[A] := false; pc++ (see notes)";
    LoadTrue    "LOADTRUE"    IABC   0  0  0  0  1  [A]         "R[A] := true";
    LoadNil     "LOADNIL"     IABC   0  0  0  0  1  [A B]       "R[A], R[A+1], ..., R[A+B] := nil";
    GetUpval    "GETUPVAL"    IABC   0  0  0  0  1  [A B]       "R[A] := UpValue[B]";
    SetUpval    "SETUPVAL"    IABC   0  0  0  0  0  [A B]       "UpValue[B] := R[A]";
    GetTabUp    "GETTABUP"    IABC   0  0  0  0  1  [A B C]     "R[A] := UpValue[B][K[C]:shortstring]";
    GetTable    "GETTABLE"    IABC   0  0  0  0  1  [A B C]     "R[A] := R[B][R[C]]";
    GetI        "GETI"        IABC   0  0  0  0  1  [A B C]     "R[A] := R[B][C]";
    GetField    "GETFIELD"    IABC   0  0  0  0  1  [A B C]     "R[A] := R[B][K[C]:shortstring]";
    SetTabUp    "SETTABUP"    IABC   0  0  0  0  0  [A B Ck]    "UpValue[A][K[B]:shortstring] := RK(C)";
    SetTable    "SETTABLE"    IABC   0  0  0  0  0  [A B Ck]    "R[A][R[B]] := RK(C)";
    SetI        "SETI"        IABC   0  0  0  0  0  [A B Ck]    "R[A][B] := RK(C)";
    SetField    "SETFIELD"    IABC   0  0  0  0  0  [A B Ck]    "R[A][K[B]:shortstring] := RK(C)";
    NewTable    "NEWTABLE"    IABC   0  0  0  0  1  [A B C]     "R[A] := {} (B: log2 hash size + 1, C: array size; see notes)";
    Self_       "SELF"        IABC   0  0  0  0  1  [A B Ck]    "R[A+1] := R[B]; R[A] := R[B][RK(C):string]";
    AddI        "ADDI"        IABC   0  0  0  0  1  [A B sC]    "R[A] := R[B] + sC";
    AddK        "ADDK"        IABC   0  0  0  0  1  [A B C]     "R[A] := R[B] + K[C]:number";
    SubK        "SUBK"        IABC   0  0  0  0  1  [A B C]     "R[A] := R[B] - K[C]:number";
    MulK        "MULK"        IABC   0  0  0  0  1  [A B C]     "R[A] := R[B] * K[C]:number";
    ModK        "MODK"        IABC   0  0  0  0  1  [A B C]     "R[A] := R[B] % K[C]:number";
    PowK        "POWK"        IABC   0  0  0  0  1  [A B C]     "R[A] := R[B] ^ K[C]:number";
    DivK        "DIVK"        IABC   0  0  0  0  1  [A B C]     "R[A] := R[B] / K[C]:number";
    IDivK       "IDIVK"       IABC   0  0  0  0  1  [A B C]     "R[A] := R[B] // K[C]:number";
    BAndK       "BANDK"       IABC   0  0  0  0  1  [A B C]     "R[A] := R[B] & K[C]:integer";
    BOrK        "BORK"        IABC   0  0  0  0  1  [A B C]     "R[A] := R[B] | K[C]:integer";
    BXorK       "BXORK"       IABC   0  0  0  0  1  [A B C]     "R[A] := R[B] ~ K[C]:integer";
    ShrI        "SHRI"        IABC   0  0  0  0  1  [A B sC]    "R[A] := R[B] >> sC";
    ShlI        "SHLI"        IABC   0  0  0  0  1  [A B sC]    "R[A] := sC << R[B]";
    Add         "ADD"         IABC   0  0  0  0  1  [A B C]     "R[A] := R[B] + R[C]";
    Sub         "SUB"         IABC   0  0  0  0  1  [A B C]     "R[A] := R[B] - R[C]";
    Mul         "MUL"         IABC   0  0  0  0  1  [A B C]     "R[A] := R[B] * R[C]";
    Mod         "MOD"         IABC   0  0  0  0  1  [A B C]     "R[A] := R[B] % R[C]";
    Pow         "POW"         IABC   0  0  0  0  1  [A B C]     "R[A] := R[B] ^ R[C]";
    Div         "DIV"         IABC   0  0  0  0  1  [A B C]     "R[A] := R[B] / R[C]";
    IDiv        "IDIV"        IABC   0  0  0  0  1  [A B C]     "R[A] := R[B] // R[C]";
    BAnd        "BAND"        IABC   0  0  0  0  1  [A B C]     "R[A] := R[B] & R[C]";
    BOr         "BOR"         IABC   0  0  0  0  1  [A B C]     "R[A] := R[B] | R[C]";
    BXor        "BXOR"        IABC   0  0  0  0  1  [A B C]     "R[A] := R[B] ~ R[C]";
    Shl         "SHL"         IABC   0  0  0  0  1  [A B C]     "R[A] := R[B] << R[C]";
    Shr         "SHR"         IABC   0  0  0  0  1  [A B C]     "R[A] := R[B] >> R[C]";
    MmBin       "MMBIN"       IABC   1  0  0  0  0  [A B C]     "call C metamethod over R[A] and R[B] (see notes)";
    MmBinI      "MMBINI"      IABC   1  0  0  0  0  [A sB C k]  "call C metamethod over R[A] and sB (k: flipped)";
    MmBinK      "MMBINK"      IABC   1  0  0  0  0  [A B C k]   "call C metamethod over R[A] and K[B] (k: flipped)";
    Unm         "UNM"         IABC   0  0  0  0  1  [A B]       "R[A] := -R[B]";
    BNot        "BNOT"        IABC   0  0  0  0  1  [A B]       "R[A] := ~R[B]";
    Not         "NOT"         IABC   0  0  0  0  1  [A B]       "R[A] := not R[B]";
    Len         "LEN"         IABC   0  0  0  0  1  [A B]       "R[A] := #R[B] (length operator)";
    Concat      "CONCAT"      IABC   0  0  0  0  1  [A B]       "R[A] := R[A].. ... ..R[A + B - 1]";
    Close       "CLOSE"       IABC   0  0  0  0  0  [A]         "close all upvalues >= R[A]";
    Tbc         "TBC"         IABC   0  0  0  0  0  [A]         "mark variable A \"to be closed\"";
    Jmp         "JMP"         IsJ    0  0  0  0  0  [sJ]        "pc += sJ";
    Eq          "EQ"          IABC   0  0  0  1  0  [A B k]     "if ((R[A] == R[B]) ~= k) then pc++";
    Lt          "LT"          IABC   0  0  0  1  0  [A B k]     "if ((R[A] <  R[B]) ~= k) then pc++";
    Le          "LE"          IABC   0  0  0  1  0  [A B k]     "if ((R[A] <= R[B]) ~= k) then pc++";
    EqK         "EQK"         IABC   0  0  0  1  0  [A B k]     "if ((R[A] == K[B]) ~= k) then pc++";
    EqI         "EQI"         IABC   0  0  0  1  0  [A sB k]    "if ((R[A] == sB) ~= k) then pc++ (C: sB was a float)";
    LtI         "LTI"         IABC   0  0  0  1  0  [A sB k]    "if ((R[A] < sB) ~= k) then pc++ (C: sB was a float)";
    LeI         "LEI"         IABC   0  0  0  1  0  [A sB k]    "if ((R[A] <= sB) ~= k) then pc++ (C: sB was a float)";
    GtI         "GTI"         IABC   0  0  0  1  0  [A sB k]    "if ((R[A] > sB) ~= k) then pc++ (C: sB was a float)";
    GeI         "GEI"         IABC   0  0  0  1  0  [A sB k]    "if ((R[A] >= sB) ~= k) then pc++ (C: sB was a float)";
    Test        "TEST"        IABC   0  0  0  1  0  [A k]       "if (not R[A] == k) then pc++";
    TestSet     "TESTSET"     IABC   0  0  0  1  1  [A B k]     "if (not R[B] == k) then pc++ else R[A] := R[B] (see notes)";
    Call        "CALL"        IABC   0  1  1  0  1  [A B C]     "R[A], ... ,R[A+C-2] := R[A](R[A+1], ... ,R[A+B-1])";
    TailCall    "TAILCALL"    IABC   0  1  1  0  1  [A B Ck]    "return R[A](R[A+1], ... ,R[A+B-1])";
    Return      "RETURN"      IABC   0  0  1  0  0  [A B Ck]    "return R[A], ... ,R[A+B-2] (see notes)";
    Return0     "RETURN0"     IABC   0  0  0  0  0  []          "return";
    Return1     "RETURN1"     IABC   0  0  0  0  0  [A]         "return R[A]";
    ForLoop     "FORLOOP"     IABx   0  0  0  0  1  [A Bx]      "update counters; if loop continues then pc-=Bx;";
    ForPrep     "FORPREP"     IABx   0  0  0  0  1  [A Bx]      "<check values and prepare counters>; if not to run then pc+=Bx+1;";
    TForPrep    "TFORPREP"    IABx   0  0  0  0  0  [A Bx]      "create upvalue for R[A + 3]; pc+=Bx";
    TForCall    "TFORCALL"    IABC   0  0  0  0  0  [A C]       "R[A+4], ... ,R[A+3+C] := R[A](R[A+1], R[A+2]);";
    TForLoop    "TFORLOOP"    IABx   0  0  0  0  1  [A Bx]      "if R[A+2] ~= nil then { R[A]=R[A+2]; pc -= Bx }";
    SetList     "SETLIST"     IABC   0  0  1  0  0  [A B C]     "R[A][C+i] := R[A+i], 1 <= i <= B (see notes)";
    Closure     "CLOSURE"     IABx   0  0  0  0  1  [A Bx]      "R[A] := closure(KPROTO[Bx])";
    VarArg      "VARARG"      IABC   0  1  0  0  1  [A C]       "R[A], R[A+1], ..., R[A+C-2] = vararg";
    VarArgPrep  "VARARGPREP"  IABC   0  0  1  0  1  [A]         "(adjust vararg parameters)";
    ExtraArg    "EXTRAARG"    IAx    0  0  0  0  0  [Ax]        "extra (larger) argument for previous opcode";
}

/// Number of opcodes (PUC-Lua's `NUM_OPCODES`).
pub const NUM_OPCODES: usize = OpCode::ALL.len();

/// Decoding table for the 7-bit opcode field: invalid values map to `ExtraArg` (never executed by
/// a verified function), so decoding is total and branch-free.
const OPCODE_LUT: [OpCode; 128] = {
    let mut t = [OpCode::ExtraArg; 128];
    let mut i = 0;
    while i < OpCode::ALL.len() {
        t[i] = OpCode::ALL[i];
        i += 1;
    }
    t
};

impl OpCode {
    /// The opcode's name as `luac -l` prints it (`"MOVE"`, `"SELF"`, ...).
    #[inline]
    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// The opcode with numeric value `n`, if there is one.
    #[inline]
    pub fn from_u8(n: u8) -> Option<OpCode> {
        Self::ALL.get(n as usize).copied()
    }

    /// The opcode whose luac name is `name` (e.g. `"GETTABUP"`).
    pub fn from_name(name: &str) -> Option<OpCode> {
        Self::NAMES
            .iter()
            .position(|n| *n == name)
            .and_then(|i| Self::ALL.get(i).copied())
    }

    /// The instruction format.
    #[inline]
    pub fn mode(self) -> OpMode {
        Self::MODES[self as usize]
    }

    /// The operand columns `luac -l` prints for this opcode, in order (the table's operands
    /// column). Fields not listed are fixed by the code generator (see [`crate::asm`]).
    #[inline]
    pub fn operands(self) -> &'static [Operand] {
        Self::OPERANDS[self as usize]
    }

    /// The semantics line of the opcode table (`"R[A] := R[B]"`, ...).
    pub fn doc(self) -> &'static str {
        Self::DOCS[self as usize]
    }

    #[inline]
    fn flags(self) -> u8 {
        Self::FLAGS[self as usize]
    }

    /// `a` flag: the instruction sets register `R[A]` (lopcodes.h `testAMode`).
    #[inline]
    pub fn sets_a(self) -> bool {
        self.flags() & 1 != 0
    }

    /// `t` flag: a test instruction; the next instruction must be a jump (`testTMode`).
    #[inline]
    pub fn is_test(self) -> bool {
        self.flags() & 2 != 0
    }

    /// `it` flag: uses `top` left by the previous instruction when `B == 0` (`testITMode`).
    #[inline]
    pub fn uses_top(self) -> bool {
        self.flags() & 4 != 0
    }

    /// `ot` flag: sets `top` for the next instruction when `C == 0` (`testOTMode`).
    #[inline]
    pub fn sets_top(self) -> bool {
        self.flags() & 8 != 0
    }

    /// `mm` flag: a metamethod call instruction, `MMBIN*` (`testMMMode`).
    #[inline]
    pub fn is_mm(self) -> bool {
        self.flags() & 16 != 0
    }
}

/// lopcodes.h spellings of the flag getters, for readers coming from the C sources.
impl OpCode {
    /// = [`OpCode::sets_a`] (`testAMode`).
    #[inline]
    pub fn test_a_mode(self) -> bool {
        self.sets_a()
    }
    /// = [`OpCode::is_test`] (`testTMode`).
    #[inline]
    pub fn test_t_mode(self) -> bool {
        self.is_test()
    }
    /// = [`OpCode::uses_top`] (`testITMode`).
    #[inline]
    pub fn test_it_mode(self) -> bool {
        self.uses_top()
    }
    /// = [`OpCode::sets_top`] (`testOTMode`).
    #[inline]
    pub fn test_ot_mode(self) -> bool {
        self.sets_top()
    }
    /// = [`OpCode::is_mm`] (`testMMMode`).
    #[inline]
    pub fn test_mm_mode(self) -> bool {
        self.is_mm()
    }
}

impl fmt::Display for OpCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

// ---- field sizes and positions (lopcodes.h) ----

/// Width of the opcode field.
pub const SIZE_OP: u32 = 7;
/// Width of the A field.
pub const SIZE_A: u32 = 8;
/// Width of the B field.
pub const SIZE_B: u32 = 8;
/// Width of the C field.
pub const SIZE_C: u32 = 8;
/// Width of the Bx field.
pub const SIZE_BX: u32 = SIZE_C + SIZE_B + 1;
/// Width of the Ax field.
pub const SIZE_AX: u32 = SIZE_BX + SIZE_A;
/// Width of the sJ field.
pub const SIZE_SJ: u32 = SIZE_BX + SIZE_A;

/// Position of the opcode field.
pub const POS_OP: u32 = 0;
/// Position of the A field.
pub const POS_A: u32 = POS_OP + SIZE_OP;
/// Position of the k bit.
pub const POS_K: u32 = POS_A + SIZE_A;
/// Position of the B field.
pub const POS_B: u32 = POS_K + 1;
/// Position of the C field.
pub const POS_C: u32 = POS_B + SIZE_B;
/// Position of the Bx field.
pub const POS_BX: u32 = POS_K;
/// Position of the Ax field.
pub const POS_AX: u32 = POS_A;
/// Position of the sJ field.
pub const POS_SJ: u32 = POS_A;

/// Largest A.
pub const MAXARG_A: u32 = (1 << SIZE_A) - 1;
/// Largest B.
pub const MAXARG_B: u32 = (1 << SIZE_B) - 1;
/// Largest C.
pub const MAXARG_C: u32 = (1 << SIZE_C) - 1;
/// Largest Bx (131071).
pub const MAXARG_BX: u32 = (1 << SIZE_BX) - 1;
/// Largest Ax.
pub const MAXARG_AX: u32 = (1 << SIZE_AX) - 1;
/// Largest raw sJ field.
pub const MAXARG_SJ: u32 = (1 << SIZE_SJ) - 1;
/// Excess-K offset of sBx (65535): `sBx = Bx - OFFSET_SBX`.
pub const OFFSET_SBX: i32 = (MAXARG_BX >> 1) as i32;
/// Excess-K offset of sJ (2^24 - 1).
pub const OFFSET_SJ: i32 = (MAXARG_SJ >> 1) as i32;
/// Excess-K offset of sB/sC (127).
pub const OFFSET_SC: i32 = (MAXARG_C >> 1) as i32;
/// Largest constant index usable as an RK operand (`MAXINDEXRK`).
pub const MAXINDEXRK: u32 = MAXARG_B;
/// Number of list items to accumulate before a SETLIST instruction.
pub const LFIELDS_PER_FLUSH: u32 = 50;
/// Maximum number of registers in a Lua function (must fit in 8 bits).
pub const MAXREGS: u32 = 255;
/// "No register" marker used by lcode.c (`NO_REG`).
pub const NO_REG: u32 = MAXARG_A;

#[inline(always)]
const fn mask(size: u32) -> u32 {
    if size >= 32 {
        u32::MAX
    } else {
        (1u32 << size) - 1
    }
}

/// One 32-bit Lua 5.4 instruction, encoded exactly as PUC-Lua encodes it.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
#[repr(transparent)]
pub struct Instruction(pub u32);

impl Instruction {
    #[inline(always)]
    const fn field(self, pos: u32, size: u32) -> u32 {
        (self.0 >> pos) & mask(size)
    }

    #[inline(always)]
    const fn with_field(self, pos: u32, size: u32, v: u32) -> Instruction {
        let m = mask(size) << pos;
        Instruction((self.0 & !m) | ((v << pos) & m))
    }

    /// The opcode. Total and UB-free: an invalid opcode field decodes as `ExtraArg` (a verified
    /// function never contains one; use [`Instruction::try_opcode`] on untrusted words).
    #[inline(always)]
    pub fn opcode(self) -> OpCode {
        OPCODE_LUT[(self.0 & 0x7f) as usize]
    }

    /// The opcode, or `None` if the opcode field is not a valid Lua 5.4 opcode.
    #[inline(always)]
    pub fn try_opcode(self) -> Option<OpCode> {
        OpCode::from_u8((self.0 & 0x7f) as u8)
    }

    /// Field A (8 bits).
    #[inline(always)]
    pub const fn a(self) -> u32 {
        self.field(POS_A, SIZE_A)
    }
    /// Field B (8 bits).
    #[inline(always)]
    pub const fn b(self) -> u32 {
        self.field(POS_B, SIZE_B)
    }
    /// Field C (8 bits).
    #[inline(always)]
    pub const fn c(self) -> u32 {
        self.field(POS_C, SIZE_C)
    }
    /// The k bit.
    #[inline(always)]
    pub const fn k(self) -> bool {
        self.field(POS_K, 1) != 0
    }
    /// Field Bx (17 bits, unsigned).
    #[inline(always)]
    pub const fn bx(self) -> u32 {
        self.field(POS_BX, SIZE_BX)
    }
    /// Field sBx: `Bx - OFFSET_SBX`.
    #[inline(always)]
    pub const fn sbx(self) -> i32 {
        self.bx() as i32 - OFFSET_SBX
    }
    /// Field Ax (25 bits, unsigned).
    #[inline(always)]
    pub const fn ax(self) -> u32 {
        self.field(POS_AX, SIZE_AX)
    }
    /// Field sJ: the 25-bit field minus `OFFSET_SJ`.
    #[inline(always)]
    pub const fn sj(self) -> i32 {
        self.field(POS_SJ, SIZE_SJ) as i32 - OFFSET_SJ
    }
    /// Signed B: `B - OFFSET_SC`.
    #[inline(always)]
    pub const fn sb(self) -> i32 {
        self.b() as i32 - OFFSET_SC
    }
    /// Signed C: `C - OFFSET_SC`.
    #[inline(always)]
    pub const fn sc(self) -> i32 {
        self.c() as i32 - OFFSET_SC
    }

    /// iABC instruction. Operands are masked to their field widths (callers check ranges).
    #[inline]
    pub const fn abc(op: OpCode, a: u32, b: u32, c: u32, k: bool) -> Instruction {
        Instruction(
            (op as u32)
                | ((a & MAXARG_A) << POS_A)
                | ((k as u32) << POS_K)
                | ((b & MAXARG_B) << POS_B)
                | ((c & MAXARG_C) << POS_C),
        )
    }
    /// iABx instruction (`bx` masked to 17 bits).
    #[inline]
    pub const fn abx(op: OpCode, a: u32, bx: u32) -> Instruction {
        Instruction((op as u32) | ((a & MAXARG_A) << POS_A) | ((bx & MAXARG_BX) << POS_BX))
    }
    /// iAsBx instruction: stores `sbx + OFFSET_SBX` (valid range `-65535..=65536`).
    #[inline]
    pub const fn asbx(op: OpCode, a: u32, sbx: i32) -> Instruction {
        Instruction::abx(op, a, (sbx + OFFSET_SBX) as u32)
    }
    /// iAx instruction (`ax` masked to 25 bits).
    #[inline]
    pub const fn iax(op: OpCode, ax: u32) -> Instruction {
        Instruction((op as u32) | ((ax & MAXARG_AX) << POS_AX))
    }
    /// isJ instruction: stores `sj + OFFSET_SJ` (valid range `-(2^24-1)..=2^24`).
    #[inline]
    pub const fn isj(op: OpCode, sj: i32) -> Instruction {
        Instruction((op as u32) | ((((sj + OFFSET_SJ) as u32) & MAXARG_SJ) << POS_SJ))
    }

    /// Replace the opcode.
    #[inline]
    pub fn set_opcode(&mut self, op: OpCode) {
        *self = self.with_field(POS_OP, SIZE_OP, op as u32);
    }
    /// Replace field A.
    #[inline]
    pub fn set_a(&mut self, a: u32) {
        *self = self.with_field(POS_A, SIZE_A, a);
    }
    /// Replace field B.
    #[inline]
    pub fn set_b(&mut self, b: u32) {
        *self = self.with_field(POS_B, SIZE_B, b);
    }
    /// Replace field C.
    #[inline]
    pub fn set_c(&mut self, c: u32) {
        *self = self.with_field(POS_C, SIZE_C, c);
    }
    /// Replace the k bit.
    #[inline]
    pub fn set_k(&mut self, k: bool) {
        *self = self.with_field(POS_K, 1, k as u32);
    }
    /// Replace field Bx.
    #[inline]
    pub fn set_bx(&mut self, bx: u32) {
        *self = self.with_field(POS_BX, SIZE_BX, bx);
    }
    /// Replace field sBx.
    #[inline]
    pub fn set_sbx(&mut self, sbx: i32) {
        self.set_bx((sbx + OFFSET_SBX) as u32);
    }
    /// Replace field Ax.
    #[inline]
    pub fn set_ax(&mut self, ax: u32) {
        *self = self.with_field(POS_AX, SIZE_AX, ax);
    }
    /// Replace field sJ.
    #[inline]
    pub fn set_sj(&mut self, sj: i32) {
        *self = self.with_field(POS_SJ, SIZE_SJ, (sj + OFFSET_SJ) as u32);
    }
}

impl fmt::Debug for Instruction {
    /// `LOADI A=0 sBx=5`-style rendering, by mode; unknown opcodes as `<bad 0x...>`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(op) = self.try_opcode() else {
            return write!(f, "<bad {:#010x}>", self.0);
        };
        match op.mode() {
            OpMode::IABC => write!(
                f,
                "{} A={} B={} C={}{}",
                op.name(),
                self.a(),
                self.b(),
                self.c(),
                if self.k() { " k" } else { "" }
            ),
            OpMode::IABx => write!(f, "{} A={} Bx={}", op.name(), self.a(), self.bx()),
            OpMode::IAsBx => write!(f, "{} A={} sBx={}", op.name(), self.a(), self.sbx()),
            OpMode::IAx => write!(f, "{} Ax={}", op.name(), self.ax()),
            OpMode::IsJ => write!(f, "{} sJ={}", op.name(), self.sj()),
        }
    }
}

/// Tag-method (metamethod) event names in ltm.h `TMS` order: `MMBIN*`'s C operand indexes this.
pub const TM_NAMES: [&str; 25] = [
    "__index",
    "__newindex",
    "__gc",
    "__mode",
    "__len",
    "__eq",
    "__add",
    "__sub",
    "__mul",
    "__mod",
    "__pow",
    "__div",
    "__idiv",
    "__band",
    "__bor",
    "__bxor",
    "__shl",
    "__shr",
    "__unm",
    "__bnot",
    "__lt",
    "__le",
    "__concat",
    "__call",
    "__close",
];

/// A VM register (index into the current frame, `0..maxstacksize`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub struct Reg(pub u8);

/// Index into a prototype's constant table.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub struct ConstIdx(pub u32);

/// Index into a prototype's nested prototypes (CLOSURE's Bx).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub struct ProtoIdx(pub u32);

/// Index into a closure's upvalues.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub struct UpvalIdx(pub u8);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_consistent() {
        assert_eq!(NUM_OPCODES, 83);
        for (n, &op) in OpCode::ALL.iter().enumerate() {
            assert_eq!(op as usize, n);
            assert_eq!(OpCode::from_u8(n as u8), Some(op));
            assert_eq!(OpCode::from_name(op.name()), Some(op));
        }
        assert_eq!(OpCode::from_u8(NUM_OPCODES as u8), None);
        assert_eq!(OpCode::Self_.name(), "SELF");
        assert_eq!(OpCode::ExtraArg as u8, 82);
        assert_eq!(OpCode::Jmp.mode(), OpMode::IsJ);
        assert!(OpCode::Call.sets_top() && OpCode::Call.uses_top() && OpCode::Call.sets_a());
        assert!(OpCode::TestSet.is_test() && OpCode::TestSet.sets_a());
        assert!(OpCode::MmBinK.is_mm() && !OpCode::Add.is_mm());
        assert!(OpCode::Move.doc().contains("R[A] := R[B]"));
    }

    #[test]
    fn constants() {
        assert_eq!(MAXARG_BX, 131071);
        assert_eq!(OFFSET_SBX, 65535);
        assert_eq!(OFFSET_SJ, (1 << 24) - 1);
        assert_eq!(OFFSET_SC, 127);
        assert_eq!(MAXARG_AX, (1 << 25) - 1);
    }

    #[test]
    fn abc_round_trip() {
        for &op in OpCode::ALL {
            for &(a, b, c) in &[
                (0, 0, 0),
                (255, 255, 255),
                (1, 2, 3),
                (255, 0, 255),
                (0, 255, 0),
            ] {
                for k in [false, true] {
                    let i = Instruction::abc(op, a, b, c, k);
                    assert_eq!(i.opcode(), op);
                    assert_eq!(i.try_opcode(), Some(op));
                    assert_eq!((i.a(), i.b(), i.c(), i.k()), (a, b, c, k));
                    assert_eq!(i.sb(), b as i32 - 127);
                    assert_eq!(i.sc(), c as i32 - 127);
                    let mut j = Instruction::abc(op, 0, 0, 0, false);
                    j.set_a(a);
                    j.set_b(b);
                    j.set_c(c);
                    j.set_k(k);
                    assert_eq!(i, j);
                }
            }
        }
        // bit layout
        let i = Instruction::abc(OpCode::Add, 1, 2, 3, true);
        assert_eq!(i.0, 34 | (1 << 7) | (1 << 15) | (2 << 16) | (3 << 24));
    }

    #[test]
    fn bx_sbx_ax_sj_round_trip() {
        for bx in [0, 1, 65535, 65536, MAXARG_BX] {
            for a in [0, 255] {
                let i = Instruction::abx(OpCode::LoadK, a, bx);
                assert_eq!((i.opcode(), i.a(), i.bx()), (OpCode::LoadK, a, bx));
                let mut j = Instruction::abx(OpCode::LoadK, a, 0);
                j.set_bx(bx);
                assert_eq!(i, j);
            }
        }
        for sbx in [-OFFSET_SBX, -1, 0, 1, OFFSET_SBX + 1] {
            let i = Instruction::asbx(OpCode::LoadI, 7, sbx);
            assert_eq!((i.opcode(), i.a(), i.sbx()), (OpCode::LoadI, 7, sbx));
            let mut j = Instruction::asbx(OpCode::LoadI, 7, 0);
            j.set_sbx(sbx);
            assert_eq!(i, j);
        }
        for ax in [0, 1, MAXARG_AX] {
            let i = Instruction::iax(OpCode::ExtraArg, ax);
            assert_eq!((i.opcode(), i.ax()), (OpCode::ExtraArg, ax));
            let mut j = Instruction::iax(OpCode::ExtraArg, 0);
            j.set_ax(ax);
            assert_eq!(i, j);
        }
        for sj in [-OFFSET_SJ, -1, 0, 1, OFFSET_SJ + 1] {
            let i = Instruction::isj(OpCode::Jmp, sj);
            assert_eq!((i.opcode(), i.sj()), (OpCode::Jmp, sj));
            let mut j = Instruction::isj(OpCode::Jmp, 0);
            j.set_sj(sj);
            assert_eq!(i, j);
        }
    }

    #[test]
    fn invalid_opcodes_are_safe() {
        for raw in 83u32..128 {
            let i = Instruction(raw | 0xffff_ff80);
            assert_eq!(i.try_opcode(), None);
            assert_eq!(i.opcode(), OpCode::ExtraArg);
            let _ = format!("{i:?}");
        }
    }
}
