//! [`Chunk`]: a piece of Lua code to load and run (`lua.load(src)...`), and loading of files
//! with `luaL_loadfile`'s rules.
//!
//! Role: the builder collects the source (text or a binary chunk starting with `"\x1bLua"`), its
//! chunk name (lua_load's `chunkname`: `"=name"` shows as `name`, `"@file"` as `file`, anything
//! else as `[string "..."]`) and an optional mode, then compiles through the state's compiler hook
//! (or undumps a binary chunk) and runs it.
//!
//! Files (`lua.load(Path::new("x.lua"))`, `lua.load(std::io::stdin())`) are read as
//! `luaL_loadfilex` does: a UTF-8 BOM is skipped, a first line starting with `#` is dropped (its
//! newline kept so line numbers stay right), a binary chunk is detected after that; the chunk
//! name is `@path` (`=stdin` for standard input). A file that cannot be read is an
//! [`Error::FileError`] with lua's text (`cannot open x.lua: No such file or directory`).

use crate::conversion::{FromLuaMulti, IntoLuaMulti};
use crate::error::{Error, Result};
use crate::function::Function;
use crate::lua::Lua;
use std::borrow::Cow;
use std::io::Read;
use std::path::Path;

/// What kinds of chunk `load` accepts (lua_load's `mode`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChunkMode {
    /// Source text only (`"t"`).
    Text,
    /// Binary chunks only (`"b"`).
    Binary,
}

/// Something that can be loaded as a chunk: source text or bytes, a file path, standard input.
pub trait AsChunk<'a> {
    /// The chunk's bytes and its default name.
    fn source(self) -> (Result<Cow<'a, [u8]>>, Option<String>);
}

impl<'a> AsChunk<'a> for &'a str {
    fn source(self) -> (Result<Cow<'a, [u8]>>, Option<String>) {
        (Ok(Cow::Borrowed(self.as_bytes())), None)
    }
}

impl<'a> AsChunk<'a> for &'a String {
    fn source(self) -> (Result<Cow<'a, [u8]>>, Option<String>) {
        (Ok(Cow::Borrowed(self.as_bytes())), None)
    }
}

impl AsChunk<'static> for String {
    fn source(self) -> (Result<Cow<'static, [u8]>>, Option<String>) {
        (Ok(Cow::Owned(self.into_bytes())), None)
    }
}

impl<'a> AsChunk<'a> for &'a [u8] {
    fn source(self) -> (Result<Cow<'a, [u8]>>, Option<String>) {
        (Ok(Cow::Borrowed(self)), None)
    }
}

impl<'a> AsChunk<'a> for &'a Vec<u8> {
    fn source(self) -> (Result<Cow<'a, [u8]>>, Option<String>) {
        (Ok(Cow::Borrowed(self.as_slice())), None)
    }
}

impl AsChunk<'static> for Vec<u8> {
    fn source(self) -> (Result<Cow<'static, [u8]>>, Option<String>) {
        (Ok(Cow::Owned(self)), None)
    }
}

impl AsChunk<'static> for &Path {
    fn source(self) -> (Result<Cow<'static, [u8]>>, Option<String>) {
        let name = self.to_string_lossy().into_owned();
        (
            read_file(Some(self)).map(Cow::Owned),
            Some(format!("@{name}")),
        )
    }
}

impl AsChunk<'static> for std::path::PathBuf {
    fn source(self) -> (Result<Cow<'static, [u8]>>, Option<String>) {
        self.as_path().source()
    }
}

impl AsChunk<'static> for std::io::Stdin {
    fn source(self) -> (Result<Cow<'static, [u8]>>, Option<String>) {
        (read_file(None).map(Cow::Owned), Some("=stdin".to_string()))
    }
}

/// The text of an I/O error as C's `strerror` gives it (Rust appends ` (os error N)`).
pub(crate) fn strerror(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.rfind(" (os error ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// Read a chunk file (`None`: standard input) with `luaL_loadfilex`'s preprocessing.
fn read_file(path: Option<&Path>) -> Result<Vec<u8>> {
    let shown = path
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_else(|| "stdin".into());
    let mut data = Vec::new();
    match path {
        Some(p) => {
            let mut f = std::fs::File::open(p)
                .map_err(|e| Error::FileError(format!("cannot open {shown}: {}", strerror(&e))))?;
            f.read_to_end(&mut data)
                .map_err(|e| Error::FileError(format!("cannot read {shown}: {}", strerror(&e))))?;
        }
        None => {
            std::io::stdin()
                .lock()
                .read_to_end(&mut data)
                .map_err(|e| Error::FileError(format!("cannot read {shown}: {}", strerror(&e))))?;
        }
    }
    Ok(skip_prefix(data))
}

/// `skipcomment` of lauxlib.c: drop a UTF-8 BOM, and a first line starting with `#` (keeping its
/// newline unless a binary chunk follows).
pub fn skip_prefix(mut data: Vec<u8>) -> Vec<u8> {
    if data.starts_with(b"\xEF\xBB\xBF") {
        data.drain(..3);
    }
    if data.first() == Some(&b'#') {
        let nl = data.iter().position(|&b| b == b'\n');
        match nl {
            Some(i) => {
                let rest = &data[i + 1..];
                if rest.first() == Some(&0x1b) {
                    data.drain(..i + 1);
                } else {
                    data.drain(..i); // keep the '\n'
                }
            }
            None => data.clear(),
        }
    }
    data
}

/// A chunk being prepared: see the module docs.
pub struct Chunk<'a> {
    lua: Lua,
    source: Result<Cow<'a, [u8]>>,
    name: Option<Vec<u8>>,
    mode: Option<ChunkMode>,
    env: Option<crate::table::Table>,
    /// Compiler options for this chunk only (`None`: the state's compiler).
    compiler: Option<crate::lua::CompilerOptions>,
}

impl<'a> Chunk<'a> {
    pub(crate) fn new(lua: Lua, c: impl AsChunk<'a>) -> Chunk<'a> {
        let (source, name) = c.source();
        Chunk {
            lua,
            source,
            name: name.map(String::into_bytes),
            mode: None,
            env: None,
            compiler: None,
        }
    }

    /// Set the chunk name (lua_load's `chunkname`, used in messages and tracebacks).
    pub fn set_name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into().into_bytes());
        self
    }

    /// Accept only text or only binary chunks (default: both).
    pub fn set_mode(mut self, mode: ChunkMode) -> Self {
        self.mode = Some(mode);
        self
    }

    /// Use `env` as the chunk's `_ENV` (its first upvalue) instead of the globals table.
    pub fn set_environment(mut self, env: crate::table::Table) -> Self {
        self.env = Some(env);
        self
    }

    /// Compile this chunk (if it is source text) with `opts` instead of the state's compiler
    /// options (`Lua::set_compiler_options`).
    pub fn set_compiler_options(mut self, opts: crate::lua::CompilerOptions) -> Self {
        self.compiler = Some(opts);
        self
    }

    /// Compile this chunk with register allocator `allocator` (LIFO — luac's registers —, linear
    /// scan, colouring, ...), other options at their defaults.
    pub fn set_allocator(self, allocator: crate::lua::Allocator) -> Self {
        self.set_compiler_options(crate::lua::CompilerOptions::default().with_allocator(allocator))
    }

    fn chunkname(&self, src: &[u8]) -> Vec<u8> {
        match &self.name {
            Some(n) => n.clone(),
            None => src.to_vec(), // luaL_loadstring: the source is its own name
        }
    }

    fn load_bytes(&self, src: &[u8]) -> Result<Function> {
        let lua = &self.lua;
        let name = self.chunkname(src);
        let binary = src.first() == Some(&0x1b);
        let mode_err = |what: &str, m: &str| Error::SyntaxError {
            message: format!("attempt to load a {what} chunk (mode is '{m}')"),
            incomplete_input: false,
        };
        if binary {
            if self.mode == Some(ChunkMode::Text) {
                return Err(mode_err("binary", "t"));
            }
            match lua.st(|s| s.load_binary(src, &name)) {
                Ok(f) => Ok(Function(lua.make_ref(f))),
                Err(e) => Err(lua.error_from_vm(e)),
            }
        } else {
            if self.mode == Some(ChunkMode::Binary) {
                return Err(mode_err("text", "b"));
            }
            let loaded = match &self.compiler {
                None => lua.st(|s| s.load(src, &name)),
                Some(opts) => match aqua_compiler::compile_with(src, &name, opts) {
                    Ok(p) => lua.st(|s| s.load_proto(p)),
                    Err(e) => {
                        let msg = if e.line == 0 {
                            e.message.clone()
                        } else {
                            e.to_lua_message(&name)
                        };
                        lua.st(|s| {
                            let mut err = aqua_vm::LuaError::new(s.new_string(&msg));
                            err.kind = aqua_vm::ErrorKind::Syntax;
                            Err(err)
                        })
                    }
                },
            };
            match loaded {
                Ok(f) => Ok(Function(lua.make_ref(f))),
                Err(e) => Err(lua.error_from_vm(e)),
            }
        }
    }

    /// Compile (or undump) the chunk into a function without running it.
    pub fn into_function(self) -> Result<Function> {
        let f = match &self.source {
            Ok(src) => self.load_bytes(src)?,
            Err(e) => return Err(e.clone()),
        };
        if let Some(env) = &self.env {
            let lua = &self.lua;
            let (fv, ev) = (lua.ref_raw(&f.0)?, lua.ref_raw(&env.0)?);
            if lua.st(|s| s.upvalue_count(fv)) > 0 {
                lua.st(|s| s.set_upvalue(fv, 1, ev));
            }
        }
        Ok(f)
    }

    /// Run the chunk, discarding its results.
    pub fn exec(self) -> Result<()> {
        self.call::<()>(())
    }

    /// Run the chunk with `args` (its `...`) and convert its results.
    pub fn call<R: FromLuaMulti>(self, args: impl IntoLuaMulti) -> Result<R> {
        let f = self.into_function()?;
        f.call(args)
    }

    /// Evaluate the chunk as an expression (`return <src>`), falling back to running it as a
    /// block of statements (as the REPL does); convert the results.
    pub fn eval<R: FromLuaMulti>(self) -> Result<R> {
        let src = match &self.source {
            Ok(s) => s.clone(),
            Err(e) => return Err(e.clone()),
        };
        if src.first() != Some(&0x1b) {
            let mut expr = b"return ".to_vec();
            expr.extend_from_slice(&src);
            let name = self.chunkname(&src);
            let c = Chunk {
                lua: self.lua.clone(),
                source: Ok(Cow::Owned(expr)),
                name: Some(name),
                mode: self.mode,
                env: self.env.clone(),
                compiler: self.compiler,
            };
            if let Ok(f) = c.into_function() {
                return f.call(());
            }
        }
        self.call(())
    }
}
