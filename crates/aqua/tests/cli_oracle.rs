//! The `aqua` command against lua5.4, byte for byte: stdout, stderr and exit status of the
//! same command line, for the situations where lua.c's structure shows — the main chunk, `-e`
//! code, `-l` modules, standard input and the REPL all run inside lua.c's `pmain`, a C function
//! called with `lua_pcall` (`[C]: in ?` ends every traceback; `debug.getinfo(2)` is that C
//! function), errors are reported by lua.c's `msghandler`, and the standard descriptors are the
//! ones the shell gave (a closed stdout makes writes fail with "Bad file descriptor").
//!
//! Each case is a shell command line with `$LUA` for the interpreter, run in a scratch
//! directory holding a few fixture files. Program names (`lua5.4`, the path of the aqua binary)
//! are replaced by `lua` before comparing. Without lua5.4 the tests are skipped, unless
//! `AQUA_REQUIRE_ORACLE` is set (CI), where that is a failure.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Fixture files of the scratch directory: (name, contents).
const FIXTURES: &[(&str, &str)] = &[
    ("good.lua", "print('good loaded', ...) return {x = 42}\n"),
    ("bad.lua", "local function f() error('modfail') end\nf()\n"),
    ("tbmod.lua", "print(debug.traceback('in module'))\n"),
    (
        "main.lua",
        "print(select('#', ...), ...)\n\
         print(#arg, arg[1], arg[2])\n\
         print(debug.traceback('tb'))\n\
         local i = debug.getinfo(2, 'Sl')\n\
         print(i.what, i.source, i.currentline, debug.getinfo(3))\n",
    ),
    ("err.lua", "local function g() error('boom') end\ng()\n"),
    ("init.lua", "print(debug.traceback('init'))\n"),
    (
        "closed_out.lua",
        "io.write('x')\n\
         local r = table.pack(io.stdout:flush())\n\
         io.stderr:write('flush: ', tostring(r[1]), ' ', tostring(r[2]), ' ', tostring(r[3]), '\\n')\n\
         io.stdout:setvbuf('no')\n\
         r = table.pack(io.write('z'))\n\
         io.stderr:write('write: ', tostring(r[1]), ' ', tostring(r[2]), ' ', tostring(r[3]), '\\n')\n",
    ),
    (
        "closed_in.lua",
        "local r = table.pack(io.read())\n\
         io.stderr:write('read: ', tostring(r[1]), ' ', tostring(r[2]), ' ', tostring(r[3]), '\\n')\n",
    ),
    (
        "repl.in",
        "error('x')\n\
         print(debug.traceback())\n\
         local t = setmetatable({}, {__index = function() error('idx') end}) return t.x\n\
         error({})\n\
         print(debug.getinfo(2, 'S').what, debug.getinfo(3))\n",
    ),
    ("hookerr.lua", "debug.sethook(function() error('hookerr') end, 'r')\n"),
];

/// Command lines that give the same output under both interpreters.
const CASES: &[&str] = &[
    // the main chunk and -e code run from a C level
    "$LUA main.lua a b",
    "$LUA -e 'print(debug.traceback())'",
    "$LUA -e 'print(debug.getinfo(2, \"S\").what, debug.getinfo(3))'",
    "$LUA -e \"error('x')\"",
    "$LUA -e 'error({})'",
    "$LUA -e 'error(setmetatable({}, {__tostring = function() return \"TS\" end}))'",
    "$LUA -e 'error(42)'",
    "$LUA -e 'error()'",
    "$LUA -e 'local function r() return 1 + r() end r()'",
    "$LUA -e 'x='",
    "$LUA err.lua",
    "$LUA nonexistent.lua",
    // -l modules, run by require from pmain
    "LUA_PATH='./?.lua' $LUA -l good -e 'print(good.x)'",
    "LUA_PATH='./?.lua' $LUA -l g=good -e 'print(g.x)'",
    "LUA_PATH='./?.lua' $LUA -l tbmod",
    "LUA_PATH='./?.lua' $LUA -l nonexistent",
    // standard input as the script
    "$LUA - a b < main.lua",
    "$LUA - < err.lua",
    // no script and stdin not a terminal: stdin runs as a file, its error does not change the
    // exit status (lua.c ignores dofile's result there)
    "$LUA < err.lua",
    "$LUA < main.lua",
    // the arg table without a script: the program name at 0, the options from 1
    "$LUA -e 'print(#arg, arg[1], arg[2], arg[-1])'",
    // LUA_INIT runs from pmain too
    "LUA_INIT=\"print(debug.traceback('init'))\" $LUA -e ''",
    "LUA_INIT=\"error('initerr')\" $LUA -e 'print(1)'",
    "LUA_INIT=@init.lua $LUA -e ''",
    // os.exit from inside
    "$LUA -e 'io.write(\"a\") print(debug.traceback()) os.exit(3)'",
    "$LUA -e 'io.write(\"a\") os.exit(true, true)'",
    // descriptors closed by the shell
    "$LUA closed_out.lua >&-",
    "$LUA closed_in.lua <&-",
    "$LUA -e 'error(\"x\")' 2>&-",
];

/// Command lines whose stderr and exit status (not stdout: the banner and readline's echo of
/// the input lines differ) are the same.
const STDERR_CASES: &[&str] = &["$LUA -i < repl.in"];

/// The traceback of an error is taken where it is raised (inside `require`, inside a hook), and
/// finalizers run with hooks off (lua_close's at exit included).
const HOOK_CASES: &[&str] = &[
    "LUA_PATH='./?.lua' $LUA -l bad",
    // a return hook left set sees pmain return; its error there is reported without traceback
    "$LUA hookerr.lua",
    "$LUA -e \"debug.sethook(function(e) print(e, debug.getinfo(2, 'S').what) end, 'cr')\"",
];

fn lua() -> Option<PathBuf> {
    let p = PathBuf::from("/usr/bin/lua5.4");
    if p.exists() {
        return Some(p);
    }
    assert!(
        std::env::var_os("AQUA_REQUIRE_ORACLE").is_none(),
        "lua5.4 not found, and AQUA_REQUIRE_ORACLE is set: the CLI must be compared"
    );
    eprintln!("lua5.4 not found: skipped");
    None
}

/// A scratch directory with the fixtures.
fn scratch(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("aqua-cli-oracle-{}-{tag}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    for (name, text) in FIXTURES {
        std::fs::write(dir.join(name), text).expect("fixture");
    }
    dir
}

struct Run {
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    status: Option<i32>,
}

fn run(dir: &Path, bin: &Path, case: &str) -> Run {
    let out = Command::new("sh")
        .arg("-c")
        .arg(case.replace("$LUA", "\"$LUA_BIN\""))
        .env("LUA_BIN", bin)
        .env_remove("LUA_INIT")
        .env_remove("LUA_INIT_5_4")
        .env_remove("LUA_PATH")
        .env_remove("LUA_PATH_5_4")
        .current_dir(dir)
        .output()
        .expect("run sh");
    let norm = |b: Vec<u8>| {
        let s = String::from_utf8_lossy(&b).into_owned();
        let s = s.replace(&bin.display().to_string(), "lua");
        s.replace("lua5.4", "lua")
            .replace("/usr/bin/lua", "lua")
            .into_bytes()
    };
    Run {
        stdout: norm(out.stdout),
        stderr: norm(out.stderr),
        status: out.status.code(),
    }
}

/// Compare every case; returns the descriptions of the differences.
fn compare(tag: &str, cases: &[&str], with_stdout: bool) -> Vec<String> {
    let Some(lua) = lua() else { return Vec::new() };
    let aqua = PathBuf::from(env!("CARGO_BIN_EXE_aqua"));
    let dir = scratch(tag);
    let mut diffs = Vec::new();
    for case in cases {
        let l = run(&dir, &lua, case);
        let a = run(&dir, &aqua, case);
        let show = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        if with_stdout && l.stdout != a.stdout {
            diffs.push(format!(
                "{case}: stdout\n--- lua5.4\n{}\n--- aqua\n{}",
                show(&l.stdout),
                show(&a.stdout)
            ));
        }
        if l.stderr != a.stderr {
            diffs.push(format!(
                "{case}: stderr\n--- lua5.4\n{}\n--- aqua\n{}",
                show(&l.stderr),
                show(&a.stderr)
            ));
        }
        if l.status != a.status {
            diffs.push(format!(
                "{case}: status lua5.4 {:?}, aqua {:?}",
                l.status, a.status
            ));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    diffs
}

#[test]
fn same_output_as_lua() {
    let diffs = compare("out", CASES, true);
    assert!(diffs.is_empty(), "{}", diffs.join("\n\n"));
}

#[test]
fn same_errors_as_lua_in_the_repl() {
    let diffs = compare("repl", STDERR_CASES, false);
    assert!(diffs.is_empty(), "{}", diffs.join("\n\n"));
}

#[test]
fn same_output_as_lua_raise_point_and_hooks() {
    let diffs = compare("hooks", HOOK_CASES, true);
    assert!(diffs.is_empty(), "{}", diffs.join("\n\n"));
}
