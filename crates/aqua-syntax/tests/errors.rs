//! Syntax error messages compared with lua5.4: every expected text below was produced by
//! running `luac5.4 -p` on the source (the `chunkname:line:` prefix split into the line).

use aqua_syntax::parse;

/// (source, line, message) as printed by luac5.4.
const CASES: &[(&[u8], u32, &[u8])] = &[
    (b"x = \"abc", 1, b"unfinished string near <eof>"),
    (b"x = \"abc\n\"", 1, b"unfinished string near '\"abc'"),
    (
        b"x = [[abc",
        1,
        b"unfinished long string (starting at line 1) near <eof>",
    ),
    (
        b"x = [==[abc",
        1,
        b"unfinished long string (starting at line 1) near <eof>",
    ),
    (
        b"--[[ abc",
        1,
        b"unfinished long comment (starting at line 1) near <eof>",
    ),
    (b"x = \"\\q\"", 1, b"invalid escape sequence near '\"\\q'"),
    (
        b"x = \"\\300\"",
        1,
        b"decimal escape too large near '\"\\300\"'",
    ),
    (
        b"x = \"\\u{80000000}\"",
        1,
        b"UTF-8 value too large near '\"\\u{80000000'",
    ),
    (b"x = \"\\u123\"", 1, b"missing '{' near '\"\\u1'"),
    (b"x = \"\\u{12\"", 1, b"missing '}' near '\"\\u{12\"'"),
    (
        b"x = \"\\xZZ\"",
        1,
        b"hexadecimal digit expected near '\"\\xZ'",
    ),
    (
        b"x = \"\\x5\"",
        1,
        b"hexadecimal digit expected near '\"\\x5\"'",
    ),
    (b"x = 3x", 1, b"malformed number near '3x'"),
    (b"x = [=", 1, b"invalid long string delimiter near '[='"),
    (b"x = [=a", 1, b"invalid long string delimiter near '[='"),
    (b"x = 0x", 1, b"malformed number near '0x'"),
    (b"x = 1e", 1, b"malformed number near '1e'"),
    (b"x = 1..2", 1, b"malformed number near '1..2'"),
    (b"x = \"a\\0b\" \"c\"", 1, b"unexpected symbol near '\"c\"'"),
    (b"x = 1 \"a\\tb\"", 1, b"unexpected symbol near '\"a\tb\"'"),
    (b"x = 1 [[abc]]", 1, b"unexpected symbol near '[[abc]]'"),
    (b"x = \"\\z   \n  a\" 5", 2, b"unexpected symbol near '5'"),
    (b"return 1 x", 1, b"<eof> expected near 'x'"),
    (b"x", 1, b"syntax error near <eof>"),
    (b"x y", 1, b"syntax error near 'y'"),
    (b"(a) = 1", 1, b"syntax error near '='"),
    (b"f() = 1", 1, b"syntax error near '='"),
    (b"(f())", 1, b"syntax error near <eof>"),
    (b"a:b 1", 1, b"function arguments expected near '1'"),
    (b"for x do", 1, b"'=' or 'in' expected near 'do'"),
    (b"local x <foo> = 1", 1, b"unknown attribute 'foo'"),
    (
        b"local x <close>, y <close> = 1",
        1,
        b"multiple to-be-closed variables in local list",
    ),
    (
        b"function f(a, 1) end",
        1,
        b"<name> or '...' expected near '1'",
    ),
    (
        b"function f() x = ... end",
        1,
        b"cannot use '...' outside a vararg function near '...'",
    ),
    (b"goto 1", 1, b"<name> expected near '1'"),
    (b"local function 1", 1, b"<name> expected near '1'"),
    (b"f(", 1, b"unexpected symbol near <eof>"),
    (
        b"f(\n1",
        2,
        b"')' expected (to close '(' at line 1) near <eof>",
    ),
    (b"x = {[1] 2}", 1, b"'=' expected near '2'"),
    (b"x = {1 2}", 1, b"'}' expected near '2'"),
    (
        b"if x then\nelse\nx = 1",
        3,
        b"'end' expected (to close 'if' at line 1) near <eof>",
    ),
    (b"x = 1 + ", 1, b"unexpected symbol near <eof>"),
    (b"x = a.1", 1, b"unexpected symbol near '.1'"),
    (b"\tx = #", 1, b"unexpected symbol near <eof>"),
    (b"function f(..., a) end", 1, b"')' expected near ','"),
    (b"local x <const", 1, b"'>' expected near <eof>"),
    (b"local x <1>", 1, b"<name> expected near '1'"),
    (b"x = 3.e", 1, b"malformed number near '3.e'"),
    (b"x = 0xep", 1, b"malformed number near '0xep'"),
    (b"while true end", 1, b"'do' expected near 'end'"),
    (b"while true do", 1, b"'end' expected near <eof>"),
    (b"repeat", 1, b"'until' expected near <eof>"),
    (b"repeat x = 1", 1, b"'until' expected near <eof>"),
    (b"if x then", 1, b"'end' expected near <eof>"),
    (b"if x end", 1, b"'then' expected near 'end'"),
    (b"if x then elseif", 1, b"unexpected symbol near <eof>"),
    (b"for i = 1 do end", 1, b"',' expected near 'do'"),
    (b"for i = 1, 2 end", 1, b"'do' expected near 'end'"),
    (b"for a, in x do end", 1, b"<name> expected near 'in'"),
    (b"for a b", 1, b"'=' or 'in' expected near 'b'"),
    (b"for 1", 1, b"<name> expected near '1'"),
    (b"function a.b.c:m.n() end", 1, b"'(' expected near '.'"),
    (b"function a:", 1, b"<name> expected near <eof>"),
    (b"function () end", 1, b"<name> expected near '('"),
    (b"local function f", 1, b"'(' expected near <eof>"),
    (
        b"local function f(",
        1,
        b"<name> or '...' expected near <eof>",
    ),
    (b"return return", 1, b"unexpected symbol near 'return'"),
    (b"::foo", 1, b"'::' expected near <eof>"),
    (b"x = function", 1, b"'(' expected near <eof>"),
    (b"a = b = c", 1, b"unexpected symbol near '='"),
    (b"a, b", 1, b"'=' expected near <eof>"),
    (b"a, b() = 1", 1, b"syntax error near '='"),
    (b"local", 1, b"<name> expected near <eof>"),
    (b"local 1", 1, b"<name> expected near '1'"),
    (b"x = }", 1, b"unexpected symbol near '}'"),
    (b"x = )", 1, b"unexpected symbol near ')'"),
    (b"x = ]", 1, b"unexpected symbol near ']'"),
    (b"x = {", 1, b"unexpected symbol near <eof>"),
    (b"x = {,}", 1, b"unexpected symbol near ','"),
    (b"x = {a.b = 1}", 1, b"'}' expected near '='"),
    (b"x = (1", 1, b"')' expected near <eof>"),
    (
        b"x = (1\n",
        2,
        b"')' expected (to close '(' at line 1) near <eof>",
    ),
    (
        b"x = (\n1",
        2,
        b"')' expected (to close '(' at line 1) near <eof>",
    ),
    (b"x = @", 1, b"unexpected symbol near '@'"),
    (b"x = $", 1, b"unexpected symbol near '$'"),
    (b"x = \x80", 1, b"unexpected symbol near '<\\128>'"),
    (b"x = \x01", 1, b"unexpected symbol near '<\\1>'"),
    (b"\x00", 1, b"unexpected symbol"),
    (b"x = \"\\x00\" 1", 1, b"unexpected symbol near '1'"),
    (b"x = 1 \"a\\0b\"", 1, b"unexpected symbol near '\"a'"),
    (
        b"x = \"\\u{}\"",
        1,
        b"hexadecimal digit expected near '\"\\u{}'",
    ),
    (
        b"x = \"\\u{g}\"",
        1,
        b"hexadecimal digit expected near '\"\\u{g'",
    ),
    (
        b"x = \"\\x\"",
        1,
        b"hexadecimal digit expected near '\"\\x\"'",
    ),
    (b"x = \"\\", 1, b"unfinished string near <eof>"),
    (b"x = \"\\z", 1, b"unfinished string near <eof>"),
    (
        b"--[[\n\n\nx",
        4,
        b"unfinished long comment (starting at line 1) near <eof>",
    ),
    (
        b"x = [[\n\n\n",
        4,
        b"unfinished long string (starting at line 1) near <eof>",
    ),
    (b"x = \"\r\"", 1, b"unfinished string near '\"'"),
    (b"a:b = 1", 1, b"function arguments expected near '='"),
    (b"x = true false", 1, b"unexpected symbol near 'false'"),
    (b"x = nil nil", 1, b"unexpected symbol near 'nil'"),
    (b"elseif", 1, b"<eof> expected near 'elseif'"),
    (b"else", 1, b"<eof> expected near 'else'"),
    (b"end", 1, b"<eof> expected near 'end'"),
    (b"until", 1, b"<eof> expected near 'until'"),
    (b"then", 1, b"unexpected symbol near 'then'"),
    (b"x = 1 then", 1, b"unexpected symbol near 'then'"),
    (b"if x then end end", 1, b"<eof> expected near 'end'"),
    (b"do end end", 1, b"<eof> expected near 'end'"),
    (b"x = 0x", 1, b"malformed number near '0x'"),
    (b"x = 0x.p1", 1, b"malformed number near '0x.p1'"),
    (b"x = 12abc", 1, b"malformed number near '12abc'"),
    (b"x = 1__", 1, b"malformed number near '1_'"),
    (b"x = 1_", 1, b"malformed number near '1_'"),
    (b"x = .e1", 1, b"unexpected symbol near '.'"),
    (b"x = ..1", 1, b"unexpected symbol near '..'"),
    (b"x = ...1", 1, b"unexpected symbol near '1'"),
    (b"local x <close> <const>", 1, b"unexpected symbol near '<'"),
    (b"x = a.and", 1, b"<name> expected near 'and'"),
    (b"x = a:or()", 1, b"<name> expected near 'or'"),
    (b"and = 1", 1, b"unexpected symbol near 'and'"),
    (b"x = \"abc\ndef\"", 1, b"unfinished string near '\"abc'"),
    (
        b"function f(a,) end",
        1,
        b"<name> or '...' expected near ')'",
    ),
    (
        b"function f(,) end",
        1,
        b"<name> or '...' expected near ','",
    ),
    (
        b"x = function(...) return function() return ... end end",
        1,
        b"cannot use '...' outside a vararg function near '...'",
    ),
    (
        b"f(\n1\n",
        3,
        b"')' expected (to close '(' at line 1) near <eof>",
    ),
    (
        b"local x = [[\nabc\n]] + ",
        3,
        b"unexpected symbol near <eof>",
    ),
    (b"x = \"abc\\\ndef", 2, b"unfinished string near <eof>"),
    (b"x = 1\r\n\r\ny = +", 3, b"unexpected symbol near '+'"),
    (b"x = 1\r\r\ny = +", 3, b"unexpected symbol near '+'"),
    (b"x = 1\n\r\n\ry = +", 3, b"unexpected symbol near '+'"),
    (b"x = 1\n\n\r\ry = +", 4, b"unexpected symbol near '+'"),
    (b"x = \"a\\z\n\n  b\" +", 3, b"unexpected symbol near <eof>"),
    (
        b"x = {\n1,\n2\n",
        4,
        b"'}' expected (to close '{' at line 1) near <eof>",
    ),
    (
        b"x = {\n1,\n2\n)",
        4,
        b"'}' expected (to close '{' at line 1) near ')'",
    ),
    (
        b"function f()\n\nreturn 1\n",
        4,
        b"'end' expected (to close 'function' at line 1) near <eof>",
    ),
    (
        b"while x do\n\n",
        3,
        b"'end' expected (to close 'while' at line 1) near <eof>",
    ),
    (
        b"if x then\nelseif y then\n\n",
        4,
        b"'end' expected (to close 'if' at line 1) near <eof>",
    ),
    (
        b"repeat\n\n",
        3,
        b"'until' expected (to close 'repeat' at line 1) near <eof>",
    ),
    (
        b"for i = 1, 2 do\n\n",
        3,
        b"'end' expected (to close 'for' at line 1) near <eof>",
    ),
    (
        b"for k in x do\n\n",
        3,
        b"'end' expected (to close 'for' at line 1) near <eof>",
    ),
    (
        b"do\n\n",
        3,
        b"'end' expected (to close 'do' at line 1) near <eof>",
    ),
    (
        b"local function f()\n\n",
        3,
        b"'end' expected (to close 'function' at line 1) near <eof>",
    ),
    (
        b"x = function()\n\n",
        3,
        b"'end' expected (to close 'function' at line 1) near <eof>",
    ),
    (
        b"f(\n1,\n2\n3)",
        4,
        b"')' expected (to close '(' at line 1) near '3'",
    ),
    (
        b"a\n.b\n.c(\n1",
        4,
        b"')' expected (to close '(' at line 1) near <eof>",
    ),
    (
        b"x = (\n1\n2)",
        3,
        b"')' expected (to close '(' at line 1) near '2'",
    ),
    (
        b"--[==[\n\n\n",
        4,
        b"unfinished long comment (starting at line 1) near <eof>",
    ),
    (
        b"x = [[\n\n",
        3,
        b"unfinished long string (starting at line 1) near <eof>",
    ),
    (
        b"x = [==[\n]=]\n]]\n",
        4,
        b"unfinished long string (starting at line 1) near <eof>",
    ),
    (
        b"x = \"\\u{110000000}\"",
        1,
        b"UTF-8 value too large near '\"\\u{110000000'",
    ),
    (
        b"x = \"\\u{7FFFFFFF0}\"",
        1,
        b"UTF-8 value too large near '\"\\u{7FFFFFFF0'",
    ),
    (b"x = 0x1p", 1, b"malformed number near '0x1p'"),
    (b"x = 1e+", 1, b"malformed number near '1e+'"),
    (b"x = 3.14.15", 1, b"malformed number near '3.14.15'"),
    (b"x = 0xg", 1, b"malformed number near '0xg'"),
    (b"x = 1 2", 1, b"unexpected symbol near '2'"),
    (b"x = a:b.c()", 1, b"function arguments expected near '.'"),
    (b"x = a:b", 1, b"function arguments expected near <eof>"),
    (b"local x <const> <close>", 1, b"unexpected symbol near '<'"),
    (
        b"local x <const>, y <close>, z <close>",
        1,
        b"multiple to-be-closed variables in local list",
    ),
    (b"return 1 2", 1, b"<eof> expected near '2'"),
    (b"return 1; x = 1", 1, b"<eof> expected near 'x'"),
    (b"::a:: b", 1, b"syntax error near <eof>"),
    (b"goto", 1, b"<name> expected near <eof>"),
    (b"x = #", 1, b"unexpected symbol near <eof>"),
    (b"x = not", 1, b"unexpected symbol near <eof>"),
    (b"x = -", 1, b"unexpected symbol near <eof>"),
    (b"local function", 1, b"<name> expected near <eof>"),
    (b"function", 1, b"<name> expected near <eof>"),
    (b"function a.", 1, b"<name> expected near <eof>"),
    (b"function a:b.c() end", 1, b"'(' expected near '.'"),
    (b"x = {[1]}", 1, b"'=' expected near '}'"),
    (b"x = {[1] = }", 1, b"unexpected symbol near '}'"),
    (b"x = {a = }", 1, b"unexpected symbol near '}'"),
    (b"x = {a = 1 b = 2}", 1, b"'}' expected near 'b'"),
    (b"if x then else else end", 1, b"'end' expected near 'else'"),
    (b"for i, j = 1, 2 do end", 1, b"'in' expected near '='"),
    (b"for i = 1, 2, 3, 4 do end", 1, b"'do' expected near ','"),
    (b"x = 1 + + 2", 1, b"unexpected symbol near '+'"),
    (b"x = a..", 1, b"unexpected symbol near <eof>"),
    (b"x = a .. .. b", 1, b"unexpected symbol near '..'"),
    (b"x.y", 1, b"syntax error near <eof>"),
    (b"x.y = ", 1, b"unexpected symbol near <eof>"),
    (b"x[1", 1, b"']' expected near <eof>"),
    (b"x[1] = 2 3", 1, b"unexpected symbol near '3'"),
    (b"f(a,)", 1, b"unexpected symbol near ')'"),
    (b"f(,a)", 1, b"unexpected symbol near ','"),
    (b"f(a b)", 1, b"')' expected near 'b'"),
    (b"local a.b = 1", 1, b"unexpected symbol near '.'"),
    (b"local a = 1, ", 1, b"unexpected symbol near <eof>"),
    (b"x = ... ...", 1, b"unexpected symbol near '...'"),
    (b"x = 1 \x7f", 1, b"unexpected symbol near '<\\127>'"),
    (b"x = \x1b", 1, b"unexpected symbol near '<\\27>'"),
    (
        b"x = \"\\300",
        1,
        b"decimal escape too large near '\"\\300'",
    ),
    (b"x = [==[\n\n]==] +", 3, b"unexpected symbol near <eof>"),
    (b"x = \"a\\\n\\\nb\" +", 3, b"unexpected symbol near <eof>"),
    (b"x = 1 + \n\n", 3, b"unexpected symbol near <eof>"),
    (
        b"local x <close> = 1 ::a::\n x",
        2,
        b"syntax error near <eof>",
    ),
    (b"x = f\n(1) y", 2, b"syntax error near <eof>"),
];

fn check(src: &[u8], line: u32, msg: &[u8]) {
    match parse(src, b"test") {
        Ok(_) => panic!(
            "{:?} parsed, expected {}",
            String::from_utf8_lossy(src),
            String::from_utf8_lossy(msg)
        ),
        Err(e) => {
            assert_eq!(
                (e.line, String::from_utf8_lossy(&e.message).into_owned()),
                (line, String::from_utf8_lossy(msg).into_owned()),
                "source {:?}",
                String::from_utf8_lossy(src)
            );
        }
    }
}

#[test]
fn messages_match_lua54() {
    for (src, line, msg) in CASES {
        check(src, *line, msg);
    }
}

fn locals(n: usize, sep: &str) -> String {
    (0..n)
        .map(|i| format!("a{}", i))
        .collect::<Vec<_>>()
        .join(sep)
}

fn local_lines(n: usize) -> String {
    (0..n).map(|i| format!("local a{}\n", i)).collect()
}

#[test]
fn local_variable_limit() {
    check(
        format!("local {}", locals(201, ", ")).as_bytes(),
        1,
        b"too many local variables (limit is 200) in main function near <eof>",
    );
    check(
        format!("\n\nfunction f()\n{}end", local_lines(201)).as_bytes(),
        205,
        b"too many local variables (limit is 200) in function at line 3 near 'end'",
    );
    // a numeric for uses 4 variables, a generic for 5 (+ names)
    check(
        format!("for i = 1, 2 do\n{}end", local_lines(197)).as_bytes(),
        199,
        b"too many local variables (limit is 200) in main function near 'end'",
    );
    check(
        format!("for a, b in x do\n{}end", local_lines(195)).as_bytes(),
        197,
        b"too many local variables (limit is 200) in main function near 'end'",
    );
    check(
        format!("function f({}) end", locals(201, ",")).as_bytes(),
        1,
        b"too many local variables (limit is 200) in function at line 1 near ')'",
    );
    // 200 is fine, and scopes release their locals
    assert!(parse(local_lines(200).as_bytes(), b"t").is_ok());
    let body = local_lines(150);
    let src = format!("do {} end do {} end", body, body);
    assert!(parse(src.as_bytes(), b"t").is_ok());
}

fn ok(src: String) -> bool {
    match parse(src.as_bytes(), b"t") {
        Ok(_) => true,
        Err(e) => {
            assert_eq!(
                (e.line, e.message.as_slice()),
                (0, &b"C stack overflow"[..])
            );
            false
        }
    }
}

/// lua5.4 running a file (and luac5.4) accepts 196 nested parentheses and fails at 197 with a
/// bare "C stack overflow"; the other thresholds were measured the same way.
#[test]
fn nesting_limit() {
    let nest = |n: usize| format!("x = {}1{}", "(".repeat(n), ")".repeat(n));
    assert!(ok(nest(196)));
    assert!(!ok(nest(197)));
    let tables = |n: usize| format!("x = {}{}", "{".repeat(n), "}".repeat(n));
    assert!(ok(tables(197)));
    assert!(!ok(tables(198)));
    let funcs = |n: usize| {
        format!(
            "x = {}1{}",
            "function() return ".repeat(n),
            " end".repeat(n)
        )
    };
    assert!(ok(funcs(98)));
    assert!(!ok(funcs(99)));
    let dos = |n: usize| format!("{}{}", "do ".repeat(n), "end ".repeat(n));
    assert!(ok(dos(198)));
    assert!(!ok(dos(199)));
    let concat = |n: usize| format!("x = {}", vec!["a"; n].join(".."));
    assert!(ok(concat(197)));
    assert!(!ok(concat(198)));
    let assign = |n: usize| format!("{} = 1", vec!["a"; n].join(","));
    assert!(ok(assign(197)));
    assert!(!ok(assign(198)));
    assert!(!ok("(".repeat(100_000)));
    assert!(!ok(format!("x = {}", "{".repeat(100_000))));
    assert!(!ok(format!("x = {}", "- ".repeat(100_000))));
    assert!(!ok("do ".repeat(100_000)));
    assert!(!ok("::a:: ".repeat(100_000)));
}

/// `load` called from a Lua function has one more C level in use: lua5.4 -e
/// 'load(("("):rep(196) ...)' fails where a file with 196 parentheses parses.
#[test]
fn nesting_limit_under_load() {
    let nest = |n: usize| format!("x = {}1{}", "(".repeat(n), ")".repeat(n));
    assert!(aqua_syntax::parse_with_c_calls(nest(195).as_bytes(), b"t", 2).is_ok());
    assert!(aqua_syntax::parse_with_c_calls(nest(196).as_bytes(), b"t", 2).is_err());
}

/// `parse` behaves like `load`: a BOM or a `#` first line is not skipped (that is loadfile's job);
/// lua5.4 -e 'print(load("\xef\xbb\xbfprint(1)"))' prints this message.
#[test]
fn no_bom_or_shebang_skipping() {
    check(
        b"\xef\xbb\xbfprint(1)",
        1,
        b"unexpected symbol near '<\\239>'",
    );
    check(
        b"#!/usr/bin/lua\nprint(1)",
        1,
        b"unexpected symbol near '#'",
    );
}
