//! A compact S-expression printer for the AST, for tests and debugging (`aqua --ast`-style dumps).
//!
//! Role: a readable, stable text form of a tree: `x = -a^2` prints as
//! `[(= (x) ((- (^ a 2))))]`. Positions are not printed (use `{:#?}` for those).
//!
//! Invariant: left spines (`a+b+c...`, `a.b.c...`, see [`Expr::spine_child`]) are printed with
//! loops; recursion follows only the other children, whose depth the parser bounds like
//! lparser.c's `enterlevel`, so printing any parsed tree is stack-safe.

use crate::ast::*;
use std::fmt::Write;

/// Prints a whole chunk (its main block).
pub fn chunk(c: &Chunk) -> String {
    let mut s = String::new();
    block(&mut s, &c.body.block);
    s
}

/// Prints one expression.
pub fn expr_to_string(e: &Expr) -> String {
    let mut s = String::new();
    expr(&mut s, e);
    s
}

fn bytes(out: &mut String, b: &[u8]) {
    for &c in b {
        if (0x20..0x7f).contains(&c) && c != b'"' && c != b'\\' {
            out.push(c as char);
        } else {
            let _ = write!(out, "\\{}", c);
        }
    }
}

fn name(out: &mut String, n: &Name) {
    bytes(out, n.as_bytes());
}

fn list(out: &mut String, es: &[Expr]) {
    out.push('(');
    for (i, e) in es.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        expr(out, e);
    }
    out.push(')');
}

fn block(out: &mut String, b: &Block) {
    out.push('[');
    for (i, st) in b.stats.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        stat(out, st);
    }
    out.push(']');
}

fn funcbody(out: &mut String, f: &FuncBody) {
    out.push('(');
    for (i, p) in f.params.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        name(out, p);
    }
    if f.is_vararg {
        out.push_str(if f.params.is_empty() { "..." } else { " ..." });
    }
    out.push_str(") ");
    block(out, &f.block);
}

fn stat(out: &mut String, s: &Stat) {
    match &s.kind {
        StatKind::Call(e) => expr(out, e),
        StatKind::Local { vars, exprs } => {
            out.push_str("(local (");
            for (i, v) in vars.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                name(out, &v.name);
                match v.attrib {
                    Attrib::None => {}
                    Attrib::Const => out.push_str("<const>"),
                    Attrib::Close => out.push_str("<close>"),
                }
            }
            out.push_str(") ");
            list(out, exprs);
            out.push(')');
        }
        StatKind::Assign { targets, exprs, .. } => {
            out.push_str("(= ");
            list(out, targets);
            out.push(' ');
            list(out, exprs);
            out.push(')');
        }
        StatKind::Do(b) => {
            out.push_str("(do ");
            block(out, b);
            out.push(')');
        }
        StatKind::While { cond, body } => {
            out.push_str("(while ");
            expr(out, cond);
            out.push(' ');
            block(out, body);
            out.push(')');
        }
        StatKind::Repeat { body, cond } => {
            out.push_str("(repeat ");
            block(out, body);
            out.push(' ');
            expr(out, cond);
            out.push(')');
        }
        StatKind::If {
            arms, else_block, ..
        } => {
            out.push_str("(if");
            for arm in arms {
                out.push_str(" (");
                expr(out, &arm.cond);
                out.push(' ');
                block(out, &arm.block);
                out.push(')');
            }
            if let Some(b) = else_block {
                out.push_str(" (else ");
                block(out, b);
                out.push(')');
            }
            out.push(')');
        }
        StatKind::NumericFor {
            var,
            start,
            limit,
            step,
            body,
            ..
        } => {
            out.push_str("(for ");
            name(out, var);
            out.push(' ');
            expr(out, start);
            out.push(' ');
            expr(out, limit);
            if let Some(st) = step {
                out.push(' ');
                expr(out, st);
            }
            out.push(' ');
            block(out, body);
            out.push(')');
        }
        StatKind::GenericFor { names, exprs, body } => {
            out.push_str("(forin (");
            for (i, (n, _)) in names.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                name(out, n);
            }
            out.push_str(") ");
            list(out, exprs);
            out.push(' ');
            block(out, body);
            out.push(')');
        }
        StatKind::Function { name: fname, body } => {
            out.push_str("(function ");
            name(out, &fname.base);
            for (f, _) in &fname.fields {
                out.push('.');
                name(out, f);
            }
            if let Some((m, _)) = &fname.method {
                out.push(':');
                name(out, m);
            }
            out.push(' ');
            funcbody(out, body);
            out.push(')');
        }
        StatKind::LocalFunction { name: n, body, .. } => {
            out.push_str("(localfunction ");
            name(out, n);
            out.push(' ');
            funcbody(out, body);
            out.push(')');
        }
        StatKind::Return { exprs } => {
            out.push_str("(return");
            for e in exprs {
                out.push(' ');
                expr(out, e);
            }
            out.push(')');
        }
        StatKind::Break => out.push_str("break"),
        StatKind::Goto { label } => {
            out.push_str("(goto ");
            name(out, label);
            out.push(')');
        }
        StatKind::Label { name: n } => {
            out.push_str("(label ");
            name(out, n);
            out.push(')');
        }
    }
}

fn args(out: &mut String, a: &CallArgs) {
    for e in &a.args {
        out.push(' ');
        expr(out, e);
    }
}

fn expr(out: &mut String, e: &Expr) {
    let (spine, bottom) = e.left_spine();
    for node in &spine {
        match &node.kind {
            ExprKind::Binary { op, .. } => {
                out.push('(');
                out.push_str(op.symbol());
                out.push(' ');
            }
            ExprKind::Call { .. } => out.push_str("(call "),
            ExprKind::MethodCall { .. } => out.push_str("(method "),
            _ => {}
        }
    }
    expr_bottom(out, bottom);
    for node in spine.iter().rev() {
        match &node.kind {
            ExprKind::Binary { rhs, .. } => {
                out.push(' ');
                expr(out, rhs);
                out.push(')');
            }
            ExprKind::Index { key, style, .. } => match (style, &key.kind) {
                (IndexStyle::Dot, ExprKind::Str(s)) => {
                    out.push('.');
                    bytes(out, s);
                }
                _ => {
                    out.push('[');
                    expr(out, key);
                    out.push(']');
                }
            },
            ExprKind::Call { args: a, .. } => {
                args(out, a);
                out.push(')');
            }
            ExprKind::MethodCall {
                method, args: a, ..
            } => {
                out.push(' ');
                name(out, method);
                args(out, a);
                out.push(')');
            }
            _ => {}
        }
    }
}

/// An expression that is not a spine node (the bottom of [`Expr::left_spine`]).
fn expr_bottom(out: &mut String, e: &Expr) {
    match &e.kind {
        ExprKind::Nil => out.push_str("nil"),
        ExprKind::True => out.push_str("true"),
        ExprKind::False => out.push_str("false"),
        ExprKind::Vararg => out.push_str("..."),
        ExprKind::Int(i) => {
            let _ = write!(out, "{}", i);
        }
        ExprKind::Float(f) => {
            let _ = write!(out, "{:?}", f);
        }
        ExprKind::Str(s) => {
            out.push('"');
            bytes(out, s);
            out.push('"');
        }
        ExprKind::Function(f) => {
            out.push_str("(function ");
            funcbody(out, f);
            out.push(')');
        }
        ExprKind::Table(t) => {
            out.push('{');
            for (i, f) in t.fields.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                match f {
                    Field::Positional(v) => expr(out, v),
                    Field::Named { name: n, value, .. } => {
                        name(out, n);
                        out.push('=');
                        expr(out, value);
                    }
                    Field::Keyed { key, value } => {
                        out.push('[');
                        expr(out, key);
                        out.push_str("]=");
                        expr(out, value);
                    }
                }
            }
            out.push('}');
        }
        ExprKind::Unary { op, operand } => {
            out.push('(');
            out.push_str(op.symbol());
            out.push(' ');
            expr(out, operand);
            out.push(')');
        }
        ExprKind::Paren(inner) => {
            out.push_str("(paren ");
            expr(out, inner);
            out.push(')');
        }
        ExprKind::Name(n) => name(out, n),
        ExprKind::Binary { .. }
        | ExprKind::Index { .. }
        | ExprKind::Call { .. }
        | ExprKind::MethodCall { .. } => {}
    }
}

/// Prints a chunk back as Lua source that parses to the same tree (same [`chunk`] dump):
/// operators are printed infix without added parentheses (the tree's own `Paren` nodes are kept),
/// statements are separated by `;`, strings use `\ddd` escapes, floats are printed so that they
/// stay floats (`2.5e0`, `1e999` for infinity) and negative integers (from wrapping hex
/// numerals) as hex. Useful to minimise test cases and to check the parser by round trips.
pub fn to_lua(c: &Chunk) -> String {
    let mut s = String::new();
    lua_block(&mut s, &c.body.block);
    s
}

fn lua_block(out: &mut String, b: &Block) {
    for st in &b.stats {
        lua_stat(out, st);
        out.push_str(";\n");
    }
}

fn lua_list(out: &mut String, es: &[Expr]) {
    for (i, e) in es.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        lua_expr(out, e);
    }
}

fn lua_str(out: &mut String, b: &[u8]) {
    out.push('"');
    for &c in b {
        if (0x20..0x7f).contains(&c) && c != b'"' && c != b'\\' {
            out.push(c as char);
        } else {
            let _ = write!(out, "\\{:03}", c);
        }
    }
    out.push('"');
}

fn lua_funcbody(out: &mut String, f: &FuncBody) {
    out.push('(');
    let params = if f.is_method {
        f.params.get(1..).unwrap_or(&[])
    } else {
        &f.params[..]
    };
    for (i, p) in params.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        name(out, p);
    }
    if f.is_vararg {
        out.push_str(if params.is_empty() { "..." } else { ", ..." });
    }
    out.push_str(")\n");
    lua_block(out, &f.block);
    out.push_str("end");
}

fn lua_stat(out: &mut String, s: &Stat) {
    match &s.kind {
        StatKind::Call(e) => lua_expr(out, e),
        StatKind::Local { vars, exprs } => {
            out.push_str("local ");
            for (i, v) in vars.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                name(out, &v.name);
                match v.attrib {
                    Attrib::None => {}
                    Attrib::Const => out.push_str(" <const>"),
                    Attrib::Close => out.push_str(" <close>"),
                }
            }
            if !exprs.is_empty() {
                out.push_str(" = ");
                lua_list(out, exprs);
            }
        }
        StatKind::Assign { targets, exprs, .. } => {
            lua_list(out, targets);
            out.push_str(" = ");
            lua_list(out, exprs);
        }
        StatKind::Do(b) => {
            out.push_str("do\n");
            lua_block(out, b);
            out.push_str("end");
        }
        StatKind::While { cond, body } => {
            out.push_str("while ");
            lua_expr(out, cond);
            out.push_str(" do\n");
            lua_block(out, body);
            out.push_str("end");
        }
        StatKind::Repeat { body, cond } => {
            out.push_str("repeat\n");
            lua_block(out, body);
            out.push_str("until ");
            lua_expr(out, cond);
        }
        StatKind::If {
            arms, else_block, ..
        } => {
            for (i, arm) in arms.iter().enumerate() {
                out.push_str(if i == 0 { "if " } else { "elseif " });
                lua_expr(out, &arm.cond);
                out.push_str(" then\n");
                lua_block(out, &arm.block);
            }
            if let Some(b) = else_block {
                out.push_str("else\n");
                lua_block(out, b);
            }
            out.push_str("end");
        }
        StatKind::NumericFor {
            var,
            start,
            limit,
            step,
            body,
            ..
        } => {
            out.push_str("for ");
            name(out, var);
            out.push_str(" = ");
            lua_expr(out, start);
            out.push_str(", ");
            lua_expr(out, limit);
            if let Some(st) = step {
                out.push_str(", ");
                lua_expr(out, st);
            }
            out.push_str(" do\n");
            lua_block(out, body);
            out.push_str("end");
        }
        StatKind::GenericFor { names, exprs, body } => {
            out.push_str("for ");
            for (i, (n, _)) in names.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                name(out, n);
            }
            out.push_str(" in ");
            lua_list(out, exprs);
            out.push_str(" do\n");
            lua_block(out, body);
            out.push_str("end");
        }
        StatKind::Function { name: fname, body } => {
            out.push_str("function ");
            name(out, &fname.base);
            for (f, _) in &fname.fields {
                out.push('.');
                name(out, f);
            }
            if let Some((m, _)) = &fname.method {
                out.push(':');
                name(out, m);
            }
            lua_funcbody(out, body);
        }
        StatKind::LocalFunction { name: n, body, .. } => {
            out.push_str("local function ");
            name(out, n);
            lua_funcbody(out, body);
        }
        StatKind::Return { exprs } => {
            out.push_str("return");
            if !exprs.is_empty() {
                out.push(' ');
                lua_list(out, exprs);
            }
        }
        StatKind::Break => out.push_str("break"),
        StatKind::Goto { label } => {
            out.push_str("goto ");
            name(out, label);
        }
        StatKind::Label { name: n } => {
            out.push_str("::");
            name(out, n);
            out.push_str("::");
        }
    }
}

fn lua_args(out: &mut String, a: &CallArgs) {
    match (a.style, a.args.as_slice()) {
        (ArgsStyle::Str, [e]) | (ArgsStyle::Table, [e]) => {
            out.push(' ');
            lua_expr(out, e);
        }
        _ => {
            out.push('(');
            lua_list(out, &a.args);
            out.push(')');
        }
    }
}

fn lua_expr(out: &mut String, e: &Expr) {
    let (spine, bottom) = e.left_spine();
    lua_expr_bottom(out, bottom);
    for node in spine.iter().rev() {
        match &node.kind {
            ExprKind::Binary { op, rhs, .. } => {
                out.push(' ');
                out.push_str(op.symbol());
                out.push(' ');
                lua_expr(out, rhs);
            }
            ExprKind::Index { key, style, .. } => match (style, &key.kind) {
                (IndexStyle::Dot, ExprKind::Str(s)) => {
                    out.push('.');
                    bytes(out, s);
                }
                _ => {
                    out.push('[');
                    lua_expr(out, key);
                    out.push(']');
                }
            },
            ExprKind::Call { args, .. } => lua_args(out, args),
            ExprKind::MethodCall { method, args, .. } => {
                out.push(':');
                name(out, method);
                lua_args(out, args);
            }
            _ => {}
        }
    }
}

/// An expression that is not a spine node (the bottom of [`Expr::left_spine`]).
fn lua_expr_bottom(out: &mut String, e: &Expr) {
    match &e.kind {
        ExprKind::Nil => out.push_str("nil"),
        ExprKind::True => out.push_str("true"),
        ExprKind::False => out.push_str("false"),
        ExprKind::Vararg => out.push_str("..."),
        ExprKind::Int(i) => {
            if *i < 0 {
                let _ = write!(out, "0x{:x}", *i as u64);
            } else {
                let _ = write!(out, "{}", i);
            }
        }
        ExprKind::Float(f) => {
            if f.is_infinite() {
                out.push_str("1e999");
            } else {
                let _ = write!(out, "{:e}", f);
            }
        }
        ExprKind::Str(s) => lua_str(out, s),
        ExprKind::Function(f) => {
            out.push_str("function");
            lua_funcbody(out, f);
        }
        ExprKind::Table(t) => {
            out.push('{');
            for (i, f) in t.fields.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                match f {
                    Field::Positional(v) => lua_expr(out, v),
                    Field::Named { name: n, value, .. } => {
                        name(out, n);
                        out.push_str(" = ");
                        lua_expr(out, value);
                    }
                    Field::Keyed { key, value } => {
                        out.push('[');
                        lua_expr(out, key);
                        out.push_str("] = ");
                        lua_expr(out, value);
                    }
                }
            }
            out.push('}');
        }
        ExprKind::Unary { op, operand } => {
            out.push_str(op.symbol());
            out.push(' ');
            lua_expr(out, operand);
        }
        ExprKind::Paren(inner) => {
            out.push('(');
            lua_expr(out, inner);
            out.push(')');
        }
        ExprKind::Name(n) => name(out, n),
        ExprKind::Binary { .. }
        | ExprKind::Index { .. }
        | ExprKind::Call { .. }
        | ExprKind::MethodCall { .. } => {}
    }
}
