//! ^C (SIGINT) in the `aqua` command, as lua.c handles it: a running chunk stops with the error
//! `interrupted!` (reported with its traceback, exit status 1), the REPL abandons the line and
//! goes on, and with no code running SIGINT has its default action.
//!
//! Each test spawns the binary, waits until the Lua code says it is running (a line on stdout),
//! sends SIGINT with `libc::kill`, and checks the exit status and stderr. A watchdog kills a
//! child that does not end within 30 s (the test then fails instead of hanging).
#![cfg(unix)]

use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::process::ExitStatusExt;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

fn aqua() -> Command {
    Command::new(env!("CARGO_BIN_EXE_aqua"))
}

/// Read stdout until a line equal to `marker` (the program is then running its loop).
fn wait_for_line(out: &mut BufReader<std::process::ChildStdout>, marker: &str) {
    let mut line = String::new();
    loop {
        line.clear();
        let n = out.read_line(&mut line).expect("read stdout");
        assert!(n > 0, "the program ended before printing {marker:?}");
        if line.trim_end() == marker {
            return;
        }
    }
}

/// Send SIGINT, a moment after the program said it runs (so that it is in its loop, not still
/// returning from the `flush` that printed the marker; either is handled, but the test checks
/// the loop's position).
fn sigint(child: &Child) {
    std::thread::sleep(Duration::from_millis(400));
    let pid = libc::pid_t::try_from(child.id()).expect("pid");
    // SAFETY: sending a signal to our own child process.
    let r = unsafe { libc::kill(pid, libc::SIGINT) };
    assert_eq!(r, 0, "kill failed");
}

/// Wait for the child, killing it after 30 s.
fn wait(child: &mut Child) -> ExitStatus {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Some(st) = child.try_wait().expect("wait") {
            return st;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the program did not stop after SIGINT");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn stderr_of(child: &mut Child) -> String {
    let mut s = String::new();
    if let Some(mut e) = child.stderr.take() {
        e.read_to_string(&mut s).expect("read stderr");
    }
    s
}

/// Run `aqua` with `args`, wait for the program's `ready` line, send SIGINT, check that it
/// exits with status 1; its stderr.
fn interrupted_run<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> String {
    let mut child = aqua()
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn aqua");
    let mut out = BufReader::new(child.stdout.take().expect("stdout"));
    wait_for_line(&mut out, "ready");
    sigint(&child);
    let status = wait(&mut child);
    let err = stderr_of(&mut child);
    assert_eq!(status.code(), Some(1), "status {status:?}, stderr {err}");
    err
}

#[test]
fn sigint_stops_a_runaway_chunk() {
    let err = interrupted_run(&[
        "-e",
        "io.write('ready\\n') io.stdout:flush() while true do end",
    ]);
    let mut lines = err.lines();
    let first = lines.next().unwrap_or_default();
    // `aqua: interrupted!` (the program name is the path of the binary)
    assert!(first.ends_with(": interrupted!"), "stderr: {err}");
    assert_eq!(lines.next(), Some("stack traceback:"), "stderr: {err}");
    assert!(
        err.contains("\n\t(command line):1: in main chunk\n"),
        "stderr: {err}"
    );
    assert!(err.ends_with("\n\t[C]: in ?\n"), "stderr: {err}");
}

/// Run `-e <code>` with `opts`, wait for its `ready` line, send SIGINT: the chunk must stop with
/// `interrupted!` in the main chunk.
fn interrupt_chunk(opts: &[&str], code: &str) {
    let code = format!("io.write('ready\\n') io.stdout:flush() {code}");
    let mut args = opts.to_vec();
    args.extend(["-e", &code]);
    let err = interrupted_run(&args);
    let first = err.lines().next().unwrap_or_default();
    assert!(first.ends_with("interrupted!"), "{opts:?} {code}: {err}");
    assert!(
        err.contains("\n\t(command line):1: in "),
        "{opts:?} {code}: {err}"
    );
}

/// Every kind of backward jump is an interrupt check, on both VM targets: `while`/`repeat`
/// (JMP and conditional jumps back), integer and float numeric `for`, generic `for`.
#[test]
fn sigint_stops_every_kind_of_loop_on_both_targets() {
    let loops = [
        "while true do end",
        "local x = 0 repeat x = x + 1 until x < 0",
        "local x = 0 while x >= 0 do x = x + 1 end",
        "for i = 1, math.maxinteger do end",
        "for i = 1.0, 1e300 do end",
        "for k in function() return 1 end do end",
        "local function f() while true do end end f()",
    ];
    for opts in [&[][..], &["--target=stack"][..]] {
        for code in loops {
            interrupt_chunk(opts, code);
        }
    }
}

#[test]
fn sigint_in_a_function_reports_the_caller_position() {
    let dir = std::env::temp_dir().join(format!("aqua-interrupt-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let script = dir.join("spin.lua");
    std::fs::write(
        &script,
        "local function spin()\n  local n = 0\n  for i = 1, math.maxinteger do\n    n = n + i\n    if i == 1 then io.write('ready\\n') io.stdout:flush() end\n  end\nend\nspin()\n",
    )
    .expect("write script");
    for opts in [&[][..], &["--target=stack"][..]] {
        let mut args: Vec<&std::ffi::OsStr> = opts.iter().map(std::ffi::OsStr::new).collect();
        args.push(script.as_os_str());
        let err = interrupted_run(&args);
        // lua.c's message: luaL_where(1), the position of the call of the interrupted function
        // (or, if the signal came while `flush` was returning, of the call of `flush`)
        let first = err.lines().next().unwrap_or_default();
        assert!(
            first.ends_with("spin.lua:8: interrupted!")
                || first.ends_with("spin.lua:5: interrupted!"),
            "{opts:?}: stderr: {err}"
        );
        assert!(err.contains("in local 'spin'"), "{opts:?}: stderr: {err}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn sigint_in_the_repl_abandons_the_line() {
    let mut child = aqua()
        .arg("-i")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn aqua");
    let mut input = child.stdin.take().expect("stdin");
    let mut out = BufReader::new(child.stdout.take().expect("stdout"));
    input
        .write_all(b"x = 0 io.write('ready\\n') io.stdout:flush() while true do x = x + 1 end\n")
        .expect("write");
    input.flush().expect("flush");
    wait_for_line(&mut out, "> ready");
    sigint(&child);
    input.write_all(b"print('after', x >= 0)\n").expect("write");
    drop(input);
    let status = wait(&mut child);
    let mut rest = String::new();
    out.read_to_string(&mut rest).expect("read stdout");
    let err = stderr_of(&mut child);
    assert_eq!(status.code(), Some(0), "status {status:?}, stderr {err}");
    assert!(rest.contains("after\ttrue"), "stdout: {rest}");
    assert!(
        err.starts_with("interrupted!\nstack traceback:\n"),
        "stderr: {err}"
    );
}

#[test]
fn sigint_with_no_code_running_has_its_default_action() {
    let mut child = aqua()
        .arg("-i")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn aqua");
    let mut input = child.stdin.take().expect("stdin");
    let mut out = BufReader::new(child.stdout.take().expect("stdout"));
    input.write_all(b"print('ready')\n").expect("write");
    input.flush().expect("flush");
    wait_for_line(&mut out, "> ready");
    // the REPL now waits for the next line: no code runs
    std::thread::sleep(Duration::from_millis(100));
    sigint(&child);
    let status = wait(&mut child);
    drop(input);
    assert_eq!(status.signal(), Some(libc::SIGINT), "status {status:?}");
}
