//! Tests against the oracle `luac5.4`: undump of its binary chunks, dump back to identical bytes
//! (plain and stripped), listing identical to `luac5.4 -l -l`, and the verifier accepting all.
//! Skipped (with a note) when `luac5.4` is not installed.

mod common;

use aqua_bytecode::{dump, list, listing::normalize_addresses, undump, verify::verify};
use std::path::{Path, PathBuf};
use std::process::Command;

fn have_luac() -> bool {
    Command::new("luac5.4").arg("-v").output().is_ok()
}

fn tmpdir(test: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("aqua-bytecode-{test}-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&d);
    d
}

fn lua_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lua");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("tests/lua")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "lua"))
        .collect();
    v.sort();
    v
}

/// Compile `src` with luac5.4 into `out` (stripped if asked); returns luac's `-l -l` listing of
/// the compiled (or, for stripped, the reloaded) chunk.
fn luac(src: &Path, out: &Path, strip: bool) -> String {
    let mut cmd = Command::new("luac5.4");
    if strip {
        cmd.arg("-s");
    }
    let o = cmd.arg("-o").arg(out).arg(src).output().expect("luac5.4");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = Command::new("luac5.4")
        .args(["-l", "-l", "-p"])
        .arg(out)
        .output()
        .expect("luac5.4");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn check_file(src: &Path, dir: &Path) {
    let stem = src.file_stem().unwrap().to_string_lossy().into_owned();
    for strip in [false, true] {
        let out = dir.join(format!("{stem}{}.luac", if strip { "-s" } else { "" }));
        let expected = luac(src, &out, strip);
        let bytes = std::fs::read(&out).unwrap();
        let p = undump(&bytes, b"=test").unwrap_or_else(|e| panic!("{}: {e}", src.display()));
        verify(&p).unwrap_or_else(|e| panic!("{} verify: {e}", src.display()));
        let again = dump(&p, strip);
        assert!(
            again == bytes,
            "{} (strip={strip}): dump differs",
            src.display()
        );
        if !strip {
            // Stripping our undumped copy must give luac -s's bytes too.
            let s = dump(&p, true);
            let sb = luac_bytes(src, dir, true);
            assert!(
                s == sb,
                "{}: dump(strip) differs from luac -s",
                src.display()
            );
        }
        let ours = list(&p, true);
        let (a, b) = (normalize_addresses(&expected), normalize_addresses(&ours));
        if a != b {
            let fa = dir.join(format!("{stem}-{strip}.expected"));
            let fb = dir.join(format!("{stem}-{strip}.ours"));
            std::fs::write(&fa, &a).unwrap();
            std::fs::write(&fb, &b).unwrap();
            panic!(
                "listing differs ({}): diff {} {}",
                aqua_bytecode::listing::first_difference(&expected, &ours).unwrap_or_default(),
                fa.display(),
                fb.display()
            );
        }
    }
}

fn luac_bytes(src: &Path, dir: &Path, strip: bool) -> Vec<u8> {
    let out = dir.join("tmp-bytes.luac");
    luac(src, &out, strip);
    std::fs::read(&out).unwrap()
}

#[test]
fn luac_files_round_trip_and_list() {
    if !have_luac() {
        common::skip_without_oracle("luac5.4");
        return;
    }
    let dir = tmpdir("files");
    for f in lua_files() {
        check_file(&f, &dir);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn loadkx_and_large_setlist() {
    if !have_luac() {
        common::skip_without_oracle("luac5.4");
        return;
    }
    let dir = tmpdir("loadkx");
    let src = dir.join("loadkx.lua");
    let mut s = String::from("local t = {");
    for i in 0..131_100 {
        s.push_str(&format!("{i}.5,"));
    }
    s.push_str("}\nlocal x = 'the last constant'\nreturn t, x\n");
    std::fs::write(&src, s).unwrap();
    check_file(&src, &dir);
    let _ = std::fs::remove_dir_all(&dir);
}

fn check_asm(p: &aqua_bytecode::Proto) {
    use aqua_bytecode::{asm::assemble, listing::format_instruction, OpCode};
    let text: String = (0..p.code.len())
        .map(|pc| format_instruction(p, pc) + "\n")
        .collect();
    let code = assemble(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(code.len(), p.code.len());
    for (pc, (&x, &y)) in code.iter().zip(&p.code).enumerate() {
        let mut y = y;
        match y.opcode() {
            // not shown by the listing
            OpCode::Return0 => y.set_a(0),
            OpCode::Eq
            | OpCode::Lt
            | OpCode::Le
            | OpCode::EqK
            | OpCode::EqI
            | OpCode::LtI
            | OpCode::LeI
            | OpCode::GtI
            | OpCode::GeI => y.set_c(0),
            _ => {}
        }
        assert_eq!(x, y, "pc {pc}: {}", format_instruction(p, pc));
    }
    for c in &p.protos {
        check_asm(c);
    }
}

#[test]
fn assembler_round_trips_luac_code() {
    if !have_luac() {
        common::skip_without_oracle("luac5.4");
        return;
    }
    let dir = tmpdir("asm");
    for f in lua_files() {
        let out = dir.join("asm.luac");
        luac(&f, &out, false);
        let p = undump(&std::fs::read(&out).unwrap(), b"=t").unwrap();
        check_asm(&p);
    }
    let _ = std::fs::remove_dir_all(&dir);
}
