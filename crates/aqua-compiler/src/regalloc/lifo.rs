//! The LIFO allocator: lua5.4's `freereg`/`nactvar` discipline.
//!
//! Role: replays the builder's record of reservations and releases
//! ([`crate::ir::Function::lifo`]): each vreg takes the next free register when reserved,
//! releases free registers down to a level. Locals get the next register when declared and free
//! at block end; temporaries free in LIFO order. Because the builder follows lcode.c, this gives
//! exactly luac5.4's registers and `maxstacksize`, with no MOVEs.

use super::{AllocError, Allocation, RegAlloc};
use crate::ir::{Function, LifoEvent};
use aqua_bytecode::Reg;

/// Lua's own allocator.
#[derive(Clone, Copy, Debug, Default)]
pub struct Lifo;

impl RegAlloc for Lifo {
    fn name(&self) -> &'static str {
        "lifo"
    }

    fn allocate(&self, f: &Function) -> Result<Allocation, AllocError> {
        let mut regs = vec![None; f.num_vregs as usize];
        let mut top: u32 = 0;
        let mut max: u32 = 2;
        for ev in &f.lifo {
            match *ev {
                LifoEvent::Reserve(v) => {
                    if top >= 255 {
                        return Err(AllocError::too_many_registers());
                    }
                    if let Some(slot) = regs.get_mut(v.0 as usize) {
                        *slot = Some(Reg(top as u8));
                    }
                    top += 1;
                    max = max.max(top);
                }
                LifoEvent::Release(level) => top = top.min(level),
                LifoEvent::Touch(n) => max = max.max(n),
            }
        }
        if max > 255 {
            return Err(AllocError::too_many_registers());
        }
        Ok(Allocation {
            regs,
            moves: Vec::new(),
            maxstacksize: max as u8,
            lifo_levels: true,
        })
    }
}
