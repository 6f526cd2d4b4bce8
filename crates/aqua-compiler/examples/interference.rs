//! `interference FILE...`: check that the LIFO allocation is consistent with the IR's liveness
//! (no two simultaneously live vregs share a register; nothing live across a call above its base).
use aqua_compiler::regalloc::{lifo::Lifo, liveness, RegAlloc};

fn walk(f: &aqua_compiler::ir::Function, path: &str, bad: &mut usize) {
    match Lifo.allocate(f) {
        Ok(a) => {
            if let Err(e) = liveness::check_interference(f, &a) {
                println!("{path}: function at line {}: {e}", f.linedefined);
                *bad += 1;
            }
        }
        Err(e) => println!("{path}: {}", e.message),
    }
    for p in &f.protos {
        walk(p, path, bad);
    }
}

fn main() {
    let mut bad = 0;
    for path in std::env::args().skip(1) {
        let Ok(src) = std::fs::read(&path) else {
            continue;
        };
        if let Ok(f) = aqua_compiler::compile_ir(&src, b"=x") {
            walk(&f, &path, &mut bad);
        }
    }
    println!("{bad} functions with conflicts");
}
