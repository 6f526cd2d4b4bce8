//! aqua-stdlib (skeleton)
