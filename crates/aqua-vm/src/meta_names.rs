//! Metamethod events (ltm.h `TMS`), in PUC-Lua's order: MMBIN's C operand is an event number.

/// A metamethod event.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
pub enum Tm {
    Index,
    NewIndex,
    Gc,
    Mode,
    Len,
    Eq,
    Add,
    Sub,
    Mul,
    Mod,
    Pow,
    Div,
    IDiv,
    BAnd,
    BOr,
    BXor,
    Shl,
    Shr,
    Unm,
    BNot,
    Lt,
    Le,
    Concat,
    Call,
    Close,
}

pub(crate) const TM_N: usize = 25;

/// Event names: the ISA's table (MMBIN's C operand indexes it), so there is one list.
pub(crate) const TM_NAMES: [&str; TM_N] = aqua_bytecode::TM_NAMES;

impl Tm {
    pub(crate) const ALL: [Tm; TM_N] = [
        Tm::Index,
        Tm::NewIndex,
        Tm::Gc,
        Tm::Mode,
        Tm::Len,
        Tm::Eq,
        Tm::Add,
        Tm::Sub,
        Tm::Mul,
        Tm::Mod,
        Tm::Pow,
        Tm::Div,
        Tm::IDiv,
        Tm::BAnd,
        Tm::BOr,
        Tm::BXor,
        Tm::Shl,
        Tm::Shr,
        Tm::Unm,
        Tm::BNot,
        Tm::Lt,
        Tm::Le,
        Tm::Concat,
        Tm::Call,
        Tm::Close,
    ];
    pub fn from_u32(n: u32) -> Option<Tm> {
        Tm::ALL.get(n as usize).copied()
    }
    pub fn name(self) -> &'static str {
        TM_NAMES[self as usize]
    }
}
