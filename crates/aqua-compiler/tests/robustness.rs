//! Robustness: deeply nested and hostile inputs compile (or fail with a Lua error) without
//! panicking or overflowing the stack, even on a small (2 MB, like cargo's test threads) stack.

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

#[test]
fn long_chains_compile() {
    let sum = format!("local x = 1{}\n", " + x".repeat(3000));
    assert_eq!(on_small_stack(sum), Ok(()));
    let fields = format!("local y = a{}\n", ".b".repeat(3000));
    assert_eq!(on_small_stack(fields), Ok(()));
    let calls = format!("f{}\n", "()".repeat(3000));
    assert_eq!(on_small_stack(calls), Ok(()));
    let elseifs = format!("if x then{} end\n", " elseif x then y = 1".repeat(3000));
    assert_eq!(on_small_stack(elseifs), Ok(()));
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
