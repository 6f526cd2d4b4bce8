//! Every allocator on the whole corpus (`tests/lua/**/*.lua` + `bench/*.lua`): each function's
//! allocation must be accepted by the checker (no fallback hides a rejection here), and the
//! summed frame sizes / static instruction counts / MOVEs are printed per allocator
//! (`cargo test -p aqua-compiler --test regalloc_corpus -- --nocapture`).

use aqua_compiler::ir::Function;
use aqua_compiler::regalloc::{checker, lifo::Lifo, linear_scan::LinearScan, RegAlloc};
use aqua_compiler::{Allocator, Options};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn corpus() -> Vec<PathBuf> {
    fn walk(d: &Path, out: &mut Vec<PathBuf>) {
        let Ok(rd) = std::fs::read_dir(d) else { return };
        let mut es: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        es.sort();
        for p in es {
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "lua") {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(&root().join("tests/lua"), &mut out);
    walk(&root().join("bench"), &mut out);
    // a corpus that cannot be found must not make every test here pass vacuously
    assert!(
        out.len() > 300,
        "corpus not found under {}",
        root().display()
    );
    out
}

fn all<'a>(f: &'a Function, out: &mut Vec<&'a Function>) {
    out.push(f);
    for p in &f.protos {
        all(p, out);
    }
}

fn source(p: &Path) -> Vec<u8> {
    let mut s = std::fs::read(p).unwrap_or_default();
    if s.first() == Some(&b'#') {
        let nl = s.iter().position(|&c| c == b'\n').unwrap_or(s.len());
        s.drain(..nl);
    }
    s
}

#[test]
fn checker_accepts_every_allocation_of_the_corpus() {
    let allocs: Vec<Box<dyn RegAlloc>> = Allocator::ALL
        .into_iter()
        .map(aqua_compiler::allocator_impl)
        .collect();
    let mut totals = vec![(0u64, 0u64); allocs.len()];
    let mut failures = Vec::new();
    let mut fallbacks = Vec::new();
    let mut pressure = 0u64;
    let mut fpressure = 0u64;
    for path in corpus() {
        let src = source(&path);
        let Ok(ir) = aqua_compiler::compile_ir(&src, b"=corpus") else {
            continue;
        };
        let mut fs = Vec::new();
        all(&ir, &mut fs);
        for f in fs {
            let l = aqua_compiler::regalloc::liveness::compute(f);
            let iv = aqua_compiler::regalloc::liveness::build_intervals(f, &l);
            pressure += iv.max_pressure as u64;
            if let Ok((_, st)) = aqua_compiler::regalloc::linear_scan::allocate(f) {
                fpressure += st.final_pressure as u64;
            }
            for (k, ra) in allocs.iter().enumerate() {
                match ra.allocate(f) {
                    Ok(a) => {
                        totals[k].0 += a.maxstacksize as u64;
                        totals[k].1 += 1;
                        if let Err(e) = checker::check(f, &a) {
                            failures.push(format!(
                                "{}: <{},{}> {}: {e}",
                                path.display(),
                                f.linedefined,
                                f.lastlinedefined,
                                ra.name()
                            ));
                        }
                    }
                    Err(e) => fallbacks.push(format!(
                        "{}: <{},{}> {}: {}",
                        path.display(),
                        f.linedefined,
                        f.lastlinedefined,
                        ra.name(),
                        e.message
                    )),
                }
            }
        }
    }
    for (k, ra) in allocs.iter().enumerate() {
        println!(
            "{:8} functions {:6} summed maxstacksize {:7}",
            ra.name(),
            totals[k].1,
            totals[k].0
        );
    }
    println!("summed max pressure {pressure}, after solid locals {fpressure}");
    for f in &fallbacks {
        println!("fallback: {f}");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Whole-chunk compilation with every non-LIFO allocator (with and without the IR passes)
/// succeeds wherever LIFO succeeds, with the checker on, the code passes the bytecode verifier,
/// and it is no longer (and its frames no larger) than LIFO's.
#[test]
fn linear_never_longer_than_lifo() {
    fn count(p: &aqua_bytecode::Proto) -> (usize, usize, usize) {
        let moves = p
            .code
            .iter()
            .filter(|i| i.opcode() == aqua_bytecode::OpCode::Move)
            .count();
        p.protos
            .iter()
            .map(count)
            .fold((p.code.len(), moves, p.maxstacksize as usize), |a, b| {
                (a.0 + b.0, a.1 + b.1, a.2 + b.2)
            })
    }
    let mut worse = Vec::new();
    let configs = [
        ("lifo", Allocator::Lifo, false),
        ("linear", Allocator::Linear, false),
        ("linear+passes", Allocator::Linear, true),
        ("linear-live", Allocator::LinearLive, false),
        ("coloring", Allocator::Coloring, false),
        ("coloring+passes", Allocator::Coloring, true),
        ("coloring-live", Allocator::ColoringLive, false),
        ("auto", Allocator::Auto, false),
    ];
    let mut sums = vec![(0usize, 0usize, 0usize); configs.len()];
    for path in corpus() {
        let src = source(&path);
        if aqua_compiler::compile(&src, b"=c").is_err() {
            continue;
        }
        for (k, &(name, allocator, passes)) in configs.iter().enumerate() {
            let opts = Options {
                allocator,
                check: true,
                passes,
                ..Options::default()
            };
            match aqua_compiler::compile_with(&src, b"=c", &opts) {
                Ok(p) => {
                    // The bytecode verifier's rules (numeric-for state untouched in the loop, no
                    // open upvalue aliasing it, ...) hold for every allocator's code.
                    if let Err(e) = aqua_bytecode::verify::verify(&p) {
                        worse.push(format!("{} ({name}): verifier: {e}", path.display()));
                    }
                    let c = count(&p);
                    sums[k] = (sums[k].0 + c.0, sums[k].1 + c.1, sums[k].2 + c.2);
                }
                Err(e) => worse.push(format!("{} ({name}): {e}", path.display())),
            }
        }
    }
    for (k, c) in configs.iter().enumerate() {
        println!(
            "{:14} instructions {:7} MOVEs {:6} maxstacksize {:6}",
            c.0, sums[k].0, sums[k].1, sums[k].2
        );
    }
    assert!(worse.is_empty(), "{}", worse.join("\n"));
    for s in &sums[1..] {
        assert!(s.0 <= sums[0].0 && s.2 <= sums[0].2);
    }
}

/// Debug aid: `AQUA_DEBUG_FILE=path AQUA_DEBUG_LINE=n cargo test -p aqua-compiler --test
/// regalloc_corpus dump_function -- --ignored --nocapture` prints the IR of the function defined
/// at line n with its linear-scan registers and the checker's verdict.
#[test]
#[ignore]
fn dump_function() {
    let (Some(file), Some(line)) = (
        std::env::var_os("AQUA_DEBUG_FILE"),
        std::env::var("AQUA_DEBUG_LINE").ok(),
    ) else {
        return;
    };
    let line: u32 = line.parse().unwrap_or(0);
    let src = source(Path::new(&file));
    let ir = aqua_compiler::compile_ir(&src, b"=dbg").expect("compiles");
    let mut fs = Vec::new();
    all(&ir, &mut fs);
    for f in fs {
        if f.linedefined != line {
            continue;
        }
        let live = std::env::var_os("AQUA_DEBUG_LIVE").is_some();
        let ra: &dyn RegAlloc = if live {
            &aqua_compiler::regalloc::linear_scan::LinearScanLive
        } else {
            &LinearScan
        };
        let a = ra.allocate(f).expect("allocates");
        let r = |v: &aqua_compiler::ir::VReg| {
            format!("v{}=R{}", v.0, a.reg(*v).map(|r| r.0 as i32).unwrap_or(-1))
        };
        for (p, i) in f.insts.iter().enumerate() {
            let b = f.block_of(aqua_compiler::ir::InstId(p as u32)).map(|b| b.0);
            let ops: Vec<String> = [i.a, i.b, i.c]
                .iter()
                .map(|o| match o.reg() {
                    Some(v) => r(&v),
                    None => format!("{o:?}"),
                })
                .collect();
            println!(
                "{p:4} b{:<3} {:?} {} win[{}] wout[{}]{}{} tgt={:?} closes={:?}",
                b.unwrap_or(0),
                i.op,
                ops.join(" "),
                i.win.iter().map(r).collect::<Vec<_>>().join(","),
                i.wout.iter().map(r).collect::<Vec<_>>().join(","),
                if i.open_in { " open_in" } else { "" },
                if i.open_out { " open_out" } else { "" },
                i.target,
                i.closes
            );
        }
        println!("pinned {:?}", f.pinned);
        print!("{}", aqua_compiler::regalloc::report::report(f, ra));
        println!("check: {:?}", checker::check(f, &a));
    }
}

/// Compile time per allocator over the corpus, in process (run in release:
/// `cargo test --release -p aqua-compiler --test regalloc_corpus compile_time -- --ignored
/// --nocapture`): the front end (parse + IR) once, then per allocator the back end (allocation
/// alone, and allocation + emission), best of interleaved runs (the machine is shared).
#[test]
#[ignore]
fn compile_time() {
    use std::time::Instant;
    let files: Vec<Vec<u8>> = corpus().iter().map(|p| source(p)).collect();
    let allocs: Vec<Box<dyn RegAlloc>> = vec![
        Box::new(Lifo),
        Box::new(LinearScan),
        Box::new(aqua_compiler::regalloc::linear_scan::LinearScanLive),
    ];
    let mut best_front = f64::MAX;
    let mut irs = Vec::new();
    for r in 0..5 {
        let t0 = Instant::now();
        for src in &files {
            let ir = aqua_compiler::compile_ir(src, b"=c");
            if r == 0 {
                if let Ok(ir) = ir {
                    irs.push(ir);
                }
            }
        }
        best_front = best_front.min(t0.elapsed().as_secs_f64());
    }
    let mut fns = Vec::new();
    for ir in &irs {
        all(ir, &mut fns);
    }
    let src: std::sync::Arc<[u8]> = std::sync::Arc::from(&b"=c"[..]);
    let mut best_alloc = vec![f64::MAX; allocs.len()];
    let mut best_lower = vec![f64::MAX; allocs.len()];
    for _ in 0..7 {
        for (k, ra) in allocs.iter().enumerate() {
            let t0 = Instant::now();
            for f in &fns {
                let _ = ra.allocate(f);
            }
            best_alloc[k] = best_alloc[k].min(t0.elapsed().as_secs_f64());
            let t0 = Instant::now();
            for ir in &irs {
                let _ = aqua_compiler::lower(ir, ra.as_ref(), false, &src);
            }
            best_lower[k] = best_lower[k].min(t0.elapsed().as_secs_f64());
        }
    }
    println!(
        "{} files, {} functions; parse + IR build {best_front:.3} s",
        irs.len(),
        fns.len()
    );
    for (k, ra) in allocs.iter().enumerate() {
        let total = best_front + best_lower[k];
        let lifo_total = best_front + best_lower[0];
        println!(
            "{:12} allocation {:.3} s, allocation + emission {:.3} s, whole compile {:.3} s ({:.2}x lifo)",
            ra.name(),
            best_alloc[k],
            best_lower[k],
            total,
            total / lifo_total
        );
    }
}
