//! Test helpers: run a Lua chunk in a fresh state with every library opened and return what it
//! printed (stdout, stderr captured) or the error message.

#![allow(dead_code)]

use aqua_vm::Value;

/// Outcome of running a chunk.
pub struct Run {
    pub out: String,
    pub err: String,
    /// The uncaught error message, if any.
    pub error: Option<String>,
}

/// Run `src` as chunk `@test.lua`.
pub fn run(src: &str) -> Run {
    run_named(src, "@test.lua")
}

pub fn run_named(src: &str, chunkname: &str) -> Run {
    let mut st = aqua_stdlib::new_state();
    aqua_stdlib::capture_output(true);
    let mut error = None;
    match st.load(src.as_bytes(), chunkname.as_bytes()) {
        Ok(f) => {
            if let Err(e) = st.call(f, &[]) {
                error = Some(msg(&mut st, e.value));
            }
        }
        Err(e) => error = Some(msg(&mut st, e.value)),
    }
    let (out, err) = aqua_stdlib::capture_output(false);
    Run {
        out: String::from_utf8_lossy(&out).into_owned(),
        err: String::from_utf8_lossy(&err).into_owned(),
        error,
    }
}

fn msg(st: &mut aqua_vm::State, v: Value) -> String {
    match st.to_str_bytes(v) {
        Some(b) => String::from_utf8_lossy(&b).into_owned(),
        None => format!("(error object is a {} value)", v.type_name()),
    }
}

/// Run and return stdout; panics (test failure) on an uncaught error.
pub fn out(src: &str) -> String {
    let r = run(src);
    if let Some(e) = r.error {
        panic!("uncaught error: {e}\nstdout so far:\n{}", r.out);
    }
    r.out
}

/// Assert that `src` prints `expected`.
#[track_caller]
pub fn check(src: &str, expected: &str) {
    let got = out(src);
    assert_eq!(got, expected, "\nscript:\n{src}");
}
