//! `aqua --list`: compile without running and print the `luac5.4 -l` listing
//! (`--list --list` / `--list=full`: `luac5.4 -l -l`).
//!
//! Every positional argument (from the script on) is a file to list; `-` is standard input.
//! Source files are compiled with the register allocator chosen by `--alloc` (default `lifo`),
//! binary chunks are undumped. Files are read as `luaL_loadfile` does (`#` first line, BOM).
//! Errors are reported as lua.c would (`aqua: x.lua:3: ... near ...`), exit status 1.

use super::args::Args;
use super::message;
use aqua_compiler::Options;
use std::io::Read;

fn read(name: &[u8]) -> Result<(Vec<u8>, Vec<u8>), String> {
    let mut data = Vec::new();
    if name == b"-" {
        std::io::stdin()
            .read_to_end(&mut data)
            .map_err(|e| format!("cannot read stdin: {e}"))?;
        return Ok((aqua::chunk::skip_prefix(data), b"=stdin".to_vec()));
    }
    let shown = String::from_utf8_lossy(name).into_owned();
    let path = std::path::PathBuf::from(&shown);
    let mut f =
        std::fs::File::open(&path).map_err(|e| format!("cannot open {shown}: {}", strerror(&e)))?;
    f.read_to_end(&mut data)
        .map_err(|e| format!("cannot read {shown}: {}", strerror(&e)))?;
    let mut chunkname = b"@".to_vec();
    chunkname.extend_from_slice(name);
    Ok((aqua::chunk::skip_prefix(data), chunkname))
}

fn strerror(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.rfind(" (os error ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// List one file.
fn list_one(name: &[u8], opts: &Options, full: bool) -> Result<String, String> {
    let (src, chunkname) = read(name)?;
    let proto = if src.first() == Some(&0x1b) {
        aqua_bytecode::undump(&src, &chunkname)?
    } else {
        aqua_compiler::compile_with(&src, &chunkname, opts)
            .map_err(|e| String::from_utf8_lossy(&e.to_lua_message(&chunkname)).into_owned())?
    };
    if opts.target == aqua_compiler::Target::Stack {
        return Ok(aqua_bytecode::stack_isa::list(&proto));
    }
    Ok(aqua_bytecode::listing::list(&proto, full))
}

/// Run `--list`; returns the exit status.
pub fn run(progname: &str, argv: &[Vec<u8>], a: &Args, opts: &Options) -> i32 {
    let Some(first) = a.script else {
        message(
            Some(progname),
            "--list needs a file to list ('-' for standard input)",
        );
        return 1;
    };
    let mut out = String::new();
    for name in &argv[first..] {
        match list_one(name, opts, a.list >= 2) {
            Ok(s) => out.push_str(&s),
            Err(m) => {
                super::out(out.as_bytes());
                message(Some(progname), &m);
                return 1;
            }
        }
    }
    super::out(out.as_bytes());
    0
}

/// Run `--regalloc-report[=text|html]` over the script and every following file argument;
/// prints the report on standard output and returns the exit status.
pub fn regalloc_report(
    progname: &str,
    argv: &[Vec<u8>],
    a: &Args,
    opts: &Options,
    format: &str,
) -> i32 {
    let html = match format {
        "text" | "" => false,
        "html" => true,
        other => {
            message(
                Some(progname),
                format!("unknown report format '{other}' (available: text, html)"),
            );
            return 1;
        }
    };
    let Some(first) = a.script else {
        message(
            Some(progname),
            "--regalloc-report needs a file ('-' for standard input)",
        );
        return 1;
    };
    let mut out = String::new();
    for name in &argv[first..] {
        let r = read(name).and_then(|(src, chunkname)| {
            let res = if html {
                aqua_compiler::regalloc_report_html(&src, &chunkname, opts.allocator)
            } else {
                aqua_compiler::regalloc_report(&src, &chunkname, opts.allocator)
            };
            res.map_err(|e| String::from_utf8_lossy(&e.to_lua_message(&chunkname)).into_owned())
        });
        match r {
            Ok(s) => out.push_str(&s),
            Err(m) => {
                super::out(out.as_bytes());
                message(Some(progname), &m);
                return 1;
            }
        }
    }
    super::out(out.as_bytes());
    0
}
