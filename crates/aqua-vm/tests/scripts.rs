//! Runs `tests/lua/*.lua` and compares with `tests/lua/*.expected` (lua5.4's output; an uncaught
//! error is printed as `error: msg`).

mod common;

#[test]
fn lua_scripts() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lua");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "lua"))
        .collect();
    names.sort();
    let mut failed = Vec::new();
    for p in &names {
        let src = std::fs::read_to_string(p).unwrap();
        let exp_path = p.with_extension("expected");
        let expected = std::fs::read_to_string(&exp_path).unwrap_or_default();
        let fname = p.file_name().unwrap().to_string_lossy().into_owned();
        if cfg!(feature = "gc-stress") && fname.ends_with(".nostress.lua") {
            continue; // depends on when collections happen
        }
        let got = common::run(&src, &fname);
        if got != expected {
            eprintln!("=== {fname}: MISMATCH\n--- expected\n{expected}\n--- got\n{got}");
            failed.push(fname);
        }
    }
    assert!(failed.is_empty(), "failed: {failed:?}");
}
