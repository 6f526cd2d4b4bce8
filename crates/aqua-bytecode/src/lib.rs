//! aqua-bytecode (skeleton)
