//! aqua (skeleton)
