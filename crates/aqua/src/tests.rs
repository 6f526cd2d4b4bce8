//! Unit tests of the embedding API (the crate's `tests/` directory belongs to the script harness).

use crate::prelude::*;
use crate::{BString, ChunkMode, ThreadStatus};
use std::collections::{BTreeMap, HashMap};

#[test]
fn eval_and_exec() -> Result<()> {
    let lua = Lua::new();
    lua.load("x = 1 + 1").set_name("x").exec()?;
    let v: i64 = lua.load("return 1+1").eval()?;
    assert_eq!(v, 2);
    let v: i64 = lua.load("x * 10").eval()?;
    assert_eq!(v, 20);
    let (a, b): (i64, String) = lua.load("return 7, 'seven'").eval()?;
    assert_eq!((a, b.as_str()), (7, "seven"));
    let f = lua
        .load("local a, b = ...; return a .. b")
        .into_function()?;
    let s: String = f.call(("p", "q"))?;
    assert_eq!(s, "pq");
    let s: String = lua.load("return ... .. '!'").call("hi")?;
    assert_eq!(s, "hi!");
    Ok(())
}

#[test]
fn globals_and_functions() -> Result<()> {
    let lua = Lua::new();
    lua.globals()
        .set("f", lua.create_function(|_, (a, b): (i64, i64)| Ok(a + b))?)?;
    let f: Function = lua.globals().get("f")?;
    let r: i64 = f.call((1, 2))?;
    assert_eq!(r, 3);
    let r: (i64, String) = lua.load("return f(40, 2), 'ok'").eval()?;
    assert_eq!(r, (42, "ok".to_string()));
    // closures capturing state, FnMut
    let mut count = 0;
    let counter = lua.create_function_mut(move |_, ()| {
        count += 1;
        Ok(count)
    })?;
    lua.globals().set("counter", counter)?;
    let n: i64 = lua.load("counter(); counter(); return counter()").eval()?;
    assert_eq!(n, 3);
    // variadic arguments and results
    let sum = lua.create_function(|_, v: Variadic<f64>| Ok(v.iter().sum::<f64>()))?;
    lua.globals().set("sum", sum)?;
    let s: f64 = lua.load("return sum(1, 2, 3.5)").eval()?;
    assert_eq!(s, 6.5);
    let multi = lua.create_function(|_, n: i64| Ok(Variadic((1..=n).collect::<Vec<_>>())))?;
    let v: Vec<i64> = multi.call::<Variadic<i64>>(4)?.0;
    assert_eq!(v, vec![1, 2, 3, 4]);
    Ok(())
}

#[test]
fn tables() -> Result<()> {
    let lua = Lua::new();
    let t: Table = lua.create_table()?;
    t.set(1, "x")?;
    t.set(2, "y")?;
    t.set("k", 3.5)?;
    let s: String = t.get(1)?;
    assert_eq!(s, "x");
    assert_eq!(t.len()?, 2);
    assert_eq!(t.raw_len(), 2);
    let k: f64 = t.get("k")?;
    assert_eq!(k, 3.5);
    let missing: Option<i64> = t.get("nope")?;
    assert_eq!(missing, None);
    let vals: Vec<String> = t
        .clone()
        .sequence_values::<String>()
        .collect::<Result<_>>()?;
    assert_eq!(vals, vec!["x", "y"]);
    let mut n = 0;
    for p in t.clone().pairs::<Value, Value>() {
        let _ = p?;
        n += 1;
    }
    assert_eq!(n, 3);
    t.push("z")?;
    assert_eq!(t.raw_len(), 3);
    let z: String = t.pop()?;
    assert_eq!(z, "z");
    // raw_set errors like rawset
    assert!(t.raw_set(Value::Nil, 1).is_err());
    assert!(t.raw_set(f64::NAN, 1).is_err());
    // metatables honoured by get/set/len, not by raw_*
    lua.globals().set("t", &t)?;
    lua.load("setmetatable = setmetatable").exec().ok();
    let mt = lua.create_table()?;
    mt.set(
        "__index",
        lua.create_function(|_, (_t, k): (Table, String)| Ok(format!("idx:{k}")))?,
    )?;
    mt.set("__len", lua.create_function(|_, _t: Table| Ok(99))?)?;
    t.set_metatable(Some(mt))?;
    let v: String = t.get("abc")?;
    assert_eq!(v, "idx:abc");
    let raw: Value = t.raw_get("abc")?;
    assert!(raw.is_nil());
    assert_eq!(t.len()?, 99);
    assert!(t.get_metatable().is_some());
    Ok(())
}

#[test]
fn conversions() -> Result<()> {
    let lua = Lua::new();
    // integers: exact, range-checked
    assert_eq!(lua.unpack::<u8>(Value::Integer(255))?, 255);
    assert!(lua.unpack::<u8>(Value::Integer(256)).is_err());
    assert!(lua.unpack::<i8>(Value::Integer(-129)).is_err());
    assert!(lua.unpack::<u32>(Value::Integer(-1)).is_err());
    assert_eq!(lua.unpack::<i32>(Value::Number(3.0))?, 3);
    assert!(lua.unpack::<i32>(Value::Number(3.5)).is_err());
    assert!(lua.unpack::<i64>(Value::Number(f64::NAN)).is_err());
    assert_eq!(
        lua.unpack::<u64>(Value::Number(9223372036854775808.0))?,
        1u64 << 63
    );
    let s = lua.create_string("42")?;
    assert_eq!(lua.unpack::<i64>(Value::String(s))?, 42);
    assert!(lua.pack(u64::MAX).is_ok()); // exact as a float
    assert!(lua.pack(u64::MAX - 1).is_err()); // not exact
    assert!(matches!(lua.pack(7u64)?, Value::Integer(7)));
    assert!(matches!(lua.pack(2.5f32)?, Value::Number(n) if n == 2.5));
    // strings and bytes
    let v = lua.pack("héllo")?;
    assert_eq!(lua.unpack::<String>(v)?, "héllo");
    let b = lua.pack(BString(vec![0xff, 0, 1]))?;
    assert!(lua.unpack::<String>(b.clone()).is_err());
    assert_eq!(lua.unpack::<BString>(b)?.0, vec![0xff, 0, 1]);
    assert_eq!(lua.unpack::<String>(Value::Integer(12))?, "12");
    assert_eq!(lua.unpack::<String>(Value::Number(1.5))?, "1.5");
    // bool is truthiness
    assert!(!lua.unpack::<bool>(Value::Nil)?);
    assert!(lua.unpack::<bool>(Value::Integer(0))?);
    // collections
    let v = lua.pack(vec![1, 2, 3])?;
    assert_eq!(lua.unpack::<Vec<i32>>(v)?, vec![1, 2, 3]);
    let mut m = HashMap::new();
    m.insert("a".to_string(), 1);
    m.insert("b".to_string(), 2);
    let v = lua.pack(m.clone())?;
    assert_eq!(lua.unpack::<HashMap<String, i32>>(v.clone())?, m);
    let bm: BTreeMap<String, i32> = lua.unpack(v)?;
    assert_eq!(bm.len(), 2);
    assert_eq!(lua.unpack::<Option<i32>>(Value::Nil)?, None);
    // bad arguments become lua-style errors
    lua.globals().set(
        "needs_int",
        lua.create_function(|_, (_a, _b): (i64, i64)| Ok(()))?,
    )?;
    let e = lua.load("needs_int(1, 'x')").exec().unwrap_err();
    assert!(
        e.to_string().contains("bad argument #2 to 'needs_int'"),
        "{e}"
    );
    Ok(())
}

#[test]
fn errors() -> Result<()> {
    let lua = Lua::new();
    // syntax errors carry lua's message; incomplete input is detected
    let e = lua.load("x = = 1").set_name("=t").exec().unwrap_err();
    assert!(matches!(e, Error::SyntaxError { .. }));
    assert_eq!(e.to_string(), "t:1: unexpected symbol near '='");
    let e = lua
        .load("for i = 1, 2 do")
        .set_name("=stdin")
        .exec()
        .unwrap_err();
    assert!(e.is_incomplete_input(), "{e}");
    // runtime errors: message + traceback
    let e = lua
        .load("local x = nil; return x.y")
        .set_name("@r.lua")
        .exec()
        .unwrap_err();
    assert_eq!(
        e.message(),
        "r.lua:1: attempt to index a nil value (local 'x')"
    );
    assert!(
        e.traceback()
            .is_some_and(|t| t.starts_with("stack traceback:")),
        "{e:?}"
    );
    // errors from Rust callbacks
    lua.globals().set(
        "fail",
        lua.create_function(|_, ()| -> Result<()> { Err(Error::runtime("boom")) })?,
    )?;
    let e = lua.load("fail()").exec().unwrap_err();
    assert_eq!(e.message(), "boom");
    // a Lua error value travelling through Rust keeps its identity
    let t = lua.create_table()?;
    let t2 = t.clone();
    let raise = lua.create_function(move |_, ()| -> Result<()> {
        Err(Error::from_value(Value::Table(t2.clone())))
    })?;
    lua.globals().set("raise", raise)?;
    let relay = lua.create_function(|lua, ()| -> Result<()> {
        let f: Function = lua.load("raise()").into_function()?;
        f.call(())
    })?;
    lua.globals().set("relay", relay)?;
    match lua.load("relay()").exec() {
        Err(Error::Lua {
            value: Value::Table(got),
            message,
            ..
        }) => {
            assert_eq!(got, t);
            assert_eq!(message, "(error object is a table value)");
        }
        r => panic!("unexpected {r:?}"),
    }
    // panics are caught
    let p = lua.create_function(|_, ()| -> Result<()> { panic!("kaboom") })?;
    let e = p.call::<()>(()).unwrap_err();
    assert!(e.message().contains("kaboom"), "{e}");
    // environments
    let env = lua.create_table()?;
    env.set("y", 5)?;
    let y: i64 = lua.load("return y").set_environment(env.clone()).eval()?;
    assert_eq!(y, 5);
    lua.load("z = 1").set_environment(env.clone()).exec()?;
    assert_eq!(env.get::<i64>("z")?, 1);
    assert!(lua.globals().get::<Value>("z")?.is_nil());
    // binary / text mode
    let e = lua
        .load("return 1")
        .set_mode(ChunkMode::Binary)
        .exec()
        .unwrap_err();
    assert_eq!(e.to_string(), "attempt to load a text chunk (mode is 'b')");
    Ok(())
}

#[derive(Clone)]
struct Vec2 {
    x: f64,
    y: f64,
}

impl UserData for Vec2 {
    fn add_fields<F: UserDataFields<Self>>(fields: &mut F) {
        fields.add_field_method_get("x", |_, v| Ok(v.x));
        fields.add_field("kind", "vector");
        fields.add_meta_field("__name", "Vec2");
        fields.add_field_method_set("x", |_, v, x: f64| {
            v.x = x;
            Ok(())
        });
    }
    fn add_methods<M: UserDataMethods<Self>>(methods: &mut M) {
        methods.add_method("len", |_, v, ()| Ok((v.x * v.x + v.y * v.y).sqrt()));
        methods.add_method_mut("scale", |_, v, k: f64| {
            v.x *= k;
            v.y *= k;
            Ok(())
        });
        methods.add_meta_function(MetaMethod::Add, |_, (a, b): (Vec2, Vec2)| {
            Ok(Vec2 {
                x: a.x + b.x,
                y: a.y + b.y,
            })
        });
        methods.add_meta_method(MetaMethod::ToString, |_, v, ()| {
            Ok(format!("({}, {})", v.x, v.y))
        });
    }
}

#[test]
fn userdata() -> Result<()> {
    let lua = Lua::new();
    let v = lua.create_userdata(Vec2 { x: 3.0, y: 4.0 })?;
    lua.globals().set("v", v.clone())?;
    let n: f64 = lua.load("return v:len()").eval()?;
    assert_eq!(n, 5.0);
    lua.load("v:scale(2)").exec()?;
    assert_eq!(v.borrow::<Vec2>()?.x, 6.0);
    let x: f64 = lua.load("v.x = 1; return v.x").eval()?;
    assert_eq!(x, 1.0);
    let w: Vec2 = lua.load("return v + v").eval()?;
    assert_eq!((w.x, w.y), (2.0, 16.0));
    let tostr = lua.globals().get::<Function>("tostring");
    if let Ok(tostring) = tostr {
        let s: String = tostring.call(v.clone())?;
        assert_eq!(s, "(1, 8)");
    }
    assert!(v.is::<Vec2>());
    assert_eq!(lua.load("return v.kind").eval::<String>()?, "vector");
    let e = lua.load("return v < v").exec().unwrap_err();
    assert!(e.message().contains("two Vec2 values"), "{e}");
    assert!(!v.is::<String>());
    // a method called on a wrong self is a lua-style error
    let e = lua.load("local m = v.len; return m(1)").exec().unwrap_err();
    assert!(
        e.message().contains("bad self") || e.message().contains("bad argument #1"),
        "{e}"
    );
    // mutable borrow conflict is an error, not a panic
    let r = v.borrow::<Vec2>()?;
    assert!(v.borrow_mut::<Vec2>().is_err());
    drop(r);
    Ok(())
}

#[test]
fn handles_survive_collections() -> Result<()> {
    let lua = Lua::new();
    let t = lua.create_table()?;
    t.set(
        "k",
        "a string value that is long enough not to be interned by the vm",
    )?;
    let s = lua.create_string("pinned")?;
    for _ in 0..3 {
        lua.load("local x = {} for i = 1, 2000 do x[i] = {i} end")
            .exec()?;
        lua.gc_collect()?;
    }
    let v: String = t.get("k")?;
    assert!(v.starts_with("a string value"));
    assert_eq!(s.to_str()?, "pinned");
    drop(t);
    lua.gc_collect()?;
    Ok(())
}

#[test]
fn handle_after_state_dropped() {
    let lua = Lua::new();
    let t = lua.create_table().unwrap();
    drop(lua);
    assert!(matches!(t.get::<Value>(1), Err(Error::StateDropped)));
}

#[test]
fn coroutines() -> Result<()> {
    let lua = Lua::new();
    let f = lua
        .load("local a = ...; local b = coroutine.yield(a + 1); return b * 2")
        .into_function()?;
    let has_co: Value = lua.globals().get("coroutine")?;
    if has_co.is_nil() {
        return Ok(()); // coroutine library not there yet
    }
    let co = lua.create_thread(f)?;
    assert_eq!(co.status(), ThreadStatus::Resumable);
    let y: i64 = co.resume(1)?;
    assert_eq!(y, 2);
    let r: i64 = co.resume(10)?;
    assert_eq!(r, 20);
    assert_eq!(co.status(), ThreadStatus::Finished);
    assert!(matches!(
        co.resume::<()>(()),
        Err(Error::CoroutineUnresumable)
    ));
    Ok(())
}

#[test]
fn deep_rust_lua_recursion_is_an_error() -> Result<()> {
    let lua = Lua::new();
    let rec = lua.create_function(|lua, n: i64| -> Result<i64> {
        let f: Function = lua.globals().get("luaf")?;
        f.call(n + 1)
    })?;
    lua.globals().set("rustf", rec)?;
    lua.load("function luaf(n) return rustf(n) end").exec()?;
    let e = lua.load("return luaf(0)").exec().unwrap_err();
    assert!(e.message().contains("stack overflow"), "{e}");
    Ok(())
}

struct Holder(#[allow(dead_code)] Table);
impl UserData for Holder {}

#[test]
fn userdata_holding_handles_is_collected_safely() -> Result<()> {
    let lua = Lua::new();
    for _ in 0..50 {
        let t = lua.create_table()?;
        let ud = lua.create_userdata(Holder(t))?;
        lua.globals().set("tmp", ud)?;
        lua.load("tmp = nil").exec()?;
        lua.gc_collect()?;
    }
    lua.gc_collect()?;
    let n: i64 = lua.load("return 1").eval()?;
    assert_eq!(n, 1);
    Ok(())
}

#[test]
fn coercions_and_equality() -> Result<()> {
    let lua = Lua::new();
    assert_eq!(lua.coerce_integer(&Value::Number(4.0))?, Some(4));
    assert_eq!(lua.coerce_integer(&Value::Number(4.5))?, None);
    let s = lua.create_string(" 0x10 ")?;
    assert_eq!(lua.coerce_integer(&Value::String(s.clone()))?, Some(16));
    assert_eq!(lua.coerce_number(&Value::String(s))?, Some(16.0));
    assert_eq!(
        lua.coerce_string(&Value::Integer(7))?
            .map(|s| s.to_string_lossy()),
        Some("7".to_string())
    );
    assert!(lua.coerce_string(&Value::Nil)?.is_none());
    assert!(lua.equals(&Value::Integer(1), &Value::Number(1.0))?);
    let a = lua.create_table()?;
    let b = lua.create_table()?;
    assert!(!lua.equals(&Value::Table(a.clone()), &Value::Table(b.clone()))?);
    let mt = lua.create_table()?;
    mt.set(
        "__eq",
        lua.create_function(|_, (_a, _b): (Table, Table)| Ok(true))?,
    )?;
    a.set_metatable(Some(mt.clone()))?;
    b.set_metatable(Some(mt))?;
    assert!(lua.equals(&Value::Table(a.clone()), &Value::Table(b.clone()))?);
    assert_ne!(Value::Table(a), Value::Table(b)); // PartialEq is raw
    Ok(())
}

#[test]
fn cross_state_handles_are_rejected() -> Result<()> {
    let a = Lua::new();
    let b = Lua::new();
    let t = a.create_table()?;
    assert!(b.globals().set("t", t).is_err());
    Ok(())
}

#[test]
fn bad_argument_positions() -> Result<()> {
    let lua = Lua::new();
    let f = lua.create_function(|_, (_a, _rest): (i64, Variadic<i64>)| Ok(()))?;
    lua.globals().set("f", f)?;
    let e = lua.load("f(1, 2, 'x')").exec().unwrap_err();
    assert!(e.message().contains("bad argument #3 to 'f'"), "{e}");
    let e = lua.load("f('y')").exec().unwrap_err();
    assert!(e.message().contains("bad argument #1 to 'f'"), "{e}");
    let t = lua.create_table_from([("a", 1), ("b", 2)])?;
    assert_eq!(t.get::<i64>("b")?, 2);
    let s = lua.create_sequence_from(["x", "y"])?;
    assert_eq!(s.raw_len(), 2);
    Ok(())
}

struct PanicOnDrop;
impl UserData for PanicOnDrop {}
impl Drop for PanicOnDrop {
    fn drop(&mut self) {
        panic!("drop panics");
    }
}

#[test]
fn panicking_userdata_drop_is_contained() -> Result<()> {
    let lua = Lua::new();
    lua.globals().set("p", lua.create_userdata(PanicOnDrop)?)?;
    lua.load("p = nil").exec()?;
    lua.gc_collect()?;
    assert_eq!(lua.load("return 2").eval::<i64>()?, 2);
    Ok(())
}

#[test]
fn panicking_callback_capture_drop_is_contained() -> Result<()> {
    let lua = Lua::new();
    let guard = PanicOnDrop;
    let f = lua.create_function(move |_, ()| {
        let _g = &guard;
        Ok(1)
    })?;
    lua.globals().set("f", f)?;
    lua.load("f = nil").exec()?;
    lua.gc_collect()?;
    lua.gc_collect()?;
    assert_eq!(lua.load("return 3").eval::<i64>()?, 3);
    Ok(())
}

#[test]
fn bind() -> Result<()> {
    let lua = Lua::new();
    let f = lua
        .load("return function(a, b, c) return a .. b .. c end")
        .eval::<Function>()?;
    let g = f.bind(("x", "y"))?;
    lua.gc_collect()?;
    assert_eq!(g.call::<String>("z")?, "xyz");
    let h = g.bind("w")?;
    drop(f);
    drop(g);
    lua.gc_collect()?;
    assert_eq!(h.call::<String>(())?, "xyw");
    Ok(())
}

struct WithFallback;
impl UserData for WithFallback {
    fn add_fields<F: UserDataFields<Self>>(fields: &mut F) {
        fields.add_field_method_get("g", |_, _| Ok("getter"));
    }
    fn add_methods<M: UserDataMethods<Self>>(methods: &mut M) {
        methods.add_method("m", |_, _, ()| Ok("method"));
        methods.add_meta_method(MetaMethod::Index, |_, _, k: String| {
            Ok(format!("fallback:{k}"))
        });
        methods.add_meta_method(MetaMethod::Len, |_, _, ()| Ok(7));
        methods.add_meta_method(MetaMethod::Call, |_, _, a: i64| Ok(a * 2));
    }
}

#[test]
fn userdata_index_order() -> Result<()> {
    let lua = Lua::new();
    lua.globals().set("w", lua.create_userdata(WithFallback)?)?;
    let r: (String, String, String, i64, i64) =
        lua.load("return w.g, w:m(), w.other, #w, w(21)").eval()?;
    assert_eq!(
        r,
        (
            "getter".into(),
            "method".into(),
            "fallback:other".into(),
            7,
            42
        )
    );
    Ok(())
}

#[test]
fn app_data_and_registry_values() -> Result<()> {
    let lua = Lua::new();
    assert!(lua.set_app_data(5usize).is_none());
    let f = lua.create_function(|lua, ()| {
        let mut n = lua
            .app_data_mut::<usize>()
            .ok_or_else(|| Error::runtime("no data"))?;
        *n += 1;
        Ok(*n)
    })?;
    assert_eq!(f.call::<usize>(())?, 6);
    assert_eq!(*lua.app_data_ref::<usize>().unwrap(), 6);
    assert_eq!(lua.remove_app_data::<usize>(), Some(6));
    let key = lua.create_registry_value("kept")?;
    lua.gc_collect()?;
    assert_eq!(lua.registry_value::<String>(&key)?, "kept");
    lua.remove_registry_value(key)?;
    Ok(())
}

#[test]
fn scoped_functions_borrow_locals() -> Result<()> {
    let lua = Lua::new();
    let mut count = 0;
    let log = std::cell::RefCell::new(Vec::new());
    lua.scope(|s| {
        let inc = s.create_function_mut(|_, k: i64| {
            count += k;
            Ok(())
        })?;
        let push = s.create_function(|_, v: String| {
            log.borrow_mut().push(v);
            Ok(())
        })?;
        lua.globals().set("inc", inc)?;
        lua.globals().set("push", push)?;
        lua.load("inc(2); inc(3); push('a'); push('b')").exec()
    })?;
    assert_eq!(count, 5);
    assert_eq!(*log.borrow(), vec!["a", "b"]);
    let e = lua.load("inc(1)").exec().unwrap_err();
    assert!(e.message().contains("after its scope ended"), "{e}");
    lua.gc_collect()?;
    Ok(())
}

/// A conversion that runs Lua code (and so may trigger a collection) in the middle of converting
/// a multi-value: the crate must keep the other values rooted.
struct Impure(String);

impl IntoLua for Impure {
    fn into_lua(self, lua: &Lua) -> Result<Value> {
        lua.load("local t = {} for i = 1, 100 do t[i] = {} end")
            .exec()?;
        lua.gc_collect()?;
        Ok(Value::String(lua.create_string(&self.0)?))
    }
}

impl FromLua for Impure {
    fn from_lua(v: Value, lua: &Lua) -> Result<Self> {
        lua.gc_collect()?;
        Ok(Impure(String::from_lua(v, lua)?))
    }
}

#[test]
fn impure_conversions_keep_values_rooted() -> Result<()> {
    let lua = Lua::new();
    let f = lua
        .load("return function(...) return ... end")
        .eval::<Function>()?;
    let long = "a long string that is not interned ".repeat(3);
    let r: (Impure, String, Impure) =
        f.call((Impure("x".into()), long.clone(), Impure("y".into())))?;
    assert_eq!(
        (r.0 .0.as_str(), r.1.as_str(), r.2 .0.as_str()),
        ("x", long.as_str(), "y")
    );
    let cb = lua.create_function(|_, (a, b): (String, Impure)| Ok((Impure(a), b.0)))?;
    let r: (String, String) = cb.call((long.clone(), "z"))?;
    assert_eq!(r, (long, "z".to_string()));
    Ok(())
}
