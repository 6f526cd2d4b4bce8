//! Hostile inputs: the parser must return `Ok` or `Err` — never panic, never overflow the stack —
//! whatever the bytes. Every input is parsed on a thread with a deliberately small stack (1 MiB,
//! half of a default test thread) so that stack-hungry recursion shows up here first.

use aqua_syntax::parse;

/// A tiny deterministic PRNG (xorshift64*), so the test needs no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Runs `f` on a thread with a 1 MiB stack and propagates its panic, if any.
fn small_stack<F: FnOnce() + Send + 'static>(f: F) {
    let h = std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(f)
        .expect("spawn");
    h.join().expect("parser panicked or overflowed");
}

fn parse_all(inputs: Vec<Vec<u8>>) {
    small_stack(move || {
        for src in inputs {
            let _ = parse(&src, b"hostile");
        }
    });
}

const TOKENS: &[&str] = &[
    "and",
    "break",
    "do",
    "else",
    "elseif",
    "end",
    "false",
    "for",
    "function",
    "goto",
    "if",
    "in",
    "local",
    "nil",
    "not",
    "or",
    "repeat",
    "return",
    "then",
    "true",
    "until",
    "while",
    "+",
    "-",
    "*",
    "/",
    "//",
    "%",
    "^",
    "#",
    "&",
    "~",
    "|",
    "<<",
    ">>",
    "==",
    "~=",
    "<=",
    ">=",
    "<",
    ">",
    "=",
    "(",
    ")",
    "{",
    "}",
    "[",
    "]",
    "::",
    ";",
    ":",
    ",",
    ".",
    "..",
    "...",
    "x",
    "y",
    "f",
    "1",
    "0x1p4",
    "2.5",
    "\"s\"",
    "'\\n'",
    "[[long]]",
    "[==[",
    "--",
    "--[[",
    "\n",
    "<const>",
    "<close>",
    "\"\\u{41}\"",
    "\"\\x4",
    "\\",
    "\"",
    "'",
    "3x",
    "\r\n",
    "\0",
    "\u{ff}",
];

#[test]
fn random_bytes() {
    let mut rng = Rng(0x1234_5678_9abc_def1);
    let mut inputs = Vec::new();
    for _ in 0..3000 {
        let len = rng.below(120);
        inputs.push((0..len).map(|_| rng.next() as u8).collect());
    }
    parse_all(inputs);
}

#[test]
fn token_soup() {
    let mut rng = Rng(42);
    let mut inputs = Vec::new();
    for _ in 0..5000 {
        let n = rng.below(60);
        let mut s = Vec::new();
        for _ in 0..n {
            s.extend_from_slice(TOKENS[rng.below(TOKENS.len())].as_bytes());
            s.push(b' ');
        }
        inputs.push(s);
    }
    parse_all(inputs);
}

const SAMPLE: &str = r#"
local t <const> = {1, 2.5, 0x10, "s\n", [[long
string]], x = {y = function(...) return ... end}, [f(1)] = -2^-3}
function t.a.b:c(x, y, ...)
  if x then return y elseif not y then goto skip else x = #t .. "a" end
  ::skip::
  for i = 1, 10, 2 do local c <close> = nil; break end
  for k, v in pairs(t) do repeat local z = k until z ~= v end
  while x > 0 and y or z do x = x - 1 end
  do local a, b = (f(x))[1], t:m "s" {1} end
  return x // y % 3 & 1 | 2 ~ 3 << 4 >> 5
end
"#;

#[test]
fn truncated_and_mutated_programs() {
    let src = SAMPLE.as_bytes();
    assert!(parse(src, b"sample").is_ok());
    let mut inputs = Vec::new();
    for i in 0..=src.len() {
        inputs.push(src[..i].to_vec());
        inputs.push(src[i..].to_vec());
    }
    let mut rng = Rng(7);
    for _ in 0..3000 {
        let mut s = src.to_vec();
        for _ in 0..1 + rng.below(4) {
            let p = rng.below(s.len());
            match rng.below(3) {
                0 => s[p] = rng.next() as u8,
                1 => {
                    s.remove(p);
                }
                _ => {
                    let t = TOKENS[rng.below(TOKENS.len())];
                    s.splice(p..p, t.bytes());
                }
            }
        }
        inputs.push(s);
    }
    parse_all(inputs);
}

#[test]
fn deep_nesting() {
    let n = 100_000;
    let mut inputs: Vec<Vec<u8>> = vec![
        "(".repeat(n).into_bytes(),
        format!("x = {}1{}", "(".repeat(n), ")".repeat(n)).into_bytes(),
        format!("x = {}", "{".repeat(n)).into_bytes(),
        format!("x = {}", "{a=".repeat(n)).into_bytes(),
        format!("x = {}", "{[".repeat(n)).into_bytes(),
        format!("x = {}", "function() ".repeat(n)).into_bytes(),
        format!("x = {}", "function() return ".repeat(n)).into_bytes(),
        "do ".repeat(n).into_bytes(),
        "if x then ".repeat(n).into_bytes(),
        "while x do ".repeat(n).into_bytes(),
        "repeat ".repeat(n).into_bytes(),
        "for i=1,2 do ".repeat(n).into_bytes(),
        "local function f() ".repeat(n).into_bytes(),
        format!("x = {}1", "- ".repeat(n)).into_bytes(),
        format!("x = {}1", "not ".repeat(n)).into_bytes(),
        format!("x = {}1", "~ ".repeat(n)).into_bytes(),
        format!("x = {}", vec!["a"; n].join("..")).into_bytes(),
        format!("x = {}", vec!["a"; n].join("^")).into_bytes(),
        format!("x = {}", vec!["a"; n].join("+")).into_bytes(),
        format!("x = {}", vec!["a"; n].join(" and ")).into_bytes(),
        format!("x = a{}", ".b".repeat(n)).into_bytes(),
        format!("x = a{}", "[1]".repeat(n)).into_bytes(),
        format!("x = f{}", "()".repeat(n)).into_bytes(),
        format!("x = a{}", ":m()".repeat(n)).into_bytes(),
        format!("x = {}", "f(".repeat(n)).into_bytes(),
        format!("x = {}", "a[".repeat(n)).into_bytes(),
        format!("{} = 1", vec!["a"; n].join(",")).into_bytes(),
        "::a:: ".repeat(n).into_bytes(),
        ";".repeat(n).into_bytes(),
        format!("return {}", vec!["1"; n].join(",")).into_bytes(),
        format!("x = {{{}}}", vec!["1"; n].join(",")).into_bytes(),
        "\n".repeat(n).into_bytes(),
        format!("x = \"{}\"", "\\z\n".repeat(n)).into_bytes(),
        format!("x = [==[{}", "]=]".repeat(n)).into_bytes(),
    ];
    // mixtures: long left chains inside nested parentheses
    let chain = vec!["a"; 300].join("+");
    inputs.push(format!("x = {}{}{}", "(".repeat(150), chain, ")".repeat(150)).into_bytes());
    let mut nested = String::from("a");
    for _ in 0..150 {
        nested = format!("({} + {})", nested, chain);
    }
    inputs.push(format!("x = {}", nested).into_bytes());
    parse_all(inputs);
}

#[test]
fn deepest_accepted_programs_fit_small_stacks() {
    // inputs just under every limit must parse (and be dropped) on the small stack
    small_stack(|| {
        let funcs = format!(
            "x = {}1{}",
            "function() return ".repeat(98),
            " end".repeat(98)
        );
        assert!(parse(funcs.as_bytes(), b"t").is_ok());
        let tables = format!("x = {}{}", "{".repeat(197), "}".repeat(197));
        assert!(parse(tables.as_bytes(), b"t").is_ok());
        let parens = format!("x = {}1{}", "(".repeat(196), ")".repeat(196));
        assert!(parse(parens.as_bytes(), b"t").is_ok());
    });
}

/// Left-associative chains of any length are accepted (lua5.4 parses them with loops), and
/// parsing, printing, cloning, formatting and dropping them takes bounded stack.
#[test]
fn long_left_chains_fit_small_stacks() {
    small_stack(|| {
        let n = 200_000;
        let chains = [
            format!("x = {}", vec!["a"; n].join("+")),
            format!("x = {}", vec!["a"; n].join(" and ")),
            format!("x = {}", vec!["a"; n].join(" or b and ")),
            format!("x = {}", vec!["a"; n].join("==")),
            format!("x = a{}", ".b".repeat(n)),
            format!("x = a{}", "[1]".repeat(n)),
            format!("f{}", "()".repeat(n)),
            format!("f{}", ":m()".repeat(n)),
            format!("f{}", "'s'{}".repeat(n / 2)),
            format!("x = -a{}", ".b[c]:m(1)(2)".repeat(n / 4)),
            format!("x = {}", vec!["a.b:c() * 2"; n / 4].join(" - ")),
            format!("x = ({})", vec!["a"; n].join("//")),
            format!(
                "return {}1{}",
                "(".repeat(190),
                format!("{})", " + t.x".repeat(n / 200)).repeat(190)
            ),
        ];
        for src in &chains {
            let c = match parse(src.as_bytes(), b"t") {
                Ok(c) => c,
                Err(e) => panic!("{}: {}", &src[..40], String::from_utf8_lossy(&e.message)),
            };
            let dump = aqua_syntax::pretty::chunk(&c);
            let lua = aqua_syntax::pretty::to_lua(&c);
            let copy = c.clone();
            assert_eq!(aqua_syntax::pretty::chunk(&copy), dump);
            let reparsed = parse(lua.as_bytes(), b"t").expect("to_lua reparses");
            assert_eq!(aqua_syntax::pretty::chunk(&reparsed), dump);
            let dbg = format!("{:?}", c.body.block.stats[0]);
            assert!(dbg.contains(".."));
        }
    });
}

/// Nesting depth of a tree, counting expressions, statements, blocks and function bodies on a
/// path but not the edges of left spines ([`Expr::spine_child`]): what recursive passes over
/// the tree pay in stack.
mod depth {
    use aqua_syntax::ast::*;

    pub fn block(b: &Block) -> u32 {
        1 + b.stats.iter().map(stat).max().unwrap_or(0)
    }

    fn body(f: &FuncBody) -> u32 {
        1 + block(&f.block)
    }

    fn exprs(es: &[Expr]) -> u32 {
        es.iter().map(expr).max().unwrap_or(0)
    }

    fn stat(s: &Stat) -> u32 {
        1 + match &s.kind {
            StatKind::Call(e) => expr(e),
            StatKind::Local { exprs: es, .. } => exprs(es),
            StatKind::Assign {
                targets, exprs: es, ..
            } => exprs(targets).max(exprs(es)),
            StatKind::Do(b) => block(b),
            StatKind::While { cond, body } => expr(cond).max(block(body)),
            StatKind::Repeat { body, cond } => expr(cond).max(block(body)),
            StatKind::If {
                arms, else_block, ..
            } => arms
                .iter()
                .map(|a| expr(&a.cond).max(block(&a.block)))
                .chain(else_block.iter().map(block))
                .max()
                .unwrap_or(0),
            StatKind::NumericFor {
                start,
                limit,
                step,
                body,
                ..
            } => expr(start)
                .max(expr(limit))
                .max(step.as_ref().map(expr).unwrap_or(0))
                .max(block(body)),
            StatKind::GenericFor {
                exprs: es, body, ..
            } => exprs(es).max(block(body)),
            StatKind::Function { body: b, .. } | StatKind::LocalFunction { body: b, .. } => body(b),
            StatKind::Return { exprs: es } => exprs(es),
            StatKind::Break | StatKind::Goto { .. } | StatKind::Label { .. } => 0,
        }
    }

    /// The spine is walked with a loop; only the other children add depth.
    pub fn expr(e: &Expr) -> u32 {
        let (spine, bottom) = e.left_spine();
        let mut d = bottom_expr(bottom);
        for node in spine {
            d = d.max(match &node.kind {
                ExprKind::Binary { rhs, .. } => expr(rhs),
                ExprKind::Index { key, .. } => expr(key),
                ExprKind::Call { args, .. } | ExprKind::MethodCall { args, .. } => {
                    exprs(&args.args)
                }
                _ => 0,
            });
        }
        1 + d
    }

    fn bottom_expr(e: &Expr) -> u32 {
        match &e.kind {
            ExprKind::Function(f) => body(f),
            ExprKind::Table(t) => t
                .fields
                .iter()
                .map(|f| match f {
                    Field::Positional(v) => expr(v),
                    Field::Named { value, .. } => expr(value),
                    Field::Keyed { key, value } => expr(key).max(expr(value)),
                })
                .max()
                .unwrap_or(0),
            ExprKind::Unary { operand, .. } => expr(operand),
            ExprKind::Paren(inner) => expr(inner),
            _ => 0,
        }
    }
}

/// Every tree the parser accepts has a nesting depth (spines not counted) bounded by lparser.c's
/// level limit: at most 3 nodes (statement, block, function body) per level. Checked on inputs
/// built to combine long left-associative chains with deep nesting.
#[test]
fn accepted_trees_have_bounded_depth() {
    let limit = 3 * aqua_syntax::parser::MAX_LEVELS + 2;
    let mut rng = Rng(99);
    small_stack(move || {
        let mut accepted = 0;
        let mut deepest = 0;
        for _ in 0..400 {
            let mut e = String::from("a");
            for _ in 0..rng.below(40) {
                let n = rng.below(3000);
                let sep = [" + ", ".", "[1].", ":m().", " .. ", " and "][rng.below(6)];
                let chain = vec!["b"; n + 1].join(sep);
                e = match rng.below(5) {
                    0 => format!("({}) + {}", e, chain),
                    1 => format!("{{{}, {}}}", e, chain),
                    2 => format!("function() return {} + {} end", e, chain),
                    3 => format!("f({}).{}", e, chain.replace(' ', "")),
                    _ => format!("-({})", e),
                };
            }
            let src = format!("if x then while y do x = {} end end", e);
            if let Ok(c) = aqua_syntax::parse(src.as_bytes(), b"t") {
                accepted += 1;
                let d = depth::block(&c.body.block);
                deepest = deepest.max(d);
                assert!(d <= limit, "depth {} > {}", d, limit);
            }
        }
        assert!(accepted > 50, "only {} accepted", accepted);
        assert!(deepest > 60, "deepest tree only {}", deepest);
    });
}
