//! `debug.debug()` (ldblib.c `db_debug`): a minimal interactive loop on the standard streams.
//!
//! Prompts `lua_debug> ` on stderr, reads a line of at most 249 bytes from stdin (longer lines
//! are read in pieces, as `fgets` into a 250-byte buffer does), runs it as the chunk
//! `=(debug command)` in protected mode and prints an error message (`luaL_tolstring` of the
//! error value) on stderr. Stops at end of input or at a line that is exactly `cont`.
//!
//! Stdin is read byte by byte straight from descriptor 0, so no input beyond the command line
//! is taken away from the `io` library's buffered `io.stdin`.

use aqua_vm::{Ctx, LuaError};
use std::fs::File;
use std::io::Read;
use std::mem::ManuallyDrop;

/// `fgets(buffer, 250, stdin)`: up to 249 bytes, stopping after a newline; `None` at end of
/// input (or on a read error) with nothing read.
fn read_command() -> Option<Vec<u8>> {
    use std::os::unix::io::FromRawFd;
    // SAFETY: descriptor 0 is open for the life of the process (or invalid, and reads fail with
    // EBADF); ManuallyDrop guarantees this File never closes it.
    let mut stdin = ManuallyDrop::new(unsafe { File::from_raw_fd(0) });
    let mut line = Vec::new();
    let mut byte = [0u8; 1];
    while line.len() < 249 {
        match stdin.read(&mut byte) {
            Ok(1) => {
                line.push(byte[0]);
                if byte[0] == b'\n' {
                    break;
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            _ => break,
        }
    }
    if line.is_empty() {
        None
    } else {
        Some(line)
    }
}

/// `debug.debug()`.
pub(super) fn debug(ctx: &mut Ctx) -> Result<usize, LuaError> {
    loop {
        crate::auxlib::flush_stdout();
        crate::auxlib::write_stderr(b"lua_debug> ");
        let Some(line) = read_command() else {
            return Ok(0);
        };
        if line == b"cont\n" {
            return Ok(0);
        }
        let res = match ctx.load(&line, b"=(debug command)") {
            Ok(f) => ctx.call(f, &[]).map(|_| ()),
            Err(e) => Err(e),
        };
        if let Err(e) = res {
            let mut msg = match crate::auxlib::tolstring(ctx, e.value) {
                Ok(s) => s.as_bytes().to_vec(),
                Err(_) => b"(error object is not a string)".to_vec(),
            };
            msg.push(b'\n');
            crate::auxlib::write_stderr(&msg);
        }
    }
}
