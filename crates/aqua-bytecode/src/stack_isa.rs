//! The stack-bytecode instruction set: the second back end of issue 4, kept to compare against the
//! register VM. One table, everything else (the [`SOp`] enum, names, formats, stack effects,
//! the listing) derived from it.
//!
//! Role: `aqua_compiler::emit_stack` lowers the compiler IR (after LIFO allocation) to this code
//! and stores it in [`crate::Proto::stack`]; `aqua_vm`'s `interp_stack` runs it; `aqua --list
//! --target=stack` prints it with [`list`].
//!
//! Machine model: a frame is the same register window as the register VM's (`stack[base ..
//! base + maxstacksize]`). Local slots are the frame's registers (`L[n]`); the *operand stack*
//! lives in the same window just above the live locals, addressed by an implicit stack pointer
//! `sp` (a slot index; `S[-1]` is the top). Because a value pushed at slot `n` is physically
//! register `n`, a call's function and arguments pushed in order already form a Lua call window.
//! At function entry `sp = numparams` (after `VARARGPREP` too). After an instruction that
//! produced "all results" (`CALL`/`VARARG` with an open count) `sp` is the thread's top.
//!
//! Encoding: one 32-bit word `op(8) | A(8) | B(16)` (fields A/B), or `op(8) | Ax(24)` (field
//! `Ax`, or signed `sAx = Ax - 2^23`). Test instructions (`EQ`..`TESTSET`) and the loop
//! instructions (`FORPREP`..`TFORLOOP`) are followed by a `JMP` word holding their jump offset
//! (the word after a test is executed as an ordinary `JMP` only when a metamethod decided the
//! test; normally the test reads it inline, as lvm.c's `donextjump`). `SETLIST` is followed by an
//! `EXTRA` word. Jump offsets are relative to the pc of the instruction after the `JMP` word.
//!
//! Each stack instruction records the register pc it was lowered from ([`StackCode::regpc`]):
//! the VM saves that pc in the frame, so line information, variable names in error messages
//! (`ldebug.c`'s symbolic execution over the register code), tracebacks and `debug.getinfo` are
//! those of the register code, exactly.

use crate::proto::Proto;
use std::fmt::Write as _;

/// Offset of the signed `sAx` field.
pub const OFFSET_SAX: i32 = 1 << 23;
/// Largest `Ax`.
pub const MAXARG_AX24: u32 = (1 << 24) - 1;

/// Operand format of a stack opcode.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum SFmt {
    /// No operand.
    N,
    /// `A` only.
    A,
    /// `A` and `B`.
    AB,
    /// `B` only.
    B,
    /// Unsigned 24-bit `Ax`.
    Ax,
    /// Signed 24-bit `sAx`.
    SAx,
}

macro_rules! stack_opcodes {
    ($($name:ident $lname:literal $fmt:ident $effect:literal $doc:literal;)*) => {
        /// A stack opcode.
        #[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
        #[repr(u8)]
        pub enum SOp { $($name,)* }

        impl SOp {
            /// Every opcode, in numeric order.
            pub const ALL: &'static [SOp] = &[$(SOp::$name,)*];
            const NAMES: &'static [&'static str] = &[$($lname,)*];
            const FMTS: &'static [SFmt] = &[$(SFmt::$fmt,)*];
            const EFFECTS: &'static [&'static str] = &[$($effect,)*];
            const DOCS: &'static [&'static str] = &[$($doc,)*];
        }
    };
}

// Notation: `[before -- after]` is the effect on the operand stack (top on the right); `L[n]` is
// local slot (register) n; `K[n]` a constant; `U[n]` an upvalue. `+J` marks a test or loop
// instruction followed by its `JMP` word; "jump" means taking that word's offset.
stack_opcodes! {
    PushL      "PUSHL"      A   "[-- L[A]]"              "push local slot A";
    StoreL     "STOREL"     A   "[v --]"                 "L[A] := v";
    PushK      "PUSHK"      Ax  "[-- K[Ax]]"             "push constant";
    PushI      "PUSHI"      SAx "[-- sAx]"               "push integer";
    PushF      "PUSHF"      SAx "[-- float(sAx)]"        "push float with integral value";
    PushNil    "PUSHNIL"    A   "[-- nil*A]"             "push A nils";
    PushTrue   "PUSHTRUE"   N   "[-- true]"              "push true";
    PushFalse  "PUSHFALSE"  N   "[-- false]"             "push false";
    PushUp     "PUSHUP"     A   "[-- U[A]]"              "push upvalue";
    StoreUp    "STOREUP"    A   "[v --]"                 "U[A] := v";
    SetTop     "SETTOP"     A   "[... -- ...]"           "sp := A (drop values, or expose the locals below A)";
    GetTabUp   "GETTABUP"   AB  "[-- U[A][K[B]]]"        "global read";
    GetTable   "GETTABLE"   N   "[t k -- t[k]]"          "index";
    GetI       "GETI"       B   "[t -- t[B]]"            "index with an integer";
    GetField   "GETFIELD"   B   "[t -- t[K[B]]]"         "index with a string constant";
    SetTabUp   "SETTABUP"   AB  "[v --]"                 "U[A][K[B]] := v";
    SetTable   "SETTABLE"   N   "[t k v --]"             "t[k] := v";
    SetI       "SETI"       B   "[t v --]"               "t[B] := v";
    SetField   "SETFIELD"   B   "[t v --]"               "t[K[B]] := v";
    NewTable   "NEWTABLE"   AB  "[-- {}]"                "new table (A: log2 hash size + 1, B: array size)";
    SetList    "SETLIST"    AB  "[t v1..vB -- t]"        "t at slot A; t[last+i] := vi (B = 0: up to sp; last in the EXTRA word)";
    Self_      "SELF"       B   "[o -- o[K[B]] o]"       "method lookup";
    SelfT      "SELFT"      N   "[o k -- o[k] o]"        "method lookup with a key on the stack";
    AddI       "ADDI"       AB  "[a -- a+sB]"            "B: i16 immediate; A bit 0: operands flipped for __add";
    AddK       "ADDK"       AB  "[a -- a+K[B]]"          "A bit 0: flipped for metamethods";
    SubK       "SUBK"       AB  "[a -- a-K[B]]"          "";
    MulK       "MULK"       AB  "[a -- a*K[B]]"          "A bit 0: flipped";
    ModK       "MODK"       AB  "[a -- a%K[B]]"          "";
    PowK       "POWK"       AB  "[a -- a^K[B]]"          "";
    DivK       "DIVK"       AB  "[a -- a/K[B]]"          "";
    IDivK      "IDIVK"      AB  "[a -- a//K[B]]"         "";
    BAndK      "BANDK"      AB  "[a -- a&K[B]]"          "A bit 0: flipped";
    BOrK       "BORK"       AB  "[a -- a|K[B]]"          "A bit 0: flipped";
    BXorK      "BXORK"      AB  "[a -- a~K[B]]"          "A bit 0: flipped";
    ShrI       "SHRI"       AB  "[a -- a>>sB]"           "";
    ShlI       "SHLI"       AB  "[a -- sB<<a]"           "";
    Add        "ADD"        N   "[a b -- a+b]"           "";
    Sub        "SUB"        N   "[a b -- a-b]"           "";
    Mul        "MUL"        N   "[a b -- a*b]"           "";
    Mod        "MOD"        N   "[a b -- a%b]"           "";
    Pow        "POW"        N   "[a b -- a^b]"           "";
    Div        "DIV"        N   "[a b -- a/b]"           "";
    IDiv       "IDIV"       N   "[a b -- a//b]"          "";
    BAnd       "BAND"       N   "[a b -- a&b]"           "";
    BOr        "BOR"        N   "[a b -- a|b]"           "";
    BXor       "BXOR"       N   "[a b -- a~b]"           "";
    Shl        "SHL"        N   "[a b -- a<<b]"          "";
    Shr        "SHR"        N   "[a b -- a>>b]"          "";
    Unm        "UNM"        N   "[a -- -a]"              "";
    BNot       "BNOT"       N   "[a -- ~a]"              "";
    Not        "NOT"        N   "[a -- not a]"           "";
    Len        "LEN"        N   "[a -- #a]"              "";
    Concat     "CONCAT"     AB  "[v1..vB -- s]"          "A: slot of v1 (the values are a window)";
    Close      "CLOSE"      A   "[--]"                   "close upvalues and tbc variables >= L[A]";
    Tbc        "TBC"        A   "[--]"                   "mark L[A] to be closed";
    Jmp        "JMP"        SAx "[--]"                   "pc += sAx";
    Eq         "EQ"         A   "[a b --] +J"            "jump if (a == b) == A";
    Lt         "LT"         A   "[a b --] +J"            "jump if (a < b) == A";
    Le         "LE"         A   "[a b --] +J"            "jump if (a <= b) == A";
    EqK        "EQK"        AB  "[a --] +J"              "jump if (a == K[B]) == A";
    EqI        "EQI"        AB  "[a --] +J"              "jump if (a == sB) == A&1 (A&2: sB was a float)";
    LtI        "LTI"        AB  "[a --] +J"              "jump if (a < sB) == A&1";
    LeI        "LEI"        AB  "[a --] +J"              "jump if (a <= sB) == A&1";
    GtI        "GTI"        AB  "[a --] +J"              "jump if (a > sB) == A&1";
    GeI        "GEI"        AB  "[a --] +J"              "jump if (a >= sB) == A&1";
    Test       "TEST"       A   "[v --] +J"              "jump if truthy(v) == A";
    TestSet    "TESTSET"    A   "[v -- v | ] +J"         "if truthy(v) == A: keep v and jump; else pop";
    Call       "CALL"       AB  "[f a1..an -- r1..rm]"   "f at slot A; B = (n+1) | (m+1)<<8, 0: open";
    TailCall   "TAILCALL"   AB  "[f a1..an --]"          "f at slot A; B = (n+1) | close<<8";
    Return     "RETURN"     AB  "[v1..vn --]"            "v1 at slot A; B = (n+1) | close<<8, n+1 = 0: up to sp";
    Return0    "RETURN0"    N   "[--]"                   "return no values";
    Return1    "RETURN1"    N   "[v --]"                 "return one value";
    ForPrep    "FORPREP"    A   "[i l s -- i l s v] +J"  "numeric for over L[A..A+3]; if it does not run: sp := A, jump";
    ForLoop    "FORLOOP"    A   "[--] +J"                "step L[A..A+3]; continue: sp := A+4, jump; exit: sp := A";
    TForPrep   "TFORPREP"   A   "[--] +J"                "mark L[A+3] to be closed; jump to the TFORCALL";
    TForCall   "TFORCALL"   AB  "[-- r1..rB]"            "sp := A+4; call L[A](L[A+1], L[A+2]) with B results";
    TForLoop   "TFORLOOP"   A   "[--] +J"                "if L[A+4] ~= nil: L[A+2] := L[A+4]; jump (body); else sp := A";
    Closure    "CLOSURE"    Ax  "[-- closure]"           "closure of nested prototype Ax";
    VarArg     "VARARG"     AB  "[-- v1..vn]"            "values at slot A; B = n+1 (0: all, sp := top)";
    VarArgPrep "VARARGPREP" N   "[--]"                   "adjust vararg parameters (first instruction)";
    Extra      "EXTRA"      Ax  "[--]"                   "data word of the previous instruction";
    GetTableR  "GETTABLER"  N   "[k t -- t[k]]"          "GETTABLE with the operands reversed on the stack";
    SetFieldR  "SETFIELDR"  B   "[v t --]"               "t[K[B]] := v";
    SetIR      "SETIR"      B   "[v t --]"               "t[B] := v";
    AddR       "ADDR"       N   "[b a -- a+b]"           "reversed forms: the first operand is on top (it was";
    SubR       "SUBR"       N   "[b a -- a-b]"           "pushed after the second was computed in place)";
    MulR       "MULR"       N   "[b a -- a*b]"           "";
    ModR       "MODR"       N   "[b a -- a%b]"           "";
    PowR       "POWR"       N   "[b a -- a^b]"           "";
    DivR       "DIVR"       N   "[b a -- a/b]"           "";
    IDivR      "IDIVR"      N   "[b a -- a//b]"          "";
    BAndR      "BANDR"      N   "[b a -- a&b]"           "";
    BOrR       "BORR"       N   "[b a -- a|b]"           "";
    BXorR      "BXORR"      N   "[b a -- a~b]"           "";
    ShlR       "SHLR"       N   "[b a -- a<<b]"          "";
    ShrR       "SHRR"       N   "[b a -- a>>b]"          "";
    EqR        "EQR"        A   "[b a --] +J"            "jump if (a == b) == A";
    LtR        "LTR"        A   "[b a --] +J"            "jump if (a < b) == A";
    LeR        "LER"        A   "[b a --] +J"            "jump if (a <= b) == A";
}

impl SOp {
    /// The listing name.
    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }
    /// The operand format.
    pub fn fmt(self) -> SFmt {
        Self::FMTS[self as usize]
    }
    /// The stack effect column of the table.
    pub fn effect(self) -> &'static str {
        Self::EFFECTS[self as usize]
    }
    /// The notes column of the table.
    pub fn doc(self) -> &'static str {
        Self::DOCS[self as usize]
    }
    /// The opcode with number `n`.
    pub fn from_u8(n: u8) -> Option<SOp> {
        Self::ALL.get(n as usize).copied()
    }
    /// Is this opcode followed by a `JMP` word?
    pub fn has_jump_word(self) -> bool {
        use SOp::*;
        matches!(
            self,
            Eq | Lt
                | Le
                | EqR
                | LtR
                | LeR
                | EqK
                | EqI
                | LtI
                | LeI
                | GtI
                | GeI
                | Test
                | TestSet
                | ForPrep
                | ForLoop
                | TForPrep
                | TForLoop
        )
    }
}

/// One stack instruction word.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct SInst(pub u32);

impl SInst {
    /// `op A B`.
    pub fn ab(op: SOp, a: u32, b: u32) -> SInst {
        SInst((op as u32) | ((a & 0xff) << 8) | ((b & 0xffff) << 16))
    }
    /// `op Ax` (unsigned, 24 bits).
    pub fn ax(op: SOp, ax: u32) -> SInst {
        SInst((op as u32) | ((ax & MAXARG_AX24) << 8))
    }
    /// `op sAx`.
    pub fn sax(op: SOp, s: i32) -> SInst {
        SInst::ax(op, (s + OFFSET_SAX) as u32)
    }
    /// The raw opcode byte.
    #[inline(always)]
    pub fn op_byte(self) -> u8 {
        self.0 as u8
    }
    /// The opcode (`None` for an invalid byte).
    pub fn op(self) -> Option<SOp> {
        SOp::from_u8(self.op_byte())
    }
    /// Field A.
    #[inline(always)]
    pub fn a(self) -> u32 {
        (self.0 >> 8) & 0xff
    }
    /// Field B.
    #[inline(always)]
    pub fn b(self) -> u32 {
        self.0 >> 16
    }
    /// Field B as a signed 16-bit immediate.
    #[inline(always)]
    pub fn sb(self) -> i32 {
        (self.0 >> 16) as u16 as i16 as i32
    }
    /// Field Ax.
    #[inline(always)]
    pub fn ax_field(self) -> u32 {
        self.0 >> 8
    }
    /// Field sAx.
    #[inline(always)]
    pub fn sax_field(self) -> i32 {
        (self.0 >> 8) as i32 - OFFSET_SAX
    }
    /// Replace the signed field (jump patching).
    pub fn set_sax(&mut self, s: i32) {
        self.0 = (self.0 & 0xff) | ((((s + OFFSET_SAX) as u32) & MAXARG_AX24) << 8);
    }
}

/// The stack code of one function (the nested functions carry their own).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct StackCode {
    /// The instructions.
    pub code: Vec<SInst>,
    /// For each instruction, the register-code pc it was lowered from (same length as `code`).
    pub regpc: Vec<u32>,
    /// For each instruction, [`NO_TRACE`], or the register pc whose execution starts there:
    /// debug hooks (line, count) fire at these points, so they see the register VM's
    /// instructions.
    pub trace: Vec<u32>,
}

/// [`StackCode::trace`] entry of an instruction that does not start a register instruction.
pub const NO_TRACE: u32 = u32::MAX;

/// `luac -l`-style listing of the stack code of `p` and its nested functions.
pub fn list(p: &Proto) -> String {
    let mut out = String::new();
    list_into(p, &mut out);
    out
}

fn list_into(p: &Proto, out: &mut String) {
    let src = crate::chunkid(&p.source);
    let what = if p.linedefined == 0 {
        "main"
    } else {
        "function"
    };
    let Some(sc) = &p.stack else {
        let _ = writeln!(
            out,
            "\n{what} <{}:{}> (no stack code)",
            String::from_utf8_lossy(&src),
            p.linedefined
        );
        return;
    };
    let _ = writeln!(
        out,
        "\n{what} <{}:{},{}> ({} stack instructions, {} register instructions)",
        String::from_utf8_lossy(&src),
        p.linedefined,
        p.lastlinedefined,
        sc.code.len(),
        p.code.len()
    );
    let _ = writeln!(
        out,
        "{}{} params, {} slots, {} upvalues, {} constants, {} functions",
        p.numparams,
        if p.is_vararg { "+" } else { "" },
        p.maxstacksize,
        p.upvalues.len(),
        p.constants.len(),
        p.protos.len()
    );
    for (pc, (&w, &rpc)) in sc.code.iter().zip(sc.regpc.iter()).enumerate() {
        let line = p
            .lineinfo
            .get(rpc as usize)
            .map(|l| l.to_string())
            .unwrap_or_else(|| "-".into());
        let Some(op) = w.op() else {
            let _ = writeln!(out, "\t{}\t[{line}]\t<invalid {:#x}>", pc + 1, w.0);
            continue;
        };
        let operands = match op.fmt() {
            SFmt::N => String::new(),
            SFmt::A => format!("{}", w.a()),
            // packed B fields: counts + 1 (0: open), flags
            SFmt::AB if matches!(op, SOp::Call) => {
                format!("{} {} {}", w.a(), w.b() & 0xff, w.b() >> 8)
            }
            SFmt::AB if matches!(op, SOp::TailCall | SOp::Return) => format!(
                "{} {}{}",
                w.a(),
                w.b() & 0xff,
                if w.b() & 0x100 != 0 { "k" } else { "" }
            ),
            SFmt::AB
                if matches!(
                    op,
                    SOp::AddI
                        | SOp::ShrI
                        | SOp::ShlI
                        | SOp::EqI
                        | SOp::LtI
                        | SOp::LeI
                        | SOp::GtI
                        | SOp::GeI
                ) =>
            {
                format!("{} {}", w.a(), w.sb())
            }
            SFmt::AB => format!("{} {}", w.a(), w.b()),
            SFmt::B => format!("{}", w.b()),
            SFmt::Ax => format!("{}", w.ax_field()),
            SFmt::SAx => format!("{}", w.sax_field()),
        };
        let mut note = String::new();
        if op == SOp::Jmp {
            note = format!("\t; to {}", pc as i64 + 2 + w.sax_field() as i64);
        } else if matches!(op, SOp::PushK) {
            if let Some(k) = p.constants.get(w.ax_field() as usize) {
                note = format!("\t; {}", crate::listing::format_constant(k));
            }
        } else if matches!(
            op,
            SOp::GetField
                | SOp::SetField
                | SOp::SetFieldR
                | SOp::Self_
                | SOp::GetTabUp
                | SOp::SetTabUp
        ) {
            if let Some(k) = p.constants.get(w.b() as usize) {
                note = format!("\t; {}", crate::listing::format_constant(k));
            }
        }
        let _ = writeln!(
            out,
            "\t{}\t[{line}]\t{:<10}\t{operands}{note}\t(r{})",
            pc + 1,
            op.name(),
            rpc + 1
        );
    }
    for c in &p.protos {
        list_into(c, out);
    }
}

/// The opcode table as text (`aqua --list --target=stack` prints it with `--list=isa`).
pub fn table() -> String {
    let mut out = String::new();
    for op in SOp::ALL {
        let _ = writeln!(out, "{:<11} {:<24} {}", op.name(), op.effect(), op.doc());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_round_trip() {
        let i = SInst::ab(SOp::Call, 7, 0x0302);
        assert_eq!(i.op(), Some(SOp::Call));
        assert_eq!((i.a(), i.b()), (7, 0x0302));
        let mut j = SInst::sax(SOp::Jmp, -5);
        assert_eq!(j.sax_field(), -5);
        j.set_sax(123_456);
        assert_eq!(j.sax_field(), 123_456);
        assert_eq!(SInst::ab(SOp::AddI, 0, (-3i32) as u32).sb(), -3);
        assert!(SOp::ALL.len() < 256);
        assert!(SOp::from_u8(255).is_none());
    }
}
