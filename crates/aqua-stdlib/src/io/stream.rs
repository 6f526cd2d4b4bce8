//! A buffered stream with C `FILE*` semantics, the payload of a Lua file handle.
//!
//! Role: what `liolib.c` gets from stdio — a read buffer with one-character look-ahead
//! (`getc`/`ungetc`, needed by `read("n")`), a write buffer with `setvbuf` modes, the error
//! flag (`ferror`) and its errno, `fseek`/`ftell` that account for both buffers, and the three
//! kinds of close (`io_fclose`, `io_pclose`, `io_noclose` of the standard files).
//!
//! Invariants:
//! - at most one of the buffers holds data: before writing, unread input is given back to the
//!   OS position (`lseek` backwards) and dropped; before reading, pending output is written;
//! - the write buffer is a glibc `FILE` model ([`CFile`]), so output reaches the OS in the same
//!   pieces and at the same moments as under lua5.4;
//! - standard output and error never buffer here: their bytes go to the process-wide C
//!   `stdout`/`stderr` of `auxlib`, shared with `print` and the warnings;
//! - every stream that is still open is flushed when dropped (Lua's `lua_close` closes files
//!   through `__gc`; a collected or leaked handle must not lose output), and `flush_all` (used by
//!   `os.exit`, like C's `exit`) flushes the open streams of this thread.

use std::cell::RefCell;
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::mem::ManuallyDrop;
use std::process::{Child, ChildStdin, ChildStdout};
use std::rc::{Rc, Weak};

use crate::auxlib::StdOut;
pub use crate::cfile::VBuf;
use crate::cfile::{CFile, FdInfo};

/// Default buffer size (`LUAL_BUFFERSIZE`/`BUFSIZ`).
pub const BUFSIZE: usize = 8192;

/// A standard stream.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum StdKind {
    In,
    Out,
    Err,
}

/// The OS object behind a stream.
pub enum Handle {
    /// stdin/stdout/stderr: the descriptor is borrowed (never closed).
    Std(StdKind, ManuallyDrop<File>),
    File(File),
    PipeRead(Child, ChildStdout),
    PipeWrite(Child, ChildStdin),
}

/// How the stream is closed (`LStream.closef`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CloseKind {
    /// `io_noclose`: standard files.
    NoClose,
    /// `io_fclose`.
    FClose,
    /// `io_pclose`.
    PClose,
}

/// The result of closing a stream.
pub enum Closed {
    /// fclose result.
    File(io::Result<()>),
    /// pclose: `Ok(exit status)`.
    Pipe(io::Result<std::process::ExitStatus>),
    /// a standard file: stays open.
    Refused,
}

pub struct Stream {
    /// `None` once closed.
    pub handle: Option<Handle>,
    pub close_kind: CloseKind,
    pub readable: bool,
    pub writable: bool,
    rbuf: Vec<u8>,
    rpos: usize,
    /// The write side (the buffer flags of the standard streams live in `auxlib`).
    w: CFile,
    /// `ferror`: the errno of the last failed operation since `clear_error`.
    pub error: Option<io::Error>,
}

thread_local! {
    static OPEN: RefCell<Vec<Weak<RefCell<Stream>>>> = const { RefCell::new(Vec::new()) };
}

/// A shared stream, registered for [`flush_all`].
pub fn register(s: Stream) -> Rc<RefCell<Stream>> {
    let rc = Rc::new(RefCell::new(s));
    let _ = OPEN.try_with(|o| {
        let mut o = o.borrow_mut();
        o.retain(|w| w.strong_count() > 0);
        o.push(Rc::downgrade(&rc));
    });
    rc
}

/// Flush every open stream of this thread (C `exit`'s `fflush(NULL)`), newest first as glibc
/// walks its list of streams.
pub fn flush_all() {
    let streams: Vec<Rc<RefCell<Stream>>> = OPEN
        .try_with(|o| {
            o.borrow()
                .iter()
                .rev()
                .filter_map(|w| w.upgrade())
                .collect()
        })
        .unwrap_or_default();
    for s in streams {
        if let Ok(mut s) = s.try_borrow_mut() {
            let _ = s.flush();
        }
    }
}

/// Close every open stream of this thread (what `lua_close` does through `__gc`, newest first
/// as finalizers run in reverse order of marking): files are flushed and closed, pipes closed
/// and their children waited for; standard files stay open and unflushed (`io_noclose`; C's
/// `exit` flushes them afterwards).
pub fn close_all() {
    let streams: Vec<Rc<RefCell<Stream>>> = OPEN
        .try_with(|o| {
            o.borrow()
                .iter()
                .rev()
                .filter_map(|w| w.upgrade())
                .collect()
        })
        .unwrap_or_default();
    for s in streams {
        if let Ok(mut s) = s.try_borrow_mut() {
            if !s.is_closed() && s.close_kind != CloseKind::NoClose {
                let _ = s.close();
            }
        }
    }
}

impl Drop for Stream {
    fn drop(&mut self) {
        if self.handle.is_some() && self.close_kind != CloseKind::NoClose {
            let _ = self.close();
        } else {
            let _ = self.flush();
        }
    }
}

/// A copy of an I/O error (its errno when it has one).
fn copy_error(e: &io::Error) -> io::Error {
    match e.raw_os_error() {
        Some(code) => io::Error::from_raw_os_error(code),
        None => io::Error::from(e.kind()),
    }
}

#[cfg(unix)]
fn std_file(fd: i32) -> ManuallyDrop<File> {
    use std::os::unix::io::FromRawFd;
    // SAFETY: descriptors 0, 1 and 2 are open for the life of the process (or invalid, in which
    // case operations fail with EBADF); ManuallyDrop guarantees the File never closes them.
    ManuallyDrop::new(unsafe { File::from_raw_fd(fd) })
}

impl Stream {
    fn with(handle: Handle, close_kind: CloseKind, readable: bool, writable: bool) -> Stream {
        Stream {
            handle: Some(handle),
            close_kind,
            readable,
            writable,
            rbuf: Vec::new(),
            rpos: 0,
            w: CFile::new(),
            error: None,
        }
    }

    /// A standard stream.
    pub fn std(kind: StdKind) -> Stream {
        let fd = match kind {
            StdKind::In => 0,
            StdKind::Out => 1,
            StdKind::Err => 2,
        };
        let mut s = Stream::with(
            Handle::Std(kind, std_file(fd)),
            CloseKind::NoClose,
            kind == StdKind::In,
            kind != StdKind::In,
        );
        if kind == StdKind::In {
            // glibc classifies a terminal as line-buffered (stdout is flushed before reading it)
            s.w.set_info(FdInfo::of_fd(0));
            if FdInfo::of_fd(0).tty {
                let _ =
                    s.w.setvbuf(VBuf::Line, &mut |_| Ok(()), &mut || FdInfo::of_fd(0));
            }
        }
        s
    }

    /// A regular file.
    pub fn file(f: File, readable: bool, writable: bool) -> Stream {
        #[cfg(unix)]
        let info = {
            use std::os::unix::io::AsRawFd;
            FdInfo::of_fd(f.as_raw_fd())
        };
        let mut s = Stream::with(Handle::File(f), CloseKind::FClose, readable, writable);
        #[cfg(unix)]
        s.w.set_info(info);
        s
    }

    /// A pipe to/from a child process.
    pub fn pipe(h: Handle) -> Stream {
        let (r, w) = match h {
            Handle::PipeRead(..) => (true, false),
            _ => (false, true),
        };
        #[cfg(unix)]
        let info = {
            use std::os::unix::io::AsRawFd;
            match &h {
                Handle::PipeRead(_, p) => Some(FdInfo::of_fd(p.as_raw_fd())),
                Handle::PipeWrite(_, p) => Some(FdInfo::of_fd(p.as_raw_fd())),
                _ => None,
            }
        };
        let mut s = Stream::with(h, CloseKind::PClose, r, w);
        #[cfg(unix)]
        if let Some(i) = info {
            s.w.set_info(i);
        }
        s
    }

    /// The process-wide C stream this handle stands for (stdout/stderr).
    fn std_out(&self) -> Option<StdOut> {
        match self.handle {
            Some(Handle::Std(StdKind::Out, _)) => Some(StdOut::Out),
            Some(Handle::Std(StdKind::Err, _)) => Some(StdOut::Err),
            _ => None,
        }
    }

    pub fn is_closed(&self) -> bool {
        self.handle.is_none()
    }

    pub fn clear_error(&mut self) {
        self.error = None;
    }

    fn set_error(&mut self, e: io::Error) {
        self.error = Some(e);
    }

    fn ebadf() -> io::Error {
        io::Error::from_raw_os_error(libc::EBADF)
    }

    // ----- raw OS access -----------------------------------------------------------------

    fn raw_read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            let r = match self.handle.as_mut() {
                Some(Handle::Std(_, f)) => f.read(buf),
                Some(Handle::File(f)) => f.read(buf),
                Some(Handle::PipeRead(_, p)) => p.read(buf),
                _ => Err(Self::ebadf()),
            };
            match r {
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                r => return r,
            }
        }
    }

    fn raw_write(handle: &mut Option<Handle>, data: &[u8]) -> io::Result<()> {
        match handle.as_mut() {
            Some(Handle::Std(StdKind::Out, _)) => crate::auxlib::std_write(StdOut::Out, data),
            Some(Handle::Std(StdKind::Err, _)) => crate::auxlib::std_write(StdOut::Err, data),
            Some(Handle::Std(StdKind::In, f)) => f.write_all(data),
            Some(Handle::File(f)) => f.write_all(data),
            Some(Handle::PipeWrite(_, p)) => p.write_all(data),
            _ => Err(Self::ebadf()),
        }
    }

    fn raw_seek(&mut self, pos: SeekFrom) -> io::Result<u64> {
        match self.handle.as_mut() {
            Some(Handle::Std(k, f)) => {
                if *k == StdKind::Out {
                    crate::auxlib::flush_stdout();
                }
                f.seek(pos)
            }
            Some(Handle::File(f)) => f.seek(pos),
            Some(_) => Err(io::Error::from_raw_os_error(libc::ESPIPE)),
            None => Err(Self::ebadf()),
        }
    }

    // ----- buffered operations -----------------------------------------------------------

    /// Write the output buffer (`fflush`).
    pub fn flush(&mut self) -> io::Result<()> {
        let r = match self.std_out() {
            Some(which) => crate::auxlib::std_flush(which),
            None => {
                let Stream { handle, w, .. } = self;
                w.flush(&mut |b| Self::raw_write(handle, b))
            }
        };
        if let Err(e) = &r {
            self.set_error(copy_error(e));
        }
        r
    }

    /// Give unread input back to the OS position (so writes and seeks land where expected).
    fn drop_read_buffer(&mut self) {
        let unread = self.rbuf.len() - self.rpos;
        if unread > 0 {
            let _ = self.raw_seek(SeekFrom::Current(-(unread as i64)));
        }
        self.rbuf.clear();
        self.rpos = 0;
    }

    /// `fwrite` of all of `data`. Errors are also recorded (`ferror`).
    pub fn write(&mut self, data: &[u8]) -> io::Result<()> {
        if !self.writable {
            let e = Self::ebadf();
            self.set_error(Self::ebadf());
            return Err(e);
        }
        self.drop_read_buffer();
        let r = match self.std_out() {
            Some(which) => crate::auxlib::std_write(which, data),
            None => {
                let Stream { handle, w, .. } = self;
                w.write(data, &mut |b| Self::raw_write(handle, b), &mut || FdInfo {
                    blksize: BUFSIZE,
                    tty: false,
                })
            }
        };
        if let Err(e) = &r {
            self.set_error(copy_error(e));
        }
        r
    }

    /// Make sure the read buffer has data; `Ok(false)` at end of file.
    fn fill(&mut self) -> io::Result<bool> {
        if self.rpos < self.rbuf.len() {
            return Ok(true);
        }
        if !self.readable {
            return Err(Self::ebadf());
        }
        if self.w.has_pending() {
            self.flush()?;
        }
        if self.w.is_interactive() && crate::auxlib::stdout_line_buffered() {
            // glibc's underflow: before reading a line-buffered or unbuffered stream, a
            // line-buffered stdout is flushed (prompts on a terminal)
            crate::auxlib::flush_stdout();
        }
        self.rbuf.clear();
        self.rpos = 0;
        self.rbuf.resize(BUFSIZE, 0);
        let mut tmp = std::mem::take(&mut self.rbuf);
        let r = self.raw_read(&mut tmp);
        self.rbuf = tmp;
        match r {
            Ok(n) => {
                self.rbuf.truncate(n);
                Ok(n > 0)
            }
            Err(e) => {
                self.rbuf.clear();
                Err(e)
            }
        }
    }

    /// The next byte without consuming it (`None`: end of file or error, recorded).
    pub fn peek(&mut self) -> Option<u8> {
        match self.fill() {
            Ok(true) => self.rbuf.get(self.rpos).copied(),
            Ok(false) => None,
            Err(e) => {
                self.set_error(e);
                None
            }
        }
    }

    /// `getc`.
    pub fn getc(&mut self) -> Option<u8> {
        let c = self.peek()?;
        self.rpos += 1;
        Some(c)
    }

    /// Read up to `n` bytes (fewer only at end of file or on error).
    pub fn read_chars(&mut self, n: usize, out: &mut Vec<u8>) {
        let mut left = n;
        while left > 0 && self.peek().is_some() {
            let avail = &self.rbuf[self.rpos..];
            let take = avail.len().min(left);
            out.extend_from_slice(&avail[..take]);
            self.rpos += take;
            left -= take;
        }
    }

    /// Read a line; the newline is included when `keep_nl`. Returns whether a newline was seen.
    pub fn read_line(&mut self, keep_nl: bool, out: &mut Vec<u8>) -> bool {
        while self.peek().is_some() {
            let avail = &self.rbuf[self.rpos..];
            if let Some(p) = avail.iter().position(|&c| c == b'\n') {
                out.extend_from_slice(&avail[..p]);
                if keep_nl {
                    out.push(b'\n');
                }
                self.rpos += p + 1;
                return true;
            }
            out.extend_from_slice(avail);
            self.rpos = self.rbuf.len();
        }
        false
    }

    /// Read to the end of the file.
    pub fn read_all(&mut self, out: &mut Vec<u8>) {
        while self.peek().is_some() {
            out.extend_from_slice(&self.rbuf[self.rpos..]);
            self.rpos = self.rbuf.len();
        }
    }

    /// `fseek` + `ftell`.
    pub fn seek(&mut self, pos: SeekFrom) -> io::Result<u64> {
        self.flush()?;
        let unread = (self.rbuf.len() - self.rpos) as i64;
        let pos = match pos {
            SeekFrom::Current(off) => SeekFrom::Current(off - unread),
            p => p,
        };
        let r = self.raw_seek(pos)?;
        self.rbuf.clear();
        self.rpos = 0;
        Ok(r)
    }

    /// `setvbuf`.
    pub fn set_vbuf(&mut self, mode: VBuf) -> io::Result<()> {
        match self.std_out() {
            Some(which) => crate::auxlib::std_setvbuf(which, mode),
            None => {
                let Stream { handle, w, .. } = self;
                w.setvbuf(mode, &mut |b| Self::raw_write(handle, b), &mut || FdInfo {
                    blksize: BUFSIZE,
                    tty: false,
                })
            }
        }
    }

    /// Close the stream according to its kind.
    pub fn close(&mut self) -> Closed {
        if self.close_kind == CloseKind::NoClose {
            return Closed::Refused;
        }
        let fl = self.flush();
        match self.handle.take() {
            Some(Handle::File(f)) => {
                drop(f);
                Closed::File(fl)
            }
            Some(Handle::PipeRead(mut child, out)) => {
                drop(out);
                Closed::Pipe(child.wait())
            }
            Some(Handle::PipeWrite(mut child, inp)) => {
                drop(inp);
                Closed::Pipe(child.wait())
            }
            Some(h @ Handle::Std(..)) => {
                self.handle = Some(h);
                Closed::Refused
            }
            None => Closed::File(Ok(())),
        }
    }
}
