//! Command-line parsing: lua.c's `collectargs`, plus Aqua's long options.
//!
//! Lua's rules: options come first; the first argument that does not start with `-` is the
//! script, and everything after it goes to the script. `--` ends the options (the next argument,
//! if any, is the script), `-` alone means "the script is standard input". `-e` and `-l` take an
//! argument, glued (`-eprint(1)`) or separate (`-e 'print(1)'`); a separate argument may not start
//! with `-`. `-i` implies `-v`.
//!
//! Aqua's long options (only before the script, like every option):
//! - `--list` compiles the script (and every following argument, each a file; `-` is standard
//!   input) without running it and prints the `luac5.4 -l` listing; `--list --list` or
//!   `--list=full` prints `luac5.4 -l -l` details;
//! - `--alloc=NAME` chooses the compiler's register allocator (`lifo`, `linear`, ...);
//! - `--passes` runs the compiler's IR passes (constant/copy propagation, dead-code elimination);
//! - `--regalloc-report` (or `--regalloc-report=html`) compiles the script and every following
//!   file argument and prints, per function, what the register allocator did.

/// What to do with one argument of the option region (lua.c's `runargs` pass).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// `-e stat`
    Exec(Vec<u8>),
    /// `-l mod` / `-l g=mod`
    Require(Vec<u8>),
    /// `-W`
    WarningsOn,
}

/// The parsed command line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Args {
    /// `-e`/`-l`/`-W` in order.
    pub actions: Vec<Action>,
    pub has_e: bool,
    pub has_i: bool,
    pub has_v: bool,
    pub has_e_upper: bool,
    /// Index in argv of the script (`None`: no script).
    pub script: Option<usize>,
    /// The script is standard input (`-` not preceded by `--`).
    pub script_is_stdin: bool,
    /// 0: run; 1: `--list`; 2: `--list --list` / `--list=full`.
    pub list: u8,
    /// `--alloc=NAME` (validated by the caller).
    pub alloc: Option<String>,
    /// `--target=register|stack` (validated by the caller).
    pub target: Option<String>,
    /// `--regalloc-report` (`Some("text")`) or `--regalloc-report=FORMAT`.
    pub regalloc_report: Option<String>,
    /// `--passes`: run the IR passes (constant and copy propagation, dead-code elimination).
    pub passes: bool,
}

/// A bad command line: lua.c prints the usage after the message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ArgError {
    /// `'-e' needs argument`
    NeedsArgument(String),
    /// `unrecognized option '-x'`
    Unrecognized(String),
}

/// Parse `argv` (with the program name at index 0).
pub fn parse(argv: &[Vec<u8>]) -> Result<Args, ArgError> {
    let mut a = Args::default();
    let mut i = 1;
    let show = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    while i < argv.len() {
        let arg = &argv[i];
        if arg.first() != Some(&b'-') {
            a.script = Some(i);
            return Ok(a);
        }
        match arg.get(1).copied() {
            Some(b'-') => {
                if arg.len() == 2 {
                    if i + 1 < argv.len() {
                        a.script = Some(i + 1);
                    }
                    return Ok(a);
                }
                match &arg[2..] {
                    b"list" => a.list = (a.list + 1).min(2),
                    b"list=full" => a.list = 2,
                    s if s.starts_with(b"alloc=") => a.alloc = Some(show(&s[6..])),
                    s if s.starts_with(b"target=") => a.target = Some(show(&s[7..])),
                    b"regalloc-report" => a.regalloc_report = Some("text".into()),
                    b"passes" => a.passes = true,
                    s if s.starts_with(b"regalloc-report=") => {
                        a.regalloc_report = Some(show(&s[16..]))
                    }
                    _ => return Err(ArgError::Unrecognized(show(arg))),
                }
            }
            None => {
                // "-": the script is stdin
                a.script = Some(i);
                a.script_is_stdin = true;
                return Ok(a);
            }
            Some(c @ (b'E' | b'W' | b'i' | b'v')) => {
                if arg.len() != 2 {
                    return Err(ArgError::Unrecognized(show(arg)));
                }
                match c {
                    b'E' => a.has_e_upper = true,
                    b'W' => a.actions.push(Action::WarningsOn),
                    b'i' => {
                        a.has_i = true;
                        a.has_v = true;
                    }
                    _ => a.has_v = true,
                }
            }
            Some(c @ (b'e' | b'l')) => {
                let value = if arg.len() > 2 {
                    arg[2..].to_vec()
                } else {
                    match argv.get(i + 1) {
                        Some(next) if next.first() != Some(&b'-') => {
                            i += 1;
                            next.clone()
                        }
                        _ => return Err(ArgError::NeedsArgument(show(arg))),
                    }
                };
                if c == b'e' {
                    a.has_e = true;
                    a.actions.push(Action::Exec(value));
                } else {
                    a.actions.push(Action::Require(value));
                }
            }
            Some(_) => return Err(ArgError::Unrecognized(show(arg))),
        }
        i += 1;
    }
    Ok(a)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(s: &[&str]) -> Vec<Vec<u8>> {
        s.iter().map(|x| x.as_bytes().to_vec()).collect()
    }

    #[test]
    fn script_and_args() {
        let a = parse(&argv(&["aqua", "-e", "x=1", "s.lua", "-e", "y"])).unwrap();
        assert_eq!(a.script, Some(3));
        assert_eq!(a.actions, vec![Action::Exec(b"x=1".to_vec())]);
        assert!(a.has_e);
    }

    #[test]
    fn glued_and_errors() {
        let a = parse(&argv(&["aqua", "-eprint(1)", "-lmod", "-W"])).unwrap();
        assert_eq!(a.script, None);
        assert_eq!(a.actions.len(), 3);
        assert_eq!(
            parse(&argv(&["aqua", "-e"])),
            Err(ArgError::NeedsArgument("-e".into()))
        );
        assert_eq!(
            parse(&argv(&["aqua", "-e", "-i"])),
            Err(ArgError::NeedsArgument("-e".into()))
        );
        assert_eq!(
            parse(&argv(&["aqua", "-x"])),
            Err(ArgError::Unrecognized("-x".into()))
        );
        assert_eq!(
            parse(&argv(&["aqua", "-vv"])),
            Err(ArgError::Unrecognized("-vv".into()))
        );
        assert_eq!(
            parse(&argv(&["aqua", "--foo"])),
            Err(ArgError::Unrecognized("--foo".into()))
        );
    }

    #[test]
    fn dashes() {
        let a = parse(&argv(&["aqua", "--", "-"])).unwrap();
        assert_eq!(a.script, Some(2));
        assert!(!a.script_is_stdin);
        let a = parse(&argv(&["aqua", "-", "x"])).unwrap();
        assert_eq!(a.script, Some(1));
        assert!(a.script_is_stdin);
        let a = parse(&argv(&["aqua", "--"])).unwrap();
        assert_eq!(a.script, None);
    }

    #[test]
    fn long_options() {
        let a = parse(&argv(&["aqua", "--list", "--list", "f.lua"])).unwrap();
        assert_eq!(a.list, 2);
        let a = parse(&argv(&["aqua", "--list=full", "--alloc=lifo", "f.lua"])).unwrap();
        assert_eq!(a.list, 2);
        assert_eq!(a.alloc.as_deref(), Some("lifo"));
        let a = parse(&argv(&["aqua", "-i"])).unwrap();
        assert!(a.has_i && a.has_v);
    }
}
