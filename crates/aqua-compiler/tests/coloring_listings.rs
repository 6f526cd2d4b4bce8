//! Listing snapshots of the colouring allocators: a few small programs compiled with
//! `coloring`, `coloring-live` and `auto`, listed like `luac -l -l`, compared with the files in
//! `tests/coloring_snapshots/` (`<name>.<allocator>.txt`). The compiler runs the checker on every
//! function here.
//!
//! `AQUA_BLESS=1 cargo test -p aqua-compiler --test coloring_listings` rewrites the snapshots;
//! review the diff (`git diff`) before committing.

use aqua_compiler::{Allocator, Options};
use std::path::{Path, PathBuf};

const PROGRAMS: &[(&str, &str)] = &[
    (
        "dead_locals",
        "local a = f()\nlocal b = g(a)\nlocal c = h(b)\nlocal d = k(c)\nprint(d)\n",
    ),
    (
        "loop_sum",
        "local function sum(t, n)\n  local s = 0\n  for i = 1, n do\n    local x = t[i]\n    if x > 3 then s = s + x * 2 else s = s - 1 end\n  end\n  print('sum', s, n)\n  local a = string.format('%d', s)\n  local b = a .. '!'\n  print(b)\n  return s\nend\n",
    ),
    (
        "closures",
        "local n = 0\nlocal function counter()\n  local c = 0\n  return function() c = c + 1; n = n + 1; return c end\nend\nfor i = 1, 3 do\n  local k = i\n  local f = function() return k end\n  if i == 2 then break end\n  print(f(), counter()())\nend\n",
    ),
    (
        "generic_for",
        "local function count(t) local n = 0 for _ in pairs(t) do n = n + 1 end return n end\nlocal t = {}\nfor k, v in ipairs({10, 20, 30}) do t[v] = k end\nprint(count(t), #t)\n",
    ),
    (
        "strings",
        "local parts = ''\nfor i = 1, 10 do parts = parts .. i .. ',' end\nlocal x, y = 1, 2\nprint(parts, x .. y .. 'z', select('#', ...))\n",
    ),
];

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/coloring_snapshots")
}

fn listing(src: &str, alloc: Allocator) -> String {
    let opts = Options {
        allocator: alloc,
        check: true,
        ..Default::default()
    };
    let p = aqua_compiler::compile_with(src.as_bytes(), b"@snippet.lua", &opts)
        .unwrap_or_else(|e| panic!("{}: {e}", alloc.name()));
    aqua_bytecode::listing::normalize_addresses(&aqua_bytecode::listing::list(&p, true))
}

#[test]
fn listings_match_snapshots() {
    let bless = std::env::var_os("AQUA_BLESS").is_some();
    let mut failures = Vec::new();
    for &(name, src) in PROGRAMS {
        for alloc in [
            Allocator::Coloring,
            Allocator::ColoringLive,
            Allocator::Auto,
        ] {
            let ours = listing(src, alloc);
            let path = dir().join(format!("{name}.{}.txt", alloc.name()));
            if bless {
                let _ = std::fs::create_dir_all(dir());
                std::fs::write(&path, &ours).expect("write snapshot");
                continue;
            }
            match std::fs::read_to_string(&path) {
                Ok(want) if want == ours => {}
                Ok(want) => failures.push(format!(
                    "{}: listing changed\n--- snapshot\n{want}\n--- now\n{ours}",
                    path.display()
                )),
                Err(_) => failures.push(format!(
                    "{}: no snapshot (run with AQUA_BLESS=1)",
                    path.display()
                )),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Colouring never makes a frame larger than LIFO's on these programs, and frees registers
/// on `dead_locals` (with pure-liveness lifetimes).
#[test]
fn frames_no_larger_than_lifo() {
    let slots = |l: &str| -> u32 {
        l.lines()
            .filter(|x| x.contains(" slots,"))
            .filter_map(|x| {
                x.split(" slots")
                    .next()?
                    .rsplit(", ")
                    .next()?
                    .parse::<u32>()
                    .ok()
            })
            .sum()
    };
    for &(name, src) in PROGRAMS {
        let lifo = slots(&listing(src, Allocator::Lifo));
        for alloc in [
            Allocator::Coloring,
            Allocator::ColoringLive,
            Allocator::Auto,
        ] {
            let s = slots(&listing(src, alloc));
            assert!(s <= lifo, "{name}: {} {s} > lifo {lifo}", alloc.name());
        }
    }
    let src = PROGRAMS[0].1;
    assert!(slots(&listing(src, Allocator::ColoringLive)) < slots(&listing(src, Allocator::Lifo)));
}
