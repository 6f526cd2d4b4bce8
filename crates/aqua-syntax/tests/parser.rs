//! Parser tests: precedence and associativity, every statement kind, and the positions the
//! compiler relies on (lines checked against `luac5.4 -l` listings where noted).

use aqua_syntax::ast::*;
use aqua_syntax::{parse, pretty};

fn p(src: &str) -> String {
    match parse(src.as_bytes(), b"t") {
        Ok(c) => pretty::chunk(&c),
        Err(e) => panic!("{:?}: {}", src, e),
    }
}

fn chunk(src: &str) -> Chunk {
    parse(src.as_bytes(), b"t").unwrap_or_else(|e| panic!("{:?}: {}", src, e))
}

/// The expression of `x = <src>`.
fn e(src: &str) -> String {
    let out = p(&format!("x = {}", src));
    out.strip_prefix("[(= (x) (")
        .and_then(|s| s.strip_suffix("))]"))
        .unwrap_or(&out)
        .to_string()
}

#[test]
fn precedence_and_associativity() {
    assert_eq!(e("1 + 2 * 3"), "(+ 1 (* 2 3))");
    assert_eq!(e("1 * 2 + 3"), "(+ (* 1 2) 3)");
    assert_eq!(e("1 - 2 - 3"), "(- (- 1 2) 3)");
    assert_eq!(e("-x^2"), "(- (^ x 2))");
    assert_eq!(e("2^-3"), "(^ 2 (- 3))");
    assert_eq!(e("2^3^2"), "(^ 2 (^ 3 2))");
    assert_eq!(e("a .. b .. c"), "(.. a (.. b c))");
    assert_eq!(e("a .. b + c"), "(.. a (+ b c))");
    assert_eq!(e("a + b .. c"), "(.. (+ a b) c)");
    assert_eq!(e("not a == b"), "(== (not a) b)");
    assert_eq!(e("a or b and c"), "(or a (and b c))");
    assert_eq!(e("a and b or c and d"), "(or (and a b) (and c d))");
    assert_eq!(e("a < b == c"), "(== (< a b) c)");
    assert_eq!(
        e("a | b ~ c & d << e .. f"),
        "(| a (~ b (& c (<< d (.. e f)))))"
    );
    assert_eq!(e("a >> b << c"), "(<< (>> a b) c)");
    assert_eq!(e("a // b % c * d / e"), "(/ (* (% (// a b) c) d) e)");
    assert_eq!(e("#t + 1"), "(+ (# t) 1)");
    assert_eq!(e("~a ~ ~b"), "(~ (~ a) (~ b))");
    assert_eq!(e("- - 1"), "(- (- 1))");
    assert_eq!(e("-2^-2^2"), "(- (^ 2 (- (^ 2 2))))");
    assert_eq!(e("(a + b) * c"), "(* (paren (+ a b)) c)");
    assert_eq!(e("a ~= b"), "(~= a b)");
    assert_eq!(
        e("1 <= 2 and 3 >= 4 or 5 > 6"),
        "(or (and (<= 1 2) (>= 3 4)) (> 5 6))"
    );
}

#[test]
fn literals_and_constructors() {
    assert_eq!(e("nil"), "nil");
    assert_eq!(e("true"), "true");
    assert_eq!(e("false"), "false");
    assert_eq!(e("..."), "...");
    assert_eq!(e("0x7fffffffffffffff"), "9223372036854775807");
    assert_eq!(e("0xffffffffffffffff"), "-1");
    assert_eq!(e("9223372036854775807"), "9223372036854775807");
    assert_eq!(e("9223372036854775808"), "9.223372036854776e18");
    assert_eq!(e("1e309"), "inf");
    assert_eq!(e("0x1p-2"), "0.25");
    assert_eq!(e(".5"), "0.5");
    assert_eq!(e("3."), "3.0");
    assert_eq!(e("0x.8p1"), "1.0");
    assert_eq!(e("0xA"), "10");
    assert_eq!(e("1E2"), "100.0");
    assert_eq!(e("'a\\tb'"), "\"a\\9b\"");
    assert_eq!(e("{}"), "{}");
    assert_eq!(e("{1, 2; 3,}"), "{1 2 3}");
    assert_eq!(e("{a = 1, [b] = 2, c}"), "{a=1 [b]=2 c}");
    assert_eq!(e("{f(), ...}"), "{(call f) ...}");
    assert_eq!(e("function(a, b, ...) end"), "(function (a b ...) [])");
    assert_eq!(
        e("function(...) return ... end"),
        "(function (...) [(return ...)])"
    );
}

#[test]
fn suffixed_expressions() {
    assert_eq!(e("a.b.c"), "a.b.c");
    assert_eq!(e("a[b][1]"), "a[b][1]");
    assert_eq!(e("a.b(1)(2)"), "(call (call a.b 1) 2)");
    assert_eq!(e("a:m(1, 2)"), "(method a m 1 2)");
    assert_eq!(e("a:m'x'"), "(method a m \"x\")");
    assert_eq!(e("f{1}"), "(call f {1})");
    assert_eq!(e("f[[s]]"), "(call f \"s\")");
    assert_eq!(e("(f)(x)"), "(call (paren f) x)");
    assert_eq!(e("(f())"), "(paren (call f))");
    assert_eq!(e("a.b:c(d).e"), "(method a.b c d).e");
    assert_eq!(e("a[\"b\"]"), "a[\"b\"]");
}

#[test]
fn statements() {
    assert_eq!(
        p("local a, b <const>, c <close> = 1, 2"),
        "[(local (a b<const> c<close>) (1 2))]"
    );
    assert_eq!(p("local a"), "[(local (a) ())]");
    assert_eq!(p("a, b.c, d[1] = 1, 2, 3"), "[(= (a b.c d[1]) (1 2 3))]");
    assert_eq!(p("f(1) a:m()"), "[(call f 1) (method a m)]");
    assert_eq!(p("do local x end"), "[(do [(local (x) ())])]");
    assert_eq!(p("while x do break end"), "[(while x [break])]");
    assert_eq!(p("repeat local x until x"), "[(repeat [(local (x) ())] x)]");
    assert_eq!(
        p("if a then x() elseif b then y() else z() end"),
        "[(if (a [(call x)]) (b [(call y)]) (else [(call z)]))]"
    );
    assert_eq!(p("if a then end"), "[(if (a []))]");
    assert_eq!(p("for i = 1, 10 do end"), "[(for i 1 10 [])]");
    assert_eq!(p("for i = 1, 10, 2 do end"), "[(for i 1 10 2 [])]");
    assert_eq!(
        p("for k, v in pairs(t) do end"),
        "[(forin (k v) ((call pairs t)) [])]"
    );
    assert_eq!(
        p("function a.b.c:m(x) end"),
        "[(function a.b.c:m (self x) [])]"
    );
    assert_eq!(p("function f(...) end"), "[(function f (...) [])]");
    assert_eq!(
        p("local function f(a) return a end"),
        "[(localfunction f (a) [(return a)])]"
    );
    assert_eq!(p("return"), "[(return)]");
    assert_eq!(p("return 1, 2;"), "[(return 1 2)]");
    assert_eq!(p("do return end"), "[(do [(return)])]");
    assert_eq!(p("goto l ::l::"), "[(goto l) (label l)]");
    assert_eq!(
        p("::a:: ; ::b:: ;; x = 1"),
        "[(label a) (label b) (= (x) (1))]"
    );
    assert_eq!(p(";;;"), "[]");
    assert_eq!(p(""), "[]");
    // a leading '#' line is loadfile's business, not the parser's
    let err = parse(b"#!/usr/bin/lua\nx = 1", b"t").unwrap_err();
    assert_eq!(
        (err.line, err.message.as_slice()),
        (1, &b"unexpected symbol near '#'"[..])
    );
}

/// Source of `pos_lua`; the expected lines come from `luac5.4 -l -l` on it.
const POS: &str = "local a = f(\n  1,\n  2)\nlocal t = {\n  x = 1,\n}\nif a then\n  g()\nelseif b then\n  h()\nelse\n  k()\nend\nlocal function q(x,\n y, ...)\n  return x +\n   y\nend\nwhile a do\n  a = a - 1\nend\n\n-- trailing comment\n\n";

#[test]
fn positions_match_luac() {
    let c = chunk(POS);
    let main = &c.body;
    assert_eq!((main.line, main.end_line, main.is_vararg), (0, 0, true));
    // final RETURN of main is at [21]: the last token's line
    assert_eq!(main.block.last_line, 21);
    assert_eq!(main.block.end_line, 25);
    let stats = &main.block.stats;
    assert_eq!(stats.len(), 5);
    // local a = f(1, 2): CALL at [1] (line where the suffixed expression starts)
    let StatKind::Local { exprs, .. } = &stats[0].kind else {
        panic!()
    };
    assert_eq!(stats[0].span.line, 1);
    let ExprKind::Call { args, .. } = &exprs[0].kind else {
        panic!()
    };
    assert_eq!(exprs[0].span.line, 1);
    assert_eq!(args.span.line, 1);
    assert_eq!(c.lines.line_at(args.span.end), 3);
    assert_eq!(args.args[0].span.line, 2);
    // table constructor: NEWTABLE at [4], SETFIELD at [5]
    let StatKind::Local { exprs, .. } = &stats[1].kind else {
        panic!()
    };
    let ExprKind::Table(t) = &exprs[0].kind else {
        panic!()
    };
    assert_eq!((exprs[0].span.line, t.close_line), (4, 6));
    let Field::Named { name_span, .. } = &t.fields[0] else {
        panic!()
    };
    assert_eq!(name_span.line, 5);
    // if: the JMPs closing each arm are at [8] and [10]
    let StatKind::If {
        arms,
        else_block,
        end_line,
    } = &stats[2].kind
    else {
        panic!()
    };
    assert_eq!(
        (
            arms[0].line,
            arms[0].block.last_line,
            arms[0].block.end_line
        ),
        (7, 8, 9)
    );
    assert_eq!(
        (
            arms[1].line,
            arms[1].block.last_line,
            arms[1].block.end_line
        ),
        (9, 10, 11)
    );
    let eb = else_block.as_ref().unwrap();
    assert_eq!((eb.last_line, eb.end_line, *end_line), (12, 13, 13));
    // local function q: <pos.lua:14,18>, ADD at [16], RETURN at [17]
    let StatKind::LocalFunction {
        body, name_span, ..
    } = &stats[3].kind
    else {
        panic!()
    };
    assert_eq!((body.line, body.end_line, name_span.line), (14, 18, 14));
    assert!(body.is_vararg && !body.is_method && body.params.len() == 2);
    assert_eq!(body.block.last_line, 17);
    let ret = &body.block.stats[0];
    assert_eq!(ret.span.line, 16);
    let StatKind::Return { exprs } = &ret.kind else {
        panic!()
    };
    let ExprKind::Binary { op_line, op, .. } = &exprs[0].kind else {
        panic!()
    };
    assert_eq!((*op, *op_line), (BinOp::Add, 16));
    assert_eq!(c.lines.line_at(exprs[0].span.end), 17);
    // while: back-jump at [20]
    let StatKind::While { body, .. } = &stats[4].kind else {
        panic!()
    };
    assert_eq!(
        (stats[4].span.line, body.last_line, body.end_line),
        (19, 20, 21)
    );
}

#[test]
fn spans_and_lines() {
    let src = "x = a.b[c]:m(1)\nlocal function f() end\nfunction g.h:i() end";
    let c = chunk(src);
    let st = &c.body.block.stats;
    let span_text = |s: Span| &src[s.start as usize..s.end as usize];
    assert_eq!(span_text(st[0].span), "x = a.b[c]:m(1)");
    assert_eq!(span_text(st[1].span), "local function f() end");
    assert_eq!(span_text(st[2].span), "function g.h:i() end");
    let StatKind::Assign {
        exprs,
        targets,
        eq_line,
    } = &st[0].kind
    else {
        panic!()
    };
    assert_eq!(*eq_line, 1);
    assert_eq!(span_text(targets[0].span), "x");
    assert_eq!(span_text(exprs[0].span), "a.b[c]:m(1)");
    let ExprKind::MethodCall {
        obj,
        method_span,
        args,
        ..
    } = &exprs[0].kind
    else {
        panic!()
    };
    assert_eq!(span_text(obj.span), "a.b[c]");
    assert_eq!(span_text(*method_span), "m");
    assert_eq!(span_text(args.span), "(1)");
    let ExprKind::Index {
        obj: ab,
        key,
        style,
    } = &obj.kind
    else {
        panic!()
    };
    assert_eq!(
        (span_text(ab.span), span_text(key.span), *style),
        ("a.b", "c", IndexStyle::Bracket)
    );
    let ExprKind::Index { key, style, .. } = &ab.kind else {
        panic!()
    };
    assert_eq!((span_text(key.span), *style), ("b", IndexStyle::Dot));
    let StatKind::Function { name, body } = &st[2].kind else {
        panic!()
    };
    assert!(body.is_method);
    assert_eq!(body.params[0].as_bytes(), b"self");
    assert_eq!(span_text(name.base_span), "g");
    assert_eq!(span_text(name.fields[0].1), "h");
    assert_eq!(span_text(name.method.as_ref().unwrap().1), "i");
    assert_eq!((body.line, body.end_line), (3, 3));
    // line map: \r\n, \n\r, \r and \n each count once
    let c = chunk("a = 1\r\nb = 2\n\rc = 3\rd = 4\ne = 5");
    let lines: Vec<u32> = c.body.block.stats.iter().map(|s| s.span.line).collect();
    assert_eq!(lines, vec![1, 2, 3, 4, 5]);
    for s in &c.body.block.stats {
        assert_eq!(c.lines.line_at(s.span.start), s.span.line);
    }
    // linedefined of anonymous functions is the line after 'function' (as lparser.c)
    let c = chunk("x = function\n() end\nlocal function g\n()\nend\nfunction\nh\n()\nend\n");
    let st = &c.body.block.stats;
    let StatKind::Assign { exprs, .. } = &st[0].kind else {
        panic!()
    };
    let ExprKind::Function(f) = &exprs[0].kind else {
        panic!()
    };
    assert_eq!((f.line, f.end_line), (2, 2));
    let StatKind::LocalFunction { body, .. } = &st[1].kind else {
        panic!()
    };
    assert_eq!((body.line, body.end_line), (4, 5));
    let StatKind::Function { body, .. } = &st[2].kind else {
        panic!()
    };
    assert_eq!((body.line, body.end_line), (6, 9));
    // empty chunk: lastline 1
    assert_eq!(chunk("").body.block.last_line, 1);
    assert_eq!(chunk("\n\n").body.block.last_line, 1);
}

#[test]
fn near_token_texts() {
    use aqua_syntax::near_token;
    let src = "local a = f(x) -- c\n  --[[ long\n comment ]] return 'a\\tb'\n";
    let c = chunk(src);
    let n = |off: usize| near_token(src.as_bytes(), &c.lines, off as u32);
    assert_eq!(n(0), Some((1, b"'local'".to_vec())));
    assert_eq!(n(6), Some((1, b"'a'".to_vec())));
    assert_eq!(n(11), Some((1, b"'('".to_vec())));
    assert_eq!(n(14), Some((3, b"'return'".to_vec())));
    let s = src.find('\'').unwrap();
    assert_eq!(n(s), Some((3, b"''a\tb''".to_vec())));
    assert_eq!(n(src.len()), Some((4, b"<eof>".to_vec())));
    assert_eq!(near_token(b"x\0", &c.lines, 1), None);
}

#[test]
fn if_then_break() {
    assert_eq!(
        p("while x do if x then break; ; y() end end"),
        "[(while x [(if (x [break (call y)]))])]"
    );
    assert_eq!(
        p("while x do if x then break end end"),
        "[(while x [(if (x [break]))])]"
    );
}

/// Lines of instructions lparser.c emits before consuming the current token (checked against
/// `luac5.4 -l`: LOADI of the key at [4] = line of `=`, VARARGPREP at [8], VARARG at [9]).
#[test]
fn lastline_before_tokens() {
    use aqua_syntax::lastline_at;
    let src = "local t = {\n [-1]\n\n =\n\n 2}\nlocal function f(a,\n...\n) return\n\n ... end";
    let c = chunk(src);
    let st = &c.body.block.stats;
    let StatKind::Local { exprs, .. } = &st[0].kind else {
        panic!()
    };
    let ExprKind::Table(t) = &exprs[0].kind else {
        panic!()
    };
    let Field::Keyed { key, value } = &t.fields[0] else {
        panic!()
    };
    assert_eq!(
        lastline_at(src.as_bytes(), &c.lines, key.span.end, value.span.start),
        4
    );
    let StatKind::LocalFunction { body, .. } = &st[1].kind else {
        panic!()
    };
    let close_paren = body.block.span.start - 1;
    assert_eq!(&src[close_paren as usize..close_paren as usize + 1], ")");
    assert_eq!(
        lastline_at(src.as_bytes(), &c.lines, body.span.start, close_paren),
        8
    );
    let ret = &body.block.stats[0];
    let StatKind::Return { exprs } = &ret.kind else {
        panic!()
    };
    assert_eq!(
        lastline_at(
            src.as_bytes(),
            &c.lines,
            ret.span.start,
            exprs[0].span.start
        ),
        9
    );
    // no token in between: the line of `from`
    assert_eq!(
        lastline_at(src.as_bytes(), &c.lines, key.span.end, key.span.end),
        2
    );
}

/// `LineMap::line_before` skips blanks and short/long comments backwards, from the comment
/// ranges the lexer records.
#[test]
fn line_before_skips_comments() {
    let src = "x = 1 -- one\n--[[ two\n]] --[==[\n]]\n]==]  \n\n  y = '--' .. 2 --\n z = 3";
    let c = chunk(src);
    let at = |needle: &str| src.find(needle).expect("needle") as u32;
    assert_eq!(c.lines.comments.len(), 4);
    assert_eq!(c.lines.line_before(src.as_bytes(), at("y")), 1);
    assert_eq!(c.lines.line_before(src.as_bytes(), at("..")), 7);
    assert_eq!(c.lines.line_before(src.as_bytes(), at("z")), 7);
    assert_eq!(c.lines.line_before(src.as_bytes(), at("x")), 1);
    assert_eq!(c.lines.line_before(src.as_bytes(), 0), 1);
    assert_eq!(c.lines.line_before(src.as_bytes(), u32::MAX), 8);
}

/// Left-associative chains build left spines; `left_spine` lists them root first.
#[test]
fn left_spines() {
    let c = chunk("x = a + b - c\ny = t.a[1]:m()(2) * 3");
    let StatKind::Assign { exprs, .. } = &c.body.block.stats[0].kind else {
        panic!()
    };
    let (spine, bottom) = exprs[0].left_spine();
    assert_eq!(spine.len(), 2);
    assert_eq!(pretty::expr_to_string(bottom), "a");
    let StatKind::Assign { exprs, .. } = &c.body.block.stats[1].kind else {
        panic!()
    };
    let (spine, bottom) = exprs[0].left_spine();
    assert_eq!(spine.len(), 5);
    assert_eq!(pretty::expr_to_string(bottom), "t");
    assert_eq!(
        pretty::expr_to_string(spine[1]),
        "(call (method t.a[1] m) 2)"
    );
    assert!(bottom.spine_child().is_none());
}
