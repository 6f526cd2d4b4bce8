//! aqua-compiler (skeleton)
