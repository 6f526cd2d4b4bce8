//! Stack levels seen by code run through the embedding API: a chunk run from Rust has only its
//! own level (no C level below it, unlike `aqua script.lua`, where lua.c's `pmain` is one), as
//! with mlua; a chunk run by a Rust function that Lua called sits above that function's `[C]`
//! level. Error tracebacks are taken where the error is raised.

use aqua::{Error, Lua, Result};

#[test]
fn a_chunk_run_from_rust_has_only_its_own_level() -> Result<()> {
    let lua = Lua::new();
    let tb: String = lua
        .load("return debug.traceback()")
        .set_name("=top")
        .eval()?;
    assert_eq!(tb, "stack traceback:\n\ttop:1: in main chunk");
    let (what, above): (String, bool) = lua
        .load("return debug.getinfo(1, 'S').what, debug.getinfo(2) == nil")
        .eval()?;
    assert_eq!((what.as_str(), above), ("main", true));
    Ok(())
}

#[test]
fn a_chunk_run_by_a_rust_function_sits_above_its_c_level() -> Result<()> {
    let lua = Lua::new();
    let run = lua
        .create_function(|lua, code: String| lua.load(code).set_name("=inner").eval::<String>())?;
    lua.globals().set("run", run)?;
    let tb: String = lua
        .load("return run('return debug.traceback()')")
        .set_name("=outer")
        .eval()?;
    assert_eq!(
        tb,
        "stack traceback:\n\tinner:1: in main chunk\n\t[C]: in function 'run'\n\touter:1: in main chunk"
    );
    Ok(())
}

#[test]
fn error_tracebacks_end_with_the_chunk() {
    let lua = Lua::new();
    let e = lua
        .load("local function f() error('boom') end\nf()")
        .set_name("=c")
        .exec()
        .unwrap_err();
    match e {
        Error::Lua {
            message, traceback, ..
        } => {
            assert_eq!(message, "c:1: boom");
            assert_eq!(
                traceback.as_deref(),
                Some(
                    "stack traceback:\n\t[C]: in function 'error'\n\tc:1: in local 'f'\n\tc:2: in main chunk"
                )
            );
        }
        e => panic!("unexpected error {e:?}"),
    }
}
