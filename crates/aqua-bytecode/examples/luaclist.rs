//! Debug aid: `cargo run -p aqua-bytecode --example luaclist -- [-s] [-v] file.luac`
//! prints our `luac -l -l` listing of a binary chunk (`-v` also runs the verifier,
//! `-s`/`-d` re-dump it, stripped/unstripped, to stdout instead).
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.iter().find(|a| !a.starts_with('-')) else {
        eprintln!("usage: luaclist [-s|-d] [-v] file.luac");
        std::process::exit(2);
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let p = match aqua_bytecode::undump(&bytes, format!("@{path}").as_bytes()) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    if args.iter().any(|a| a == "-v") {
        if let Err(e) = aqua_bytecode::verify::verify(&p) {
            eprintln!("verify: {e}");
            std::process::exit(1);
        }
    }
    for (flag, strip) in [("-s", true), ("-d", false)] {
        if args.iter().any(|a| a == flag) {
            use std::io::Write;
            let _ = std::io::stdout().write_all(&aqua_bytecode::dump(&p, strip));
            return;
        }
    }
    print!("{}", aqua_bytecode::list(&p, true));
}
