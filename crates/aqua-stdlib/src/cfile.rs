//! The output side of a glibc `FILE`, modelled step for step, so that aqua emits its output in
//! the same pieces and at the same moments as `lua5.4` does through stdio.
//!
//! Role: `print`, `io.write`, file handles and the warning/error messages all write through a
//! [`CFile`]. What is observable of stdio buffering is *when* bytes reach the descriptor: with
//! stdout and stderr sent to one pipe, with a child (`os.execute`) writing to the same
//! descriptor, or with a second handle reading a file being written. To agree with lua5.4 byte
//! for byte there, this follows glibc's `libio` (`_IO_new_file_xsputn`, `_IO_default_xsputn`,
//! `_IO_new_file_overflow`, `new_do_write`, `_IO_setvbuf`, `_IO_file_doallocate`):
//! - the buffer is allocated at the first write: 1 byte when unbuffered, otherwise
//!   `st_blksize` when that is below `BUFSIZ` (8192), else `BUFSIZ`; a terminal becomes
//!   line-buffered then;
//! - a write that does not fit flushes the buffer, writes whole blocks directly and buffers the
//!   rest; a line-buffered write flushes through its last newline;
//! - `setvbuf(NULL, mode)` (what liolib calls) only changes flags for "full"/"line" — the size
//!   is ignored and an existing buffer is kept — while "no" flushes and switches to a 1-byte
//!   buffer, which stays in place if the mode is later changed back (so such a stream stays
//!   effectively unbuffered, as under glibc).
//!
//! Invariants: `pending.len() <= cap` once allocated; `wend` (glibc's `_IO_write_end` as an
//! offset from the buffer start) is `0` for line-buffered and unbuffered streams after a write
//! reached the descriptor, `cap` otherwise; a failed write drops what was pending (glibc resets
//! its pointers after a failed `write` too) and reports the error.

use std::io;

/// glibc's `BUFSIZ`.
pub const BUFSIZ: usize = 8192;

/// The `setvbuf` modes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum VBuf {
    No,
    Full,
    Line,
}

/// What `_IO_file_doallocate` learns from `fstat`: the block size and whether the descriptor
/// is a terminal.
#[derive(Clone, Copy, Debug)]
pub struct FdInfo {
    pub blksize: usize,
    pub tty: bool,
}

impl FdInfo {
    /// `fstat` + `isatty` of a descriptor (`BUFSIZ`, not a terminal, when it fails).
    pub fn of_fd(fd: i32) -> FdInfo {
        let mut info = FdInfo {
            blksize: BUFSIZ,
            tty: false,
        };
        // SAFETY: fstat writes into a zeroed stat buffer we own; isatty only reads the fd.
        unsafe {
            let mut st: libc::stat = std::mem::zeroed();
            if libc::fstat(fd, &mut st) == 0 {
                let bs = st.st_blksize as i64;
                if bs > 0 && (bs as usize) < BUFSIZ {
                    info.blksize = bs as usize;
                }
                if (st.st_mode & libc::S_IFMT) == libc::S_IFCHR && libc::isatty(fd) == 1 {
                    info.tty = true;
                }
            }
        }
        info
    }
}

/// The write state of one `FILE`.
#[derive(Debug)]
pub struct CFile {
    /// `_IO_write_base .. _IO_write_ptr`.
    pending: Vec<u8>,
    /// Size of the buffer (`None`: not allocated yet).
    cap: Option<usize>,
    /// `_IO_write_end - _IO_buf_base`.
    wend: usize,
    /// `_IO_CURRENTLY_PUTTING`.
    putting: bool,
    /// `_IO_LINE_BUF`.
    line: bool,
    /// `_IO_UNBUFFERED`.
    unbuf: bool,
    info: Option<FdInfo>,
}

impl CFile {
    /// A fully buffered stream (line-buffered if it turns out to be a terminal).
    pub const fn new() -> CFile {
        CFile {
            pending: Vec::new(),
            cap: None,
            wend: 0,
            putting: false,
            line: false,
            unbuf: false,
            info: None,
        }
    }

    /// An unbuffered stream (`stderr`).
    pub const fn unbuffered() -> CFile {
        let mut f = CFile::new();
        f.unbuf = true;
        f
    }

    /// Record the descriptor's `fstat` answers (otherwise asked through `info` at allocation).
    pub fn set_info(&mut self, info: FdInfo) {
        self.info = Some(info);
    }

    /// The current mode as `setvbuf` would name it.
    pub fn mode(&self) -> VBuf {
        if self.unbuf {
            VBuf::No
        } else if self.line {
            VBuf::Line
        } else {
            VBuf::Full
        }
    }

    /// Whether the stream is line-buffered or unbuffered (glibc flushes a line-buffered stdout
    /// before reading such a stream).
    pub fn is_interactive(&self) -> bool {
        self.unbuf || self.line
    }

    /// Whether the stream is line-buffered, allocating (and so classifying) it as glibc would
    /// when asked about stdout before reading a terminal.
    pub fn is_line_buffered(&self) -> bool {
        self.line
    }

    /// Whether bytes wait in the buffer.
    pub fn has_pending(&self) -> bool {
        !self.pending.is_empty()
    }

    /// Drop the pending bytes without writing them (a stream that is being discarded).
    pub fn discard(&mut self) {
        self.pending.clear();
    }

    /// `_IO_doallocbuf`.
    fn alloc(&mut self, info: &mut dyn FnMut() -> FdInfo) {
        if self.cap.is_some() {
            return;
        }
        if self.unbuf {
            self.cap = Some(1);
        } else {
            self.doallocate(info);
        }
    }

    /// `_IO_file_doallocate`.
    fn doallocate(&mut self, info: &mut dyn FnMut() -> FdInfo) {
        let i = match self.info {
            Some(i) => i,
            None => {
                let i = info();
                self.info = Some(i);
                i
            }
        };
        if i.tty {
            self.line = true;
        }
        self.cap = Some(i.blksize.max(1));
    }

    fn cap(&self) -> usize {
        self.cap.unwrap_or(1)
    }

    fn reset_end(&mut self) {
        self.wend = if self.line || self.unbuf {
            0
        } else {
            self.cap()
        };
    }

    /// `new_do_write`: the bytes reach the descriptor, the buffer pointers are reset.
    fn do_write(
        &mut self,
        data: &[u8],
        sink: &mut dyn FnMut(&[u8]) -> io::Result<()>,
    ) -> io::Result<()> {
        let r = sink(data);
        self.reset_end();
        r
    }

    /// Write out `pending` (`_IO_do_write` of the buffer); nothing happens when it is empty.
    fn write_pending(&mut self, sink: &mut dyn FnMut(&[u8]) -> io::Result<()>) -> io::Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let data = std::mem::take(&mut self.pending);
        let r = self.do_write(&data, sink);
        let mut data = data;
        data.clear();
        self.pending = data;
        r
    }

    /// `_IO_new_file_overflow(f, ch)`.
    fn overflow(
        &mut self,
        ch: Option<u8>,
        sink: &mut dyn FnMut(&[u8]) -> io::Result<()>,
        info: &mut dyn FnMut() -> FdInfo,
    ) -> io::Result<()> {
        if !self.putting || self.cap.is_none() {
            self.alloc(info);
            self.wend = self.cap();
            self.putting = true;
            if self.line || self.unbuf {
                self.wend = self.pending.len();
            }
        }
        match ch {
            None => self.write_pending(sink),
            Some(c) => {
                if self.pending.len() >= self.cap() {
                    self.write_pending(sink)?;
                }
                self.pending.push(c);
                if self.unbuf || (self.line && c == b'\n') {
                    self.write_pending(sink)?;
                }
                Ok(())
            }
        }
    }

    /// `_IO_default_xsputn`.
    fn default_xsputn(
        &mut self,
        mut s: &[u8],
        sink: &mut dyn FnMut(&[u8]) -> io::Result<()>,
        info: &mut dyn FnMut() -> FdInfo,
    ) -> io::Result<()> {
        loop {
            let space = self.wend.saturating_sub(self.pending.len());
            if space > 0 {
                let n = space.min(s.len());
                self.pending.extend_from_slice(&s[..n]);
                s = &s[n..];
            }
            let Some((&c, rest)) = s.split_first() else {
                return Ok(());
            };
            s = rest;
            self.overflow(Some(c), sink, info)?;
        }
    }

    /// `fwrite` (`_IO_new_file_xsputn`): `sink` receives every piece that reaches the
    /// descriptor, `info` is asked for the descriptor's properties when the buffer is
    /// allocated.
    pub fn write(
        &mut self,
        data: &[u8],
        sink: &mut dyn FnMut(&[u8]) -> io::Result<()>,
        info: &mut dyn FnMut() -> FdInfo,
    ) -> io::Result<()> {
        let n = data.len();
        if n == 0 {
            return Ok(());
        }
        let mut s = data;
        let mut must_flush = false;
        let mut count = 0;
        if self.line && self.putting {
            count = self.cap().saturating_sub(self.pending.len());
            if count >= n {
                if let Some(p) = data.iter().rposition(|&c| c == b'\n') {
                    count = p + 1;
                    must_flush = true;
                }
            }
        } else if self.wend > self.pending.len() {
            count = self.wend - self.pending.len();
        }
        if count > 0 {
            let c = count.min(s.len());
            self.pending.extend_from_slice(&s[..c]);
            s = &s[c..];
        }
        if !s.is_empty() || must_flush {
            self.overflow(None, sink, info)?;
            let block = self.cap();
            let to_do = s.len();
            let direct = to_do - if block >= 128 { to_do % block } else { 0 };
            if direct > 0 {
                self.do_write(&s[..direct], sink)?;
            }
            if direct < to_do {
                self.default_xsputn(&s[direct..], sink, info)?;
            }
        }
        Ok(())
    }

    /// `fflush` (`_IO_new_file_sync` of the write side).
    pub fn flush(&mut self, sink: &mut dyn FnMut(&[u8]) -> io::Result<()>) -> io::Result<()> {
        self.write_pending(sink)
    }

    /// `setvbuf(f, NULL, mode, size)`: the size is ignored, as glibc does without a buffer.
    pub fn setvbuf(
        &mut self,
        mode: VBuf,
        sink: &mut dyn FnMut(&[u8]) -> io::Result<()>,
        info: &mut dyn FnMut() -> FdInfo,
    ) -> io::Result<()> {
        match mode {
            VBuf::Full => {
                self.line = false;
                self.unbuf = false;
                if self.cap.is_none() {
                    self.doallocate(info);
                    self.line = false;
                }
                Ok(())
            }
            VBuf::Line => {
                self.unbuf = false;
                self.line = true;
                Ok(())
            }
            VBuf::No => {
                self.line = false;
                self.unbuf = true;
                // _IO_SETBUF(fp, NULL, 0): sync, then the 1-byte buffer
                let r = self.write_pending(sink);
                self.pending.clear();
                self.cap = Some(1);
                self.wend = 0;
                r
            }
        }
    }
}

impl Default for CFile {
    fn default() -> Self {
        CFile::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs writes (Ok) and markers (Err: a byte written to "stderr" at that moment) through a
    /// CFile and returns what the descriptor saw, markers included.
    fn run(f: &mut CFile, info: FdInfo, steps: &[Result<&[u8], u8>]) -> Vec<u8> {
        let mut out = Vec::new();
        for s in steps {
            match s {
                Ok(d) => {
                    let mut sink = |b: &[u8]| {
                        out.extend_from_slice(b);
                        Ok(())
                    };
                    f.write(d, &mut sink, &mut || info).unwrap();
                }
                Err(m) => out.push(*m),
            }
        }
        out
    }

    const PIPE: FdInfo = FdInfo {
        blksize: 4096,
        tty: false,
    };

    #[test]
    fn full_buffer_writes_whole_blocks_then_buffers() {
        // what lua5.4 prints for io.write(a*5000) E io.write(b*3000) F io.write(c*300) G
        let a = vec![b'a'; 5000];
        let b = vec![b'b'; 3000];
        let c = vec![b'c'; 300];
        let mut f = CFile::new();
        let out = run(
            &mut f,
            PIPE,
            &[Ok(&a), Err(b'E'), Ok(&b), Err(b'F'), Ok(&c), Err(b'G')],
        );
        let mut want = vec![b'a'; 4096];
        want.extend_from_slice(b"EF");
        want.extend_from_slice(&[b'a'; 904]);
        want.extend_from_slice(&b);
        want.extend_from_slice(&[b'c'; 192]);
        want.push(b'G');
        assert_eq!(out, want);
        assert_eq!(f.pending.len(), 108);
    }

    #[test]
    fn unbuffered_then_line_stays_unbuffered() {
        let mut f = CFile::new();
        let mut sink = |_: &[u8]| Ok(());
        f.setvbuf(VBuf::No, &mut sink, &mut || PIPE).unwrap();
        f.setvbuf(VBuf::Line, &mut sink, &mut || PIPE).unwrap();
        let out = run(&mut f, PIPE, &[Ok(b"w3"), Err(b'E')]);
        assert_eq!(out, b"w3E");
    }

    #[test]
    fn line_buffer_flushes_through_last_newline() {
        let mut f = CFile::new();
        let mut sink = |_: &[u8]| Ok(());
        f.setvbuf(VBuf::Line, &mut sink, &mut || PIPE).unwrap();
        let out = run(
            &mut f,
            PIPE,
            &[Ok(b"a\nb"), Err(b'E'), Ok(b"c\nd\ne"), Err(b'F')],
        );
        assert_eq!(out, b"a\nEbc\nd\nF");
    }
}
