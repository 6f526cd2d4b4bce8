//! aqua-syntax (skeleton)
