//! Calls the library natives directly from Rust (no compiler involved): argument checking,
//! results and error messages of the base and coroutine functions.

use aqua_stdlib::{base, coroutine};
use aqua_vm::{NativeFn, State, Value};

fn st() -> State {
    aqua_stdlib::new_state()
}

fn s(st: &mut State, b: &str) -> Value {
    st.new_string(b.as_bytes())
}

fn call(st: &mut State, f: NativeFn, args: &[Value]) -> Result<Vec<Value>, String> {
    match st.call(Value::native(f), args) {
        Ok(v) => Ok(v),
        Err(e) => Err(st
            .to_str_bytes(e.value)
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_else(|| format!("({})", e.value.type_name()))),
    }
}

fn show(st: &mut State, vals: &[Value]) -> String {
    let mut out = Vec::new();
    for &v in vals {
        let t = aqua_stdlib::tolstring(st, v).expect("tostring");
        out.push(String::from_utf8_lossy(t.as_bytes()).into_owned());
    }
    out.join("\t")
}

#[test]
fn tonumber_cases() {
    let mut st = st();
    let cases: &[(&str, Option<i64>, &str)] = &[
        ("0x10", None, "16"),
        ("1e1", None, "10.0"),
        ("10", Some(16), "16"),
        (" 10 ", Some(36), "36"),
        ("  -ff  ", Some(16), "-255"),
        ("1.5", Some(10), "nil"),
        ("z", Some(36), "35"),
        ("", None, "nil"),
        ("0x", None, "nil"),
        ("1 2", None, "nil"),
    ];
    for &(src, base, expected) in cases {
        let mut args = vec![s(&mut st, src)];
        if let Some(b) = base {
            args.push(Value::int(b));
        }
        let r = call(&mut st, base::tonumber, &args).expect("tonumber");
        assert_eq!(show(&mut st, &r), expected, "tonumber({src:?}, {base:?})");
    }
    let a = s(&mut st, "10");
    assert_eq!(
        call(&mut st, base::tonumber, &[a, Value::int(1)]).unwrap_err(),
        "bad argument #2 to 'tonumber' (base out of range)"
    );
    assert_eq!(
        call(&mut st, base::tonumber, &[Value::int(10), Value::int(16)]).unwrap_err(),
        "bad argument #1 to 'tonumber' (string expected, got number)"
    );
    assert_eq!(
        call(&mut st, base::tonumber, &[]).unwrap_err(),
        "bad argument #1 to 'tonumber' (value expected)"
    );
}

#[test]
fn tostring_and_type() {
    let mut st = st();
    let r = call(&mut st, base::tostring, &[Value::float(1e100)]).unwrap();
    assert_eq!(show(&mut st, &r), "1e+100");
    let r = call(&mut st, base::tostring, &[Value::float(-0.0)]).unwrap();
    assert_eq!(show(&mut st, &r), "-0.0");
    let r = call(&mut st, base::tostring, &[Value::float(f64::INFINITY)]).unwrap();
    assert_eq!(show(&mut st, &r), "inf");
    let t = st.new_table();
    let r = call(&mut st, base::tostring, &[Value::table(t)]).unwrap();
    assert!(show(&mut st, &r).starts_with("table: 0x"));
    let r = call(&mut st, base::type_, &[Value::TRUE]).unwrap();
    assert_eq!(show(&mut st, &r), "boolean");
    assert_eq!(
        call(&mut st, base::type_, &[]).unwrap_err(),
        "bad argument #1 to 'type' (value expected)"
    );
}

#[test]
fn select_and_raw() {
    let mut st = st();
    let h = s(&mut st, "#");
    let r = call(&mut st, base::select, &[h, Value::NIL, Value::NIL]).unwrap();
    assert_eq!(show(&mut st, &r), "2");
    let r = call(
        &mut st,
        base::select,
        &[Value::int(-1), Value::int(1), Value::int(2)],
    )
    .unwrap();
    assert_eq!(show(&mut st, &r), "2");
    assert_eq!(
        call(&mut st, base::select, &[Value::int(0)]).unwrap_err(),
        "bad argument #1 to 'select' (index out of range)"
    );
    assert_eq!(
        call(&mut st, base::rawlen, &[Value::int(5)]).unwrap_err(),
        "bad argument #1 to 'rawlen' (table or string expected, got number)"
    );
    assert_eq!(
        call(&mut st, base::ipairs, &[]).unwrap_err(),
        "bad argument #1 to 'ipairs' (value expected)"
    );
    let t = st.new_table();
    assert_eq!(
        call(
            &mut st,
            base::setmetatable,
            &[Value::table(t), Value::int(1)]
        )
        .unwrap_err(),
        "bad argument #2 to 'setmetatable' (nil or table expected, got number)"
    );
    let t2 = st.new_table();
    assert_eq!(
        call(
            &mut st,
            base::rawset,
            &[Value::table(t2), Value::NIL, Value::int(1)]
        )
        .unwrap_err(),
        "table index is nil"
    );
    assert_eq!(
        call(&mut st, base::next, &[Value::table(t2), Value::int(1)]).unwrap_err(),
        "invalid key to 'next'"
    );
}

#[test]
fn errors_and_collectgarbage() {
    let mut st = st();
    let m = s(&mut st, "msg");
    assert_eq!(call(&mut st, base::error, &[m]).unwrap_err(), "msg");
    assert_eq!(
        call(&mut st, base::assert, &[Value::FALSE]).unwrap_err(),
        "assertion failed!"
    );
    let r = call(&mut st, base::assert, &[Value::int(1), Value::int(2)]).unwrap();
    assert_eq!(show(&mut st, &r), "1\t2");
    let x = s(&mut st, "x");
    assert_eq!(
        call(&mut st, base::collectgarbage, &[x]).unwrap_err(),
        "bad argument #1 to 'collectgarbage' (invalid option 'x')"
    );
    let c = s(&mut st, "count");
    let r = call(&mut st, base::collectgarbage, &[c]).unwrap();
    assert!(r[0].as_float().is_some_and(|k| k > 0.0));
    let r = call(&mut st, base::collectgarbage, &[]).unwrap();
    assert_eq!(show(&mut st, &r), "0");
}

#[test]
fn coroutine_checks() {
    let mut st = st();
    assert_eq!(
        call(&mut st, coroutine::status, &[Value::NIL]).unwrap_err(),
        "bad argument #1 to 'coroutine.status' (thread expected, got nil)"
    );
    assert_eq!(
        call(&mut st, coroutine::create, &[Value::int(1)]).unwrap_err(),
        "bad argument #1 to 'coroutine.create' (function expected, got number)"
    );
    let r = call(&mut st, coroutine::running, &[]).unwrap();
    assert!(r[1].truthy());
    let co = call(&mut st, coroutine::create, &[Value::native(base::print)]).unwrap();
    let r = call(&mut st, coroutine::status, &co).unwrap();
    assert_eq!(show(&mut st, &r), "suspended");
    let r = call(&mut st, coroutine::close, &co).unwrap();
    assert_eq!(show(&mut st, &r), "true");
    let r = call(&mut st, coroutine::status, &co).unwrap();
    assert_eq!(show(&mut st, &r), "dead");
}

#[test]
fn load_binary_chunks_and_modes() {
    let mut st = st();
    let proto = aqua_compiler::compile(b"return 40 + 2", b"=bin").expect("compile");
    let bytes = aqua_bytecode::dump(&proto, false);
    let chunk = st.new_string(&bytes);
    let f = call(&mut st, base::load, &[chunk]).expect("load");
    assert!(f[0].is_function(), "binary chunk loads");
    let r = st.call(f[0], &[]).expect("run");
    assert_eq!(show(&mut st, &r), "42");
    let (name, t) = (s(&mut st, "c"), s(&mut st, "t"));
    let r = call(&mut st, base::load, &[chunk, name, t]).unwrap();
    assert_eq!(
        show(&mut st, &r),
        "nil\tattempt to load a binary chunk (mode is 't')"
    );
    let truncated = st.new_string(&bytes[..10]);
    let r = call(&mut st, base::load, &[truncated]).unwrap();
    assert_eq!(
        show(&mut st, &r),
        "nil\tbinary string: bad binary format (truncated chunk)"
    );
    let src = s(&mut st, "x = ");
    let b = s(&mut st, "b");
    let r = call(&mut st, base::load, &[src, Value::NIL, b]).unwrap();
    assert_eq!(
        show(&mut st, &r),
        "nil\tattempt to load a text chunk (mode is 'b')"
    );
    let r = call(&mut st, base::load, &[src]).unwrap();
    assert_eq!(
        show(&mut st, &r),
        "nil\t[string \"x = \"]:1: unexpected symbol near <eof>"
    );
}
