//! Round trips: parse → `pretty::to_lua` → parse must give the same tree (compared through the
//! `pretty::chunk` dump), on hand-written programs and on randomly generated ones.

use aqua_syntax::{parse, pretty};

fn roundtrip(src: &str) {
    let c1 = parse(src.as_bytes(), b"t").unwrap_or_else(|e| panic!("{:?}: {}", src, e));
    let lua = pretty::to_lua(&c1);
    let c2 = parse(lua.as_bytes(), b"t")
        .unwrap_or_else(|e| panic!("reprinted source does not parse: {}\n{}", e, lua));
    assert_eq!(
        pretty::chunk(&c1),
        pretty::chunk(&c2),
        "source:\n{}\nreprinted:\n{}",
        src,
        lua
    );
    assert_eq!(pretty::to_lua(&c2), lua, "to_lua is not a fixed point");
}

#[test]
fn handwritten_programs() {
    for src in [
        "local t <const> = {1, 2.5, 0x10, \"s\\n\\0\\255\", [[long\nstring]], x = {y = function(...) return ... end}, [f(1)] = -2^-3}",
        "function t.a.b:c(x, y, ...) if x then return y elseif not y then goto skip else x = #t .. 'a' end ::skip:: end",
        "for i = 1, 10, 2 do local c <close> = nil; break end for k, v in pairs(t) do repeat local z = k until z ~= v end",
        "while x > 0 and y or z do x = x - 1 end do local a, b = (f(x))[1], t:m 's' {1} end",
        "return x // y % 3 & 1 | 2 ~ 3 << 4 >> 5, - - x, not not y, ~ ~z, 1 .. 2 .. 3, 2^3^2, (a + b) * c",
        "x = 0xffffffffffffffff + 0x7fffffffffffffff + 9223372036854775808 + 1e309 + 0x1p-1074 + .5 + 3.",
        "local function f() return end; f(); (f)(); f{}; f''; a.b.c[d]:e():f 'g' .h = 1",
        "x, y.z, w[1] = ...",
        "if a then elseif b then else end",
        "",
    ] {
        roundtrip(src);
    }
}

/// A tiny deterministic PRNG (xorshift64*).
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
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

const BINOPS: &[&str] = &[
    "+", "-", "*", "/", "//", "%", "^", "..", "==", "~=", "<", "<=", ">", ">=", "and", "or", "&",
    "|", "~", "<<", ">>",
];

fn name(r: &mut Rng) -> String {
    r.pick(&["a", "b", "c", "x", "self", "_k"]).to_string()
}

fn exp(r: &mut Rng, d: u32) -> String {
    let k = r.below(10);
    if d > 4 || k < 3 {
        return r
            .pick(&[
                "nil",
                "true",
                "false",
                "1",
                "2.5",
                "0x10",
                "\"s\"",
                "'q\\n'",
                "[[L]]",
                "a",
                "b",
                "...",
                "1e3",
                "0xffffffffffffffff",
            ])
            .to_string();
    }
    match k {
        3 | 4 => format!("{} {} {}", exp(r, d + 1), r.pick(BINOPS), exp(r, d + 1)),
        5 => format!("{} {}", r.pick(&["-", "not", "#", "~"]), exp(r, d + 1)),
        6 => format!("({})", exp(r, d + 1)),
        7 => {
            let n = r.below(4);
            let fields: Vec<String> = (0..n)
                .map(|_| match r.below(3) {
                    0 => exp(r, d + 1),
                    1 => format!("{} = {}", name(r), exp(r, d + 1)),
                    _ => format!("[{}] = {}", exp(r, d + 1), exp(r, d + 1)),
                })
                .collect();
            format!("{{{}{}}}", fields.join(", "), r.pick(&["", ",", ";"]))
        }
        8 => format!(
            "function({}) {} end",
            r.pick(&["", "a", "a, b", "...", "a, ..."]),
            block(r, d + 1)
        ),
        _ => suffixed(r, d + 1),
    }
}

fn suffixed(r: &mut Rng, d: u32) -> String {
    let mut s = if r.below(2) == 0 {
        name(r)
    } else {
        format!("({})", exp(r, d + 1))
    };
    for _ in 0..r.below(4) {
        let suffix = match r.below(6) {
            0 => format!(".{}", name(r)),
            1 => format!("[{}]", exp(r, d + 1)),
            2 => format!(":{}({})", name(r), exp(r, d + 1)),
            3 => format!("({}, {})", exp(r, d + 1), exp(r, d + 1)),
            4 => "\"str\"".to_string(),
            _ => "{}".to_string(),
        };
        s.push_str(&suffix);
    }
    s
}

fn call(r: &mut Rng, d: u32) -> String {
    format!(
        "{}{}",
        suffixed(r, d),
        r.pick(&["(1)", ":m()", "{}", "'s'"])
    )
}

fn stat(r: &mut Rng, d: u32) -> String {
    let k = if d > 3 { r.below(4) } else { r.below(16) };
    match k {
        0 => {
            let n = 1 + r.below(2);
            let vars: Vec<String> = (0..n)
                .map(|i| {
                    format!(
                        "{}{}",
                        name(r),
                        if i == 0 {
                            r.pick(&["", " <const>", " <close>"])
                        } else {
                            ""
                        }
                    )
                })
                .collect();
            let init = if r.below(2) == 0 {
                format!(" = {}", exp(r, d))
            } else {
                String::new()
            };
            format!("local {}{}", vars.join(", "), init)
        }
        1 => call(r, d),
        2 => format!("{}.f, {} = {}", suffixed(r, d), name(r), exp(r, d)),
        3 => format!("{} = {}", name(r), exp(r, d)),
        4 => format!("do {} end", block(r, d + 1)),
        5 => format!("while {} do {} end", exp(r, d), block(r, d + 1)),
        6 => format!("repeat {} until {}", block(r, d + 1), exp(r, d)),
        7 => format!(
            "if {} then {} elseif {} then {} else {} end",
            exp(r, d),
            block(r, d + 1),
            exp(r, d),
            block(r, d + 1),
            block(r, d + 1)
        ),
        8 => format!(
            "for i = {}, {}, {} do {} end",
            exp(r, d),
            exp(r, d),
            exp(r, d),
            block(r, d + 1)
        ),
        9 => format!("for k, v in {} do {} end", exp(r, d), block(r, d + 1)),
        10 => format!(
            "function {}{}(a, ...) {} end",
            name(r),
            r.pick(&["", ".f", ".f.g", ":m"]),
            block(r, d + 1)
        ),
        11 => format!("local function {}() {} end", name(r), block(r, d + 1)),
        12 => format!("::{}::", name(r)),
        13 => format!("goto {}", name(r)),
        14 => ";".to_string(),
        _ => "break".to_string(),
    }
}

fn block(r: &mut Rng, d: u32) -> String {
    let n = r.below(4);
    let mut s: Vec<String> = (0..n).map(|_| stat(r, d)).collect();
    if r.below(5) == 0 {
        s.push(format!("return {}", exp(r, d)));
    }
    s.join(" ")
}

#[test]
fn random_programs() {
    let mut r = Rng(2024);
    let mut parsed = 0;
    for _ in 0..3000 {
        let src = format!("local a, b, c, x, _k = ... {}", block(&mut r, 0));
        if parse(src.as_bytes(), b"t").is_ok() {
            parsed += 1;
            roundtrip(&src);
        }
    }
    assert!(
        parsed > 1500,
        "only {} of the generated programs parsed",
        parsed
    );
}
