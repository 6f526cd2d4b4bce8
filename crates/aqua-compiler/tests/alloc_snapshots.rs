//! Listing snapshots per register allocator: `tests/snapshots/<allocator>/<snippet>.txt` hold
//! the `luac -l -l` listing each allocator produces for a few small programs, so that any change
//! of allocation is visible in review. `AQUA_BLESS=1 cargo test -p aqua-compiler --test
//! alloc_snapshots` rewrites them.

use aqua_compiler::{Allocator, Options};
use std::path::PathBuf;

const SNIPPETS: &[(&str, &str)] = &[
    (
        "calls",
        "local n = 10\nlocal m = n * 2\nprint(m)\nlocal a, b = f()\nlocal c = g(a, b)\nreturn h(c)\n",
    ),
    (
        "loops",
        "local s = 0\nfor i = 1, 10 do local d = i * i; s = s + d end\nfor k, v in pairs(t) do s = s + #k + v end\nwhile s > 100 do s = s // 2 end\nreturn s\n",
    ),
    (
        "closures",
        "local fs = {}\nfor i = 1, 3 do local c = i; fs[i] = function() return c end end\ndo local x <close> = nil; local y = 1; local g = function() return y end; print(g()) end\nreturn fs\n",
    ),
    (
        "expressions",
        "local a, b = ...\nlocal s = a .. '-' .. b .. '!'\nlocal t = {a, b, s, n = #s, f(a)}\nreturn (a + b) * (a - b) / 2, a and b or s, t:m(s, a < b)\n",
    ),
];

fn dir(alloc: Allocator) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(alloc.name())
}

#[test]
fn listings_per_allocator() {
    let bless = std::env::var_os("AQUA_BLESS").is_some();
    let mut diffs = Vec::new();
    for alloc in [Allocator::Lifo, Allocator::Linear, Allocator::LinearLive] {
        let d = dir(alloc);
        if bless {
            let _ = std::fs::create_dir_all(&d);
        }
        for (name, src) in SNIPPETS {
            let opts = Options {
                allocator: alloc,
                check: true,
                ..Options::default()
            };
            let p = aqua_compiler::compile_with(
                src.as_bytes(),
                format!("@{name}.lua").as_bytes(),
                &opts,
            )
            .unwrap_or_else(|e| panic!("{name} ({}): {e}", alloc.name()));
            let got = aqua_bytecode::listing::normalize_addresses(&aqua_bytecode::listing::list(
                &p, true,
            ));
            let path = d.join(format!("{name}.txt"));
            if bless {
                std::fs::write(&path, &got).expect("write snapshot");
                continue;
            }
            match std::fs::read_to_string(&path) {
                Ok(want) if want == got => {}
                Ok(want) => diffs.push(format!(
                    "{} differs:\n--- snapshot\n{want}\n+++ now\n{got}",
                    path.display()
                )),
                Err(_) => diffs.push(format!(
                    "{} missing (AQUA_BLESS=1 to create)",
                    path.display()
                )),
            }
        }
    }
    assert!(diffs.is_empty(), "{}", diffs.join("\n"));
}

/// The LIFO snapshots are luac's listings (when luac5.4 is installed).
#[test]
fn lifo_snapshots_are_luac() {
    let tmp = std::env::temp_dir().join(format!("aqua-snap-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&tmp);
    for (name, src) in SNIPPETS {
        let path = tmp.join(format!("{name}.lua"));
        std::fs::write(&path, src).expect("write");
        let Ok(out) = std::process::Command::new("luac5.4")
            .args(["-l", "-l", "-p"])
            .arg(&path)
            .output()
        else {
            return;
        };
        if !out.status.success() {
            continue;
        }
        let luac =
            aqua_bytecode::listing::normalize_addresses(&String::from_utf8_lossy(&out.stdout))
                .replace(&format!("{}/", tmp.display()), "");
        let ours = std::fs::read_to_string(dir(Allocator::Lifo).join(format!("{name}.txt")))
            .unwrap_or_default();
        // luac names the file by its path; compare from the first instruction line on.
        let body = |s: &str| s.lines().skip(2).collect::<Vec<_>>().join("\n");
        assert_eq!(body(&ours), body(&luac), "{name}");
    }
    let _ = std::fs::remove_dir_all(&tmp);
}
