//! Development runner: `luarun script.lua` runs a script like `lua5.4 script.lua` (uncaught
//! errors print `lua5.4: msg` and a traceback on stderr, exit status 1), so that output can be
//! diffed against the oracle before the `aqua` CLI is complete.

use aqua_vm::Value;

fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let mut st = aqua_stdlib::new_state();
    let f = match aqua_stdlib::base::load_file(&mut st, Some(path.as_bytes()), b"bt") {
        Ok(f) => f,
        Err(m) => fail(&mut st, m),
    };
    if let Err(e) = st.pcall_traceback(f, &[]) {
        fail(&mut st, e.value);
    }
    aqua_stdlib::flush_stdout();
}

fn fail(st: &mut aqua_vm::State, v: Value) -> ! {
    aqua_stdlib::flush_stdout();
    let m = match st.to_str_bytes(v) {
        Some(b) => String::from_utf8_lossy(&b).into_owned(),
        None => format!("(error object is a {} value)", v.type_name()),
    };
    eprintln!("lua5.4: {m}");
    std::process::exit(1);
}
