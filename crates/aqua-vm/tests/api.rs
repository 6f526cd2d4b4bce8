//! Embedding-API tests: calling Lua from Rust, native closures, pinning, Rust-level resume,
//! userdata finalizers, error recovery.

mod common;

use aqua_vm::{Resume, Val, Value};
use std::cell::Cell;
use std::rc::Rc;

#[test]
fn call_lua_from_rust() {
    let mut st = common::new_state();
    let f = st
        .load(b"return function(a, b) return a + b, a * b end", b"=t")
        .unwrap();
    let r = st.call(f, &[]).unwrap();
    let add = r[0];
    let out = st.call(add, &[Value::int(3), Value::int(4)]).unwrap();
    assert_eq!(out.len(), 2);
    assert_eq!(out[0].as_int(), Some(7));
    assert_eq!(out[1].as_int(), Some(12));
    // errors restore the stack
    let bad = st.load(b"local x = nil; return x.y", b"=bad").unwrap();
    let e = st.call(bad, &[]).unwrap_err();
    assert_eq!(
        st.to_str_bytes(e.value).unwrap(),
        b"bad:1: attempt to index a nil value (local 'x')"
    );
    for _ in 0..1000 {
        assert!(st.call(bad, &[]).is_err());
    }
    let out = st.call(add, &[Value::float(0.5), Value::int(2)]).unwrap();
    assert_eq!(out[0].as_float(), Some(2.5));
}

#[test]
fn rust_closure_and_pins() {
    let mut st = common::new_state();
    let counter = Rc::new(Cell::new(0));
    let c2 = counter.clone();
    let f = st.new_rust_closure(
        move |ctx| {
            c2.set(c2.get() + 1);
            let n = ctx.check_integer(1)?;
            ctx.ret1(Value::int(n * 2))
        },
        vec![],
    );
    st.set_global("double", f);
    let chunk = st
        .load(
            b"local s = 0 for i = 1, 10 do s = s + double(i) end return s",
            b"=c",
        )
        .unwrap();
    let r = st.call(chunk, &[]).unwrap();
    assert_eq!(r[0].as_int(), Some(110));
    assert_eq!(counter.get(), 10);
    // a pinned table survives collections
    let t = st.new_table();
    st.raw_set_int(t, 1, Value::int(42));
    let id = st.pin(Value::table(t));
    for _ in 0..3 {
        st.collect_garbage();
    }
    let t2 = st.pinned(id).as_table().unwrap();
    assert_eq!(t2.raw_get_int(1).as_int(), Some(42));
    st.unpin(id);
    let e = st.call(f, &[Value::table(t)]).unwrap_err();
    let msg = st.to_str_bytes(e.value).unwrap();
    assert_eq!(
        msg,
        b"bad argument #1 to 'double' (number expected, got table)"
    );
}

#[test]
fn rust_level_resume() {
    let mut st = common::new_state();
    let body = st
        .load(
            b"return function(a) local b = coroutine.yield(a + 1) return b * 2, 'end' end",
            b"=co",
        )
        .unwrap();
    let f = st.call(body, &[]).unwrap()[0];
    let co = st.new_thread(f);
    let id = st.pin(Value::thread(co));
    match st.resume(co, &[Value::int(1)]).unwrap() {
        Resume::Yield(v) => assert_eq!(v[0].as_int(), Some(2)),
        r => panic!("{r:?}"),
    }
    match st.resume(co, &[Value::int(5)]).unwrap() {
        Resume::Return(v) => {
            assert_eq!(v[0].as_int(), Some(10));
            assert_eq!(v[1].str_bytes(), Some(&b"end"[..]));
        }
        r => panic!("{r:?}"),
    }
    assert!(st.resume(co, &[]).is_err());
    st.unpin(id);
}

#[test]
fn userdata_gc_and_metatables() {
    let mut st = common::new_state();
    let hits = Rc::new(Cell::new(0));
    let h2 = hits.clone();
    let gcf = st.new_rust_closure(
        move |ctx| {
            let u = ctx.arg(1).as_userdata().expect("userdata");
            assert_eq!(u.data().downcast_ref::<u32>(), Some(&7));
            h2.set(h2.get() + 1);
            Ok(0)
        },
        vec![],
    );
    let mt = st.new_table();
    st.raw_set_str(mt, "__gc", gcf);
    let name = st_string(&mut st, "Thing");
    st.raw_set_str(mt, "__name", name);
    {
        let u = st.new_userdata(Box::new(7u32));
        st.set_metatable(Value::userdata(u), Some(mt));
        st.set_global("u", Value::userdata(u));
        let s = st.tostring(Value::userdata(u)).unwrap();
        assert!(s.as_bytes().starts_with(b"Thing: 0x"));
    }
    st.collect_garbage();
    assert_eq!(hits.get(), 0);
    st.set_global("u", Value::NIL);
    st.collect_garbage();
    assert_eq!(hits.get(), 1);
}

fn st_string(st: &mut aqua_vm::State, s: &str) -> Value {
    st.new_string(s.as_bytes())
}

#[test]
fn views_and_conversions() {
    let mut st = common::new_state();
    let s = st.new_string(b" 0x10 ");
    assert_eq!(st.to_integer(s), Some(16));
    let e2 = st_string(&mut st, "1e2");
    assert!(matches!(st.to_number(e2).unwrap().view(), Val::Num(f) if f == 100.0));
    assert_eq!(aqua_vm::number::fmt_float(1e100), "1e+100");
    let t = st.new_table();
    st.raw_set(t, Value::float(2.0), Value::TRUE).unwrap();
    assert!(t.raw_get_int(2).truthy());
    assert!(st.raw_set(t, Value::NIL, Value::TRUE).is_err());
    assert_eq!(Value::int(3).type_name(), "number");
}
