//! The `aqua` command: runs Lua 5.4 programs like `lua5.4` (see `cli/mod.rs`).

mod cli;

fn main() {
    std::process::exit(cli::main());
}
