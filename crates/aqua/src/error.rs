//! The embedding API's error type (`mlua::Error`-like) and its conversions to and from VM errors.
//!
//! Role: every fallible API call returns [`Result<T>`]. Errors coming out of the VM are turned
//! into [`Error`] by `Lua::error_from_vm` right when they arrive (before any other Lua code runs,
//! so the error value is still valid and gets pinned); errors returned by Rust callbacks are turned
//! back into Lua error values by `Lua::error_to_vm`.
//!
//! Invariants:
//! - a Lua error value that travels through Rust (Lua → Rust `call` → `Err` → callback returns it
//!   → Lua) is re-raised with its original value ([`Error::Lua`] keeps it pinned);
//! - `Display` prints what `lua5.4` would print after `lua5.4: ` for an uncaught error: the message,
//!   then `\nstack traceback:\n...` when the error has a traceback (lua.c's `msghandler`).
//!
//! Errors are not `Send`: [`Error::Lua`] holds a pinned handle into its (single-threaded) state.

use crate::value::Value;
use std::fmt;
use std::sync::Arc;

/// `std::result::Result` with the API's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

/// An error of the embedding API.
#[derive(Clone)]
pub enum Error {
    /// A syntax error from the compiler. `message` is Lua's full message
    /// (`chunk:line: ... near 'x'`); `incomplete_input` is true when the message ends in `<eof>`
    /// (what the REPL uses to ask for a continuation line).
    SyntaxError {
        message: String,
        incomplete_input: bool,
    },
    /// A runtime error raised by Rust code; it becomes a Lua string error with this message.
    RuntimeError(String),
    /// An error raised by Lua code (or by the VM) and caught by Rust.
    Lua {
        /// The message as lua.c's `msghandler` computes it: the string (or number) error value,
        /// the result of `__tostring`, or `(error object is a X value)`.
        message: String,
        /// `stack traceback:\n\t...` taken where the error was raised, when known (absent for
        /// error objects with a `__tostring` metamethod, as in lua.c).
        traceback: Option<String>,
        /// The original error value (re-raised unchanged when this error goes back to Lua).
        value: Value,
    },
    /// Memory allocation failed (`not enough memory`).
    MemoryError(String),
    /// An error while running a message handler (`error in error handling`).
    ErrorHandlerError(String),
    /// A file could not be read (`cannot open x.lua: No such file or directory`), as
    /// `luaL_loadfile` reports it.
    FileError(String),
    /// A Rust value could not be converted to a Lua value.
    ToLuaConversionError {
        from: &'static str,
        to: &'static str,
        message: Option<String>,
    },
    /// A Lua value could not be converted to the Rust type wanted.
    FromLuaConversionError {
        from: &'static str,
        to: &'static str,
        message: Option<String>,
    },
    /// Argument `pos` (1-based) of a Rust function called from Lua could not be converted.
    /// Raised into Lua as `bad argument #pos to 'name' (cause)`.
    BadArgument { pos: usize, cause: Box<Error> },
    /// A userdata is not of the Rust type expected.
    UserDataTypeMismatch,
    /// A userdata is already mutably borrowed.
    UserDataBorrowError,
    /// A userdata is already borrowed.
    UserDataBorrowMutError,
    /// A coroutine cannot be resumed (dead, running or normal).
    CoroutineUnresumable,
    /// A handle was used after its `Lua` was dropped.
    StateDropped,
    /// Any other Rust error, boxed.
    ExternalError(Arc<dyn std::error::Error + Send + Sync>),
}

impl Error {
    /// A runtime error with `msg` (convenience for callbacks).
    pub fn runtime<S: fmt::Display>(msg: S) -> Error {
        Error::RuntimeError(msg.to_string())
    }

    /// An error carrying a Lua value (raised into Lua unchanged, like `error(v)`).
    pub fn from_value(value: Value) -> Error {
        let message = match &value {
            Value::String(s) => s.to_string_lossy(),
            Value::Integer(i) => i.to_string(),
            Value::Number(n) => aqua_vm::number::fmt_float(*n),
            v => format!("(error object is a {} value)", v.type_name()),
        };
        Error::Lua {
            message,
            traceback: None,
            value,
        }
    }

    /// Wrap any Rust error.
    pub fn external<E: Into<Box<dyn std::error::Error + Send + Sync>>>(e: E) -> Error {
        Error::ExternalError(Arc::from(e.into()))
    }

    /// The message without traceback (what `pcall` would return for string errors).
    pub fn message(&self) -> String {
        match self {
            Error::Lua { message, .. } => message.clone(),
            e => e.to_string(),
        }
    }

    /// The traceback, when the error has one.
    pub fn traceback(&self) -> Option<&str> {
        match self {
            Error::Lua { traceback, .. } => traceback.as_deref(),
            _ => None,
        }
    }

    /// Is this a syntax error whose message ends in `<eof>` (incomplete input for a REPL)?
    pub fn is_incomplete_input(&self) -> bool {
        matches!(
            self,
            Error::SyntaxError {
                incomplete_input: true,
                ..
            }
        )
    }

    pub(crate) fn from_conversion(
        from: &'static str,
        to: &'static str,
        message: Option<String>,
    ) -> Error {
        Error::FromLuaConversionError { from, to, message }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::SyntaxError { message, .. } => f.write_str(message),
            Error::RuntimeError(m) | Error::MemoryError(m) | Error::ErrorHandlerError(m) => {
                f.write_str(m)
            }
            Error::FileError(m) => f.write_str(m),
            Error::Lua {
                message, traceback, ..
            } => {
                f.write_str(message)?;
                if let Some(tb) = traceback {
                    write!(f, "\n{tb}")?;
                }
                Ok(())
            }
            Error::ToLuaConversionError { from, to, message } => {
                write!(f, "error converting {from} to {to}")?;
                if let Some(m) = message {
                    write!(f, " ({m})")?;
                }
                Ok(())
            }
            Error::FromLuaConversionError { from, to, message } => {
                write!(f, "error converting Lua {from} to {to}")?;
                if let Some(m) = message {
                    write!(f, " ({m})")?;
                }
                Ok(())
            }
            Error::BadArgument { pos, cause } => {
                write!(f, "bad argument #{pos} ({})", cause.message())
            }
            Error::UserDataTypeMismatch => f.write_str("userdata is not expected type"),
            Error::UserDataBorrowError => f.write_str("userdata already mutably borrowed"),
            Error::UserDataBorrowMutError => f.write_str("userdata already borrowed"),
            Error::CoroutineUnresumable => f.write_str("coroutine is non-resumable"),
            Error::StateDropped => f.write_str("the Lua state was dropped"),
            Error::ExternalError(e) => write!(f, "{e}"),
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::SyntaxError {
                message,
                incomplete_input,
            } => f
                .debug_struct("SyntaxError")
                .field("message", message)
                .field("incomplete_input", incomplete_input)
                .finish(),
            Error::RuntimeError(m) => f.debug_tuple("RuntimeError").field(m).finish(),
            Error::Lua {
                message, traceback, ..
            } => f
                .debug_struct("Lua")
                .field("message", message)
                .field("traceback", traceback)
                .finish(),
            Error::MemoryError(m) => f.debug_tuple("MemoryError").field(m).finish(),
            Error::ErrorHandlerError(m) => f.debug_tuple("ErrorHandlerError").field(m).finish(),
            Error::FileError(m) => f.debug_tuple("FileError").field(m).finish(),
            Error::ToLuaConversionError { from, to, message } => f
                .debug_struct("ToLuaConversionError")
                .field("from", from)
                .field("to", to)
                .field("message", message)
                .finish(),
            Error::FromLuaConversionError { from, to, message } => f
                .debug_struct("FromLuaConversionError")
                .field("from", from)
                .field("to", to)
                .field("message", message)
                .finish(),
            Error::BadArgument { pos, cause } => f
                .debug_struct("BadArgument")
                .field("pos", pos)
                .field("cause", cause)
                .finish(),
            Error::UserDataTypeMismatch => f.write_str("UserDataTypeMismatch"),
            Error::UserDataBorrowError => f.write_str("UserDataBorrowError"),
            Error::UserDataBorrowMutError => f.write_str("UserDataBorrowMutError"),
            Error::CoroutineUnresumable => f.write_str("CoroutineUnresumable"),
            Error::StateDropped => f.write_str("StateDropped"),
            Error::ExternalError(e) => f.debug_tuple("ExternalError").field(e).finish(),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::BadArgument { cause, .. } => Some(&**cause),
            Error::ExternalError(e) => Some(&**e),
            _ => None,
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Error {
        Error::external(e)
    }
}

/// `into_lua_err()` for any Rust error (as mlua's `ExternalError`).
pub trait ExternalError {
    fn into_lua_err(self) -> Error;
}

impl<E: Into<Box<dyn std::error::Error + Send + Sync>>> ExternalError for E {
    fn into_lua_err(self) -> Error {
        Error::external(self)
    }
}

/// `.into_lua_err()` on results (as mlua's `ExternalResult`).
pub trait ExternalResult<T> {
    fn into_lua_err(self) -> Result<T>;
}

impl<T, E: ExternalError> ExternalResult<T> for std::result::Result<T, E> {
    fn into_lua_err(self) -> Result<T> {
        self.map_err(|e| e.into_lua_err())
    }
}
