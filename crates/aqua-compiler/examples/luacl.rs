//! `luacl FILE...`: print the `luac5.4 -l -l` style listing of each file (addresses normalised),
//! for comparison with `luac5.4 -l -l -p FILE`.
fn main() {
    if let Ok(n) = std::env::var("LUACL_BENCH") {
        // Time compile only: LUACL_BENCH=N luacl FILE
        let n: u32 = n.parse().unwrap_or(10);
        for path in std::env::args().skip(1) {
            let Ok(src) = std::fs::read(&path) else {
                continue;
            };
            let t = std::time::Instant::now();
            for _ in 0..n {
                let _ = aqua_compiler::compile(&src, b"=bench");
            }
            let parse = std::time::Instant::now();
            for _ in 0..n {
                let _ = aqua_syntax::parse(&src, b"=bench");
            }
            println!(
                "{path}: compile {:?}/iter (parse alone {:?}/iter)",
                t.elapsed() / n,
                parse.elapsed() / n
            );
        }
        return;
    }
    for path in std::env::args().skip(1) {
        let src = match std::fs::read(&path) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        let mut src = src;
        if src.first() == Some(&b'#') {
            let n = src.iter().position(|&c| c == b'\n').unwrap_or(src.len());
            src.drain(..n);
        }
        let name = format!("@{path}");
        match aqua_compiler::compile(&src, name.as_bytes()) {
            Ok(p) => print!(
                "{}",
                aqua_bytecode::listing::normalize_addresses(&aqua_bytecode::listing::list(
                    &p, true
                ))
            ),
            Err(e) => {
                println!(
                    "luac5.4: {}",
                    String::from_utf8_lossy(&e.to_lua_message(name.as_bytes()))
                );
            }
        }
    }
}
