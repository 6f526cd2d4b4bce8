//! The register allocator (and the back end) is a choice of the embedding API: per state
//! (`Lua::set_compiler_options`) and per chunk (`Chunk::set_allocator`,
//! `Chunk::set_compiler_options`), with options built as
//! `CompilerOptions::default().with_allocator(..)`.

use aqua::{Allocator, CompilerOptions, Lua, Target};

const SRC: &str = "local t = {} for i = 1, 10 do local x = i * 2; t[#t + 1] = x end \
                   local s = 0 for _, v in ipairs(t) do s = s + v end return s";

#[test]
fn every_allocator_runs_the_same_chunk() {
    let lua = Lua::new();
    for a in Allocator::ALL {
        let s: i64 = lua.load(SRC).set_allocator(a).eval().expect("runs");
        assert_eq!(s, 110, "{a:?}");
        for target in [Target::Register, Target::Stack] {
            for passes in [false, true] {
                let opts = CompilerOptions::default()
                    .with_allocator(a)
                    .with_target(target)
                    .with_passes(passes);
                let s: i64 = lua
                    .load(SRC)
                    .set_compiler_options(opts)
                    .eval()
                    .expect("runs");
                assert_eq!(s, 110, "{opts:?}");
            }
        }
    }
    lua.set_compiler_options(CompilerOptions::default().with_allocator(Allocator::Linear));
    let s: i64 = lua.load(SRC).eval().expect("runs");
    assert_eq!(s, 110);
}

#[test]
fn allocators_are_named_as_the_cli_spells_them() {
    for a in Allocator::ALL {
        assert_eq!(Allocator::from_name(a.name()), Some(a));
    }
    assert_eq!(Allocator::from_name("nope"), None);
    assert_eq!(Allocator::default(), Allocator::Lifo);
}

#[test]
fn syntax_errors_are_reported_per_chunk_too() {
    let lua = Lua::new();
    let e = lua
        .load("x = = 1")
        .set_name("=c")
        .set_allocator(Allocator::Linear)
        .exec()
        .unwrap_err();
    assert!(e.to_string().contains("unexpected symbol near '='"), "{e}");
}

#[test]
fn error_names_survive_linear_scan() {
    let lua = Lua::new();
    let e = lua
        .load("local f = nil\nlocal n = 1\nf(n)")
        .set_name("=c")
        .set_allocator(Allocator::Linear)
        .exec()
        .unwrap_err();
    assert!(e.to_string().contains("local 'f'"), "{e}");
}
