//! Parses each file given on the command line and prints `OK` or lua5.4-style
//! `luac5.4: name:line: message` (used to compare with `luac5.4 -p`). Options: `--time` prints
//! the parse time, `--sexp` the S-expression dump, `--lua` the tree printed back as Lua,
//! `--dump` the `Debug` tree, `--stack=N` runs on a thread with an N-byte stack.

use std::io::Write;

fn main() {
    // --stack=N: run on a thread with an N-byte stack (to measure the parser's stack use)
    let stack = std::env::args().find_map(|a| {
        a.strip_prefix("--stack=")
            .and_then(|n| n.parse::<usize>().ok())
    });
    if let Some(n) = stack {
        let h = std::thread::Builder::new()
            .stack_size(n)
            .spawn(run)
            .expect("spawn");
        let _ = h.join();
    } else {
        run();
    }
}

fn run() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let time = args.iter().any(|a| a == "--time");
    let dump = args.iter().any(|a| a == "--dump");
    let sexp = args.iter().any(|a| a == "--sexp");
    let lua = args.iter().any(|a| a == "--lua");
    let mut out = std::io::stdout().lock();
    for path in args.iter().filter(|a| !a.starts_with("--")) {
        let Ok(src) = std::fs::read(path) else {
            let _ = writeln!(out, "cannot read {}", path);
            continue;
        };
        let t = std::time::Instant::now();
        let r = aqua_syntax::parse(&src, path.as_bytes());
        let el = t.elapsed();
        match r {
            Ok(chunk) => {
                if time {
                    let _ = writeln!(out, "{}: {} bytes in {:?}", path, src.len(), el);
                } else if lua {
                    let _ = write!(out, "{}", aqua_syntax::pretty::to_lua(&chunk));
                } else if sexp {
                    let _ = writeln!(out, "{}", aqua_syntax::pretty::chunk(&chunk));
                } else if dump {
                    let _ = writeln!(out, "{:#?}", chunk.body);
                } else {
                    let _ = writeln!(out, "OK");
                }
            }
            Err(e) => {
                let msg = String::from_utf8_lossy(&e.message);
                if e.line == 0 {
                    let _ = writeln!(out, "luac5.4: {}", msg);
                } else {
                    let _ = writeln!(out, "luac5.4: {}:{}: {}", path, e.line, msg);
                }
            }
        }
    }
}
