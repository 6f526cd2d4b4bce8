//! The interactive loop (lua.c's `doREPL`).
//!
//! Each input line is first tried as an expression (`return <line>;`); if that does not compile it
//! is compiled as a statement, and while the compiler's message ends in `<eof>` (incomplete input)
//! continuation lines are read with the second prompt and joined with `\n`. Results are printed
//! with the global `print`; errors are reported without the program name and the loop goes on.
//! A line starting with `=` means `return <rest>` (Lua 5.2 compatibility). Prompts are
//! `tostring(_PROMPT)` / `tostring(_PROMPT2)` when those globals are set, else `> ` and `>> `.
//!
//! Each line runs through `docall`: ^C while it runs abandons it with `interrupted!` and the loop
//! goes on (see `signals.rs`); ^C while a line is being edited is rustyline's (it cancels the line).
//!
//! Line editing and history come from `rustyline` when standard input is a terminal; otherwise
//! lines are read plainly, with the prompt written to stdout (lua.c without readline).

use super::{error_text, flush_stdout, message, out, Cli};
use aqua::{Error, Function, MultiValue, Value};
use std::io::{BufRead, IsTerminal};

/// A source of input lines.
enum Input {
    Editor(Box<rustyline::DefaultEditor>),
    /// Plain reading (stdin is locked per line only: Lua code may read stdin too).
    Plain,
}

impl Input {
    fn new() -> Input {
        if std::io::stdin().is_terminal() {
            if let Ok(ed) = rustyline::DefaultEditor::new() {
                return Input::Editor(Box::new(ed));
            }
        }
        Input::Plain
    }

    /// One line without its newline (bytes: Lua source need not be UTF-8); `None` at end of
    /// input.
    fn read(&mut self, prompt: &str) -> Option<Vec<u8>> {
        flush_stdout();
        match self {
            Input::Editor(ed) => loop {
                match ed.readline(prompt) {
                    Ok(l) => return Some(l.into_bytes()),
                    // ^C cancels the line being typed
                    Err(rustyline::error::ReadlineError::Interrupted) => continue,
                    Err(_) => return None,
                }
            },
            Input::Plain => {
                out(prompt.as_bytes());
                let mut buf = Vec::new();
                match std::io::stdin().lock().read_until(b'\n', &mut buf) {
                    Ok(0) | Err(_) => None,
                    Ok(_) => {
                        if buf.last() == Some(&b'\n') {
                            buf.pop();
                        }
                        Some(buf)
                    }
                }
            }
        }
    }

    fn save(&mut self, line: &[u8]) {
        if let Input::Editor(ed) = self {
            if !line.is_empty() {
                let _ = ed.add_history_entry(String::from_utf8_lossy(line));
            }
        }
    }
}

fn prompt(cli: &Cli, first: bool) -> String {
    let name = if first { "_PROMPT" } else { "_PROMPT2" };
    let v: Value = cli.lua.globals().get(name).unwrap_or(Value::Nil);
    if v.is_nil() {
        return if first { "> " } else { ">> " }.to_string();
    }
    cli.lua.to_string_lossy(&v).unwrap_or_default()
}

/// Read and compile one statement (lua.c's `loadline`): `None` at end of input.
fn load_line(cli: &Cli, input: &mut Input) -> Option<Result<Function, Error>> {
    let line = input.read(&prompt(cli, true))?;
    let line = match line.strip_prefix(b"=") {
        Some(rest) => [b"return ".as_slice(), rest].concat(),
        None => line,
    };
    // as an expression
    let ret = [b"return ".as_slice(), &line, b";"].concat();
    if let Ok(f) = cli.lua.load(ret).set_name("=stdin").into_function() {
        input.save(&line);
        return Some(Ok(f));
    }
    // as statements, with continuation lines
    let mut buf = line;
    loop {
        match cli
            .lua
            .load(buf.as_slice())
            .set_name("=stdin")
            .into_function()
        {
            Err(e) if e.is_incomplete_input() => match input.read(&prompt(cli, false)) {
                Some(more) => {
                    buf.push(b'\n');
                    buf.extend_from_slice(&more);
                }
                None => {
                    input.save(&buf);
                    return Some(Err(e));
                }
            },
            r => {
                input.save(&buf);
                return Some(r);
            }
        }
    }
}

/// Print results with the global `print` (lua.c's `l_print`).
fn print_results(cli: &Cli, results: MultiValue) {
    if results.is_empty() {
        return;
    }
    let print: Value = cli.lua.globals().get("print").unwrap_or(Value::Nil);
    let r = match print {
        Value::Function(f) => f.call::<()>(results),
        _ => Err(Error::RuntimeError("attempt to call a nil value".into())),
    };
    if let Err(e) = r {
        message(None, format!("error calling 'print' ({})", e.message()));
    }
}

/// Run the REPL until end of input.
pub fn run(cli: &Cli) {
    let mut input = Input::new();
    while let Some(r) = load_line(cli, &mut input) {
        match r.and_then(|f| super::docall::<MultiValue>(&f, ())) {
            Ok(results) => print_results(cli, results),
            Err(e) => message(None, error_text(&e)),
        }
    }
    out(b"\n");
}
