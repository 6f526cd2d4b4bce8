//! Listings of very long left-associative chains (50,000 operators of mixed `+ - * // and or ==
//! < ..`, index/call/method spines such as `t.a.b[1]:m()`, chains as conditions and assignment
//! targets) compared with `luac5.4 -l -l` when it is installed; without it, the chunks must still
//! compile with the allocation checker on. Also the lines of code emitted before a token
//! (`NEWTABLE`, `VARARG`, list items) when comments sit between tokens, which the compiler finds
//! from the comment ranges the lexer records.

use std::io::Write;
use std::process::Command;

/// xorshift64*, so the programs are the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

const ATOMS: &[&str] = &[
    "a",
    "b",
    "1",
    "2.5",
    "\"s\"",
    "t.x",
    "t[1]",
    "t.a.b[1]:m()",
    "f()",
    "x.y.z",
    "(a)",
    "-a",
    "not b",
    "#t",
    "nil",
    "true",
    "k",
    "3",
    "f(a, b)(k)",
    "t[k].x:m(1, a)",
];

/// A chain of `n` binary operators from `ops` between random atoms. A run of `..` (right
/// associative: each one nests a level, in lua5.4 too) is cut by an `and` after 60.
fn chain(rng: &mut Rng, n: usize, ops: &[&str]) -> String {
    let mut s = String::from(rng.pick(ATOMS));
    let mut concat_run = 0;
    for i in 0..n {
        let mut op = rng.pick(ops);
        if op == ".." {
            concat_run += 1;
            if concat_run > 60 {
                op = "and";
            }
        }
        if matches!(op, "and" | "or" | "==" | "<") {
            concat_run = 0;
        }
        s.push(' ');
        s.push_str(op);
        s.push(' ');
        s.push_str(rng.pick(ATOMS));
        if i % 9 == 8 {
            s.push('\n');
        }
    }
    s
}

fn suffixes(rng: &mut Rng, n: usize, sufs: &[&str]) -> String {
    let mut s = String::new();
    for i in 0..n {
        s.push_str(rng.pick(sufs));
        if i % 40 == 39 {
            s.push('\n');
        }
    }
    s
}

fn program(seed: u64, n: usize) -> String {
    let mut rng = Rng(seed);
    let mixed = ["+", "-", "*", "//", "and", "or", "==", "<", ".."];
    let mut p = String::from(
        "local a, b, k = ...\nlocal t = {x = 1}\nlocal x = {y = {z = 2}}\nlocal function f() return f end\n",
    );
    p += &format!("local r1 = {}\n", chain(&mut rng, n, &mixed));
    p += &format!("local r2 = {}\n", chain(&mut rng, n / 10, &["and", "or"]));
    p += &format!(
        "if {} then r1 = 1 else r2 = 2 end\n",
        chain(&mut rng, n / 10, &["and", "or", "==", "<", "+"])
    );
    p += &format!(
        "while {} do break end\n",
        chain(&mut rng, n / 10, &["or", "and", "~=", ">="])
    );
    let calls = [
        ".a", ".b", "[1]", ":m()", "()", "[k]", "\"s\"", "{}", ":m(a, b)", "[a + b]",
    ];
    p += &format!("local r3 = t{}\n", suffixes(&mut rng, n / 5, &calls));
    p += &format!(
        "r3.x{} = {}\n",
        suffixes(&mut rng, n / 5, &[".a", "[1]", "[k]", "[a + b]"]),
        chain(&mut rng, 100, &mixed)
    );
    p += &format!("t{}\n", suffixes(&mut rng, n / 5, &calls[3..]));
    p += &format!(
        "return r1, r2, r3, {}\n",
        chain(&mut rng, n / 5, &["|", "&", "~", "<<", ">>", "%", "/"])
    );
    p
}

const COMMENTS: &str = "local t = --[[ c\n]] {\n  1, -- x\n  --[==[\n  ]==]\n  ...\n}\n\
print( -- a\n  ... --[[ b\n  ]], {} -- c\n  , --[[\n  ]] ...)\n\
local u = { --[[x]] k = --\n {}, [1] = -- y\n\n ... }\n";

/// luac's listing of `src` (written to `path`): `None` when luac5.4 is not installed, `Err` with
/// its message when it rejects the program (it must not: the programs are valid Lua).
fn luac_listing(src: &str, path: &std::path::Path) -> Option<Result<String, String>> {
    std::fs::File::create(path)
        .ok()?
        .write_all(src.as_bytes())
        .ok()?;
    let out = Command::new("luac5.4")
        .arg("-l")
        .arg("-l")
        .arg("-p")
        .arg(path)
        .output()
        .ok()?;
    if !out.status.success() {
        return Some(Err(String::from_utf8_lossy(&out.stderr).into_owned()));
    }
    Some(Ok(aqua_bytecode::listing::normalize_addresses(
        &String::from_utf8_lossy(&out.stdout),
    )))
}

/// First differing line of two listings, for a readable failure.
fn first_difference(a: &str, b: &str) -> String {
    for (i, (x, y)) in a.lines().zip(b.lines()).enumerate() {
        if x != y {
            return format!("line {}:\n  luac: {x}\n  ours: {y}", i + 1);
        }
    }
    format!(
        "lengths differ: {} vs {} lines",
        a.lines().count(),
        b.lines().count()
    )
}

#[test]
fn long_chain_listings_match_luac() {
    let dir = std::env::temp_dir().join(format!("aqua-chain-listings-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let mut sources = vec![COMMENTS.to_string()];
    for seed in 1..=2 {
        sources.push(program(seed * 7919, 50_000));
    }
    let mut failures = Vec::new();
    let mut compared = 0;
    for (n, src) in sources.iter().enumerate() {
        let path = dir.join(format!("chain{n}.lua"));
        let name = format!("@{}", path.display());
        let opts = aqua_compiler::Options {
            check: true,
            ..Default::default()
        };
        let p = aqua_compiler::compile_with(src.as_bytes(), name.as_bytes(), &opts)
            .unwrap_or_else(|e| panic!("chain program {n}: {e}"));
        let ours =
            aqua_bytecode::listing::normalize_addresses(&aqua_bytecode::listing::list(&p, true));
        if let Some(theirs) = luac_listing(src, &path) {
            compared += 1;
            let theirs = theirs.unwrap_or_else(|e| panic!("luac5.4 rejects program {n}: {e}"));
            if theirs != ours {
                failures.push(format!(
                    "chain program {n}: {}",
                    first_difference(&theirs, &ours)
                ));
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    if compared == 0 {
        assert!(
            std::env::var_os("AQUA_REQUIRE_ORACLE").is_none(),
            "luac5.4 not found, and AQUA_REQUIRE_ORACLE is set: the listings must be compared"
        );
        eprintln!("luac5.4 not found: listings compiled and checked, not compared");
    }
}
