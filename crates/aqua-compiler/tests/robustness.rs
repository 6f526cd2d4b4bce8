//! Robustness: deeply nested and hostile inputs compile (or fail with a Lua error) without
//! panicking or overflowing the stack, even on a small (2 MB, like cargo's test threads) stack.
//!
//! Stack use, measured (a scratch build with `compile_ir`'s 256 MB helper thread disabled,
//! `compile` of the deepest input lua5.4 accepts for each construct, with and without a long
//! chain at every level, on threads of decreasing size): at most 391 KB in release, 439 KB with
//! the dev profile (opt-level 1), 1.9 MB at opt-level 0; long left-associative chains alone
//! (10^6 operators) need under 23 KB. Every pass walks chains with loops, so the depth that
//! costs stack is the nesting lua5.4 itself bounds (about 2 KB per level). The helper thread is
//! therefore not needed for chains any more; it only protects callers that have less than about
//! half a megabyte of stack left (or unoptimised builds on 2 MB threads).

fn on_small_stack(src: String) -> Result<(), String> {
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(
            move || match aqua_compiler::compile(src.as_bytes(), b"=deep") {
                Ok(_) => Ok(()),
                Err(e) => Err(String::from_utf8_lossy(&e.to_lua_message(b"=deep")).into_owned()),
            },
        )
        .expect("spawn")
        .join()
        .expect("no panic")
}

#[test]
fn deep_nesting_at_lua_limits() {
    // The maximum nesting lua5.4 accepts for each construct compiles.
    let parens = format!("local x = {}1{}\n", "(".repeat(190), ")".repeat(190));
    assert_eq!(on_small_stack(parens), Ok(()));
    let funcs = format!(
        "local f = {}1{}\n",
        "function() return ".repeat(95),
        " end".repeat(95)
    );
    assert_eq!(on_small_stack(funcs), Ok(()));
    let ifs = format!(
        "{}x = 1\n{}",
        "if x then\n".repeat(190),
        "end\n".repeat(190)
    );
    assert_eq!(on_small_stack(ifs), Ok(()));
    let tables = format!("local t = {}1{}\n", "{".repeat(190), "}".repeat(190));
    assert_eq!(on_small_stack(tables), Ok(()));
    let concat = format!("local s = {}'x'\n", "'a' .. ".repeat(190));
    assert_eq!(on_small_stack(concat), Ok(()));
    let unary = format!("local s = {}1\n", "- ".repeat(190));
    assert_eq!(on_small_stack(unary), Ok(()));
}

/// Left-associative chains of any length compile (lua5.4's parser loops over them, and so do
/// the parser, the builder, the printers and `Drop` here): 100,000 operators of each shape.
#[test]
fn long_chains_compile() {
    let n = 100_000;
    let shapes = [
        format!("local x = 1{}\n", " + x".repeat(n)),
        format!("return {}\n", vec!["1"; n].join("+")),
        format!(
            "local a, b = ...\nreturn a{}\n",
            " - b * a // 2 == b < a".repeat(n / 5)
        ),
        format!("local y = a{}\n", ".b".repeat(n)),
        format!("local y = a{}\n", "[1]".repeat(n)),
        format!("a{} = 1\n", ".b[c]".repeat(n / 2)),
        format!("f{}\n", "()".repeat(n)),
        format!("f{}\n", ":m(1)".repeat(n)),
        format!("f{}\n", "'s'{}".repeat(n / 2)),
        format!("local z = -t{}\n", ".a.b[1]:m()".repeat(n / 4)),
        format!(
            "local z = {}\n",
            vec!["(t.a.b[1]:m() .. 's')"; n / 2].join(" + ")
        ),
        format!("local w = {}\n", vec!["a and b or c"; 2000].join(" and ")),
        format!("if x then{} end\n", " elseif x then y = 1".repeat(3000)),
    ];
    for src in shapes {
        let head = src[..30].to_string();
        assert_eq!(on_small_stack(src), Ok(()), "{head}");
    }
}

/// Chains inside lua5.4's maximum nesting: every level holds a long chain.
#[test]
fn long_chains_inside_deep_nesting() {
    let chain = " + t.a.b[1]:m()(2) * x // y".repeat(300);
    let shapes = [
        format!(
            "local x = {}1{}\n",
            format!("(a{chain} + ").repeat(96),
            ")".repeat(96)
        ),
        format!(
            "local t = {}1{}\n",
            format!("{{a{chain}, ").repeat(120),
            "}".repeat(120)
        ),
        format!(
            "{}x = 1\n{}",
            format!("if a{chain} then\n").repeat(190),
            "end\n".repeat(190)
        ),
        format!(
            "local f = {}1{}\n",
            format!("function() local q = a{chain} return ").repeat(95),
            " end".repeat(95)
        ),
    ];
    for src in shapes {
        let head = src[..30].to_string();
        assert_eq!(on_small_stack(src), Ok(()), "{head}");
    }
}

/// Right-associative chains (`..`, `^`) and unary operators nest in lparser.c's `subexpr`, so
/// lua5.4 refuses them beyond its C-level limit with a bare "C stack overflow", as here.
#[test]
fn right_assoc_chains_hit_the_nesting_limit() {
    for (shape, ok_n) in [(" .. a", 196), (" ^ a", 196)] {
        let src = |n: usize| format!("local a = 'x'\nlocal s = a{}\n", shape.repeat(n));
        assert_eq!(on_small_stack(src(ok_n)), Ok(()), "{shape} x {ok_n}");
        assert_eq!(
            on_small_stack(src(ok_n + 1)),
            Err("C stack overflow".to_string()),
            "{shape} x {}",
            ok_n + 1
        );
        assert_eq!(
            on_small_stack(src(100_000)),
            Err("C stack overflow".to_string())
        );
    }
    let unary = format!("local s = {}1\n", "- ".repeat(100_000));
    assert_eq!(on_small_stack(unary), Err("C stack overflow".to_string()));
}

#[test]
fn limits_are_errors() {
    let regs = format!("print({})\n", vec!["x"; 300].join(","));
    let e = on_small_stack(regs).unwrap_err();
    assert!(
        e.contains("function or expression needs too many registers"),
        "{e}"
    );
    let many = format!(
        "local a0{}\n",
        (1..=200).map(|i| format!(", a{i}")).collect::<String>()
    );
    let e = on_small_stack(many).unwrap_err();
    assert!(
        e.contains("too many local variables (limit is 200) in main function"),
        "{e}"
    );
    let deep = format!("local x = {}1{}\n", "(".repeat(1000), ")".repeat(1000));
    assert_eq!(on_small_stack(deep), Err("C stack overflow".to_string()));
}

#[test]
fn garbage_does_not_panic() {
    let mut seed: u64 = 0x9e3779b97f4a7c15;
    let alphabet: &[u8] = b"local function end if then else elseif while do for in repeat until return break goto ::x:: = == ~= <= >= < > + - * / // % ^ # & | ~ << >> .. ... ( ) { } [ ] ; : , . a b c 1 2.5 'x' nil true false not and or <const> <close>\n";
    let words: Vec<&[u8]> = alphabet.split(|&c| c == b' ').collect();
    for _ in 0..300 {
        let mut src = Vec::new();
        for _ in 0..60 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            src.extend_from_slice(words[(seed % words.len() as u64) as usize]);
            src.push(b' ');
        }
        let _ = aqua_compiler::compile(&src, b"=garbage");
    }
}

#[test]
fn regalloc_report_lists_functions() {
    let r = aqua_compiler::regalloc_report(
        b"local c = 1\nlocal function f(x) return x + c end\nprint(f(2))\n",
        b"=r",
        aqua_compiler::Allocator::Lifo,
    )
    .expect("compiles");
    assert_eq!(r.matches("function <").count(), 2, "{r}");
    assert!(r.contains(" c"), "{r}");
}

/// The IR passes (run before the non-LIFO allocators) keep every function of the script corpus
/// allocatable and accepted by the allocation checker, with every non-LIFO allocator.
#[test]
fn passes_keep_the_corpus_checkable() {
    use aqua_compiler::regalloc::RegAlloc;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/lua");
    let mut files = Vec::new();
    let mut dirs = vec![root];
    while let Some(d) = dirs.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "lua") {
                files.push(p);
            }
        }
    }
    files.sort();
    let src: std::sync::Arc<[u8]> = std::sync::Arc::from(&b"=corpus"[..]);
    let ras: [&dyn RegAlloc; 2] = [
        &aqua_compiler::regalloc::linear_scan::LinearScan,
        &aqua_compiler::regalloc::coloring::Coloring::default(),
    ];
    let mut changed = 0;
    for path in &files {
        let Ok(text) = std::fs::read(path) else {
            continue;
        };
        let Ok(mut f) = aqua_compiler::compile_ir(&text, b"=corpus") else {
            continue;
        };
        let s = aqua_compiler::passes::run_passes(&mut f);
        if s != aqua_compiler::passes::PassStats::default() {
            changed += 1;
        }
        for ra in ras {
            if let Err(e) = aqua_compiler::lower(&f, ra, true, &src) {
                panic!("{}: {}: {e}", path.display(), ra.name());
            }
        }
    }
    assert!(files.len() > 100, "corpus not found");
    assert!(changed > 10, "passes changed only {changed} files");
}

/// lua's "bug in 5.4.7" (official suite, closure.lua): a bare comparison used as an index key of
/// an upvalue table must be materialised before the table is loaded, or the comparison's jump
/// skips the load. The allocation checker (on in tests) rejects the 5.4.4 code shape.
#[test]
fn comparison_key_of_upvalue_table() {
    let opts = aqua_compiler::Options {
        check: true,
        ..Default::default()
    };
    for src in [
        "local function aux () return _ENV[1 < 2] end",
        "local t = {} local function f (a, b) return t[a == b], t[not (a < b)] end",
    ] {
        let p = aqua_compiler::compile_with(src.as_bytes(), b"=t", &opts);
        assert!(p.is_ok(), "{src}: {:?}", p.err().map(|e| e.message));
    }
}
