//! Measures the IR passes: static instruction count, MOVE count and summed `maxstacksize` of
//! FILES compiled with each allocator, without passes, with `passes::run_passes` and with
//! `remove_dead_locals` on ("+dead"). Every allocation is checked.
//!
//! `cargo run --release -p aqua-compiler --example pass_stats -- [-v] FILES...`
//! (`-v`: per-file pass statistics); `-t FILES`: IR-building and pass times; `-i FILE`: the main
//! function's IR without and with passes; `-l FILE`: linear-scan listings without and with
//! passes (`FULL=1` adds constants, locals and upvalues).

use aqua_bytecode::{OpCode, Proto};
use aqua_compiler::regalloc::RegAlloc;
use aqua_compiler::{lower, passes};

#[derive(Default, Clone, Copy)]
struct Count {
    insts: u64,
    moves: u64,
    frame: u64,
}

fn count(p: &Proto, c: &mut Count) {
    c.insts += p.code.len() as u64;
    c.moves += p
        .code
        .iter()
        .filter(|i| i.try_opcode() == Some(OpCode::Move))
        .count() as u64;
    c.frame += p.maxstacksize as u64;
    for q in &p.protos {
        count(q, c);
    }
}

fn main() {
    let mut files: Vec<String> = std::env::args().skip(1).collect();
    if files.first().is_some_and(|a| a == "-t") {
        // -t FILES: time of building the IR and of the passes alone.
        for path in &files[1..] {
            let text = std::fs::read(path).unwrap_or_default();
            let t0 = std::time::Instant::now();
            let Ok(mut f) = aqua_compiler::compile_ir(&text, b"=stats") else {
                continue;
            };
            let t1 = std::time::Instant::now();
            let s = passes::run_passes(&mut f);
            let t2 = std::time::Instant::now();
            println!("{path}: ir {:?}, passes {:?}, {s:?}", t1 - t0, t2 - t1);
        }
        return;
    }
    if files.first().is_some_and(|a| a == "-i") {
        // -i FILE: the main function's IR without and with passes.
        let text = std::fs::read(&files[1]).unwrap_or_default();
        if let Ok(f) = aqua_compiler::compile_ir(&text, b"=stats") {
            let mut g = f.clone();
            let s = passes::run_passes(&mut g);
            for ir in [&f, &g] {
                for (p, i) in ir.insts.iter().enumerate() {
                    println!(
                        "{p:4} {:?} a={:?} b={:?} c={:?} win={:?} wout={:?}",
                        i.op, i.a, i.b, i.c, i.win, i.wout
                    );
                }
                println!("=====");
            }
            println!("{s:?}");
        }
        return;
    }
    if files.first().is_some_and(|a| a == "-l") {
        // -l FILE: linear-scan listings without and with passes, separated by a line of '='.
        let text = std::fs::read(&files[1]).unwrap_or_default();
        let src: std::sync::Arc<[u8]> = std::sync::Arc::from(&b"=stats"[..]);
        if let Ok(f) = aqua_compiler::compile_ir(&text, b"=stats") {
            let mut g = f.clone();
            passes::run_passes(&mut g);
            for ir in [&f, &g] {
                match lower(
                    ir,
                    &aqua_compiler::regalloc::linear_scan::LinearScan,
                    true,
                    &src,
                ) {
                    Ok(p) => println!(
                        "{}\n=====",
                        aqua_bytecode::listing::list(&p, std::env::var_os("FULL").is_some())
                    ),
                    Err(e) => println!("error: {e}"),
                }
            }
        }
        return;
    }
    let verbose = files.first().is_some_and(|a| a == "-v");
    if verbose {
        files.remove(0);
    }
    let ras: [(&str, &dyn RegAlloc); 3] = [
        ("lifo", &aqua_compiler::regalloc::lifo::Lifo),
        ("linear", &aqua_compiler::regalloc::linear_scan::LinearScan),
        (
            "coloring",
            &aqua_compiler::regalloc::coloring::Coloring::default(),
        ),
    ];
    let src: std::sync::Arc<[u8]> = std::sync::Arc::from(&b"=stats"[..]);
    let mut totals = [[Count::default(); 3]; 3];
    let mut stats = passes::PassStats::default();
    let mut nfiles = 0;
    for path in &files {
        let Ok(text) = std::fs::read(path) else {
            continue;
        };
        let Ok(f) = aqua_compiler::compile_ir(&text, b"=stats") else {
            continue;
        };
        let mut g = f.clone();
        let s = passes::run_passes(&mut g);
        let mut h = f.clone();
        let opts = passes::PassOptions {
            remove_dead_locals: true,
        };
        passes::run_passes_with(&mut h, &opts);
        if verbose && s != passes::PassStats::default() {
            println!("{path}: {s:?}");
        }
        stats.copies_propagated += s.copies_propagated;
        stats.folded += s.folded;
        stats.constants_propagated += s.constants_propagated;
        stats.removed += s.removed;
        nfiles += 1;
        for (k, (name, ra)) in ras.iter().enumerate() {
            for (j, ir) in [&f, &g, &h].into_iter().enumerate() {
                if k == 0 && j > 0 {
                    continue; // LIFO never runs on passed IR
                }
                match lower(ir, *ra, true, &src) {
                    Ok(p) => count(&p, &mut totals[k][j]),
                    Err(e) => {
                        eprintln!("{path}: {name}{}: {e}", ["", "+passes", "+passes+dead"][j])
                    }
                }
            }
        }
    }
    println!("{nfiles} files; passes: {stats:?}");
    println!(
        "{:<20} {:>10} {:>8} {:>10}",
        "allocator", "insts", "MOVEs", "sum frame"
    );
    for (k, (name, _)) in ras.iter().enumerate() {
        for j in 0..3 {
            if k == 0 && j > 0 {
                continue;
            }
            let c = totals[k][j];
            let label = format!("{name}{}", ["", "+passes", "+passes+dead"][j]);
            println!(
                "{:<20} {:>10} {:>8} {:>10}",
                label, c.insts, c.moves, c.frame
            );
        }
    }
}
