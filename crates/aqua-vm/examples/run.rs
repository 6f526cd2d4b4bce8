//! `cargo run --release -p aqua-vm --example run -- file.lua`: run a script with the test base
//! library (for benchmarking the interpreter without the stdlib).

#[path = "../tests/common/mod.rs"]
mod common;

fn main() {
    let path = std::env::args().nth(1).expect("usage: run file.lua");
    let src = std::fs::read_to_string(&path).expect("read");
    common::OUT.with(|o| o.borrow_mut().clear());
    let out = common::run(&src, &path);
    print!("{out}");
}
