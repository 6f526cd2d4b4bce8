//! aqua-bytecode: the Lua 5.4 instruction set, function prototypes, the luac-style listing,
//! binary chunk dump/undump and the bytecode verifier.
//!
//! Place in the pipeline: `aqua-compiler` produces [`proto::Proto`]s made of [`isa::Instruction`]s;
//! `aqua-vm` runs them (after [`verify::verify`] for chunks from untrusted sources such as binary
//! chunks); `aqua --list` prints them with [`listing::list`]; `string.dump`/`load` of binary chunks
//! go through [`dump::dump`] and [`undump::undump`]. This crate depends on nothing of ours
//! but the leaf `aqua-number` (`%.14g` of float constants).

pub mod asm;
pub mod chunkid;
pub mod debuginfo;
pub mod dump;
pub mod isa;
pub mod lineinfo;
pub mod listing;
pub mod proto;
pub mod stack_isa;
pub mod undump;
pub mod verify;

pub use chunkid::chunkid;
pub use dump::dump;
pub use isa::{
    ConstIdx, Instruction, OpCode, OpMode, ProtoIdx, Reg, UpvalIdx, LFIELDS_PER_FLUSH, MAXARG_A,
    MAXARG_AX, MAXARG_B, MAXARG_BX, MAXARG_C, MAXARG_SJ, MAXINDEXRK, MAXREGS, NO_REG, NUM_OPCODES,
    OFFSET_SBX, OFFSET_SC, OFFSET_SJ, TM_NAMES,
};
pub use listing::list;
pub use proto::{Constant, LocVar, Proto, UpvalDesc};
pub use undump::{undump, undump_verified};
pub use verify::verify;
