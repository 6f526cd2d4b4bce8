//! `math.random` / `math.randomseed`: lmathlib.c's xoshiro256** generator, bit for bit.
//!
//! Role: [`register`] adds the two functions to the `math` table as native closures sharing
//! one generator state (lmathlib keeps it in a userdata upvalue; here an `Rc<Cell<_>>`
//! captured by both closures, so it lives exactly as long as they do). The state is seeded
//! at open time from the clock and an address, like `luaopen_math`.
//!
//! Invariants (Lua 5.4.4):
//! - `setseed(n1, n2)`: state = {n1, 0xff, n2, 0}, then 16 outputs are discarded;
//!   `randomseed` returns the two seed integers;
//! - every call to `random` draws one value *before* checking its arguments;
//! - `random()` is a float built from the top 53 bits; `random(0)` the raw 64-bit integer;
//!   `random(m, n)` projects into `[0, n - m]` with lmathlib's rejection loop (`project`).

use aqua_vm::{Ctx, GcRef, LuaError, State, Table, Value};
use std::cell::Cell;
use std::rc::Rc;

/// xoshiro256** state.
type RanState = [u64; 4];

fn nextrand(s: &mut RanState) -> u64 {
    let state0 = s[0];
    let state1 = s[1];
    let state2 = s[2] ^ state0;
    let state3 = s[3] ^ state1;
    let res = state1.wrapping_mul(5).rotate_left(7).wrapping_mul(9);
    let t = state1 << 17;
    s[0] = state0 ^ state3;
    s[1] = state1 ^ state2;
    s[2] = state2 ^ t;
    s[3] = state3.rotate_left(45);
    res
}

/// `I2d`: the top 53 bits as a float in `[0, 1)`.
fn i2d(x: u64) -> f64 {
    (x >> 11) as f64 * (0.5f64).powi(53)
}

/// `project`: a uniform value in `[0, n]` from `ran`, drawing again while out of range.
fn project(mut ran: u64, n: u64, s: &mut RanState) -> u64 {
    if n & n.wrapping_add(1) == 0 {
        // n + 1 is a power of 2
        return ran & n;
    }
    let mut lim = n;
    lim |= lim >> 1;
    lim |= lim >> 2;
    lim |= lim >> 4;
    lim |= lim >> 8;
    lim |= lim >> 16;
    lim |= lim >> 32;
    loop {
        ran &= lim;
        if ran <= n {
            return ran;
        }
        ran = nextrand(s);
    }
}

fn setseed(s: &mut RanState, n1: u64, n2: u64) {
    *s = [n1, 0xff, n2, 0];
    for _ in 0..16 {
        nextrand(s);
    }
}

/// `randseed`: seeds from the time and an address (not reproducible, as in lua).
fn random_seeds(salt: usize) -> (u64, u64) {
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let local = 0u8;
    let addr = (&local as *const u8 as usize) ^ salt;
    (t, addr as u64)
}

/// Add `random` and `randomseed` to `lib`.
pub fn register(st: &mut State, lib: GcRef<Table>) {
    let state: Rc<Cell<RanState>> = Rc::new(Cell::new([0; 4]));
    let (n1, n2) = random_seeds(Rc::as_ptr(&state) as usize);
    let mut s0 = [0; 4];
    setseed(&mut s0, n1, n2);
    state.set(s0);

    let g = state.clone();
    let random = st.new_rust_closure(move |ctx: &mut Ctx| math_random(ctx, &g), Vec::new());
    let g = state;
    let randomseed = st.new_rust_closure(move |ctx: &mut Ctx| math_randomseed(ctx, &g), Vec::new());
    st.raw_set_str(lib, "random", random);
    st.raw_set_str(lib, "randomseed", randomseed);
}

fn math_random(ctx: &mut Ctx, g: &Cell<RanState>) -> Result<usize, LuaError> {
    let mut s = g.get();
    let rv = nextrand(&mut s);
    g.set(s);
    let (low, up) = match ctx.nargs() {
        0 => return ctx.ret1(Value::float(i2d(rv))),
        1 => {
            let up = ctx.check_integer(1)?;
            if up == 0 {
                // single 0 as argument: a full random integer
                return ctx.ret1(Value::int(rv as i64));
            }
            (1, up)
        }
        2 => (ctx.check_integer(1)?, ctx.check_integer(2)?),
        _ => return Err(ctx.error("wrong number of arguments")),
    };
    if low > up {
        return Err(ctx.arg_error(1, "interval is empty"));
    }
    let mut s = g.get();
    let p = project(rv, (up as u64).wrapping_sub(low as u64), &mut s);
    g.set(s);
    ctx.ret1(Value::int(p.wrapping_add(low as u64) as i64))
}

fn math_randomseed(ctx: &mut Ctx, g: &Cell<RanState>) -> Result<usize, LuaError> {
    let (n1, n2) = if ctx.nargs() == 0 {
        let salt = ctx.this_function().ptr_bits();
        let (a, b) = random_seeds(salt);
        (a as i64, b as i64)
    } else {
        let n1 = ctx.check_integer(1)?;
        let n2 = ctx.opt_integer(2, 0)?;
        (n1, n2)
    };
    let mut s = [0; 4];
    setseed(&mut s, n1 as u64, n2 as u64);
    g.set(s);
    ctx.push(Value::int(n1));
    ctx.push(Value::int(n2));
    Ok(2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_42_matches_lua() {
        // lua5.4: math.randomseed(42); math.random(0) after random(1,100) and random()
        let mut s = [0; 4];
        setseed(&mut s, 42, 0);
        let r = nextrand(&mut s);
        assert_eq!(project(r, 99, &mut s) + 1, 50);
        assert_eq!(
            aqua_vm::number::fmt_float(i2d(nextrand(&mut s))),
            "0.54688311243421"
        );
        assert_eq!(nextrand(&mut s) as i64, -3807604385970496171);
    }
}
